from django.urls import path

from intake.submissions import views

urlpatterns = [
    path("intake/", views.intake_start, name="intake_start"),
    path("intake/<int:intake_id>/step/<int:step>/", views.intake_step, name="intake_step"),
    path("intake/<int:intake_id>/done/", views.intake_done, name="intake_done"),
    path("me/intakes/", views.my_intakes, name="my_intakes"),
    path("me/intakes/<int:intake_id>/", views.my_intake_summary, name="my_intake_summary"),
    path("staff/intakes/", views.staff_intakes, name="staff_intakes"),
    path("staff/intakes/<int:intake_id>/", views.intake_summary, name="intake_summary"),
    # Issue 15: the blank paper form, and staff typing one in for the client
    path("staff/intakes/blank-form.pdf", views.intake_blank_form, name="intake_blank_form"),
    path(
        "staff/clients/<int:client_id>/paper-intake/",
        views.staff_entry_start,
        name="staff_entry_start",
    ),
    path(
        "staff/intakes/<int:intake_id>/enter/<int:step>/",
        views.staff_entry_step,
        name="staff_entry_step",
    ),
]
