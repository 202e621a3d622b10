from django.urls import path

from intake.outcomes import views

urlpatterns = [
    path("staff/outcomes/", views.clinic_outcomes, name="clinic_outcomes"),
]
