"""The clinic outcomes summary: one row per episode of care (a submitted intake), derived from the
intake and the signed notes by :func:`intake.outcomes.clinic.refresh_clients` and never edited
by hand. The clinic outcomes page aggregates these rows with GROUP BY instead of rebuilding every
client's series on each view (docs/outcomes.md, "Clinic outcomes")."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class EpisodeOutcome(models.Model):
    intake = models.OneToOneField(
        "intake.IntakeSubmission", on_delete=models.CASCADE, related_name="outcome"
    )
    started_on = models.DateField("episode started on (the intake's day)")
    # The referral the episode counts under; its physician is read through it, so merging two
    # physicians needs no refresh here.
    referral = models.ForeignKey(
        "intake.Referral", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    follow_ups = models.PositiveSmallIntegerField("signed follow-up notes")
    # After how many follow-up visits a measure first improved by the MCID; None: not (yet).
    visits_to_improvement = models.PositiveSmallIntegerField(null=True, blank=True)
    # The client submitted another intake after this one: the episode is closed.
    later_episode = models.BooleanField(default=False)
    # The body areas marked on the intake (body-map groups, without sides) as bits: bit i is
    # body_map.GROUPS[i] (clinic.area_bits). Bits, not a table beside the row or a list: the page
    # groups 200,000 rows by them in one cheap pass, with no join (docs/outcomes.md).
    areas = models.PositiveSmallIntegerField("body areas marked on the intake", default=0)

    class Meta:
        verbose_name = "episode outcome"
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["started_on"], name="outcome_started_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(visits_to_improvement__isnull=True)
                | Q(
                    visits_to_improvement__gte=1, visits_to_improvement__lte=models.F("follow_ups")
                ),
                name="outcome_improvement_within_follow_ups",
            ),
        ]

    def __str__(self) -> str:
        return f"Outcome of intake #{self.intake_id}"
