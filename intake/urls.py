from django.urls import include, path

from intake import languages, views

urlpatterns = [
    path("", views.home, name="home"),
    path("ping", views.ping, name="ping"),
    path("language/", languages.set_language, name="set_language"),
    path("me/", views.client_home, name="client_home"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/office/", views.admin_home, name="admin_home"),
    # Capabilities
    path("accounts/", include("intake.accounts.urls")),
    path("", include("intake.submissions.urls")),
    path("", include("intake.me.urls")),
    path("", include("intake.clients.urls")),
    path("", include("intake.notes.urls")),
    path("", include("intake.outcomes.urls")),
    path("", include("intake.questions.urls")),
    path("", include("intake.handouts.urls")),
    path("", include("intake.referrals.urls")),
    path("", include("intake.audit.urls")),
    path("", include("intake.fhir.urls")),
    path("", include("intake.invitations.urls")),
    path("", include("intake.kiosk.urls")),
]
