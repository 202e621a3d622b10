"""Staff search of clients by name, e-mail, phone or date of birth."""

import importlib

import pytest
from django.db import connection
from django.urls import reverse

from intake.accounts.models import Client
from intake.audit.models import AuditEvent
from intake.clients import search
from tests.factories import make_client
from tests.hostile import HOSTILE_STRINGS

URL = reverse("client_search")


def names(response) -> list[str]:
    return [c.full_name for c in response.context["clients"]]


@pytest.fixture
def people(alice, bob):
    carol = make_client("carol@example.org", "Carol", "Anderson", "1975-06-15")
    carol.phone = "(555) 987-6543"
    carol.save()
    return alice, bob, carol


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
        ("ders", ["Alice Anders", "Carol Anderson"]),
        ("al", ["Alice Anders"]),
        ("AN", ["Alice Anders", "Carol Anderson"]),
        ("ol", []),
        ("c anderson", ["Carol Anderson"]),
        ("b", ["Bob Brown"]),
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
    with django_assert_max_num_queries(9):  # the audit event: chain head (and lock on PostgreSQL)
        response = therapist_http.get(URL, {"q": "match"})
    assert len(response.context["clients"]) == count


def test_it_caps_the_result_list(therapist_http):
    Client.objects.bulk_create(Client(first_name=f"Many{i}", last_name="Same") for i in range(55))
    response = therapist_http.get(URL, {"q": "same"})
    assert len(response.context["clients"]) == 50
    assert response.context["more"] is True


def test_it_denies_anonymous_and_clients_and_wrong_method(client, alice_http, therapist_http):
    assert client.get(URL).status_code == 302
    assert alice_http.get(URL).status_code == 403
    assert therapist_http.post(URL).status_code == 405


def test_it_lets_an_admin_search(admin_http, people):
    assert names(admin_http.get(URL, {"q": "bob"})) == ["Bob Brown"]


def test_it_says_when_a_short_word_only_matches_the_start_of_a_name(therapist_http, people):
    response = therapist_http.get(URL, {"q": "ol anderson"})
    body = response.content.decode()
    assert 'data-testid="short-words"' in body
    assert "shorter than 3 characters (ol)" in body
    assert names(response) == []
    assert (
        'data-testid="short-words"' not in therapist_http.get(URL, {"q": "carol"}).content.decode()
    )


def test_it_orders_matches_by_last_then_first_name_then_id(therapist_http):
    made = [
        Client.objects.create(first_name=first, last_name=last)
        for first, last in [("Zed", "Moss"), ("Amy", "Moss"), ("Bea", "Mossa"), ("Amy", "Moss")]
    ]
    response = therapist_http.get(URL, {"q": "moss"})
    assert [c.pk for c in response.context["clients"]] == [
        made[1].pk,
        made[3].pk,
        made[0].pk,
        made[2].pk,
    ]


MIGRATION = importlib.import_module("intake.migrations.0003_client_search_trgm")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL trigram indexes: runs in make test-postgres",
)
@pytest.mark.parametrize(
    ("query", "indexes"),
    [
        ("garcia", ["client_first_name_trgm", "client_last_name_trgm", "client_email_trgm"]),
        ("zoe zhang", ["client_first_name_trgm", "client_last_name_trgm", "client_email_trgm"]),
        ("zh", ["client_first_name_trgm", "client_last_name_trgm"]),
        ("555 987", ["client_phone_digits_trgm", "client_email_trgm"]),
        ("1975-06-15", ["client_phone_digits_trgm", "client_dob_idx"]),
    ],
)
def test_it_answers_every_branch_of_the_search_from_an_index_on_postgresql(db, query, indexes):
    # Tests run without migrations: apply 0003's SQL here (rolled back with the test).
    with connection.schema_editor() as editor:
        MIGRATION.create_indexes(None, editor)
    Client.objects.bulk_create(
        Client(
            first_name=f"F{i}", last_name=f"L{i}", email=f"c{i}@example.org", phone=f"555-{i:04d}"
        )
        for i in range(200)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE intake_client")
        cursor.execute("SET LOCAL enable_seqscan = off")
    rows = search.matching(query).order_by(
        search.Unindexed("last_name"), search.Unindexed("first_name"), "id"
    )[:51]
    plan = rows.explain()
    assert "Seq Scan" not in plan
    assert "Filter:" not in plan.split("Bitmap Heap Scan")[0]
    for index in indexes:
        assert index in plan, plan
    assert "client_name_idx" not in plan


def test_it_leaves_other_databases_alone_in_its_migration(db):
    class Editor:
        connection = type("Connection", (), {"vendor": "sqlite"})()

        def execute(self, sql):
            raise AssertionError(sql)

    MIGRATION.create_indexes(None, Editor())
    MIGRATION.drop_indexes(None, Editor())
