"""The clinic outcomes page: admins only, aggregates only, a query count that does not grow."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.outcomes import clinic
from tests.factories import make_client, make_intake, make_note, make_physician, make_referral

URL = reverse("clinic_outcomes")
TODAY = timezone.localdate()


def episode(n: int, therapist, *, improved: bool) -> None:
    """Client ``n``: an intake 30 days ago (pain 8), its own physician's referral, one visit."""
    person = make_client(f"c{n}@example.org", "Client", f"Number{n}")
    when = timezone.now() - dt.timedelta(days=30)
    make_intake(person, when=when, current_pain=8, psfs=[], marks=[("calf_l", ["pain"], 4)])
    referral = make_referral(person, make_physician(f"Dr. Number {n}"))
    make_note(person, therapist, signed=True, referral=referral, psfs=[], pain_worst=None,
              pain_before=4 if improved else 7, visit_date=TODAY - dt.timedelta(days=20))  # fmt: skip


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize("who", ["alice_http", "therapist_http"])
def test_clients_and_therapists_are_refused(who, request):
    assert request.getfixturevalue(who).get(URL).status_code == 403


def test_it_refuses_a_post(admin_http):
    assert admin_http.post(URL).status_code == 405


def test_an_admin_reads_the_numbers_and_no_client(admin_http, therapist):
    episode(1, therapist, improved=True)
    episode(2, therapist, improved=False)
    clinic.refresh_all()
    events = AuditEvent.objects.count()
    response = admin_http.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["report"].total.improved == 1
    assert "Dr. Number 1" in html and "Tess Healer" in html and "Legs" in html
    assert "Number1" not in html and "c1@example.org" not in html  # no client named
    assert AuditEvent.objects.count() == events  # aggregates only: nothing to audit


def test_the_admin_home_links_the_page(admin_http):
    assert URL in admin_http.get(reverse("admin_home")).content.decode()


@pytest.mark.parametrize(("period", "shown"), [("all", "all"), ("3m", "3m"), ("nonsense", "12m")])
def test_it_reads_the_period_and_falls_back_to_the_default(admin_http, period, shown):
    response = admin_http.get(URL, {"period": period})
    assert response.context["report"].period == shown
    assert f'href="?period={shown}" aria-current="page"' in response.content.decode()


def test_its_query_count_does_not_grow_with_the_rows(admin_http, therapist, therapist2):
    admin_http.get(URL)  # the session's first request reads more (the session, the user)
    counts = []
    for size, start in ((1, 0), (6, 10)):
        for n in range(start, start + size):
            episode(n, therapist if n % 2 else therapist2, improved=n % 3 == 0)
        clinic.refresh_all()
        with CaptureQueriesContext(connection) as captured:
            assert admin_http.get(URL).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
