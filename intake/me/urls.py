from django.urls import path

from intake.me import views

urlpatterns = [
    path("me/visits/<int:note_id>/", views.my_note, name="my_note"),
    path("me/intakes/<int:intake_id>/pdf/", views.my_intake_pdf, name="my_intake_pdf"),
]
