from django.urls import path

from intake.fhir import views

urlpatterns = [
    path("fhir/Questionnaire/intake", views.intake_questionnaire, name="fhir_questionnaire"),
    path(
        "staff/clients/<int:client_id>/record.fhir.json",
        views.client_bundle_download,
        name="fhir_client_bundle",
    ),
    path("me/record.fhir.json", views.my_bundle, name="fhir_my_bundle"),
    path("me/documents.zip", views.my_pdfs, name="fhir_my_pdfs"),
    path("staff/office/export/", views.clinic_export, name="fhir_clinic_export"),
    path(
        "staff/office/export/<str:resource_type>.ndjson",
        views.clinic_export_ndjson,
        name="fhir_clinic_export_ndjson",
    ),
]
