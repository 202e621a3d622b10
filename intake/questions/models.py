"""The clinic's own intake questions (issue 15): a question with immutable versions, and an
intake's answers, each tied to the version it answered (docs/clinic-questions.md).

A ``ClinicQuestion`` is where (the wizard step) and in what order a question is asked, and
whether it is still asked (``retired_at``). What it says is its ``ClinicQuestionVersion``: the
wording, the kind of answer, the choices, whether it is required and the flag a "yes" raises.
Versions are written once and never changed; an edit is a new version. An intake's
``ClinicAnswer`` points at the version it answered, so an intake always shows, prints and exports
the question as it was asked, whatever happens to the question later.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.languages import translated
from intake.submissions.models import FlagLevel

#: The wizard steps (``submissions.services.STEPS`` keys) a clinic question may be asked on: the
#: steps whose answers are saved through their form (docs/clinic-questions.md says why).
STEP_CHOICES = [
    ("symptoms", "Your symptoms"),
    ("history", "Health history"),
    ("safety", "Safety questions"),
]
STEP_ORDER = {key: i for i, (key, _) in enumerate(STEP_CHOICES)}
MAX_TEXT = 300
MAX_CHOICES = 12


class ClinicQuestion(models.Model):
    step = models.CharField(max_length=12, choices=STEP_CHOICES)
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)  # no longer asked; answers kept

    class Meta:
        verbose_name = "clinic question"
        ordering = ["step", "order", "id"]

    def __str__(self) -> str:
        return f"Clinic question #{self.pk} ({self.step})"

    @property
    def is_active(self) -> bool:
        return self.retired_at is None

    @property
    def position(self) -> tuple[int, int, int]:
        """Where it is asked: its step's place in the wizard, then its order (for sorting)."""
        return (STEP_ORDER.get(self.step, len(STEP_ORDER)), self.order, self.pk or 0)


class ClinicQuestionVersion(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", "Yes or no"
        TEXT = "text", "Short text"
        ONE = "one", "One choice"
        SEVERAL = "several", "Several choices"
        SCALE = "scale", "A 0 to 10 scale"

    question = models.ForeignKey(ClinicQuestion, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=MAX_TEXT)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    choices = models.JSONField(default=list, blank=True)  # [str, ...] for ONE and SEVERAL
    required = models.BooleanField(default=False)
    # The clinic's own flag, raised by a "yes" (YES_NO only); NONE: a "yes" raises nothing.
    yes_level = models.CharField(max_length=12, choices=FlagLevel.choices, default=FlagLevel.NONE)
    # The wording in the clinic's other languages: {"fr": {"text": str, "choices": [str, ...]}}
    # (choices in the same order as ``choices``); a language left out is asked in ``text``.
    translations = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "clinic question version"
        ordering = ["question", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="clinicq_version_unique"),
            models.CheckConstraint(
                condition=Q(kind="yes_no") | Q(yes_level="none"),
                name="clinicq_flag_only_on_yes_no",
            ),
        ]

    def __str__(self) -> str:
        return f"Clinic question #{self.question_id}, version {self.number}"

    def text_in(self, language: str | None = None) -> str:
        """The question in ``language`` (the active one), else in the clinic's words."""
        return translated(self.translations, "text", self.text, language)

    def choice_pairs(self, language: str | None = None) -> list[tuple[str, str]]:
        """(stored value, label the client reads): the value is always the clinic's wording."""
        labels = translated(self.translations, "choices", None, language)
        if not labels or len(labels) != len(self.choices or ()):
            labels = self.choices or []
        return list(zip(self.choices or [], labels, strict=True))


class ClinicAnswerManager(models.Manager):
    def lines(self) -> list:
        """Through an intake (``intake.clinic_answers.lines``, in templates too): its answers as
        ``selectors.clinic_answers`` reads them, each with the wording it answered."""
        from intake.questions.selectors import clinic_answers  # it reads these models

        return clinic_answers(self.instance) if hasattr(self, "instance") else []


class ClinicAnswer(models.Model):
    """One intake's answer to one clinic question, as the version it answered asked it.
    ``value``: True/False (yes/no), text, one choice's text, a list of choices' texts, or 0-10."""

    intake = models.ForeignKey(
        "intake.IntakeSubmission", on_delete=models.CASCADE, related_name="clinic_answers"
    )
    question = models.ForeignKey(ClinicQuestion, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(
        ClinicQuestionVersion, on_delete=models.PROTECT, related_name="answers"
    )
    value = models.JSONField(blank=True)

    objects = ClinicAnswerManager()

    class Meta:
        verbose_name = "clinic answer"
        ordering = ["intake", "id"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "question"], name="clinicq_one_answer"),
        ]

    def __str__(self) -> str:
        return f"Answer of intake #{self.intake_id} to clinic question #{self.question_id}"
