"""The referral list: admins only, filters, search, sort, pagination, constant query count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    bulk_referrals,
    make_intake,
    make_physician,
    make_referral,
    signed_note_for,
)

pytestmark = pytest.mark.django_db
URL = reverse("referral_list")


def ids(response) -> list[int]:
    return [r.pk for r in response.context["page"]]


def test_it_sends_anonymous_users_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["therapist_http", "alice_http"])
def test_it_refuses_therapists_and_clients(request, who):
    assert request.getfixturevalue(who).get(URL).status_code == 403


def test_it_refuses_post(admin_http):
    assert admin_http.post(URL).status_code == 405


def test_it_lists_referrals_with_visits_and_expiry(admin_http, incoming, therapist):
    signed_note_for(incoming, therapist)
    response = admin_http.get(URL)
    assert response.status_code == 200
    assert ids(response) == [incoming.pk]
    html = response.content.decode()
    assert "5 of 6 visits left" in html
    assert "expires in 30 days" in html


def test_it_filters_by_status_physician_and_direction(admin_http, alice, physician, physician2):
    a = make_referral(alice, physician, status="active")
    b = make_referral(alice, physician2, status="verified")
    c = make_referral(alice, physician2, outgoing=True)
    assert ids(admin_http.get(URL, {"status": "active"})) == [a.pk]
    assert set(ids(admin_http.get(URL, {"physician": physician2.pk}))) == {b.pk, c.pk}
    assert ids(admin_http.get(URL, {"direction": "outgoing"})) == [c.pk]


def test_it_filters_referrals_expiring_within_n_days(admin_http, alice, physician):
    today = timezone.localdate()
    soon = make_referral(alice, physician, expires_on=today + dt.timedelta(days=5))
    make_referral(alice, physician, expires_on=today + dt.timedelta(days=20))
    make_referral(alice, physician, expires_on=today - dt.timedelta(days=1))  # already expired
    make_referral(alice, physician, expires_on=None)
    assert ids(admin_http.get(URL, {"expiring_within": 7})) == [soon.pk]


def test_it_filters_by_visits_remaining(admin_http, alice, physician, therapist):
    low = make_referral(alice, physician, visits_authorized=3)
    signed_note_for(low, therapist)
    signed_note_for(low, therapist)
    make_referral(alice, physician, visits_authorized=6)
    make_referral(alice, physician, visits_authorized=None)  # no limit: never "low"
    assert ids(admin_http.get(URL, {"remaining_at_most": 1})) == [low.pk]


def test_it_filters_referrals_of_clients_with_safety_flags(admin_http, alice, bob,
                                                           physician):  # fmt: skip
    flagged = make_referral(alice, physician)
    make_intake(alice, cancer_history=True)  # see a physician
    make_referral(bob, physician)
    make_intake(bob)  # no flags
    response = admin_http.get(URL, {"flagged": "on"})
    assert ids(response) == [flagged.pk]
    assert 'class="badge flag-physician">See a physician first<' in response.content.decode()


def test_it_searches_client_physician_and_reason(admin_http, alice, bob, physician,
                                                 physician2):  # fmt: skip
    a = make_referral(alice, physician, reason="Sciatica left")
    b = make_referral(bob, physician2, reason="Neck")
    assert ids(admin_http.get(URL, {"q": "anders"})) == [a.pk]
    assert ids(admin_http.get(URL, {"q": "reyes"})) == [b.pk]
    assert ids(admin_http.get(URL, {"q": "sciatica"})) == [a.pk]
    assert ids(admin_http.get(URL, {"q": "bob neck"})) == [b.pk]
    assert ids(admin_http.get(URL, {"q": str(b.pk)})) == [b.pk]


def test_it_sorts(admin_http, alice, physician):
    today = timezone.localdate()
    late = make_referral(alice, physician, expires_on=today + dt.timedelta(days=40))
    early = make_referral(alice, physician, expires_on=today + dt.timedelta(days=2))
    none = make_referral(alice, physician, expires_on=None)
    assert ids(admin_http.get(URL, {"sort": "expires"})) == [early.pk, late.pk, none.pk]
    assert ids(admin_http.get(URL, {"sort": "-expires"})) == [late.pk, early.pk, none.pk]


def test_it_shows_nothing_for_invalid_filters(admin_http, incoming):
    response = admin_http.get(URL, {"expiring_within": "-3"})
    assert response.status_code == 200
    assert ids(response) == []
    assert "Check the filters" in response.content.decode()


def test_it_paginates_and_keeps_filters_in_page_links(admin_http, alice, physician):
    bulk_referrals(alice, [physician], 60)
    first = admin_http.get(URL, {"direction": "incoming"})
    page2 = admin_http.get(URL, {"direction": "incoming", "page": 2})
    page3 = admin_http.get(URL, {"direction": "incoming", "page": 3})
    assert [len(ids(p)) for p in (first, page2, page3)] == [25, 25, 10]
    assert len(set(ids(first) + ids(page2) + ids(page3))) == 60
    assert "direction=incoming&amp;page=2" in first.content.decode()
    assert len(ids(admin_http.get(URL, {"status": "received"}))) == 10


@pytest.mark.parametrize("n", [5, 60])
def test_its_query_count_does_not_grow_with_rows(admin_http, alice, therapist, n,
                                                 django_assert_max_num_queries):  # fmt: skip
    physicians = [make_physician(f"Dr. {i}") for i in range(4)]
    bulk_referrals(alice, physicians, n, therapist)
    make_intake(alice, takes_blood_thinners=True)  # caution
    with django_assert_max_num_queries(10):
        response = admin_http.get(URL, {"sort": "remaining", "flagged": "on"})
    assert len(ids(response)) == min(n, 25)


def test_its_physician_filter_keeps_the_choice_and_escapes_names(admin_http, alice):
    doctor = make_physician('Dr. "<b>Bold</b>"')
    make_referral(alice, doctor)
    html = admin_http.get(URL, {"physician": doctor.pk}).content.decode()
    assert f'<option value="{doctor.pk}" selected>Dr. &quot;&lt;b&gt;Bold&lt;/b&gt;&quot;' in html
    assert 'name="physician"' in html and 'class="select form-select' in html


@pytest.mark.parametrize("q", ["¹", "9" * 30])
def test_it_searches_digit_like_text_without_failing(admin_http, q):
    response = admin_http.get("/staff/referrals/", {"q": q})
    assert response.status_code == 200
