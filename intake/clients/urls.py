from django.urls import path

from intake.clients import views

urlpatterns = [
    path("staff/clients/", views.client_search, name="client_search"),
    path("staff/clients/<int:client_id>/", views.client_chart, name="client_chart"),
    path(
        "staff/clients/<int:client_id>/outcomes.csv",
        views.client_outcomes_csv,
        name="client_outcomes_csv",
    ),
    path(
        "staff/intakes/<int:intake_id>/follow-up/", views.safety_follow_up, name="safety_follow_up"
    ),
]
