"""Every CSV export of the project (every URL ending in .csv) defuses spreadsheet formulas that
users typed, and is itself audited."""

import csv
import io
import re

import pytest
from django.urls import reverse

from intake.audit.models import AuditEvent
from tests.factories import make_client, make_referral
from tests.fixtures.security import project_urls
from tests.hostile import FORMULA_STRINGS

NUMBER = re.compile(r"-?\d+(\.\d+)?")
FORMULAS = [*FORMULA_STRINGS, '=HYPERLINK("http://evil.example","x")', "\t=1+1"]


def csv_urls() -> list[str]:
    return sorted(
        name for name, pattern in project_urls().items() if str(pattern.pattern).endswith(".csv")
    )


def test_it_finds_the_exports():
    assert {"audit_export", "referral_export_csv"} <= set(csv_urls())


@pytest.fixture
def hostile_records(admin_user):
    for i, formula in enumerate(FORMULAS):
        client = make_client(f"formula{i}@example.org", formula, formula)
        make_referral(client, reason=formula, notes=formula)
        AuditEvent.objects.create(user=admin_user, action="view", client=client, detail=formula)


@pytest.mark.parametrize("name", csv_urls())
def test_it_defuses_formulas_in_every_export(name, admin_http, hostile_records):
    before = AuditEvent.objects.filter(action="export").count()
    response = admin_http.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) > len(FORMULAS)  # the hostile rows are there
    live = [
        cell
        for row in rows
        for cell in row
        if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not NUMBER.fullmatch(cell)
    ]
    assert not live, f"{name} exports live formulas: {live[:5]}"
    assert AuditEvent.objects.filter(action="export").count() == before + 1
