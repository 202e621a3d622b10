"""Physician directory: admins list, search, add, edit and merge duplicates."""

import pytest
from django.urls import reverse

from intake.audit.models import AuditEvent
from intake.referrals.models import Physician, Referral
from tests.factories import make_physician, make_referral

pytestmark = pytest.mark.django_db
LIST = reverse("physician_list")


def names(response) -> list[str]:
    return [p.name for p in response.context["page"]]


def test_it_lists_and_searches_physicians(admin_http, physician, physician2, incoming):
    response = admin_http.get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Dr. Omar Reyes", "Dr. Paula Grant"]
    assert {p.name: p.referral_count for p in response.context["page"]}["Dr. Paula Grant"] == 1
    assert names(admin_http.get(LIST, {"q": "riverside"})) == ["Dr. Omar Reyes"]
    assert names(admin_http.get(LIST, {"q": "elm"})) == ["Dr. Paula Grant"]
    assert names(admin_http.get(LIST, {"q": "nobody"})) == []


@pytest.mark.parametrize("n", [3, 40])
def test_its_query_count_does_not_grow_with_rows(admin_http, n, django_assert_max_num_queries):
    for i in range(n):
        make_physician(f"Dr. {i:03}")
    with django_assert_max_num_queries(10):
        response = admin_http.get(LIST)
    assert len(names(response)) == min(n, 30)


def test_it_adds_a_physician(admin_http):
    response = admin_http.post(reverse("physician_new"), {"name": "  Dr.  Ana   Silva ",
                                                          "practice": "Bay Clinic"})  # fmt: skip
    physician = Physician.objects.get()
    assert response.status_code == 302
    assert physician.name == "Dr. Ana Silva"
    assert AuditEvent.objects.filter(action="create", object_type="physician").exists()


def test_it_refuses_a_physician_without_a_name(admin_http):
    response = admin_http.post(reverse("physician_new"), {"name": "   "})
    assert response.status_code == 200
    assert not Physician.objects.exists()


def test_it_edits_a_physician(admin_http, physician):
    url = reverse("physician_edit", kwargs={"physician_id": physician.pk})
    assert admin_http.get(url).status_code == 200
    admin_http.post(url, {"name": physician.name, "fax": "555-1234", "email": "pg@example.org"})
    physician.refresh_from_db()
    assert (physician.fax, physician.email) == ("555-1234", "pg@example.org")


def test_it_shows_a_physician_with_referrals(admin_http, physician, incoming):
    url = reverse("physician_detail", kwargs={"physician_id": physician.pk})
    html = admin_http.get(url).content.decode()
    assert "Alice Anders" in html
    assert "Merge a duplicate" in html


def test_it_merges_a_duplicate(admin_http, physician, bob):
    duplicate = make_physician("Dr Paula Grant")
    referral = make_referral(bob, duplicate)
    url = reverse("physician_merge", kwargs={"physician_id": physician.pk})
    response = admin_http.post(url, {"duplicate": duplicate.pk}, follow=True)
    assert "Merged" in response.content.decode()
    assert not Physician.objects.filter(pk=duplicate.pk).exists()
    assert Referral.objects.get(pk=referral.pk).physician == physician


def test_it_refuses_to_merge_a_physician_into_itself(admin_http, physician, incoming):
    url = reverse("physician_merge", kwargs={"physician_id": physician.pk})
    response = admin_http.post(url, {"duplicate": physician.pk}, follow=True)
    assert "cannot be merged into itself" in response.content.decode()
    assert Physician.objects.filter(pk=physician.pk).exists()
    assert Referral.objects.get(pk=incoming.pk).physician == physician


@pytest.mark.parametrize("who", ["therapist_http", "alice_http"])
def test_it_refuses_non_admins(request, who, physician, physician2):
    http = request.getfixturevalue(who)
    kw = {"physician_id": physician.pk}
    for name, kwargs in [("physician_list", {}), ("physician_new", {}),
                         ("physician_detail", kw), ("physician_edit", kw)]:  # fmt: skip
        assert http.get(reverse(name, kwargs=kwargs)).status_code == 403
    merge = reverse("physician_merge", kwargs=kw)
    assert http.post(merge, {"duplicate": physician2.pk}).status_code == 403
    assert Physician.objects.count() == 2


def test_it_sends_anonymous_users_to_log_in(client):
    assert client.get(LIST).status_code == 302


def test_it_refuses_wrong_methods(admin_http, physician):
    assert admin_http.post(LIST).status_code == 405
    kw = {"physician_id": physician.pk}
    assert admin_http.get(reverse("physician_merge", kwargs=kw)).status_code == 405
    assert admin_http.post(reverse("physician_detail", kwargs=kw)).status_code == 405


def test_it_answers_404_for_an_unknown_physician(admin_http):
    assert (
        admin_http.get(reverse("physician_detail", kwargs={"physician_id": 999})).status_code == 404
    )
