"""The log review (/staff/audit/review/): who opened which client's record, filtered by staff member
and date, with therapists opening many clients who are not their own and records opened outside
opening hours listed; its CSV export is audited. The audit log names records as people do."""

import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from intake.audit.models import AuditEvent
from tests.factories import make_client, make_intake, make_note
from tests.hostile import FORMULA_STRINGS

URL = "/staff/audit/review/"
EXPORT = "/staff/audit/review/export.csv"
LOG = "/staff/audit/"


def make_handout(client, therapist):
    from intake.handouts.models import Handout

    return Handout.objects.create(client=client, therapist=therapist, title="Home care")


def opened(user, client, *, at=None, action="view", object_type="client", object_id=None):
    values = {"at": at} if at else {}
    return AuditEvent.objects.create(
        user=user,
        role=user.role,
        action=action,
        client=client,
        object_type=object_type,
        object_id=str(object_id or client.pk),
        **values,
    )


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("url", [URL, EXPORT])
def test_it_is_for_admins_only(client, alice_http, therapist_http, admin_http, url):
    assert client.get(url)["Location"].startswith("/accounts/login/")
    assert alice_http.get(url).status_code == 403
    assert therapist_http.get(url).status_code == 403
    assert admin_http.post(url).status_code == 405


def test_it_lists_who_opened_which_record_and_whether_it_is_theirs(
    admin_http, therapist, alice, bob
):
    make_note(alice, therapist)  # Alice is Tess's own client; Bob is not
    for _ in range(3):
        opened(therapist, alice)
    opened(therapist, bob, action="print")
    response = admin_http.get(URL)
    rows = {
        (row["client"].last_name, row["own"], row["opened"]) for row in response.context["page"]
    }
    assert rows == {("Anders", True, 3), ("Brown", False, 1)}
    body = response.content.decode()
    assert body.count('data-testid="review-row"') == 2
    assert AuditEvent.objects.filter(action="view", detail="audit log review").count() == 1


def test_it_filters_by_staff_member_and_dates(admin_http, therapist, therapist2, alice, bob):
    long_ago = datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC)
    opened(therapist, alice)
    opened(therapist2, bob)
    opened(therapist2, alice, at=long_ago)

    def clients(**params) -> set[str]:
        page = admin_http.get(URL, params).context["page"]
        return {(row["user"].email, row["client"].first_name) for row in page}

    assert clients() == {("tess@example.org", "Alice"), ("theo@example.org", "Bob")}
    assert clients(staff=therapist2.pk) == {("theo@example.org", "Bob")}
    assert clients(staff=therapist2.pk, date_from="2025-03-01", date_to="2025-03-31") == {
        ("theo@example.org", "Alice")
    }
    reversed_dates = admin_http.get(URL, {"date_from": "2025-03-02", "date_to": "2025-03-01"})
    assert "The start date is after the end date" in reversed_dates.content.decode()
    assert admin_http.get(URL, {"staff": "999999"}).status_code == 200  # an error, not a crash


def test_it_lists_a_therapist_opening_many_clients_who_are_not_their_own(
    admin_http, therapist, therapist2, alice, bob
):
    make_note(alice, therapist)
    make_handout(bob, therapist2)
    opened(therapist, alice)
    opened(therapist2, bob)
    strangers = [make_client(f"s{i}@example.org", "Stranger", f"No{i}") for i in range(10)]
    for stranger in strangers:
        opened(therapist, stranger)
    for stranger in strangers[:3]:
        opened(therapist2, stranger)
    body = admin_http.get(URL).content.decode()
    flagged = re.search(r'data-testid="many-others">(.*?)</ul>', body, re.S)[1]
    assert "Tess Healer</a>: 10 other clients' records, 1 of their own client" in flagged
    assert "Theo" not in flagged  # 3 others: not many


def test_an_admin_opening_many_charts_is_not_a_pattern(admin_http, admin_user, db):
    for i in range(12):
        opened(admin_user, make_client(f"s{i}@example.org", "S", f"N{i}"))
    assert 'data-testid="many-others-none"' in admin_http.get(URL).content.decode()


def test_it_lists_records_opened_outside_opening_hours(settings, admin_http, therapist, alice):
    settings.TIME_ZONE = "America/Toronto"
    settings.AUDIT_OPENING_HOURS = "08:00-18:00"
    settings.AUDIT_OPENING_DAYS = ["mon", "tue", "wed", "thu", "fri"]
    zone = ZoneInfo("America/Toronto")
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday() + 7)

    def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)

    opened(therapist, alice, at=at(monday, 10))  # open
    opened(therapist, alice, at=at(monday, 17, 59))  # open
    night = opened(therapist, alice, at=at(monday, 23, 30))  # 04:30 UTC next day
    early = opened(therapist, alice, at=at(monday, 7, 59))
    saturday = opened(therapist, alice, at=at(monday + datetime.timedelta(days=5), 11))
    response = admin_http.get(URL)
    listed = [event.pk for event in response.context["out_of_hours"]]
    assert listed == [saturday.pk, night.pk, early.pk]
    table = re.search(r'data-testid="out-of-hours">(.*?)</table>', response.content.decode(), re.S)
    assert "Chart — Alice Anders" in table[1]


def test_it_exports_the_review_as_csv_and_audits_it(admin_http, admin_user, therapist, alice):
    make_note(alice, therapist)
    opened(therapist, alice)
    opened(therapist, alice)
    response = admin_http.get(EXPORT, {"staff": therapist.pk})
    assert response["Content-Disposition"].startswith('attachment; filename="audit-review-')
    header, *rows = csv_rows(response)
    assert header[:6] == [
        "staff member",
        "role",
        "client id",
        "client",
        "own client",
        "times opened",
    ]
    assert rows == [[*rows[0][:2], str(alice.pk), "Alice Anders", "yes", "2", *rows[0][6:]]]
    assert rows[0][:2] == ["tess@example.org", "therapist"]
    export = AuditEvent.objects.get(action="export")
    assert (export.user, export.detail) == (admin_user, "audit log review csv")


def test_it_defuses_formulas_in_the_review_export(admin_http, therapist):
    for i, formula in enumerate(FORMULA_STRINGS):
        opened(therapist, make_client(f"f{i}@example.org", formula, "Doe"))
    cells = [cell for row in csv_rows(admin_http.get(EXPORT))[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize("size", [2, 40])
def test_the_review_reads_a_fixed_number_of_queries(
    admin_http, therapist, django_assert_max_num_queries, size
):
    for i in range(size):
        client = make_client(f"q{i}@example.org", "Q", f"N{i}")
        make_note(client, therapist) if i % 2 else None
        opened(therapist, client, at=datetime.datetime(2026, 1, 4, 3, tzinfo=datetime.UTC))
    params = {"date_from": "2026-01-01", "date_to": "2026-01-31"}
    # session, user, rows, their users, their clients, out of hours, the staff list, the audit
    # event (chain head, insert; PostgreSQL also takes the chain's lock), the session's save (3)
    with django_assert_max_num_queries(12 + (connection.vendor == "postgresql")):
        response = admin_http.get(URL, params)
    assert len(response.context["page"]) == size
    assert len(response.context["out_of_hours"]) == size


# ------------------------------------------------------------------ records named as people do


def test_the_audit_log_names_records_as_people_do(admin_http, therapist, alice):
    intake = make_intake(alice)
    note = make_note(alice, therapist)
    handout = make_handout(alice, therapist)
    opened(therapist, alice)
    opened(therapist, alice, object_type="intakesubmission", object_id=intake.pk)
    opened(therapist, alice, object_type="sessionnote", object_id=note.pk, action="print")
    opened(therapist, alice, object_type="handout", object_id=handout.pk)
    opened(therapist, alice, object_type="sessionnote", object_id=999999)
    body = admin_http.get(LOG).content.decode()
    day = intake.created_at.strftime("%-d %b %Y")
    assert f"Intake of {day} — Alice Anders" in body
    assert f"Session note of {note.visit_date.strftime('%-d %b %Y')} — Alice Anders" in body
    assert f"Handout of {handout.created_at.strftime('%-d %b %Y')} — Alice Anders" in body
    assert "Chart — Alice Anders" in body
    assert "Session note #999999 (removed) — Alice Anders" in body
    assert "intakesubmission #" in body  # the raw kind and number stay, small, beside it


@pytest.mark.parametrize("size", [1, 20])
def test_naming_reads_one_query_per_kind_of_record(
    admin_http, therapist, alice, django_assert_max_num_queries, size
):
    for _ in range(size):
        intake = make_intake(alice)
        note = make_note(alice, therapist)
        opened(therapist, alice, object_type="intakesubmission", object_id=intake.pk)
        opened(therapist, alice, object_type="sessionnote", object_id=note.pk)
    # the log's 9 and one query each for the intakes' and the notes' dates
    with django_assert_max_num_queries(11):
        response = admin_http.get(LOG)
    assert response.content.decode().count("Intake of ") == size


def test_the_audit_log_export_names_records_too(admin_http, therapist, alice):
    intake = make_intake(alice)
    opened(therapist, alice, object_type="intakesubmission", object_id=intake.pk)
    rows = csv_rows(admin_http.get("/staff/audit/export.csv", {"action": "view"}))
    assert rows[0][-1] == "record"
    assert rows[1][-1].startswith("Intake of ") and rows[1][-1].endswith("— Alice Anders")
