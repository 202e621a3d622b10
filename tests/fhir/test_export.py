"""The clinic's NDJSON export (command and admin page) and the published Questionnaire."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from intake.audit.models import AuditEvent
from intake.fhir import ndjson
from intake.fhir.questionnaire import PATH, questionnaire, version
from intake.fhir.validation import validate
from intake.signing.notes import original_filename
from intake.submissions import screening
from tests.fhir.conftest import A_MARK, B_MARK

pytestmark = pytest.mark.django_db


def read(folder, kind: str) -> list[dict]:
    return [json.loads(line) for line in (folder / f"{kind}.ndjson").read_text().splitlines()]


def test_the_command_writes_one_valid_file_per_type(records, tmp_path, admin_user):
    call_command("export_fhir", str(tmp_path / "out"), stdout=open("/dev/null", "w"))
    folder = tmp_path / "out"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.ndjson" for k in ndjson.STREAMS)
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    everything = {kind: read(folder, kind) for kind in ndjson.STREAMS}
    for kind, rows in everything.items():
        for resource in rows:
            assert resource["resourceType"] == kind
            validate(resource)
    assert len(everything["Patient"]) == 2
    assert len(everything["QuestionnaireResponse"]) == 2
    text = json.dumps(everything)
    assert A_MARK in text and B_MARK in text
    notes = [d for d in everything["DocumentReference"] if d["id"].startswith("note-")]
    assert all(d["content"][0]["attachment"]["url"].endswith("/pdf/") for d in notes)
    titles = {d["content"][0]["attachment"]["title"] for d in notes}
    assert titles == {original_filename(records[k]["note"]) for k in "ab"}
    assert AuditEvent.objects.filter(action="export", detail__startswith="FHIR NDJSON").exists()


def test_the_command_embeds_pdfs_and_picks_types(records, tmp_path):
    call_command("export_fhir", str(tmp_path), "--types", "DocumentReference", "--embed-pdfs",
                 stdout=open("/dev/null", "w"))  # fmt: skip
    assert [p.name for p in tmp_path.iterdir()] == ["DocumentReference.ndjson"]
    docs = read(tmp_path, "DocumentReference")
    assert all("data" in d["content"][0]["attachment"] for d in docs)
    assert len(docs) == 6  # per client: the note, its addendum, the handout
    with pytest.raises(CommandError):
        call_command("export_fhir", str(tmp_path), "--types", "Nonsense")


def test_flags_are_active_only_for_each_clients_latest_intake(records, tmp_path):
    from tests.factories import make_intake

    newer = make_intake(records["a"]["client"], takes_blood_thinners=True)
    flags = list(ndjson.flags())
    active = {f["id"].split("-flag-")[0] for f in flags if f["status"] == "active"}
    assert active == {f"intake-{newer.pk}", f"intake-{records['b']['intake'].pk}"}


def test_the_admin_page_streams_each_type_and_audits_it(records, admin_http, therapist_http):
    page = admin_http.get(reverse("fhir_clinic_export"))
    assert page.status_code == 200
    url = reverse("fhir_clinic_export_ndjson", kwargs={"resource_type": "Patient"})
    assert url.encode() in page.content
    assert therapist_http.get(url).status_code == 403
    before = AuditEvent.objects.count()
    response = admin_http.get(url)
    assert response.streaming and response["Content-Type"] == "application/fhir+ndjson"
    rows = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert {row["id"] for row in rows} == {f"client-{records[k]['client'].pk}" for k in "ab"}
    assert AuditEvent.objects.count() == before + 1
    missing = reverse("fhir_clinic_export_ndjson", kwargs={"resource_type": "Nonsense"})
    assert admin_http.get(missing).status_code == 404


def test_the_questionnaire_is_published_and_versioned(client):
    response = client.get(PATH)
    assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
    published = json.loads(response.content)
    validate(published)
    assert published["version"] == version()
    assert published["version"].startswith(f"{screening.RULES_VERSION}.")
    link_ids = {item["linkId"] for group in published["item"] for item in group["item"]}
    for question in screening.SAFETY_QUESTIONS:
        assert f"safety.{question.field}" in link_ids
        assert any(
            question.question == item["text"] for g in published["item"] for item in g["item"]
        )
    assert published == questionnaire()


def test_the_version_changes_when_a_question_does(monkeypatch):
    from intake.fhir import questionnaire as module

    before = version()
    group = module.GROUPS[0]
    changed = module.Group(group.link_id, group.text, group.items[1:])
    monkeypatch.setattr(module, "GROUPS", (changed, *module.GROUPS[1:]))
    assert version() != before


def test_a_builders_bug_stops_the_export(records, monkeypatch):
    from intake.fhir.validation import InvalidResource

    def broken(**_):
        yield {"resourceType": "Observation", "id": "bad", "status": "final"}  # no code

    monkeypatch.setitem(ndjson.STREAMS, "Observation", broken)
    for mode in ("all", "sample"):
        with pytest.raises(InvalidResource):
            list(ndjson.lines("Observation", validate=mode))
    assert b'"id":"bad"' in b"".join(ndjson.lines("Observation", validate="none"))


def test_the_sample_checks_the_first_resources_then_one_in_a_hundred():
    checked = [n for n in range(1000) if ndjson._checked(n, "sample")]
    assert checked[:100] == list(range(100)) and checked[100:] == list(range(100, 1000, 100))
    assert all(ndjson._checked(n, "all") for n in range(300))
    assert not any(ndjson._checked(n, "none") for n in range(300))


@pytest.mark.parametrize("kind", list(ndjson.STREAMS))
def test_each_stream_reads_a_fixed_number_of_queries_however_many_rows(records, kind):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_intake, make_note

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(ndjson.lines(kind, validate="none"))
        return len(captured)

    before = queries()
    for client in (records["a"]["client"], records["b"]["client"]):
        make_intake(client, flagged=True)
        make_note(client, records["a"]["note"].therapist, signed=True)
    assert queries() == before
