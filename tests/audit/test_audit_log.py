"""The office's audit log page (/staff/audit/) and its CSV export."""

import csv
import io

import pytest

from intake.audit.models import AuditEvent
from tests.hostile import FORMULA_STRINGS

URL = "/staff/audit/"
EXPORT = "/staff/audit/export.csv"


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("url", [URL, EXPORT])
def test_it_sends_anonymous_users_to_login(client, url, db):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("url", [URL, EXPORT])
@pytest.mark.parametrize("who", ["alice_http", "therapist_http"])
def test_it_refuses_clients_and_therapists(request, who, url):
    assert request.getfixturevalue(who).get(url).status_code == 403


@pytest.mark.parametrize("url", [URL, EXPORT])
def test_it_refuses_post(admin_http, url):
    assert admin_http.post(url).status_code == 405


def test_it_lists_events_newest_first(admin_http, make_events, therapist, alice):
    make_events(2, user=therapist, client=alice)
    response = admin_http.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('data-testid="audit-row"') == 2
    assert "tess@example.org" in body
    assert "Alice Anders" in body


@pytest.mark.parametrize("size", [5, 120])
def test_it_pages_with_a_constant_number_of_queries(
    admin_http, make_events, therapist, alice, django_assert_max_num_queries, size
):
    make_events(size, user=therapist, client=alice)
    with django_assert_max_num_queries(9):  # 9: the audit event reads the chain head
        response = admin_http.get(URL, {"client": "alice"})
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="audit-row"') == min(size, 50)


def test_it_filters_by_client_user_action_and_date(
    admin_http, make_events, therapist, therapist2, alice, bob
):
    make_events(3, user=therapist, client=alice)
    make_events(2, user=therapist2, client=bob)
    make_events(1, user=therapist2, client=alice, action="print")

    def count(**params) -> int:
        return admin_http.get(URL, params).context["page"].paginator.count

    assert count() == 6
    assert count(client="Anders") == 4
    assert count(client=f"#{bob.pk}") == 2
    assert count(user="theo@") == 3
    assert count(action="print") == 1
    assert count(client="alice", user="theo", action="print") == 1
    today = AuditEvent.objects.first().at.date().isoformat()
    assert count(date_from=today, date_to=today) == 6
    assert count(date_from="2000-01-01", date_to="2000-01-02") == 0


def test_it_shows_an_error_for_reversed_dates(admin_http, make_events, admin_user):
    make_events(1, user=admin_user)
    response = admin_http.get(URL, {"date_from": "2020-02-02", "date_to": "2020-01-01"})
    assert response.status_code == 200
    assert "start date is after the end date" in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_it_keeps_filters_across_pages(admin_http, make_events, therapist, alice):
    make_events(60, user=therapist, client=alice)
    response = admin_http.get(URL, {"action": "view"})
    assert "?action=view&amp;page=2" in response.content.decode()
    page2 = admin_http.get(URL, {"action": "view", "page": 2})
    assert page2.content.decode().count('data-testid="audit-row"') == 10


def test_it_exports_the_filtered_events_as_csv_and_audits_the_export(
    admin_http, admin_user, make_events, therapist, alice, bob
):
    make_events(2, user=therapist, client=alice)
    make_events(1, user=therapist, client=bob)
    response = admin_http.get(EXPORT, {"client": f"#{alice.pk}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = csv_rows(response)
    assert rows[0][0] == "time (UTC)"
    assert len(rows) == 3
    assert {row[7] for row in rows[1:]} == {"Alice Anders"}
    export = AuditEvent.objects.get(action="export")
    assert export.user == admin_user


def test_it_defuses_spreadsheet_formulas_in_the_export(admin_http, admin_user, db):
    from tests.factories import make_client

    for i, formula in enumerate(FORMULA_STRINGS):
        hostile = make_client(f"f{i}@example.org", formula, "Doe")
        AuditEvent.objects.create(user=admin_user, action="view", client=hostile, detail=formula)
    rows = csv_rows(admin_http.get(EXPORT, {"action": "view"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells), cells
    assert "'=1+1" in cells
    assert "'=1+1 Doe" in cells


def test_it_exports_in_constant_queries(
    admin_http, make_events, therapist, alice, django_assert_max_num_queries
):
    for size in (3, 300):
        make_events(size, user=therapist, client=alice)
        with django_assert_max_num_queries(9):  # 9: the audit event reads the chain head
            rows = csv_rows(admin_http.get(EXPORT))
        assert len(rows) > size


@pytest.mark.parametrize("odd", ["#¹", "#99999999999999999999999", "#", "#-1"])
def test_it_treats_odd_client_filters_as_names(admin_http, make_events, therapist, alice, odd):
    make_events(2, user=therapist, client=alice)
    response = admin_http.get(URL, {"client": odd})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
