from django.urls import path

from intake.accounts import two_factor_views
from intake.audit import views

urlpatterns = [
    path("staff/audit/", views.audit_log, name="audit_log"),
    path("staff/audit/export.csv", views.audit_export, name="audit_export"),
    path("staff/audit/review/", views.audit_review, name="audit_review"),
    path("staff/audit/review/export.csv", views.audit_review_export, name="audit_review_export"),
    # The office's other security page: who uses two-factor sign-in, and resetting a device.
    path("staff/two-factor/", two_factor_views.staff_two_factor, name="staff_two_factor"),
    path(
        "staff/two-factor/<int:user_id>/reset/",
        two_factor_views.staff_two_factor_reset,
        name="staff_two_factor_reset",
    ),
]
