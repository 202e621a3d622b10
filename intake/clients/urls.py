from django.urls import path

from intake.clients import views

urlpatterns = [
    path("staff/clients/", views.client_search, name="client_search"),
    path("staff/clients/<int:client_id>/", views.client_chart, name="client_chart"),
]
