"""The front office (/staff/office/): the admin's work queue, each kind of work with its count."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_client, make_follow_up, make_intake, make_referral, signed_note_for

pytestmark = pytest.mark.django_db

URL = "/staff/office/"


def count(html: str, name: str) -> int:
    match = re.search(rf'data-testid="count-{name}">(\d+)<', html)
    assert match, f"no count for {name}"
    return int(match.group(1))


def part(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</section>", start)]


def test_it_is_reverse_of_admin_home():
    assert reverse("admin_home") == URL


def test_it_lists_a_new_referral_to_verify_with_visits_already_given(
    admin_http, alice, physician, therapist
):
    waiting = make_referral(alice, physician)  # received, not verified
    signed_note_for(waiting, therapist)
    verified = make_referral(alice, physician, status="verified")
    html = admin_http.get(URL).content.decode()
    assert count(html, "to-verify") == 1
    panel = part(html, "to-verify")
    assert reverse("referral_detail", args=[waiting.pk]) in panel
    assert reverse("referral_detail", args=[verified.pk]) not in panel
    assert "1 visit already given" in panel


def test_it_leaves_outgoing_and_closed_referrals_out_of_the_verify_list(
    admin_http, alice, physician
):
    make_referral(alice, physician, outgoing=True)
    make_referral(alice, physician, status="cancelled")
    html = admin_http.get(URL).content.decode()
    assert count(html, "to-verify") == 0
    assert "every referral received is verified" in html


def test_it_lists_intakes_to_act_on_until_a_follow_up_reaches_the_client(admin_http, alice, bob):
    urgent = make_intake(alice, saddle_numbness=True)
    physician_first = make_intake(bob, flagged=True)
    make_intake(make_client("cy@example.org", "Cy", "Caution"), takes_blood_thinners=True)
    html = admin_http.get(URL).content.decode()
    assert count(html, "to-act-on") == 2
    panel = part(html, "needs-attention")
    assert reverse("intake_summary", args=[urgent.pk]) in panel
    assert reverse("intake_summary", args=[physician_first.pk]) in panel
    assert "Cy Caution" not in panel
    make_follow_up(urgent, outcome="emergency")
    assert count(admin_http.get(URL).content.decode(), "to-act-on") == 1


def test_it_counts_expiring_and_nearly_used_referrals(admin_http, alice, physician, therapist):
    today = timezone.localdate()
    soon = make_referral(alice, physician, status="active", expires_on=today + dt.timedelta(days=3))
    later = make_referral(alice, physician, status="active", expires_on=today + dt.timedelta(60))
    low = make_referral(alice, physician, status="verified", visits_authorized=2,
                        expires_on=today + dt.timedelta(days=60))  # fmt: skip
    signed_note_for(low, therapist)
    html = admin_http.get(URL).content.decode()
    assert count(html, "expiring") == 1
    assert count(html, "nearly-used") == 1
    assert html.count(f'data-testid="panel-expiring"><a href="/staff/referrals/{soon.pk}/"') == 1
    assert f"/staff/referrals/{later.pk}/" not in html
    assert html.count(f'data-testid="panel-exhausted"><a href="/staff/referrals/{low.pk}/"') == 1


def test_each_count_links_to_its_list(admin_http):
    html = admin_http.get(URL).content.decode()
    queue = html[
        html.index('data-testid="work-queue"') : html.index("</nav>", html.index("work-queue"))
    ]
    for anchor in ("to-verify", "needs-attention", "expiring", "nearly-used"):
        assert f'href="#{anchor}"' in queue
        assert f'id="{anchor}"' in html


def test_the_counts_are_of_all_rows_not_of_those_shown(admin_http, alice, physician):
    for _ in range(7):
        make_referral(alice, physician)
    html = admin_http.get(URL).content.decode()
    assert count(html, "to-verify") == 7
    assert html.count('data-testid="panel-to-verify"') == 5
    assert "7 waiting; the oldest 5 are shown" in html
    assert "status=received&amp;direction=incoming" in html


@pytest.mark.parametrize("rows", [1, 7])
def test_it_reads_in_a_fixed_number_of_queries(
    admin_http, alice, bob, physician, therapist, django_assert_num_queries, rows
):
    today = timezone.localdate()
    for _ in range(rows):
        make_referral(alice, physician)  # to verify
        make_intake(bob, flagged=True)  # to act on
        expiring = make_referral(alice, physician, status="active", visits_authorized=2,
                                 expires_on=today + dt.timedelta(days=3))  # fmt: skip
        signed_note_for(expiring, therapist)  # nearly used too
    # Session and user (2), the attention queue (2: no urgent drafts to prefetch for), each
    # referral list's rows (3) and, when a list is longer than what is shown, its count (3 more
    # with 7 rows); the idle-timeout middleware saves the session (3).
    expected = 10 if rows == 1 else 13
    with django_assert_num_queries(expected):
        response = admin_http.get(URL)
    html = response.content.decode()
    assert count(html, "to-verify") == rows
    assert count(html, "to-act-on") == rows
    assert count(html, "expiring") == rows
    assert count(html, "nearly-used") == rows


@pytest.mark.parametrize(("who", "status"), [("therapist_http", 403), ("alice_http", 403)])
def test_it_is_the_admins_only(request, who, status):
    assert request.getfixturevalue(who).get(URL).status_code == status


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_it_refuses_a_post(admin_http):
    assert admin_http.post(URL).status_code == 405
