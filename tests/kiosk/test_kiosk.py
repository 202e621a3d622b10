"""The kiosk: opened by staff as a device session of its own; a client picked by the front desk
or identified by name, date of birth and code fills in their intake; submit, "later", idle time
or a reset clear it; leaving kiosk mode takes a staff password; every use is audited."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.kiosk import services
from intake.kiosk.models import ArrivalCode, Kiosk
from intake.submissions.models import IntakeSubmission
from intake.submissions.screening import SAFETY_QUESTIONS
from tests.factories import PASSWORD, make_intake
from tests.hostile import HOSTILE_STRINGS
from tests.kiosk.conftest import identify


def test_opening_a_kiosk_logs_the_staff_member_out(kiosk_http, therapist):
    http, kiosk = kiosk_http
    assert kiosk.opened_by == therapist
    assert http.get("/staff/")["Location"] == "/kiosk/"
    page = http.get("/kiosk/")
    assert page.status_code == 200 and b"the code the front desk gave you" in page.content
    assert b"Tess" not in page.content  # nobody is logged in on the kiosk
    assert "no-store" in page["Cache-Control"]
    assert AuditEvent.objects.filter(user=therapist, detail=f"kiosk {kiosk.pk}: opened").exists()


def test_a_client_identifies_with_name_birth_date_and_code(kiosk_http, alice, arrival):
    http, kiosk = kiosk_http
    response = identify(http, arrival, last_name="  anders ")
    intake = IntakeSubmission.objects.get(client=alice, status="draft")
    assert response["Location"] == f"/kiosk/intake/{intake.current_step}/"
    page = http.get(response["Location"])
    assert page.status_code == 200 and b"Your intake" in page.content
    kiosk.refresh_from_db()
    assert kiosk.client == alice and kiosk.intake == intake
    assert ArrivalCode.objects.get().used_on == kiosk
    assert (
        AuditEvent.objects.filter(client=alice, detail__startswith=f"kiosk {kiosk.pk}:").count()
        >= 3
    )


@pytest.mark.parametrize(
    "wrong",
    [{"last_name": "Brown"}, {"born": "1975-06-16"}, {"code": "used"}, {"code": "expired"}],
)
def test_it_refuses_a_wrong_name_birth_date_or_a_dead_code(kiosk_http, alice, arrival, wrong):
    http, kiosk = kiosk_http
    code = wrong.pop("code", arrival)
    if code == "used":
        ArrivalCode.objects.update(used_at=timezone.now())
        code = arrival
    elif code == "expired":
        ArrivalCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        code = arrival
    response = identify(http, code, **wrong)
    assert response.status_code == 200 and b"could not find your form" in response.content
    assert b"Alice" not in response.content
    kiosk.refresh_from_db()
    assert kiosk.client is None and kiosk.failed_codes == 1


def test_a_code_works_once(kiosk_http, alice, arrival):
    http, kiosk = kiosk_http
    identify(http, arrival)
    http.post("/kiosk/reset/")
    assert b"could not find your form" in identify(http, arrival).content


def test_too_many_wrong_codes_lock_the_kiosk(settings, kiosk_http, alice, arrival):
    settings.KIOSK_CODE_ATTEMPTS = 3
    http, kiosk = kiosk_http
    for _ in range(3):
        identify(http, "000000" if arrival != "000000" else "111111")
    response = identify(http, arrival)  # the right code, but the kiosk is locked now
    assert b"Too many codes" in response.content
    kiosk.refresh_from_db()
    assert kiosk.client is None and kiosk.locked_until > timezone.now()


def test_the_front_desk_sends_a_client_to_the_kiosk(kiosk_http, admin_http, alice):
    http, kiosk = kiosk_http
    assert http.get("/kiosk/status/").json() == {"ready": False}
    admin_http.post(f"/staff/clients/{alice.pk}/send-to-kiosk/", {"kiosk": kiosk.pk})
    assert http.get("/kiosk/status/").json() == {"ready": True}
    welcome = http.get("/kiosk/")
    assert b"Hello, Alice A." in welcome.content and b"Anders" not in welcome.content
    response = http.post("/kiosk/begin/")
    assert response["Location"].startswith("/kiosk/intake/")


def test_not_me_clears_the_kiosk(kiosk_http, admin_http, alice):
    http, kiosk = kiosk_http
    admin_http.post(f"/staff/clients/{alice.pk}/send-to-kiosk/", {"kiosk": kiosk.pk})
    assert http.post("/kiosk/reset/")["Location"] == "/kiosk/"
    kiosk.refresh_from_db()
    assert kiosk.client is None
    assert http.post("/kiosk/begin/")["Location"] == "/kiosk/"
    assert not IntakeSubmission.objects.exists()


def test_it_updates_a_returning_client_s_intake(kiosk_http, alice, arrival):
    make_intake(alice, main_complaint="Old complaint")
    http, kiosk = kiosk_http
    identify(http, arrival)
    draft = IntakeSubmission.objects.get(client=alice, status="draft")
    assert draft.main_complaint == "Old complaint"  # pre-filled from the last intake
    assert http.get(f"/me/intakes/{alice.intakes.submitted().first().pk}/")["Location"] == "/kiosk/"


def test_submitting_clears_the_kiosk_and_shows_done_once(kiosk_http, alice, arrival):
    http, kiosk = kiosk_http
    identify(http, arrival)
    answers = {q.field: False for q in SAFETY_QUESTIONS if not q.only_if}
    IntakeSubmission.objects.filter(client=alice).update(current_step=7, **answers)
    response = http.post("/kiosk/intake/7/", {"agree": "on", "signature": "Alice Anders"})
    assert response["Location"] == "/kiosk/done/"
    intake = IntakeSubmission.objects.get(client=alice)
    assert intake.is_submitted and intake.entered_by is None
    kiosk.refresh_from_db()
    assert kiosk.client is None and kiosk.intake is None
    done = http.get("/kiosk/done/")
    assert done.status_code == 200 and b"your form was sent" in done.content
    assert http.get("/kiosk/done/")["Location"] == "/kiosk/"  # once only
    assert http.get("/kiosk/intake/7/")["Location"] == "/kiosk/"
    assert AuditEvent.objects.filter(
        client=alice, action="sign", detail=f"kiosk {kiosk.pk}: intake submitted"
    ).exists()


def test_finish_later_clears_the_kiosk_and_keeps_the_draft(kiosk_http, alice, arrival):
    http, kiosk = kiosk_http
    identify(http, arrival)
    data = {"first_name": "Alice", "last_name": "Anders", "date_of_birth": "1975-06-15",
            "phone": "555-0101", "address": "", "go": "later"}  # fmt: skip
    assert http.post("/kiosk/intake/1/", data)["Location"] == "/kiosk/"
    kiosk.refresh_from_db()
    assert kiosk.client is None
    assert IntakeSubmission.objects.get(client=alice).current_step == 2


def test_the_referral_step_takes_no_upload(kiosk_http, alice, arrival):
    http, kiosk = kiosk_http
    identify(http, arrival)
    answers = {q.field: False for q in SAFETY_QUESTIONS if not q.only_if}
    IntakeSubmission.objects.filter(client=alice).update(current_step=6, **answers)
    page = http.get("/kiosk/intake/6/").content.decode()
    assert 'type="file"' not in page and "multipart" not in page


def test_idle_time_clears_the_kiosk_on_the_server(settings, kiosk_http, alice, arrival):
    http, kiosk = kiosk_http
    identify(http, arrival)
    session = http.session
    session["_kiosk_seen"] -= settings.KIOSK_IDLE_SECONDS + 1
    session.save()
    then = timezone.now() - dt.timedelta(seconds=settings.KIOSK_IDLE_SECONDS + 1)
    Kiosk.objects.filter(pk=kiosk.pk).update(client_since=then)
    assert http.get("/kiosk/intake/1/")["Location"] == "/kiosk/"
    kiosk.refresh_from_db()
    assert kiosk.client is None
    assert AuditEvent.objects.filter(detail=f"kiosk {kiosk.pk}: reset after idle time").exists()


def test_leaving_kiosk_mode_needs_a_staff_password(kiosk_http, alice, therapist2):
    http, kiosk = kiosk_http
    wrong = http.post("/kiosk/exit/", {"email": "theo@example.org", "password": "nope-nope-1"})
    assert wrong.status_code == 200 and b"Only staff" in wrong.content
    client_pw = http.post("/kiosk/exit/", {"email": "alice@example.org", "password": PASSWORD})
    assert b"Only staff" in client_pw.content
    assert Kiosk.objects.get().is_open
    response = http.post("/kiosk/exit/", {"email": "theo@example.org", "password": PASSWORD})
    assert response["Location"] == "/staff/kiosks/"
    kiosk.refresh_from_db()
    assert kiosk.closed_by == therapist2 and not kiosk.is_open
    # Logged in as Theo by password: staff pages wait for his second factor (issue 20)
    assert http.get("/staff/")["Location"].startswith("/accounts/two-factor/enrol/")


def test_a_kiosk_closed_from_the_front_desk_ends_its_session(kiosk_http, admin_http):
    http, kiosk = kiosk_http
    admin_http.post(f"/staff/kiosks/{kiosk.pk}/close/")
    assert http.get("/kiosk/")["Location"].startswith("/accounts/login/")
    assert http.get("/kiosk/")["Location"].startswith("/accounts/login/")  # an ordinary browser


def test_kiosk_pages_are_for_kiosks(client, alice_http, therapist_http):
    assert client.get("/kiosk/")["Location"].startswith("/accounts/login/")
    assert alice_http.get("/kiosk/").status_code == 403
    assert therapist_http.get("/kiosk/intake/1/").status_code == 403


@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_kiosk_forms_answer_hostile_text_with_a_page(kiosk_http, alice, value):
    http, _ = kiosk_http
    for url, data in (
        ("/kiosk/", {"last_name": value, "date_of_birth": value, "code": value}),
        ("/kiosk/exit/", {"email": value, "password": value}),
    ):
        response = http.post(url, data)
        assert response.status_code == 200, url
        assert b"<script>alert" not in response.content
    assert services.clear(kiosk=Kiosk.objects.get()) is False


def test_the_front_desk_lists_only_kiosks_still_in_use(kiosk_http, admin_http, therapist):
    http, kiosk = kiosk_http
    stale = services.open_kiosk(name="Yesterday's tablet", by=therapist)
    old = timezone.now() - dt.timedelta(hours=13)
    Kiosk.objects.filter(pk=stale.pk).update(opened_at=old)
    page = admin_http.get("/staff/kiosks/").content.decode()
    assert "Waiting-room tablet" in page and "Yesterday" not in page


def test_leaving_kiosk_mode_is_throttled_like_log_in(settings, kiosk_http, therapist2):
    http, kiosk = kiosk_http
    for _ in range(settings.AXES_FAILURE_LIMIT):
        http.post("/kiosk/exit/", {"email": "theo@example.org", "password": "wrong-Pass-000"})
    response = http.post("/kiosk/exit/", {"email": "theo@example.org", "password": PASSWORD})
    assert response.status_code in (200, 403, 429)
    kiosk.refresh_from_db()
    assert kiosk.is_open


def test_a_client_sent_to_a_kiosk_that_sat_idle_is_greeted(settings, kiosk_http, admin_http, alice):
    http, kiosk = kiosk_http
    session = http.session
    session["_kiosk_seen"] = int(time.time()) - settings.KIOSK_IDLE_SECONDS * 10  # untouched
    session.save()
    admin_http.post(f"/staff/clients/{alice.pk}/send-to-kiosk/", {"kiosk": kiosk.pk})
    assert b"Hello, Alice A." in http.get("/kiosk/").content


def test_a_kiosk_in_use_is_not_given_another_client(kiosk_http, admin_http, alice, bob, arrival):
    http, kiosk = kiosk_http
    identify(http, arrival)
    admin_http.post(f"/staff/clients/{bob.pk}/send-to-kiosk/", {"kiosk": kiosk.pk})
    kiosk.refresh_from_db()
    assert kiosk.client == alice
    assert http.get("/kiosk/")["Location"].startswith("/kiosk/intake/")
