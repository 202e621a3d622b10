from django.urls import path

from intake.kiosk import staff_views, views

urlpatterns = [
    path("kiosk/", views.kiosk_start, name="kiosk_start"),
    path("kiosk/begin/", views.kiosk_begin, name="kiosk_begin"),
    path("kiosk/intake/<int:step>/", views.kiosk_step, name="kiosk_step"),
    path("kiosk/done/", views.kiosk_done, name="kiosk_done"),
    path("kiosk/reset/", views.kiosk_reset, name="kiosk_reset"),
    path("kiosk/status/", views.kiosk_status, name="kiosk_status"),
    path("kiosk/exit/", views.kiosk_exit, name="kiosk_exit"),
    path("staff/kiosks/", staff_views.kiosk_list, name="kiosk_list"),
    path("staff/kiosks/open/", staff_views.kiosk_open, name="kiosk_open"),
    path("staff/kiosks/<int:kiosk_id>/close/", staff_views.kiosk_close, name="kiosk_close"),
    path("staff/clients/<int:client_id>/send-to-kiosk/", staff_views.kiosk_send, name="kiosk_send"),
    path(
        "staff/clients/<int:client_id>/arrival-code/",
        staff_views.arrival_code_new,
        name="arrival_code_new",
    ),
]
