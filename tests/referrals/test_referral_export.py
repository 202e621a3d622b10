"""CSV export of the filtered referral list: admins only, audited, formula-safe."""

import csv
import io

import pytest
from django.urls import reverse

from intake.audit.models import AuditEvent
from tests.factories import make_physician, make_referral, signed_note_for

pytestmark = pytest.mark.django_db
URL = reverse("referral_export_csv")


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_it_exports_the_filtered_list(admin_http, incoming, outgoing, therapist):
    signed_note_for(incoming, therapist)
    response = admin_http.get(URL, {"direction": "incoming"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="referrals-')
    header, *data = rows(response)
    assert header[0] == "referral id"
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["referral id"] == str(incoming.pk)
    assert row["client"] == "Alice Anders"
    assert row["status"] == "Received"
    assert (row["visits authorized"], row["visits used"], row["visits remaining"]) == (
        "6",
        "1",
        "5",
    )
    assert row["expires in days"] == "30"


def test_it_leaves_visit_columns_empty_for_outgoing_referrals(admin_http, outgoing):
    header, row = rows(admin_http.get(URL))
    row = dict(zip(header, row, strict=True))
    assert (row["visits authorized"], row["visits used"], row["visits remaining"]) == ("", "", "")
    assert row["direction"] == "Outgoing (to a physician)"


def test_it_neutralises_spreadsheet_formulas(admin_http, alice):
    doctor = make_physician('=HYPERLINK("http://evil")', practice="+1+1")
    make_referral(alice, doctor, reason="@SUM(A1)")
    make_referral(alice, doctor, outgoing=True, reason="-2+3")
    make_referral(alice, doctor, reason="\tcmd")
    data = rows(admin_http.get(URL))[1:]
    cells = [cell for row in data for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'+1+1" in cells
    assert "'@SUM(A1)" in cells
    assert "'-2+3" in cells
    assert "'\tcmd" in cells
    assert not any(cell[:1] in "=+@\t\r" for cell in cells if cell)


def test_it_writes_an_export_audit_event(admin_http, admin_user, incoming):
    admin_http.get(URL)
    assert AuditEvent.objects.filter(user=admin_user, action="export").count() == 1


@pytest.mark.parametrize("who", ["therapist_http", "alice_http"])
def test_it_refuses_therapists_and_clients(request, who, incoming):
    assert request.getfixturevalue(who).get(URL).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


def test_it_sends_anonymous_users_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_it_refuses_post(admin_http):
    assert admin_http.post(URL).status_code == 405
