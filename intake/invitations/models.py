"""Intake invitations: a single-use link the front desk e-mails a client it has booked, so the
client sets a password and lands in their intake, linked to the record staff created.

Only a hash of the link's token is stored: the link itself exists in the e-mail alone.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Invitation(models.Model):
    class State(models.TextChoices):
        SENT = "sent", "Sent"
        OPENED = "opened", "Opened"
        STARTED = "started", "Intake started"
        SUBMITTED = "submitted", "Intake submitted"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"

    client = models.ForeignKey(
        "intake.Client", on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField("sent to")
    token_hash = models.CharField(max_length=64, unique=True)
    # The staff member who sent it; empty when the client asked for it by signing up with the
    # e-mail address the clinic already had for them.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    times_sent = models.PositiveSmallIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "intake invitation"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(used_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_client",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        """The link still lets someone set a password: not used, revoked or expired."""
        return self.used_at is None and self.revoked_at is None and not self.is_expired
