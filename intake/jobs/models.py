from django.conf import settings
from django.db import models


class UrgentIntakeEmail(models.Model):
    """The urgent-intake e-mail to one staff member about one intake was sent.

    The row is inserted in the same transaction that sends the e-mail and commits only when the
    mail server accepted it, under a unique constraint: a retry, a second worker or the sweep
    skips it, so no one receives it twice; a failed send leaves no row and is tried again.
    """

    intake = models.ForeignKey(
        "intake.IntakeSubmission", on_delete=models.CASCADE, related_name="urgent_emails"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = "urgent-intake e-mail"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "recipient"], name="urgent_intake_email_once"
            ),
        ]

    def __str__(self) -> str:
        return f"intake {self.intake_id} to user {self.recipient_id}"
