"""The client's intake: one per visit episode, draft until submitted, then read-only."""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intake.submissions import approximate_date


class FlagLevel(models.TextChoices):
    """How much care a safety answer calls for; the one list of levels, lowest first (their order
    ranks them). ``intake.submissions.screening`` says which answer raises which level."""

    NONE = "none", _("No flags")
    CAUTION = "caution", _("Caution")
    PHYSICIAN = "physician", _("See a physician first")
    URGENT = "urgent", _("Urgent")

    @property
    def rank(self) -> int:
        """0 for no flags, 3 for urgent: a higher rank calls for more care."""
        return list(FlagLevel).index(self)


# The symptom story's answers (step 3; the PSFS activities are kept in `psfs`).
SYMPTOM_FIELDS: tuple[str, ...] = (
    "main_complaint",
    "symptoms_started",
    "onset",
    "first_episode",
    "worse_with",
    "better_with",
    "worst_pain",
    "current_pain",
)

# The person to call in an emergency (step 1, with the client's own details; kept on the intake,
# carried over to the next one).
EMERGENCY_CONTACT_FIELDS: tuple[str, ...] = (
    "emergency_contact_name",
    "emergency_contact_phone",
    "emergency_contact_relationship",
)

# Health history and contraindications (step 4), in the page's order.
HISTORY_FIELDS: tuple[str, ...] = (
    "medications",
    "takes_blood_thinners",
    "clot_history",
    "varicose_veins",
    "bleeding_disorder",
    "pregnant",
    "high_risk_pregnancy",
    "recent_surgery_or_fracture",
    "surgery_details",
    "osteoporosis",
    "diabetes",
    "diabetes_reduced_feeling",
    "high_blood_pressure",
    "uncontrolled_blood_pressure",
    "recent_stroke_or_heart_event",
    "heart_condition",
    "epilepsy",
    "cancer_history",
    "cancer_treatment_now",
    "infection_that_spreads",
    "skin_conditions",
    "allergies",
    "avoid_areas",
    "consents_to_glute_work",
)
#: The health-history questions answered Yes or No (None: not answered).
HISTORY_YES_NO: tuple[str, ...] = (
    "takes_blood_thinners",
    "clot_history",
    "varicose_veins",
    "bleeding_disorder",
    "pregnant",
    "high_risk_pregnancy",
    "recent_surgery_or_fracture",
    "osteoporosis",
    "diabetes",
    "diabetes_reduced_feeling",
    "high_blood_pressure",
    "uncontrolled_blood_pressure",
    "recent_stroke_or_heart_event",
    "heart_condition",
    "epilepsy",
    "cancer_history",
    "cancer_treatment_now",
    "infection_that_spreads",
)


class IntakeQuerySet(models.QuerySet):
    def submitted(self) -> "IntakeQuerySet":
        """Submitted intakes, newest first: for one client, the first is their latest."""
        return self.filter(status=IntakeSubmission.Status.SUBMITTED).order_by(
            "-submitted_at", "-id"
        )


class IntakeSubmission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Onset(models.TextChoices):
        GRADUAL = "gradual", _("Gradually, for no clear reason")
        INJURY = "injury", _("After an injury or fall")
        ACTIVITY = "activity", _("After an activity (lifting, sport, gardening…)")
        OTHER = "other", _("Other / not sure")

    client = models.ForeignKey("intake.Client", on_delete=models.PROTECT, related_name="intakes")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    current_step = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    # Emergency contact (step 1): empty on intakes from before issue 19
    emergency_contact_name = models.CharField(max_length=200, blank=True)
    emergency_contact_phone = models.CharField(max_length=40, blank=True)
    emergency_contact_relationship = models.CharField(max_length=100, blank=True)

    # Symptom story
    main_complaint = models.TextField(blank=True)
    symptoms_started = models.DateField(null=True, blank=True)
    # True when the client gave a month and year only ("approximate date is fine"): then
    # symptoms_started is the first of that month, and is shown and screened as the month.
    symptoms_started_month_only = models.BooleanField(default=False)
    onset = models.CharField(max_length=12, choices=Onset.choices, blank=True)
    first_episode = models.BooleanField(null=True, blank=True)  # None: not asked (before v2)
    worse_with = models.JSONField(default=list, blank=True)
    better_with = models.JSONField(default=list, blank=True)
    worst_pain = models.PositiveSmallIntegerField(null=True, blank=True)
    current_pain = models.PositiveSmallIntegerField(null=True, blank=True)
    # Patient-Specific Functional Scale: [{"activity": str, "score": 0..10}, ...] (up to 3)
    psfs = models.JSONField(default=list, blank=True)

    # Health history and contraindications. The yes/no answers hold None when not answered: since
    # issue 19 each is asked Yes or No (a question that applies only after another's yes, such as
    # a high-risk pregnancy, is stored as no when that one is no); intakes from before, when they
    # were tick boxes, keep True for a ticked box and hold None for an empty one, which did not
    # say no (migration 0019).
    medications = models.TextField(blank=True)
    takes_blood_thinners = models.BooleanField(null=True, blank=True)
    clot_history = models.BooleanField(null=True, blank=True)
    bleeding_disorder = models.BooleanField(null=True, blank=True)
    pregnant = models.BooleanField(null=True, blank=True)
    high_risk_pregnancy = models.BooleanField(null=True, blank=True)
    recent_surgery_or_fracture = models.BooleanField(null=True, blank=True)
    surgery_details = models.TextField(blank=True)
    osteoporosis = models.BooleanField(null=True, blank=True)
    diabetes = models.BooleanField(null=True, blank=True)
    diabetes_reduced_feeling = models.BooleanField(null=True, blank=True)
    high_blood_pressure = models.BooleanField(null=True, blank=True)
    uncontrolled_blood_pressure = models.BooleanField(null=True, blank=True)
    recent_stroke_or_heart_event = models.BooleanField(null=True, blank=True)
    cancer_history = models.BooleanField(null=True, blank=True)
    cancer_treatment_now = models.BooleanField(null=True, blank=True)
    # Asked since issue 19 (None on intakes from before: never asked).
    varicose_veins = models.BooleanField(null=True, blank=True)
    heart_condition = models.BooleanField(null=True, blank=True)
    epilepsy = models.BooleanField(null=True, blank=True)
    infection_that_spreads = models.BooleanField(null=True, blank=True)
    skin_conditions = models.TextField(blank=True)
    allergies = models.TextField(blank=True)
    avoid_areas = models.TextField(blank=True)
    consents_to_glute_work = models.BooleanField(default=False)

    # Safety step answers: each column is asked, ranked and explained by one entry of
    # intake.submissions.screening.QUESTIONS (so are the history step's tick boxes above).
    # Columns added with rules version 2 hold None until answered: a draft that passed the safety
    # step before they existed is sent back to answer them.
    saddle_numbness = models.BooleanField(default=False)
    unexplained_weight_loss = models.BooleanField(default=False)
    recent_significant_trauma = models.BooleanField(default=False)
    worsening_numbness_or_weakness = models.BooleanField(default=False)
    night_pain_not_eased_by_rest = models.BooleanField(default=False)
    calf_warm_swollen = models.BooleanField(default=False)
    new_sexual_dysfunction = models.BooleanField(default=False)
    steroids_or_immune_suppression = models.BooleanField(default=False)
    bladder_change = models.BooleanField(null=True, blank=True)
    bowel_change = models.BooleanField(null=True, blank=True)
    saddle_numbness_again = models.BooleanField(null=True, blank=True)  # asked after groin marks
    symptoms_down_both_legs = models.BooleanField(null=True, blank=True)
    weakness_both_legs = models.BooleanField(null=True, blank=True)
    sudden_foot_drop = models.BooleanField(null=True, blank=True)
    fever_or_infection = models.BooleanField(null=True, blank=True)
    injected_drug_use = models.BooleanField(null=True, blank=True)
    breathless_or_chest_pain = models.BooleanField(null=True, blank=True)
    # Retired questions (asked until rules version 1, since split into questions of one idea):
    # old intakes keep their answers, and the flags those answers raised.
    bladder_bowel_change = models.BooleanField(default=False)
    rapidly_worsening_leg_weakness = models.BooleanField(default=False)
    both_legs_with_weakness = models.BooleanField(default=False)
    fever_with_back_pain = models.BooleanField(default=False)

    # Referral step, kept as a draft until submit (then a Referral is created from it):
    # {"referred": bool, "physician_id": int|None, "new_physician": {...}, "referral_date": iso,
    #  "reason": str, "visits_authorized": int|None, "expires_on": iso|None,
    #  "letter": {"name", "original_name", "content_type", "size"}|None}
    referral_details = models.JSONField(default=dict, blank=True)

    # Highest safety flag level, computed by intake.submissions.screening at submit time (for
    # lists/filters), and the screening.RULES_VERSION it was computed with (0: never computed);
    # `manage.py recompute_flags` brings older ones up to date.
    flag_level = models.CharField(
        max_length=12, choices=FlagLevel.choices, default=FlagLevel.NONE, db_index=True
    )
    flag_rules_version = models.PositiveSmallIntegerField(default=0)
    # Screened answers the client changed from yes (or something typed) to no before submitting,
    # so staff still see them: [{"field": str, "was": bool|str, "at": iso datetime}], oldest first.
    answer_changes = models.JSONField(default=list, blank=True)

    # Consent
    consent_given = models.BooleanField(default=False)
    consent_signature = models.CharField(max_length=200, blank=True)
    consent_signed_at = models.DateTimeField(null=True, blank=True)
    consent_ip = models.GenericIPAddressField(null=True, blank=True)
    # A client under settings.AGE_OF_MAJORITY at the intake date: their parent or guardian consents.
    guardian_name = models.CharField(max_length=200, blank=True)
    guardian_relationship = models.CharField(max_length=100, blank=True)
    guardian_signature = models.CharField(max_length=200, blank=True)
    # A staff member who typed the answers in on the client's behalf (from the paper form);
    # empty when the client filled the intake in themselves (online or on a kiosk).
    entered_by = models.ForeignKey(
        "intake.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = IntakeQuerySet.as_manager()

    class Meta:
        verbose_name = "intake"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-submitted_at"], name="intake_status_sub_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(worst_pain__isnull=True) | Q(worst_pain__lte=10),
                name="intake_worst_pain_0_10",
            ),
            models.CheckConstraint(
                condition=Q(current_pain__isnull=True) | Q(current_pain__lte=10),
                name="intake_current_pain_0_10",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="intake_submitted_has_time",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(status="draft"),
                name="intake_one_draft_per_client",
            ),
        ]

    def __str__(self) -> str:
        return f"Intake #{self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("intake_summary", kwargs={"intake_id": self.pk})

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def symptoms_started_label(self) -> str:
        """When the symptoms started, in words, as the client gave it: "September 2026" for a
        month, "14 Sep 2026" for a day ("" when not given)."""
        return approximate_date.label(
            self.symptoms_started, month_only=self.symptoms_started_month_only
        )

    @property
    def symptoms_started_as_given(self) -> datetime.date | None:
        """The start date as the client gave it (a MonthDate for a month without a day)."""
        started = self.symptoms_started
        if started and self.symptoms_started_month_only:
            return approximate_date.MonthDate(started.year, started.month, 1)
        return started


class SymptomMark(models.Model):
    """Where the client feels something (a body_map region) and what they feel there."""

    intake = models.ForeignKey(IntakeSubmission, on_delete=models.CASCADE, related_name="marks")
    region = models.CharField(max_length=40)
    sensations = models.JSONField(default=list)
    intensity = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "symptom mark"
        ordering = ["intake", "region"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "region"], name="mark_unique_region"),
            models.CheckConstraint(condition=Q(intensity__lte=10), name="mark_intensity_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.region}: {', '.join(self.sensations)} ({self.intensity}/10)"
