"""Home-page panels for the intakes capability."""

from django import template

from intake.submissions.models import IntakeSubmission

register = template.Library()

PANEL_SIZE = 5


@register.inclusion_tag("submissions/panels/client.html")
def client_intakes_panel(client) -> dict:
    intakes = list(client.intakes.order_by("-created_at", "-id")[:PANEL_SIZE]) if client else []
    draft = next((i for i in intakes if not i.is_submitted), None)
    return {"intakes": intakes, "draft": draft}


@register.inclusion_tag("submissions/panels/staff.html")
def staff_intakes_panel() -> dict:
    intakes = list(
        IntakeSubmission.objects.filter(status=IntakeSubmission.Status.SUBMITTED)
        .select_related("client")
        .order_by("-submitted_at", "-id")[:PANEL_SIZE]
    )
    return {"intakes": intakes}
