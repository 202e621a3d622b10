from django.urls import path

from intake.notes import views

urlpatterns = [
    path("staff/clients/<int:client_id>/notes/new/", views.note_new, name="note_new"),
    path("staff/clients/<int:client_id>/notes/pdf/", views.notes_range_pdf, name="notes_range_pdf"),
    path("staff/notes/<int:note_id>/", views.note_detail, name="note_detail"),
    path("staff/notes/<int:note_id>/edit/", views.note_edit, name="note_edit"),
    path("staff/notes/<int:note_id>/sign/", views.note_sign, name="note_sign"),
    path("staff/notes/<int:note_id>/addendum/", views.note_addendum, name="note_addendum"),
    path("staff/notes/<int:note_id>/pdf/", views.note_pdf, name="note_pdf"),
]
