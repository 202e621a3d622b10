from django.urls import path

from intake.audit import views

urlpatterns = [
    path("staff/audit/", views.audit_log, name="audit_log"),
    path("staff/audit/export.csv", views.audit_export, name="audit_export"),
]
