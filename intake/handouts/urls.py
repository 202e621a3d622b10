from django.urls import path

from intake.handouts import views

urlpatterns = [
    path("staff/exercises/", views.exercise_list, name="exercise_list"),
    path("staff/exercises/new/", views.exercise_edit, name="exercise_new"),
    path("staff/exercises/<int:exercise_id>/", views.exercise_detail, name="exercise_detail"),
    path("staff/exercises/<int:exercise_id>/edit/", views.exercise_edit, name="exercise_edit"),
    path("staff/clients/<int:client_id>/handouts/", views.client_handouts, name="client_handouts"),
    path("staff/clients/<int:client_id>/handouts/new/", views.handout_new, name="handout_new"),
    path(
        "staff/clients/<int:client_id>/handouts/compose/",
        views.handout_compose_new,
        name="handout_compose_new",
    ),
    path("staff/handouts/<int:handout_id>/", views.handout_compose, name="handout_compose"),
    path(
        "staff/handouts/<int:handout_id>/preview/",
        views.handout_preview,
        name="handout_preview",
    ),
    path("staff/handouts/<int:handout_id>/assign/", views.handout_assign, name="handout_assign"),
    path("staff/handouts/<int:handout_id>/pdf/", views.handout_pdf, name="handout_pdf"),
    path("me/handouts/<int:handout_id>/", views.client_handout, name="client_handout"),
    path("me/handouts/<int:handout_id>/pdf/", views.client_handout_pdf, name="client_handout_pdf"),
]
