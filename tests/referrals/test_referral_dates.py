"""An incoming referral's two dates: the date on the letter (its authorization runs from it)
and the day it reached the clinic; an outgoing draft is never shown as sent."""

import csv
import datetime as dt
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from intake.referrals import services
from intake.referrals.models import Referral
from tests.factories import make_referral
from tests.referrals.test_referral_edit import NEW, data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAYS = dt.timedelta(days=1)


def detail(http, referral) -> str:
    return http.get(
        reverse("referral_detail", kwargs={"referral_id": referral.pk})
    ).content.decode()


def test_it_stores_the_letters_date_and_the_day_it_arrived(admin_http, alice, physician):
    letter, arrived = TODAY - 12 * DAYS, TODAY - 3 * DAYS
    payload = data(
        alice, physician, referral_date=letter.isoformat(), received_on=arrived.isoformat()
    )
    assert admin_http.post(NEW, payload).status_code == 302
    referral = Referral.objects.get()
    assert (referral.referral_date, referral.received_on) == (letter, arrived)
    body = detail(admin_http, referral)
    assert f"{letter.day} {letter:%b %Y}" in body and f"{arrived.day} {arrived:%b %Y}" in body
    assert 'data-testid="arrived-on"' in body and "Letter dated" in body


def test_the_new_referral_form_starts_both_dates_today(admin_http):
    form = admin_http.get(NEW).context["form"]
    assert form["referral_date"].value() == TODAY and form["received_on"].value() == TODAY


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"received_on": ""}, "Enter the day the letter reached the clinic."),
        ({"received_on": (TODAY - 20 * DAYS).isoformat(), "referral_date": (TODAY - 10 * DAYS).isoformat()},
         "A letter cannot arrive before the date written on it."),
        ({"received_on": (TODAY + DAYS).isoformat()}, "The arrival date cannot be in the future."),
        ({"received_on": "31/02/2026"}, "Enter a valid date."),
    ],
)  # fmt: skip
def test_it_refuses_impossible_arrival_dates_and_stores_nothing(
    admin_http, alice, physician, overrides, message
):
    response = admin_http.post(NEW, data(alice, physician, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Referral.objects.exists()


def test_an_outgoing_referral_has_no_arrival_date(admin_http, alice, physician):
    payload = data(alice, physician, direction="outgoing", visits_authorized="")
    assert admin_http.post(NEW, payload).status_code == 302
    referral = Referral.objects.get()
    assert referral.received_on is None and referral.arrived_on() is None


def test_a_draft_outgoing_referral_never_says_sent(admin_http, outgoing, admin_user):
    body = detail(admin_http, outgoing)
    assert "Sent on" not in body
    assert "Not sent yet: a draft" in body
    services.transition(referral=outgoing, to_status="sent", by=admin_user)
    body = detail(admin_http, outgoing)
    assert f'data-testid="sent-on">{TODAY.day} {TODAY:%b %Y}<' in body
    assert "Not sent yet" not in body


def test_a_letter_closed_unsent_is_not_shown_as_sent(admin_http, outgoing, admin_user):
    services.transition(referral=outgoing, to_status="closed", by=admin_user)
    body = detail(admin_http, outgoing)
    assert "Not recorded as sent" in body and "Not sent yet" not in body


def test_a_letter_filed_with_an_intake_arrived_the_day_it_was_filed(alice, physician):
    referral = make_referral(alice, physician, received_on=None)
    assert referral.arrived_on() == timezone.localdate(referral.created_at)


def test_the_authorization_runs_from_the_letters_date(alice, physician):
    """Expiry is checked against the letter's date: a letter arriving late does not stretch it."""
    referral = make_referral(
        alice, physician, referral_date=TODAY - 60 * DAYS, received_on=TODAY - DAYS,
        expires_on=TODAY - 2 * DAYS,
    )  # fmt: skip
    usable, why = referral.is_usable_for_visit(TODAY)
    assert not usable and "expired" in why


def test_the_database_refuses_an_arrival_before_the_letter(alice, physician):
    from django.db import IntegrityError, transaction

    referral = make_referral(alice, physician)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(received_on=referral.referral_date - DAYS)


def test_the_csv_has_both_dates(admin_http, alice, physician):
    make_referral(alice, physician, referral_date=TODAY - 9 * DAYS, received_on=TODAY - 2 * DAYS)
    response = admin_http.get(reverse("referral_export_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["letter dated"] == (TODAY - 9 * DAYS).isoformat()
    assert row["arrived on"] == (TODAY - 2 * DAYS).isoformat()


def test_the_migration_keeps_the_one_date_existing_referrals_had(alice, physician, outgoing):
    """Before migration 0011 an incoming referral's one date was the day it was received."""
    migration = importlib.import_module(
        "intake.migrations.0011_dose_kind_referral_dates_credentials"
    )
    incoming = make_referral(alice, physician, received_on=None)
    migration.forwards(apps, None)
    incoming.refresh_from_db()
    outgoing.refresh_from_db()
    assert incoming.received_on == incoming.referral_date
    assert outgoing.received_on is None


def test_the_back_office_shows_both_dates_and_the_signer(admin_http, alice, physician):
    referral = make_referral(alice, physician, received_on=TODAY - DAYS)
    listing = admin_http.get("/django-admin/intake/referral/")
    assert listing.status_code == 200 and "Arrived at the clinic on" in listing.content.decode()
    change = admin_http.get(f"/django-admin/intake/referral/{referral.pk}/change/")
    assert change.status_code == 200
    body = change.content.decode()
    assert 'name="received_on"' in body and 'name="signed_by"' in body
