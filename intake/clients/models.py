"""Safety follow-ups: what the clinic did about an intake's urgent or see-a-physician flags."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class SafetyFollowUp(models.Model):
    """One contact (or try) with a client about the flags of one submitted intake.

    Written by a therapist or an admin. A follow-up that reached the client (any outcome but
    "could not reach") is what takes the intake off the staff's "needs attention" queue; a draft
    letter to a physician does not, since it says nothing of what the client was told.
    Kept as written: a correction is a further follow-up.
    """

    class Method(models.TextChoices):
        PHONE = "phone", "Phone call"
        IN_PERSON = "in_person", "In person"
        EMAIL = "email", "E-mail"
        TEXT = "text", "Text message"

    class Outcome(models.TextChoices):
        EMERGENCY = "emergency", "Client is going to emergency care"
        PHYSICIAN = "physician", "Client will see their physician before treatment"
        ALREADY_SEEN = "already_seen", "Client's physician already knows and has cleared them"
        ANSWER_WRONG = "answer_wrong", "The answer was a mistake: the client does not have it"
        DECLINED = "declined", "Client declined the advice"
        NOT_REACHED = "not_reached", "Could not reach the client (still needs a follow-up)"

    intake = models.ForeignKey(
        "intake.IntakeSubmission", on_delete=models.PROTECT, related_name="follow_ups"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    contacted_at = models.DateTimeField("when the client was contacted")
    method = models.CharField("how", max_length=12, choices=Method.choices)
    advice = models.TextField("advice given")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    details = models.TextField("more about the outcome", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "safety follow-up"
        ordering = ["-contacted_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(advice=""), name="follow_up_has_advice"),
        ]

    def __str__(self) -> str:
        return f"Safety follow-up #{self.pk}"

    @property
    def client_id(self) -> int:
        """The client is the intake's (the audit trail files each event under it)."""
        return self.intake.client_id

    @property
    def reached_client(self) -> bool:
        return self.outcome != self.Outcome.NOT_REACHED
