"""Template helper for pages whose view another capability owns: the client's safety banner.

The chart and the note pages build ``safety`` in their views; the handout composer and the intake
summary draw the same banner through this tag, from the same selector.
"""

from django import template

from intake.accounts.models import Client
from intake.clients import safety as selectors
from intake.submissions.models import IntakeSubmission

register = template.Library()


@register.inclusion_tag("clients/_safety_banner.html")
def safety_banner(
    client: Client | None = None,
    intake: IntakeSubmission | None = None,
    follow_up_link: bool = True,
) -> dict:
    """The banner for ``intake`` when given (the page is about it), else the client's latest.
    ``follow_up_link=False`` on the follow-up page itself."""
    if intake is not None:
        safety = selectors.summary_of(intake)
        return {"safety": safety, "intake_link": False, "follow_up_link": follow_up_link}
    safety = selectors.safety_summary(client=client)
    return {"safety": safety, "intake_link": True, "follow_up_link": follow_up_link}
