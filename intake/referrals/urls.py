from django.urls import path

from intake.referrals import physician_views, views

urlpatterns = [
    path("staff/referrals/", views.referral_list, name="referral_list"),
    path("staff/referrals/export.csv", views.referral_export_csv, name="referral_export_csv"),
    path("staff/referrals/dashboard/", views.referral_dashboard, name="referral_dashboard"),
    path("staff/referrals/new/", views.referral_new, name="referral_new"),
    path(
        "staff/referrals/from-intake/<int:intake_id>/",
        views.referral_from_intake,
        name="referral_from_intake",
    ),
    path("staff/referrals/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("staff/referrals/<int:referral_id>/edit/", views.referral_edit, name="referral_edit"),
    path(
        "staff/referrals/<int:referral_id>/status/",
        views.referral_transition,
        name="referral_transition",
    ),
    path(
        "staff/referrals/<int:referral_id>/documents/",
        views.referral_document_upload,
        name="referral_document_upload",
    ),
    # One view, two addresses: the office's, and the one the intake summary and the client use.
    path(
        "staff/referrals/documents/<int:document_id>/",
        views.referral_document,
        name="referral_document_download",
    ),
    path("intake/documents/<int:document_id>/", views.referral_document, name="intake_document"),
    path(
        "staff/referrals/<int:referral_id>/letter/",
        views.referral_letter_pdf,
        name="referral_letter_pdf",
    ),
    path(
        "staff/referrals/<int:referral_id>/progress-report/",
        views.progress_report_pdf,
        name="progress_report_pdf",
    ),
    path("staff/physicians/", physician_views.physician_list, name="physician_list"),
    path("staff/physicians/new/", physician_views.physician_new, name="physician_new"),
    path(
        "staff/physicians/<int:physician_id>/",
        physician_views.physician_detail,
        name="physician_detail",
    ),
    path(
        "staff/physicians/<int:physician_id>/edit/",
        physician_views.physician_edit,
        name="physician_edit",
    ),
    path(
        "staff/physicians/<int:physician_id>/merge/",
        physician_views.physician_merge,
        name="physician_merge",
    ),
]
