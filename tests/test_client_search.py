"""Staff search of clients by name, e-mail, phone or date of birth."""

import pytest
from django.urls import reverse

from intake.models import AuditEvent, Client
from tests.conftest import make_client
from tests.hostile import HOSTILE_STRINGS

URL = reverse("client_search")


def names(response) -> list[str]:
    return [c.full_name for c in response.context["clients"]]


@pytest.fixture
def people(client_a, client_b):
    carol = make_client("carol@example.org", "Carol", "Anderson", "1975-06-15")
    carol.phone = "(555) 987-6543"
    carol.save()
    return client_a, client_b, carol


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alice", ["Alice Anders"]),
        ("ANDERS", ["Alice Anders", "Carol Anderson"]),
        ("carol anderson", ["Carol Anderson"]),
        ("anderson carol", ["Carol Anderson"]),
        ("bob@example", ["Bob Brown"]),
        ("5559876543", ["Carol Anderson"]),
        ("555 987", ["Carol Anderson"]),
        ("1975-06-15", ["Alice Anders", "Carol Anderson"]),
        ("15/06/1975", ["Alice Anders", "Carol Anderson"]),
        ("02.11.1988", ["Bob Brown"]),
        ("nobody-here", []),
    ],
)
def test_it_finds_clients(therapist_http, people, query, expected):
    response = therapist_http.get(URL, {"q": query})
    assert response.status_code == 200
    assert names(response) == expected


def test_it_lists_everyone_without_a_query_and_links_to_the_chart(therapist_http, people):
    response = therapist_http.get(URL)
    assert names(response) == ["Alice Anders", "Carol Anderson", "Bob Brown"]
    assert reverse("client_chart", args=[people[0].pk]) in response.content.decode()


@pytest.mark.parametrize("query", [s[:100] for s in HOSTILE_STRINGS])
def test_it_survives_hostile_queries(therapist_http, people, query):
    response = therapist_http.get(URL, {"q": query})
    assert response.status_code == 200
    if "<" in query:
        assert query not in response.content.decode()


def test_it_audits_the_search_without_the_query(therapist_http, people):
    therapist_http.get(URL, {"q": "alice"})
    event = AuditEvent.objects.get(action="view")
    assert event.detail == "client search"
    assert "alice" not in event.detail


@pytest.mark.parametrize("count", [3, 30])
def test_it_uses_a_constant_number_of_queries(therapist_http, django_assert_max_num_queries, count):
    for i in range(count):
        Client.objects.create(first_name=f"Zed{i}", last_name="Match", phone=f"555-01{i:02d}")
    with django_assert_max_num_queries(7):
        response = therapist_http.get(URL, {"q": "match"})
    assert len(response.context["clients"]) == count


def test_it_caps_the_result_list(therapist_http):
    Client.objects.bulk_create(Client(first_name=f"Many{i}", last_name="Same") for i in range(55))
    response = therapist_http.get(URL, {"q": "same"})
    assert len(response.context["clients"]) == 50
    assert response.context["more"] is True


def test_it_denies_anonymous_and_clients_and_wrong_method(client, client_a_http, therapist_http):
    assert client.get(URL).status_code == 302
    assert client_a_http.get(URL).status_code == 403
    assert therapist_http.post(URL).status_code == 405


def test_it_lets_an_admin_search(admin_http, people):
    assert names(admin_http.get(URL, {"q": "bob"})) == ["Bob Brown"]
