"""The clinic question models: versions are numbered per question; a flag only on yes/no."""

import pytest
from django.db import IntegrityError

from intake.questions.models import ClinicQuestion, ClinicQuestionVersion

pytestmark = pytest.mark.django_db


def test_it_refuses_a_flag_on_a_question_that_is_not_yes_or_no():
    question = ClinicQuestion.objects.create(step="history")
    with pytest.raises(IntegrityError):
        ClinicQuestionVersion.objects.create(
            question=question, number=1, text="How much?", kind="scale", yes_level="caution"
        )


def test_it_refuses_two_versions_with_one_number():
    question = ClinicQuestion.objects.create(step="history")
    ClinicQuestionVersion.objects.create(question=question, number=1, text="A?", kind="yes_no")
    with pytest.raises(IntegrityError):
        ClinicQuestionVersion.objects.create(question=question, number=1, text="B?", kind="text")
