"""SOAP session notes: drafts the author edits, then signed and locked; corrections are addenda."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from intake import outcomes


class SessionNote(models.Model):
    client = models.ForeignKey("intake.Client", on_delete=models.PROTECT, related_name="notes")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="session_notes"
    )
    referral = models.ForeignKey(
        "intake.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="session_notes",
    )
    referral_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    referral_override_reason = models.TextField(blank=True)
    referral_override_at = models.DateTimeField(null=True, blank=True)
    visit_date = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField()
    # S
    subjective = models.TextField("client's report", blank=True)
    pain_before = models.PositiveSmallIntegerField("current pain (0–10)", null=True, blank=True)
    pain_worst = models.PositiveSmallIntegerField(
        "worst pain since the last visit (0–10)", null=True, blank=True
    )
    changes_since_last = models.TextField(blank=True)
    # O
    posture = models.TextField(blank=True)
    range_of_motion = models.TextField(blank=True)
    palpation = models.TextField("palpation / tissue findings", blank=True)
    regions_treated = models.JSONField(default=list, blank=True)
    techniques = models.TextField(blank=True)
    # A
    assessment = models.TextField(blank=True)
    # P
    plan_next_visit = models.TextField(blank=True)
    plan_frequency = models.CharField(max_length=200, blank=True)
    plan_home_care = models.TextField(blank=True)
    pain_after = models.PositiveSmallIntegerField(
        "pain after treatment (0–10)", null=True, blank=True
    )
    # An adverse response or exacerbation after treatment (blank: none reported); the progress
    # report lists them for the referring physician.
    adverse_response = models.TextField("adverse response or exacerbation", blank=True)
    # Patient-Specific Functional Scale re-scored at this visit: [{"activity": str, "score": 0..10}]
    psfs = models.JSONField(default=list, blank=True)
    # Safety gates (issue 13; the rules: notes.services.safety_gate_errors). False: "no treatment
    # given, client advised" (the only note an urgent client can have signed), with the advice.
    treatment_given = models.BooleanField(default=True)
    advice_given = models.TextField("advice given to the client", blank=True)
    clearance_reason = models.TextField(
        "reason to treat without a physician's clearance", blank=True
    )
    consent_reason = models.TextField("reason to treat a sensitive or avoided area", blank=True)

    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "session note"
        ordering = ["-visit_date", "-id"]
        indexes = [models.Index(fields=["client", "visit_date"], name="note_client_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="note_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(pain_before__isnull=True) | Q(pain_before__lte=10),
                name="note_pain_before_0_10",
            ),
            models.CheckConstraint(
                condition=Q(pain_after__isnull=True) | Q(pain_after__lte=10),
                name="note_pain_after_0_10",
            ),
            models.CheckConstraint(
                condition=Q(pain_worst__isnull=True) | Q(pain_worst__lte=10),
                name="note_pain_worst_0_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Session note #{self.pk} ({self.visit_date})"

    def get_absolute_url(self) -> str:
        return reverse("note_detail", kwargs={"note_id": self.pk})

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def can_edit(self, user) -> bool:
        """Only the author edits, and only while the note is a draft."""
        return not self.is_signed and user.pk == self.therapist_id

    @property
    def psfs_mean(self) -> float | None:
        """Patient-Specific Functional Scale score: the mean of the activity scores (0–10)."""
        return outcomes.psfs_mean(self.psfs)


class Addendum(models.Model):
    note = models.ForeignKey(SessionNote, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "addendum"
        verbose_name_plural = "addenda"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Addendum #{self.pk} to note #{self.note_id}"
