"""The referral dashboard: counts per status, expiring soon, nearly used up, per-month chart."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.referrals.dashboard import chart
from tests.factories import bulk_referrals, make_physician, make_referral, signed_note_for

pytestmark = pytest.mark.django_db
URL = reverse("referral_dashboard")


def test_it_counts_per_status_and_lists_what_needs_attention(admin_http, alice, physician,
                                                             therapist):  # fmt: skip
    today = timezone.localdate()
    soon = make_referral(alice, physician, status="active", expires_on=today + dt.timedelta(3))
    low = make_referral(alice, physician, status="verified", visits_authorized=2)
    signed_note_for(low, therapist)
    make_referral(alice, physician, status="completed")
    response = admin_http.get(URL)
    assert response.status_code == 200
    ctx = response.context
    counts = {
        (g["direction"], i["status"]): i["n"] for g in ctx["status_counts"] for i in g["items"]
    }
    assert counts[("incoming", "active")] == 1
    assert counts[("incoming", "verified")] == 1
    assert counts[("incoming", "completed")] == 1
    assert counts[("outgoing", "draft")] == 0
    assert [r.pk for r in ctx["expiring"]] == [soon.pk]
    assert [r.pk for r in ctx["exhausted"]] == [low.pk]
    html = response.content.decode()
    assert "expires in 3 days" in html
    assert "1 of 2 visits left" in html
    assert 'data-testid="referral-chart"' in html


def test_nearly_used_up_leaves_out_referrals_past_expiry_or_without_a_limit(
    admin_http, alice, physician, therapist
):
    today = timezone.localdate()
    lapsed = make_referral(alice, physician, status="active", visits_authorized=1,
                           referral_date=today - dt.timedelta(days=90),
                           expires_on=today - dt.timedelta(days=1))  # fmt: skip
    unlimited = make_referral(alice, physician, status="active", visits_authorized=None)
    full = make_referral(alice, physician, status="active", visits_authorized=1)
    for referral in (lapsed, unlimited, full):
        signed_note_for(referral, therapist)
    response = admin_http.get(URL)
    assert [r.pk for r in response.context["exhausted"]] == [full.pk]


def test_its_chart_stacks_referrals_per_month_by_physician(alice):
    today = dt.date(2026, 6, 15)
    a, b = make_physician("Dr. A"), make_physician("Dr. <b>B</b>")
    make_referral(alice, a, referral_date=dt.date(2026, 6, 1), expires_on=None)
    make_referral(alice, a, referral_date=dt.date(2026, 6, 2), expires_on=None)
    make_referral(alice, b, referral_date=dt.date(2026, 5, 20), expires_on=None)
    make_referral(alice, b, referral_date=dt.date(2024, 1, 1), expires_on=None)  # too old
    data = chart(today)
    assert [label["total"] for label in data["labels"]][-2:] == [1, 2]
    assert sum(label["total"] for label in data["labels"]) == 3
    assert [item["name"] for item in data["legend"]] == ["Dr. A", "Dr. <b>B</b>"]
    assert data["peak"] == 2
    assert len(data["bars"]) == 2


def test_it_escapes_physician_names_in_the_chart(admin_http, alice):
    make_referral(alice, make_physician("Dr. <script>x</script>"),
                  referral_date=timezone.localdate())  # fmt: skip
    html = admin_http.get(URL).content.decode()
    assert "<script>x</script>" not in html
    assert "Dr. &lt;script&gt;x&lt;/script&gt;" in html


@pytest.mark.parametrize("n", [6, 80])
def test_its_query_count_does_not_grow_with_rows(admin_http, alice, therapist, n,
                                                 django_assert_max_num_queries):  # fmt: skip
    physicians = [make_physician(f"Dr. {i}") for i in range(8)]
    bulk_referrals(alice, physicians, n, therapist)
    with django_assert_max_num_queries(10):
        response = admin_http.get(URL)
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["therapist_http", "alice_http"])
def test_it_refuses_therapists_and_clients(request, who):
    assert request.getfixturevalue(who).get(URL).status_code == 403


def test_it_sends_anonymous_users_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_it_refuses_post(admin_http):
    assert admin_http.post(URL).status_code == 405


def test_the_usable_queryset_agrees_with_the_referral_rule(alice, physician):
    """One usability rule: the queryset keeps exactly the referrals ``is_usable_for_visit``
    accepts on that day (visits left aside: the queryset leaves them to the counts)."""
    from intake.referrals.models import Referral
    from tests.factories import make_referral

    today = timezone.localdate()
    for status in Referral.Status.values[:6]:  # the incoming statuses
        for days in (-1, 0, 5, None):
            make_referral(alice, physician, status=status, referral_date=today - dt.timedelta(9),
                          expires_on=None if days is None else today + dt.timedelta(days))  # fmt: skip
    make_referral(alice, physician, status="sent", outgoing=True)
    usable = set(Referral.objects.usable_incoming(today=today).values_list("pk", flat=True))
    expected = {r.pk for r in Referral.objects.all() if r.is_usable_for_visit(today)[0]}
    assert usable == expected
    assert len(usable) == 3 * 3  # received, verified, active; not past expiry
