"""Every CSV export of the project (every URL ending in .csv) defuses spreadsheet formulas that
users typed, and is itself audited."""

import csv
import io
import re

import pytest
from django.urls import reverse

from intake.audit.models import AuditEvent
from tests.factories import make_client, make_intake, make_note, make_referral, make_user
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
        AuditEvent.objects.create(
            user=admin_user, role="admin", action="view", client=client, detail=formula
        )  # an admin's opening: the log review lists it
    # A client's own export (the outcome series): typed activity names, one per formula.
    hostile = make_client("formulas@example.org", "Formula", "Holder")
    make_intake(hostile, psfs=[{"activity": f, "score": 5} for f in FORMULAS[:5]])
    make_note(hostile, make_user("t@example.org"), signed=True,
              psfs=[{"activity": f, "score": 6} for f in FORMULAS[3:]])  # fmt: skip
    return hostile


def _url(name: str, client) -> str:  # noqa: ANN001
    """The export's URL; a per-client export is asked for the hostile client."""
    pattern = str(project_urls()[name].pattern)
    return reverse(name, args=[client.pk]) if "<int:client_id>" in pattern else reverse(name)


@pytest.mark.parametrize("name", csv_urls())
def test_it_defuses_formulas_in_every_export(name, admin_http, hostile_records):
    before = AuditEvent.objects.filter(action="export").count()
    response = admin_http.get(_url(name, hostile_records))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    defused = [cell[1:] for cell in cells if cell.startswith("'")]
    # Every formula is there, defused: alone in a cell, or starting a name ("=1+1 =1+1").
    assert all(any(formula in cell for cell in defused) for formula in FORMULAS), defused
    live = [
        cell
        for row in rows
        for cell in row
        if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not NUMBER.fullmatch(cell)
    ]
    assert not live, f"{name} exports live formulas: {live[:5]}"
    assert AuditEvent.objects.filter(action="export").count() == before + 1
