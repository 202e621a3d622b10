"""Physicians and referrals (incoming from a physician, or outgoing to one).

Visits used = signed session notes linked to the referral. A referral can cover a visit when it is
incoming, received / verified / active (a received referral is usable while the office verifies
it, so a first visit is not refused over paperwork), not past its expiry date and not used up.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone


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


class ReferralQuerySet(models.QuerySet):
    def with_visit_counts(self, *, grouped: bool = False) -> "ReferralQuerySet":
        """Annotate ``visits_used_count`` (signed notes linked) and ``visits_remaining_count``
        (NULL without a limit) in the same query, so lists make no query per row.

        By default a correlated subquery: a paginated page only counts the visits of the rows
        it shows. With ``grouped`` a JOIN + GROUP BY: one pass over the notes, faster when the
        filter or the order needs the count of many rows (e.g. "2 visits or fewer left").
        """
        from intake.notes.models import SessionNote

        if grouped:
            used = Count("session_notes", filter=Q(session_notes__signed_at__isnull=False))
        else:
            signed = (
                SessionNote.objects.filter(referral=OuterRef("pk"), signed_at__isnull=False)
                .order_by()
                .values("referral")
                .annotate(n=Count("pk"))
                .values("n")
            )
            used = Coalesce(Subquery(signed, output_field=IntegerField()), Value(0))
        return self.annotate(visits_used_count=used).annotate(
            visits_remaining_count=ExpressionWrapper(
                F("visits_authorized") - F("visits_used_count"), output_field=IntegerField()
            ),
        )

    def with_flag_level(self) -> "ReferralQuerySet":
        """Annotate ``flag_level``: the highest safety flag of the client's latest submitted
        intake ("urgent", "physician", "caution", "none"; None without an intake)."""
        from intake.submissions.models import IntakeSubmission

        latest = (
            IntakeSubmission.objects.filter(client=OuterRef("client"))
            .submitted()
            .values("flag_level")[:1]
        )
        return self.annotate(flag_level=Subquery(latest))

    def incoming(self) -> "ReferralQuerySet":
        return self.filter(direction=Referral.Direction.INCOMING)

    def usable_incoming(self, *, today: dt.date | None = None) -> "ReferralQuerySet":
        """The queryset side of ``Referral.is_usable_for_visit``: incoming, in a usable status
        and, given ``today``, not past its expiry date.

        Visits left are not filtered here: counting them needs ``with_visit_counts()``, and the
        lists that warn about referrals running out want the used-up ones too.
        """
        usable = self.incoming().filter(status__in=Referral.USABLE_STATUSES)
        if today is None:
            return usable
        return usable.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


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
    #: The date on the letter (the physician's for an incoming referral, ours for an outgoing
    #: one). An incoming referral's authorization runs from it: see the README, "Referrals".
    referral_date = models.DateField("date of the letter")
    received_on = models.DateField(
        "arrived at the clinic on",
        null=True,
        blank=True,
        help_text="Incoming referrals: the day the letter reached the clinic.",
    )
    reason = models.TextField("reason or diagnosis as written", blank=True)
    visits_authorized = models.PositiveIntegerField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    letter_text = models.TextField("letter text (as last edited)", blank=True)
    report_text = models.TextField("progress report plan (as last edited)", blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="letter or report signed by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferralQuerySet.as_manager()

    #: Incoming statuses in which a referral can still cover a visit (the one list of them, read
    #: by ``is_usable_for_visit`` and ``ReferralQuerySet.usable_incoming``).
    USABLE_STATUSES = frozenset({Status.RECEIVED, Status.VERIFIED, Status.ACTIVE})

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
            models.CheckConstraint(
                condition=Q(received_on__isnull=True)
                | Q(received_on__gte=models.F("referral_date")),
                name="referral_received_after_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral #{self.pk} ({self.get_direction_display()}, {self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("referral_detail", kwargs={"referral_id": self.pk})

    @property
    def is_incoming(self) -> bool:
        return self.direction == self.Direction.INCOMING

    def arrived_on(self) -> dt.date | None:
        """The day an incoming letter reached the clinic: as recorded, or, when it came in with
        the client's intake (nobody typed a date), the day it was filed. None for outgoing."""
        if not self.is_incoming:
            return None
        if self.received_on is not None:
            return self.received_on
        return timezone.localdate(self.created_at) if self.created_at else None

    def visits_used(self) -> int:
        """Signed session notes linked to this referral (annotated count when available)."""
        annotated = getattr(self, "visits_used_count", None)
        if annotated is not None:
            return annotated
        return self.session_notes.filter(signed_at__isnull=False).count()

    def visits_remaining(self) -> int | None:
        """Authorized visits not used yet (never below 0); None when there is no limit."""
        if self.visits_authorized is None:
            return None
        return max(0, self.visits_authorized - self.visits_used())

    def expires_in_days(self, today: dt.date | None = None) -> int | None:
        """Days until expiry (0 = expires today, negative = expired); None without an expiry."""
        if self.expires_on is None:
            return None
        return (self.expires_on - (today or timezone.localdate())).days

    def expiry_label(self, today: dt.date | None = None) -> str:
        """'expires in 3 days', 'expires today', 'expired 2 days ago' or 'no expiry date'."""
        days = self.expires_in_days(today)
        if days is None:
            return "no expiry date"
        if days == 0:
            return "expires today"
        if days < 0:
            return f"expired {-days} day{'s' if days != -1 else ''} ago"
        return f"expires in {days} day{'s' if days != 1 else ''}"

    def visits_label(self) -> str:
        """'3 of 6 visits left' or '2 visits used (no limit)'."""
        remaining = self.visits_remaining()
        if remaining is None:
            used = self.visits_used()
            return f"{used} visit{'s' if used != 1 else ''} used (no limit)"
        return f"{remaining} of {self.visits_authorized} visits left"

    def flag_label(self) -> str:
        """The label of ``flag_level`` (annotated by ``with_flag_level``); "" without one."""
        from intake.submissions.models import FlagLevel

        level = getattr(self, "flag_level", None)
        return FlagLevel(level).label if level else ""

    def is_usable_for_visit(self, today: dt.date | None = None) -> tuple[bool, str]:
        """Whether a visit on ``today`` may be counted against this referral, and why not.

        Refused: outgoing referrals; completed, expired or cancelled ones; past the expiry date;
        all authorized visits used.
        """
        if not self.is_incoming:
            return False, "Only a referral from a physician (incoming) can cover a visit."
        if self.status not in self.USABLE_STATUSES:
            return False, f"This referral is {self.get_status_display().lower()}."
        days = self.expires_in_days(today)
        if days is not None and days < 0:
            return False, f"This referral expired on {self.expires_on:%Y-%m-%d}."
        remaining = self.visits_remaining()
        if remaining == 0:
            return False, f"All {self.visits_authorized} authorized visits are used."
        return True, ""


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


class AlertLog(models.Model):
    """One alert sent about one thing on one day: makes the alerts command idempotent per day."""

    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=60)
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "alert log entry"
        verbose_name_plural = "alert log"
        ordering = ["-day", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "day"], name="alertlog_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} on {self.day}"
