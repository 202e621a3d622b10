"""Exercise library, condition templates, and the handouts given to clients."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from intake.languages import content_languages, translated

#: (field, lowest, highest): the one place the dose bounds are written down (forms read it too).
DOSE_BOUNDS: dict[str, tuple[int, int]] = {
    "sets": (1, 10),
    "reps": (1, 50),
    "hold_seconds": (0, 300),
    "minutes": (1, 180),
    "times_per_day": (1, 10),
    "days_per_week": (1, 7),
}


#: The fields of a dose, in the order forms show them (copied from an exercise to a handout item).
DOSE_FIELDS = (
    "dose_kind", "sets", "reps", "hold_seconds", "minutes", "times_per_day", "days_per_week",
)  # fmt: skip


class DoseKind(models.TextChoices):
    """How an exercise is measured: counted repetitions (a stretch, a tilt) or time spent
    (walking). A duration dose has minutes, not sets and repetitions."""

    REPS = "reps", "Sets and repetitions"
    DURATION = "duration", "Minutes"


def _bounded(field: str) -> list:
    low, high = DOSE_BOUNDS[field]
    return [MinValueValidator(low), MaxValueValidator(high)]


def _minutes(number: int) -> str:
    return ngettext("%(count)d minute", "%(count)d minutes", number) % {"count": number}


def _repetitions(number: int) -> str:
    return ngettext("%(count)d repetition", "%(count)d repetitions", number) % {"count": number}


def dose_text(
    *,
    sets: int,
    reps: int,
    hold_seconds: int,
    times_per_day: int,
    kind: str = DoseKind.REPS,
    minutes: int | None = None,
    days_per_week: int = 7,
) -> str:
    """The dose in plain words, in the active language: "2 sets of 10 repetitions · hold 5
    seconds · 3 times a day", or for a duration dose "20 minutes · twice a day · 5 days a week"
    (sets, repetitions and hold are not printed: a walk is not counted in repetitions)."""
    parts = []
    if kind == DoseKind.DURATION:
        parts.append(_minutes(minutes or 0))
    elif sets > 1:
        parts.append(
            gettext("%(sets)s of %(reps)s")
            % {
                "sets": ngettext("%(count)d set", "%(count)d sets", sets) % {"count": sets},
                "reps": _repetitions(reps),
            }
        )
    elif reps > 1:
        parts.append(_repetitions(reps))
    if hold_seconds and kind != DoseKind.DURATION:
        minutes, seconds = divmod(hold_seconds, 60)
        spans = []
        if minutes:
            spans.append(_minutes(minutes))
        if seconds:
            spans.append(
                ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
            )
        parts.append(gettext("hold %(time)s") % {"time": " ".join(spans)})
    if times_per_day == 1:
        parts.append(gettext("once a day"))
    elif times_per_day == 2:
        parts.append(gettext("twice a day"))
    else:
        parts.append(
            ngettext("%(count)d time a day", "%(count)d times a day", times_per_day)
            % {"count": times_per_day}
        )
    if days_per_week < 7:
        parts.append(
            ngettext("%(count)d day a week", "%(count)d days a week", days_per_week)
            % {"count": days_per_week}
        )
    return " · ".join(parts)


class DoseFields(models.Model):
    """Sets, repetitions, hold (or minutes, for a duration dose) and frequency, with the bounds a
    home exercise can sensibly have."""

    dose_kind = models.CharField(
        "measured in", max_length=10, choices=DoseKind.choices, default=DoseKind.REPS
    )
    sets = models.PositiveSmallIntegerField(default=1, validators=_bounded("sets"))
    reps = models.PositiveSmallIntegerField("repetitions", default=10, validators=_bounded("reps"))
    hold_seconds = models.PositiveSmallIntegerField(
        "hold (seconds)", default=0, validators=_bounded("hold_seconds")
    )
    minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=_bounded("minutes"), help_text="For a duration dose."
    )
    times_per_day = models.PositiveSmallIntegerField(
        default=1, validators=_bounded("times_per_day")
    )
    days_per_week = models.PositiveSmallIntegerField(
        default=7, validators=_bounded("days_per_week")
    )

    class Meta:
        abstract = True

    @property
    def is_duration(self) -> bool:
        return self.dose_kind == DoseKind.DURATION

    def dose_text(self) -> str:
        return dose_text(
            sets=self.sets,
            reps=self.reps,
            hold_seconds=self.hold_seconds,
            times_per_day=self.times_per_day,
            kind=self.dose_kind,
            minutes=self.minutes,
            days_per_week=self.days_per_week,
        )


def dose_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(condition=Q(sets__gte=1, sets__lte=10), name=f"{prefix}_sets_1_10"),
        models.CheckConstraint(condition=Q(reps__gte=1, reps__lte=50), name=f"{prefix}_reps_1_50"),
        models.CheckConstraint(condition=Q(hold_seconds__lte=300), name=f"{prefix}_hold_0_300"),
        models.CheckConstraint(
            condition=Q(times_per_day__gte=1, times_per_day__lte=10), name=f"{prefix}_times_1_10"
        ),
        models.CheckConstraint(
            condition=Q(days_per_week__gte=1, days_per_week__lte=7), name=f"{prefix}_days_1_7"
        ),
        # A duration dose has its minutes; a repetition dose has none.
        models.CheckConstraint(
            condition=Q(dose_kind="reps", minutes__isnull=True)
            | Q(dose_kind="duration", minutes__isnull=False, minutes__gte=1, minutes__lte=180),
            name=f"{prefix}_dose_kind_minutes",
        ),
    ]


class Exercise(DoseFields):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    purpose = models.TextField()
    instructions = models.TextField(help_text="One step per line.")
    precautions = models.TextField(blank=True)
    tags = models.JSONField(default=list, blank=True)
    illustration = models.CharField(max_length=60, blank=True)
    #: ``{"fr": {"name": ..., "purpose": ..., "instructions": ..., "precautions": ...}}``: the
    #: client-facing text in another language (steps and precautions one a line, as above).
    #: A field left out falls back to the clinic's own wording.
    translations = models.JSONField(default=dict, blank=True)

    TRANSLATED_FIELDS = ("name", "purpose", "instructions", "precautions")

    class Meta:
        verbose_name = "exercise"
        ordering = ["name"]
        constraints = dose_constraints("exercise")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercise_detail", kwargs={"exercise_id": self.pk})

    @property
    def steps(self) -> list[str]:
        return [line.strip() for line in self.instructions.splitlines() if line.strip()]

    @property
    def precaution_list(self) -> list[str]:
        return [line.strip() for line in self.precautions.splitlines() if line.strip()]

    def text_in(self, field: str, language: str | None = None) -> str:
        """``field``'s wording in ``language`` (the active one), else the clinic's own."""
        return translated(self.translations, field, getattr(self, field), language)

    @property
    def translated_into(self) -> list[str]:
        """The names of the languages this exercise has a translation in (for staff)."""
        return [name for code, name in content_languages() if (self.translations or {}).get(code)]

    def lines_in(self, field: str, language: str | None = None) -> list[str]:
        """The steps (``instructions``) or ``precautions`` in ``language``, one per line."""
        text = self.text_in(field, language)
        return [line.strip() for line in text.splitlines() if line.strip()]


class HandoutTemplate(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=160)
    introduction = models.TextField()
    suggest_tags = models.JSONField(default=list, blank=True)
    exercises = models.ManyToManyField(Exercise, through="TemplateItem", related_name="templates")
    #: ``{"fr": {"title": ..., "introduction": ...}}``; a field left out falls back to the
    #: clinic's own wording.
    translations = models.JSONField(default=dict, blank=True)

    TRANSLATED_FIELDS = ("title", "introduction")

    class Meta:
        verbose_name = "handout template"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def text_in(self, field: str, language: str | None = None) -> str:
        return translated(self.translations, field, getattr(self, field), language)


class TemplateItem(models.Model):
    template = models.ForeignKey(HandoutTemplate, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "template item"
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="templateitem_position"),
        ]

    def __str__(self) -> str:
        return f"{self.template} #{self.position}: {self.exercise}"


class Handout(models.Model):
    client = models.ForeignKey("intake.Client", on_delete=models.PROTECT, related_name="handouts")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handouts_written"
    )
    template = models.ForeignKey(
        HandoutTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=160)
    introduction = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "handout"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client", "-assigned_at"], name="handout_client_assigned")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="handout_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("handout_compose", kwargs={"handout_id": self.pk})

    @property
    def is_assigned(self) -> bool:
        return self.assigned_at is not None


class HandoutItem(DoseFields):
    handout = models.ForeignKey(Handout, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    custom_instructions = models.TextField(blank=True)

    class Meta:
        verbose_name = "handout item"
        ordering = ["handout", "position"]
        constraints = [
            *dose_constraints("handoutitem"),
            models.UniqueConstraint(fields=["handout", "position"], name="handoutitem_position"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} ({self.dose_text()})"
