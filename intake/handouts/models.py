"""Exercise library, condition templates, and the handouts given to clients."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class DoseFields(models.Model):
    """Sets, repetitions, hold and frequency, with the bounds a home exercise can sensibly have."""

    sets = models.PositiveSmallIntegerField(default=1)
    reps = models.PositiveSmallIntegerField("repetitions", default=10)
    hold_seconds = models.PositiveSmallIntegerField(default=0)
    times_per_day = models.PositiveSmallIntegerField(default=1)

    class Meta:
        abstract = True


def dose_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(condition=Q(sets__gte=1, sets__lte=10), name=f"{prefix}_sets_1_10"),
        models.CheckConstraint(condition=Q(reps__gte=1, reps__lte=50), name=f"{prefix}_reps_1_50"),
        models.CheckConstraint(condition=Q(hold_seconds__lte=300), name=f"{prefix}_hold_0_300"),
        models.CheckConstraint(
            condition=Q(times_per_day__gte=1, times_per_day__lte=10), name=f"{prefix}_times_1_10"
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

    class Meta:
        verbose_name = "exercise"
        ordering = ["name"]
        constraints = dose_constraints("exercise")

    def __str__(self) -> str:
        return self.name


class HandoutTemplate(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=160)
    introduction = models.TextField()
    suggest_tags = models.JSONField(default=list, blank=True)
    exercises = models.ManyToManyField(Exercise, through="TemplateItem", related_name="templates")

    class Meta:
        verbose_name = "handout template"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TemplateItem(models.Model):
    template = models.ForeignKey(HandoutTemplate, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "template item"
        ordering = ["template", "position"]

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

    def __str__(self) -> str:
        return self.title


class HandoutItem(DoseFields):
    handout = models.ForeignKey(Handout, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    custom_instructions = models.TextField(blank=True)

    class Meta:
        verbose_name = "handout item"
        ordering = ["handout", "position"]
        constraints = dose_constraints("handoutitem")

    def __str__(self) -> str:
        return f"{self.exercise} ({self.sets}×{self.reps})"
