"""Reads of intakes that several capabilities share."""

from intake.accounts.models import Client
from intake.submissions.models import IntakeSubmission


def latest_submitted_intake(*, client: Client) -> IntakeSubmission | None:
    """The client's most recent submitted intake, with its symptom marks prefetched and its
    client attached (read through ``client.intakes``: no query for it)."""
    return client.intakes.submitted().prefetch_related("marks").first()
