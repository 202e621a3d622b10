"""The clinic's own questions: each version an item of the published Questionnaire, an intake's
answers under the version they answered, the Questionnaire's version changed by a new one."""

from __future__ import annotations

import pytest

from intake.fhir.bundle import client_bundle
from intake.fhir.questionnaire import questionnaire, version
from intake.fhir.validation import validate
from intake.questions.models import ClinicAnswer, ClinicQuestion, ClinicQuestionVersion

pytestmark = pytest.mark.django_db


def ask(step: str, *versions: tuple[str, str, list]) -> list:
    question = ClinicQuestion.objects.create(step=step, order=1)
    return [
        ClinicQuestionVersion.objects.create(question=question, number=n, text=text, kind=kind,
                                             choices=choices)
        for n, (text, kind, choices) in enumerate(versions, start=1)
    ]  # fmt: skip


def clinic_items(published: dict) -> dict[str, dict]:
    groups = [g for g in published["item"] if g["linkId"] == "clinic"]
    return {item["linkId"]: item for group in groups for item in group["item"]}


def test_each_version_is_an_item_and_a_new_one_changes_the_version(db):
    before = version()
    assert clinic_items(questionnaire()) == {}
    old, new = ask("history", ("Do you sleep well?", "yes_no", []),
                   ("How do you sleep?", "one", ["Well", "Badly"]))  # fmt: skip
    published = questionnaire()
    validate(published)
    assert published["version"] != before
    items = clinic_items(published)
    q = old.question_id
    assert items[f"clinic.q{q}-v1"]["text"].endswith("(no longer asked in these words)")
    assert items[f"clinic.q{q}-v1"]["type"] == "boolean"
    assert items[f"clinic.q{q}-v2"] == {
        "linkId": f"clinic.q{q}-v2", "text": "How do you sleep?", "type": "choice",
        "answerOption": [{"valueString": "Well"}, {"valueString": "Badly"}],
    }  # fmt: skip
    assert new.number == 2


def test_an_intakes_answers_go_under_the_version_they_answered(records):
    (v1,) = ask("symptoms", ("Which sports?", "several", ["Running", "Golf"]))
    (scale,) = ask("history", ("How stressed are you?", "scale", []))
    intake = records["a"]["intake"]
    ClinicAnswer.objects.create(intake=intake, question=v1.question, version=v1,
                                value=["Running", "Golf"])  # fmt: skip
    ClinicAnswer.objects.create(intake=intake, question=scale.question, version=scale, value=6)
    bundle = client_bundle(records["a"]["client"])
    (response,) = [e["resource"] for e in bundle["entry"]
                   if e["resource"]["resourceType"] == "QuestionnaireResponse"]  # fmt: skip
    (group,) = [g for g in response["item"] if g["linkId"] == "clinic"]
    assert group["item"] == [
        {"linkId": f"clinic.q{v1.question_id}-v1",
         "answer": [{"valueString": "Running"}, {"valueString": "Golf"}]},
        {"linkId": f"clinic.q{scale.question_id}-v1", "answer": [{"valueInteger": 6}]},
    ]  # fmt: skip
    assert response["questionnaire"].endswith(f"|{version()}")
    other = client_bundle(records["b"]["client"])
    responses = [e["resource"] for e in other["entry"]
                 if e["resource"]["resourceType"] == "QuestionnaireResponse"]  # fmt: skip
    assert all(g["linkId"] != "clinic" for r in responses for g in r["item"])


def test_a_yes_that_raises_the_clinics_own_flag_is_a_flag(records):
    (asked,) = ask("safety", ("Have you fainted this month?", "yes_no", []))
    ClinicQuestionVersion.objects.filter(pk=asked.pk).update(yes_level="physician")
    asked.refresh_from_db()
    ClinicAnswer.objects.create(intake=records["a"]["intake"], question=asked.question,
                                version=asked, value=True)  # fmt: skip
    bundle = client_bundle(records["a"]["client"])
    flags = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Flag"]
    (mine,) = [f for f in flags if f["code"]["coding"][0]["code"] == f"clinic_{asked.question_id}"]
    assert "Have you fainted this month?" in mine["code"]["text"]
    assert mine["category"][1]["coding"][0]["code"] == "physician"
