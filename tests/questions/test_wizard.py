"""The wizard asks the clinic's own questions on their step, enforces the required ones, keeps
what was typed on a validation error, and stores each answer with the version it answered."""

import pytest

from intake.questions.models import ClinicAnswer
from intake.submissions.models import IntakeSubmission
from tests.factories import make_intake
from tests.fixtures.security import all_forms
from tests.fixtures.submissions import step_data
from tests.questions.helpers import edit, field, make_question, step_url

pytestmark = pytest.mark.django_db


def checked(page: str, name: str) -> list[str]:
    return [
        f.value for form in all_forms(page) for f in form.fields if f.name == name and f.checked
    ]


@pytest.fixture
def draft(alice):
    return make_intake(alice, submitted=False)


def test_it_asks_an_active_question_on_its_step_only(alice_http, draft):
    question = make_question("history", "Do you wear <b>contact lenses</b>?")
    page = alice_http.get(step_url(draft, 4)).content.decode()
    assert f'name="{field(question)}"' in page
    assert "Do you wear &lt;b&gt;contact lenses&lt;/b&gt;?" in page  # escaped like any text
    assert field(question) not in alice_http.get(step_url(draft, 3)).content.decode()


def test_it_stores_the_answer_with_the_version_asked(alice_http, draft):
    question = make_question("history", kind="text")
    data = step_data(4, **{field(question): "  Left eye only  "})
    assert alice_http.post(step_url(draft, 4), data).status_code == 302
    answer = ClinicAnswer.objects.get(intake=draft)
    assert (answer.value, answer.version.number) == ("Left eye only", 1)
    # Shown again when the client comes back to the step.
    assert "Left eye only" in alice_http.get(step_url(draft, 4)).content.decode()


def test_it_requires_a_required_answer_and_keeps_everything_typed(alice_http, draft):
    required = make_question("symptoms", "How many hours do you sit a day?", kind="scale",
                             required=True)  # fmt: skip
    other = make_question("symptoms", "Sports you play", kind="text")
    data = step_data(3, main_complaint="Stiff neck typed", **{field(other): "Rowing typed"})
    response = alice_http.post(step_url(draft, 3), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Stiff neck typed" in page and "Rowing typed" in page
    assert not ClinicAnswer.objects.filter(intake=draft).exists()
    data[field(required)] = "11"
    assert alice_http.post(step_url(draft, 3), data).status_code == 200  # 0 to 10 only
    data[field(required)] = "7"
    assert alice_http.post(step_url(draft, 3), data).status_code == 302
    values = dict(ClinicAnswer.objects.filter(intake=draft).values_list("question", "value"))
    assert values == {required.pk: 7, other.pk: "Rowing typed"}


def test_it_takes_one_choice_and_several_choices_from_the_list_only(alice_http, draft):
    one = make_question("safety", "Which hand do you write with?", kind="one",
                        choices=["Left", "Right"])  # fmt: skip
    several = make_question("safety", "Which oils are fine?", kind="several",
                            choices=["Almond", "Coconut", "Grapeseed"])  # fmt: skip
    data = step_data(5, **{field(one): "Both", field(several): ["Almond"]})
    assert alice_http.post(step_url(draft, 5), data).status_code == 200
    data[field(one)] = "Left"
    data[field(several)] = ["Almond", "Grapeseed"]
    assert alice_http.post(step_url(draft, 5), data).status_code == 302
    values = dict(ClinicAnswer.objects.filter(intake=draft).values_list("question", "value"))
    assert values == {one.pk: "Left", several.pk: ["Almond", "Grapeseed"]}


def test_a_blank_optional_answer_removes_an_earlier_one(alice_http, draft):
    question = make_question("history")
    assert (
        alice_http.post(step_url(draft, 4), step_data(4, **{field(question): "yes"})).status_code
        == 302
    )
    assert ClinicAnswer.objects.get(intake=draft).value is True
    assert checked(alice_http.get(step_url(draft, 4)).content.decode(), field(question)) == ["yes"]
    assert alice_http.post(step_url(draft, 4), step_data(4)).status_code == 302
    assert not ClinicAnswer.objects.filter(intake=draft).exists()


def test_an_edited_question_is_asked_afresh_in_its_new_wording(alice_http, draft):
    question = make_question("history", "Do you wear contact lenses?")
    alice_http.post(step_url(draft, 4), step_data(4, **{field(question): "yes"}))
    edit(question, text="Do you wear contact lenses or glasses?")
    page = alice_http.get(step_url(draft, 4)).content.decode()
    assert "contact lenses or glasses?" in page
    assert checked(page, field(question)) == []  # the old answer is not carried to new words
    alice_http.post(step_url(draft, 4), step_data(4, **{field(question): "no"}))
    answer = ClinicAnswer.objects.get(intake=draft)
    assert (answer.value, answer.version.number) == (False, 2)


def test_a_retired_question_is_not_asked(alice_http, draft):
    from intake.questions.services import retire_question

    question = make_question("history")
    retire_question(question=question)
    assert field(question) not in alice_http.get(step_url(draft, 4)).content.decode()


def test_a_submitted_intake_is_never_changed(alice_http, alice):
    question = make_question("history")
    intake = make_intake(alice)
    from intake.questions import services

    version = question.versions.get()
    with pytest.raises(services.AlreadySubmitted):
        services.save_answers(intake=intake, answers=[(version, True)])
    assert not ClinicAnswer.objects.exists()
    assert IntakeSubmission.objects.get(pk=intake.pk).is_submitted


def test_a_required_safety_question_added_later_sends_the_draft_back_to_answer_it(
    alice_http, alice
):
    draft = make_intake(alice, submitted=False)  # at the last step
    assert alice_http.get(step_url(draft, 7)).status_code == 200
    question = make_question("safety", "Any seizure this year?", required=True,
                             yes_level="urgent")  # fmt: skip
    make_question("safety", "Optional one?")
    assert alice_http.get(step_url(draft, 7))["Location"] == step_url(draft, 5)
    response = alice_http.post(step_url(draft, 7), step_data(7))
    assert response["Location"] == step_url(draft, 5)  # not submitted without it
    page = alice_http.get(step_url(draft, 5)).content.decode()
    assert f'name="{field(question)}" value="yes"  data-urgent="true"' in page  # advice at once
    alice_http.post(step_url(draft, 5), step_data(5, **{field(question): "no"}))
    assert alice_http.get(step_url(draft, 7)).status_code == 200
