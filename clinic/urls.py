from django.contrib import admin
from django.urls import include, path

from intake import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("healthz/live", health.liveness, name="healthz_live"),
    path("django-admin/", admin.site.urls),
    path("", include("intake.urls")),
]

handler404 = "intake.views.page_not_found"
handler500 = "intake.health.server_error"  # 503 when a shared service is out
handler403 = "intake.views.permission_denied"
