"""Physicians and referrals (incoming from a physician, or outgoing to one)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Physician(models.Model):
    name = models.CharField(max_length=200)
    practice = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    fax = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    licence_number = models.CharField("licence / registration number", max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "physician"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"], name="physician_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.practice})" if self.practice else self.name


class Referral(models.Model):
    class Direction(models.TextChoices):
        INCOMING = "incoming", "Incoming (from a physician)"
        OUTGOING = "outgoing", "Outgoing (to a physician)"

    class Status(models.TextChoices):
        # incoming
        RECEIVED = "received", "Received"
        VERIFIED = "verified", "Verified"
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        EXPIRED = "expired", "Expired"
        CANCELLED = "cancelled", "Cancelled"
        # outgoing
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        CLOSED = "closed", "Closed"

    client = models.ForeignKey("intake.Client", on_delete=models.PROTECT, related_name="referrals")
    physician = models.ForeignKey(Physician, on_delete=models.PROTECT, related_name="referrals")
    intake = models.ForeignKey(
        "intake.IntakeSubmission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    direction = models.CharField(max_length=10, choices=Direction.choices)
    status = models.CharField(max_length=14, choices=Status.choices)
    referral_date = models.DateField("received or sent on")
    reason = models.TextField("reason or diagnosis as written", blank=True)
    visits_authorized = models.PositiveIntegerField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    letter_text = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "referral"
        ordering = ["-referral_date", "-id"]
        indexes = [
            models.Index(fields=["status", "expires_on"], name="referral_status_exp_idx"),
            models.Index(fields=["-referral_date", "-id"], name="referral_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(visits_authorized__isnull=True) | Q(visits_authorized__gt=0),
                name="referral_visits_positive",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("referral_date")),
                name="referral_expiry_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral #{self.pk} ({self.get_direction_display()}, {self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("referral_detail", kwargs={"referral_id": self.pk})


class ReferralTransition(models.Model):
    """History of a referral's status: who moved it, from what, to what, when."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "referral transition"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"


class ReferralDocument(models.Model):
    """An uploaded document (e.g. the physician's referral letter), stored privately."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="referrals/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "referral document"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"Document #{self.pk}"
