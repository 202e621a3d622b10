"""What the home pages and the navigation show of referrals."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_referral, signed_note_for

pytestmark = pytest.mark.django_db


def test_the_office_home_lists_referrals_needing_attention(admin_http, alice, physician,
                                                           therapist):  # fmt: skip
    soon = make_referral(alice, physician, status="active",
                         expires_on=timezone.localdate() + dt.timedelta(days=2))  # fmt: skip
    low = make_referral(alice, physician, status="active", visits_authorized=1)
    signed_note_for(low, therapist)
    html = admin_http.get(reverse("admin_home")).content.decode()
    assert f"#{soon.pk} Alice Anders" in html
    assert "expires in 2 days" in html
    assert f"#{low.pk} Alice Anders" in html
    assert "0 of 1 visits left" in html
    assert reverse("referral_dashboard") in html


def test_the_staff_home_lists_expiring_referrals(therapist_http, alice, physician):
    make_referral(alice, physician, expires_on=timezone.localdate() + dt.timedelta(days=1))
    html = therapist_http.get(reverse("staff_home")).content.decode()
    assert "expires in 1 day" in html
    assert f'href="{reverse("referral_list")}"' not in html  # the list is for admins only


def test_a_client_sees_only_their_own_referral_status(alice_http, incoming, incoming_b,
                                                      therapist):  # fmt: skip
    signed_note_for(incoming, therapist)
    html = alice_http.get(reverse("client_home")).content.decode()
    assert html.count('data-testid="client-referral"') == 1
    assert "Received" in html
    assert "5 of 6 visits left" in html
    assert "expires in 30 days" in html
    assert "/staff/referrals/" not in html


def test_a_client_without_referrals_sees_no_referral_section(bob_http, incoming):
    html = bob_http.get(reverse("client_home")).content.decode()
    assert "Your physician referrals" not in html


def test_the_navigation_links_referrals_for_admins_only(admin_http, therapist_http):
    assert reverse("physician_list") in admin_http.get(reverse("admin_home")).content.decode()
    assert (
        reverse("physician_list") not in therapist_http.get(reverse("staff_home")).content.decode()
    )
