from django.urls import path

from intake.invitations import views

urlpatterns = [
    path("invite/<str:token>/", views.invitation_open, name="invitation_open"),
    path("staff/invitations/", views.invitation_list, name="invitation_list"),
    path("staff/invitations/new/", views.invitation_new, name="invitation_new"),
    path(
        "staff/invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "staff/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "staff/clients/<int:client_id>/intake-access/",
        views.client_access,
        name="client_intake_access",
    ),
    path("staff/clients/<int:client_id>/invite/", views.client_invite, name="client_invite"),
]
