"""Two-factor sign-in: staff enrol with a QR code, then give a code after their password; a wrong,
replayed or used code is refused and counts toward the lockout; recovery codes are shown once;
an admin resets another person's authenticator (audited); enrolment and a reset end sessions."""

import re

import pytest
from axes.models import AccessAttempt
from django.test import Client as HttpClient
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.audit.models import AuditEvent
from tests.conftest import PASSWORD, plain_force_login, totp_code, verified_device

LOGIN = "/accounts/login/"
VERIFY = "/accounts/two-factor/"
ENROL = "/accounts/two-factor/enrol/"
CODES = "/accounts/two-factor/recovery-codes/"
IP = "198.51.100.7"


@pytest.fixture(autouse=True)
def _no_device_throttle(settings):
    """django-otp pauses a device for 1 s, 2 s, 4 s… after each wrong code; the tests that show
    it turn it back on."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def password_login(user, http: HttpClient | None = None, next_url: str = "") -> HttpClient:
    http = http or HttpClient(REMOTE_ADDR=IP)
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = http.post(LOGIN, data, REMOTE_ADDR=IP)
    assert response.status_code == 302, response.content[:500]
    return http


def send_code(http: HttpClient, code: str, next_url: str = "/"):
    return http.post(VERIFY, {"code": code, "next": next_url}, REMOTE_ADDR=IP)


def enrol(http: HttpClient, user) -> list[str]:
    """Enrol through the page; return the recovery codes shown."""
    http.get(ENROL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = http.post(ENROL, {"code": totp_code(device), "next": "/staff/"})
    assert response.status_code == 200
    return re.findall(r"<li class=\"col\">([a-z2-7]{8})</li>", response.content.decode())


# ------------------------------------------------------------------ enrolment


def test_it_sends_staff_without_a_device_to_enrolment(therapist):
    http = password_login(therapist, next_url="/staff/intakes/")
    assert http.get("/staff/")["Location"] == f"{ENROL}?next=%2Fstaff%2F"
    assert http.post("/staff/kiosks/open/", {"name": "x"})["Location"] == ENROL
    assert http.get("/staff/audit/")["Location"].startswith(ENROL)
    assert DEVICE_ID_SESSION_KEY not in http.session


def test_it_shows_a_qr_code_and_the_key_to_type(therapist):
    http = password_login(therapist)
    body = http.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=therapist, confirmed=False)
    assert 'data-testid="enrol-qr"' in body and body.count('fill="#000"') > 50
    typed = re.search(r'data-testid="enrol-secret">([A-Z2-7 ]+)<', body)[1].replace(" ", "")
    from base64 import b32encode

    assert typed == b32encode(device.bin_key).decode()
    assert http.get(ENROL).content.decode().count('fill="#000"') == body.count('fill="#000"')
    assert TOTPDevice.objects.filter(user=therapist).count() == 1  # the same device, not another


def test_it_refuses_a_wrong_enrolment_code(therapist):
    http = password_login(therapist)
    http.get(ENROL)
    response = http.post(ENROL, {"code": "000000"})
    assert "That code is not right" in response.content.decode()
    response = http.post(ENROL, {"code": "<script>"})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=therapist, confirmed=True).exists()
    assert http.get("/staff/")["Location"].startswith(ENROL)


def test_it_enrols_shows_recovery_codes_once_and_ends_other_sessions(therapist):
    earlier = HttpClient()
    plain_force_login(earlier, therapist)  # a session from before enrolment
    assert earlier.get("/staff/")["Location"].startswith(ENROL)
    http = password_login(therapist)
    codes = enrol(http, therapist)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert http.get("/staff/").status_code == 200  # this session passed the second factor
    assert earlier.get("/staff/")["Location"].startswith(LOGIN)  # the earlier one ended
    assert TOTPDevice.objects.get(user=therapist).confirmed
    assert StaticToken.objects.filter(device__user=therapist).count() == 10
    assert AuditEvent.objects.filter(user=therapist, detail="two-factor enrolled").count() == 1
    # Shown once: the page now offers new codes, never these
    status = http.get(ENROL).content.decode()
    assert "Two-factor sign-in is on" in status
    assert not any(code in status for code in codes)


def test_it_sends_enrolled_staff_to_the_code_not_to_a_new_enrolment(therapist):
    verified_device(therapist)
    http = password_login(therapist)
    assert http.get(ENROL)["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=therapist).count() == 1


# ------------------------------------------------------------------ the code after the password


def test_it_asks_enrolled_staff_for_a_code_and_lets_the_right_one_in(therapist):
    device = verified_device(therapist)
    http = password_login(therapist, next_url="/staff/intakes/")
    assert http.get("/staff/")["Location"] == f"{VERIFY}?next=%2Fstaff%2F"
    response = send_code(http, totp_code(device), next_url="/staff/intakes/")
    assert response["Location"] == "/staff/intakes/"
    assert http.get("/staff/").status_code == 200
    event = AuditEvent.objects.filter(user=therapist, action="login").order_by("-id").first()
    assert event.detail == "second factor: authenticator"


def test_it_refuses_a_wrong_code_and_audits_it(therapist):
    verified_device(therapist)
    http = password_login(therapist)
    response = send_code(http, "123456")
    assert response.status_code == 200
    assert "That code is wrong, or was used already" in response.content.decode()
    assert http.get("/staff/")["Location"].startswith(VERIFY)
    failed = AuditEvent.objects.get(user=therapist, action="login-failed")
    assert failed.detail == "second factor refused" and "123456" not in failed.detail
    assert AccessAttempt.objects.get(username=therapist.email).failures_since_start == 1


def test_it_refuses_a_replayed_code(therapist):
    device = verified_device(therapist)
    code = totp_code(device)
    first = password_login(therapist)
    assert send_code(first, code).status_code == 302
    second = password_login(therapist)
    response = send_code(second, code)
    assert "was used already" in response.content.decode()
    assert second.get("/staff/")["Location"].startswith(VERIFY)


def test_it_accepts_a_recovery_code_once(therapist):
    verified_device(therapist)
    http = password_login(therapist)
    from intake.accounts.two_factor import new_recovery_codes

    codes = new_recovery_codes(therapist)
    response = send_code(http, codes[0].upper())  # as read off paper: case does not matter
    assert response.status_code == 302
    assert http.get("/staff/").status_code == 200
    event = AuditEvent.objects.filter(user=therapist, action="login").order_by("-id").first()
    assert event.detail == "second factor: recovery code"
    again = password_login(therapist)
    refused = send_code(again, codes[0])
    assert "That recovery code is wrong, or was used already" in refused.content.decode()
    assert StaticToken.objects.filter(device__user=therapist).count() == 9


def test_new_recovery_codes_replace_the_old_ones(therapist_http, therapist):
    from intake.accounts.two_factor import new_recovery_codes

    old = new_recovery_codes(therapist)
    response = therapist_http.post(CODES)
    new = re.findall(r"<li class=\"col\">([a-z2-7]{8})</li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert StaticDevice.objects.filter(user=therapist).count() == 1
    http = password_login(therapist)
    assert "wrong, or was used" in send_code(http, old[1]).content.decode()
    assert send_code(http, new[1]).status_code == 302
    assert AuditEvent.objects.filter(user=therapist, detail="new recovery codes").exists()


def test_it_locks_out_after_too_many_wrong_codes(settings, therapist):
    settings.AXES_FAILURE_LIMIT = 3
    device = verified_device(therapist)
    http = password_login(therapist)
    for _ in range(2):
        assert send_code(http, "000000").status_code == 200
    locked = send_code(http, "000000")
    assert locked.status_code == 429
    assert "_auth_user_id" not in http.session  # logged out
    # The password alone no longer opens a session, nor does the right code
    response = HttpClient().post(
        LOGIN, {"username": therapist.email, "password": PASSWORD}, REMOTE_ADDR=IP
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in http.session
    assert send_code(http, totp_code(device))["Location"].startswith(LOGIN)


def test_a_device_pauses_after_a_wrong_code(settings, therapist):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = verified_device(therapist)
    http = password_login(therapist)
    send_code(http, "000000")
    response = send_code(http, totp_code(device))
    assert "Too many wrong codes: this device is paused until" in response.content.decode()
    assert http.get("/staff/")["Location"].startswith(VERIFY)


def test_enrolment_pauses_after_a_wrong_code(settings, therapist):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    http = password_login(therapist)
    http.get(ENROL)
    http.post(ENROL, {"code": "000000"})
    device = TOTPDevice.objects.get(user=therapist)
    response = http.post(ENROL, {"code": totp_code(device)})
    assert "Too many wrong codes: wait a few seconds" in response.content.decode()
    assert not TOTPDevice.objects.get(user=therapist).confirmed


def test_it_goes_nowhere_off_site_after_the_code(therapist):
    device = verified_device(therapist)
    http = password_login(therapist)
    assert send_code(http, totp_code(device), next_url="https://evil.example/")["Location"] == "/"


def test_clients_need_no_second_factor_unless_the_clinic_says_so(settings, alice):
    http = password_login(alice.user)
    assert http.get("/me/").status_code == 200
    assert http.get(ENROL)["Location"] == "/"  # nothing to set up
    assert not TOTPDevice.objects.filter(user=alice.user).exists()
    settings.REQUIRE_2FA_FOR_CLIENTS = True
    http = password_login(alice.user)
    assert http.get("/me/")["Location"] == f"{ENROL}?next=%2Fme%2F"
    enrol(http, alice.user)
    assert http.get("/me/").status_code == 200


def test_the_code_pages_refuse_other_methods_and_anonymous_visitors(client, db):
    assert client.get(VERIFY)["Location"].startswith(LOGIN)
    assert client.get(ENROL)["Location"].startswith(LOGIN)
    assert client.post(CODES)["Location"].startswith(LOGIN)
    assert client.put(VERIFY).status_code == 405


# ------------------------------------------------------------------ admin reset


def test_an_admin_resets_a_therapists_device_and_ends_their_sessions(
    admin_http, therapist_http, therapist, admin_user
):
    assert therapist_http.get("/staff/").status_code == 200
    response = admin_http.post(f"/staff/two-factor/{therapist.pk}/reset/")
    assert response["Location"] == "/staff/two-factor/"
    assert not TOTPDevice.objects.filter(user=therapist).exists()
    assert therapist_http.get("/staff/")["Location"].startswith(LOGIN)
    event = AuditEvent.objects.get(detail="two-factor device reset")
    assert (event.user, event.object_type, event.object_id) == (
        admin_user,
        "user",
        str(therapist.pk),
    )
    http = password_login(therapist)  # their next log-in enrols again
    assert http.get("/staff/")["Location"].startswith(ENROL)


def test_the_staff_page_lists_who_has_set_it_up(admin_http, therapist_http, therapist2):
    body = admin_http.get("/staff/two-factor/").content.decode()
    assert body.count('data-testid="two-factor-row"') == 3  # the admin and two therapists
    assert "Set up" in body and "Not yet" in body


def test_an_admin_cannot_reset_their_own_device_here(admin_http, admin_user):
    assert admin_http.post(f"/staff/two-factor/{admin_user.pk}/reset/").status_code == 403
    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_the_reset_refuses_get_and_others(admin_http, therapist_http, therapist, admin_user):
    url = f"/staff/two-factor/{admin_user.pk}/reset/"
    assert admin_http.get(f"/staff/two-factor/{therapist.pk}/reset/").status_code == 405
    assert therapist_http.post(url).status_code == 403
    assert admin_http.post("/staff/two-factor/999999/reset/").status_code == 404
    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_the_django_admin_does_not_show_device_keys(admin_http):
    assert admin_http.get("/django-admin/otp_totp/totpdevice/").status_code == 404


def test_the_shared_fixtures_give_staff_a_session_past_the_second_factor(therapist_http):
    assert therapist_http.get("/staff/").status_code == 200
    assert DEVICE_ID_SESSION_KEY in therapist_http.session


def test_staff_reach_their_own_two_factor_page_from_their_home(therapist_http):
    from django.urls import reverse

    page = therapist_http.get(reverse("staff_home")).content.decode()
    assert f'href="{reverse("two_factor_enrol")}"' in page
    status = therapist_http.get(reverse("two_factor_enrol"))  # enrolled: its status and codes
    assert status.status_code == 200
    assert f'action="{reverse("two_factor_recovery_codes")}"' in status.content.decode()
