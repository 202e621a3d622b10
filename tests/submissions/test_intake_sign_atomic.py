"""An intake is submitted together with its "sign" audit event, or not at all: a failure
between the two (a server killed, the audit table refusing) leaves the draft as it was."""

import pytest

from intake import audit
from intake.audit.models import AuditEvent
from intake.submissions.models import IntakeSubmission
from tests.fixtures.submissions import step_data
from tests.submissions.test_intake_wizard import complete, start, step_url

pytestmark = pytest.mark.django_db


def test_a_failing_audit_write_leaves_the_draft_unsubmitted(alice_http, alice, monkeypatch):
    intake = start(alice_http)
    complete(alice_http, intake, until=6)

    def refuse(*args, **kwargs):
        raise RuntimeError("the audit table refused the event")

    monkeypatch.setattr(audit, "record_on", refuse)
    alice_http.raise_request_exception = False
    response = alice_http.post(step_url(intake, 7), step_data(7))
    assert response.status_code == 500
    intake.refresh_from_db()
    assert intake.status == IntakeSubmission.Status.DRAFT and intake.consent_signature == ""
    assert not AuditEvent.objects.filter(action="sign").exists()
    monkeypatch.undo()
    assert alice_http.post(step_url(intake, 7), step_data(7)).status_code == 302
    intake.refresh_from_db()
    assert intake.status == IntakeSubmission.Status.SUBMITTED
    assert AuditEvent.objects.filter(action="sign", object_id=str(intake.pk)).count() == 1
