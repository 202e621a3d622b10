from django.urls import path

from intake.questions import views

urlpatterns = [
    path("staff/questions/", views.clinic_questions, name="clinic_questions"),
    path("staff/questions/new/", views.question_new, name="question_new"),
    path("staff/questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path("staff/questions/<int:question_id>/move/", views.question_move, name="question_move"),
    path(
        "staff/questions/<int:question_id>/retire/", views.question_retire, name="question_retire"
    ),
    path(
        "staff/questions/<int:question_id>/restore/",
        views.question_restore,
        name="question_restore",
    ),
]
