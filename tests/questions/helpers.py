"""Making clinic questions in tests: through the service an admin's page uses."""

from __future__ import annotations

from django.urls import reverse

from intake.questions import services
from intake.questions.models import ClinicQuestion

DEFAULTS = {"kind": "yes_no", "choices": [], "required": False, "yes_level": "none"}


def make_question(step: str = "history", text: str = "Do you wear contact lenses?", *, by=None,
                  **fields) -> ClinicQuestion:  # fmt: skip
    return services.add_question(step=step, by=by, text=text, **{**DEFAULTS, **fields})


def edit(question: ClinicQuestion, *, by=None, **fields):
    latest = question.versions.order_by("-number").first()
    values = {name: getattr(latest, name) for name in services.VERSION_FIELDS}
    return services.edit_question(question=question, by=by, **{**values, **fields})


def step_url(intake, step: int) -> str:
    return reverse("intake_step", kwargs={"intake_id": intake.pk, "step": step})


def field(question: ClinicQuestion) -> str:
    return f"clinic_{question.pk}"
