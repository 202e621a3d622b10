from django.contrib.auth import views as auth_views
from django.urls import include, path

from intake import views
from intake.accounts import views as account_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("me/", views.client_home, name="client_home"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/office/", views.admin_home, name="admin_home"),
    # Accounts
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", account_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Capabilities
    path("", include("intake.submissions.urls")),
    path("", include("intake.clients.urls")),
    path("", include("intake.notes.urls")),
    path("", include("intake.handouts.urls")),
    path("", include("intake.referrals.urls")),
    path("", include("intake.audit.urls")),
]
