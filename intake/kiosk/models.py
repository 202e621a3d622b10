"""The waiting-room kiosk: a tablet a staff member turned into a device session of its own, and
the short arrival codes the front desk gives a client to identify themselves on it."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kiosk(models.Model):
    """One tablet's kiosk session, from the staff member who opened it until one closed it.

    ``client`` is the person using it now (picked by the front desk or identified with a code),
    ``intake`` the draft they fill in; both are cleared after submit, idle time or a reset."""

    name = models.CharField(max_length=60)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    client = models.ForeignKey(
        "intake.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    intake = models.ForeignKey(
        "intake.IntakeSubmission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    client_since = models.DateTimeField(null=True, blank=True)
    failed_codes = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "kiosk"
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intake__isnull=True) | Q(client__isnull=False),
                name="kiosk_intake_has_client",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ArrivalCode(models.Model):
    """A short code the front desk reads to an arriving client: with their name and date of
    birth it opens their intake on a kiosk, once, for a few minutes. Stored as a keyed hash."""

    client = models.ForeignKey(
        "intake.Client", on_delete=models.PROTECT, related_name="arrival_codes"
    )
    code_hash = models.CharField(max_length=64, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_on = models.ForeignKey(
        Kiosk, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "arrival code"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Arrival code #{self.pk}"
