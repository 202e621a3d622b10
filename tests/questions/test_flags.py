"""A clinic question's "yes" raises the clinic's own flag through the one rules module: at the
level the admin chose, labelled as the clinic's own, counted in the stored flag level; a "no",
or a question without a flag, raises nothing."""

import pytest
from django.core import mail

from intake.questions import services
from intake.submissions import screening
from intake.submissions.models import FlagLevel, IntakeSubmission
from intake.submissions.services import recompute_flag_levels, submit_intake
from tests.factories import make_intake
from tests.questions.helpers import edit, make_question

pytestmark = pytest.mark.django_db


def answer(intake, question, value):
    version = question.versions.order_by("-number").first()
    services.save_answers(intake=intake, answers=[(version, value)])


def submit(intake):
    locked, _ = submit_intake(intake=intake, signature="A", ip=None, user=intake.client.user)
    return locked


def test_a_yes_raises_the_clinics_own_flag_at_the_level_chosen(alice):
    question = make_question("safety", "Have you had a <b>seizure</b> this year?",
                             yes_level="physician")  # fmt: skip
    intake = make_intake(alice, submitted=False)
    answer(intake, question, True)
    flags = screening.flags_for(IntakeSubmission.objects.get(pk=intake.pk))
    clinic = [flag for flag in flags if flag.code == f"clinic_{question.pk}"]
    assert [(f.level, f.reason) for f in clinic] == [(
        FlagLevel.PHYSICIAN,
        "The clinic's own question, answered yes: “Have you had a <b>seizure</b> this year?”",
    )]  # fmt: skip
    assert submit(intake).flag_level == FlagLevel.PHYSICIAN  # the stored level counts it


def test_a_no_or_a_question_without_a_flag_raises_nothing(alice):
    flagged = make_question("safety", "Seizure this year?", yes_level="urgent")
    plain = make_question("safety", "Do you like it firm?")
    intake = make_intake(alice, submitted=False)
    answer(intake, flagged, False)
    answer(intake, plain, True)
    assert submit(intake).flag_level == FlagLevel.NONE


def test_an_urgent_clinic_flag_alerts_staff_like_a_built_in_one(
    alice, therapist, django_capture_on_commit_callbacks
):
    question = make_question("safety", "Chest pain right now?", yes_level="urgent")
    intake = make_intake(alice, submitted=False)
    answer(intake, question, True)
    assert screening.is_urgent(IntakeSubmission.objects.get(pk=intake.pk))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(intake).flag_level == FlagLevel.URGENT
    (alert,) = [m for m in mail.outbox if m.to != [alice.email]]  # not the client's receipt
    assert "Chest pain" not in alert.body


def test_an_edit_or_a_retirement_never_changes_an_answered_intakes_flags(alice):
    question = make_question("history", "On blood pressure tablets?", yes_level="caution")
    intake = make_intake(alice, submitted=False)
    answer(intake, question, True)
    intake = submit(intake)
    edit(question, text="Any tablets?", yes_level="none")
    services.retire_question(question=question)
    flags = screening.flags_for(IntakeSubmission.objects.get(pk=intake.pk))
    assert [f.reason for f in flags if f.code.startswith("clinic_")] == [
        "The clinic's own question, answered yes: “On blood pressure tablets?”"
    ]
    IntakeSubmission.objects.filter(pk=intake.pk).update(flag_rules_version=0)
    recompute_flag_levels()
    assert IntakeSubmission.objects.get(pk=intake.pk).flag_level == FlagLevel.CAUTION


def test_the_rules_read_the_answers_once_per_intake(alice, django_assert_num_queries):
    question = make_question("safety", "Seizure this year?", yes_level="caution")
    intake = make_intake(alice, submitted=False)
    answer(intake, question, True)
    intake = (
        IntakeSubmission.objects.select_related("client")
        .prefetch_related("marks")
        .get(pk=intake.pk)
    )
    with django_assert_num_queries(1):
        screening.flags_for(intake)
        screening.flags_for(intake)
    listed = IntakeSubmission.objects.prefetch_related("marks", screening.CLINIC_ANSWERS)
    with django_assert_num_queries(3):  # intakes, marks, answers: whatever their number
        assert [screening.highest_level(i) for i in listed.select_related("client")] == [
            FlagLevel.CAUTION
        ]


def test_an_unsaved_intake_or_a_stand_in_has_no_clinic_answers():
    from types import SimpleNamespace

    assert screening.clinic_answers_of(IntakeSubmission()) == []
    assert screening.clinic_answers_of(SimpleNamespace(pk=1)) == []
