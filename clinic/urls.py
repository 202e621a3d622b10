from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("", include("intake.urls")),
]

handler404 = "intake.views.page_not_found"
handler500 = "intake.views.server_error"
handler403 = "intake.views.permission_denied"
