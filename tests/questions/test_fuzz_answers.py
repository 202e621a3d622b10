"""Random answers to a clinic question of every kind, posted to the wizard step that asks them:
never a server error, and every answer stored is of its version's kind (a choice from its list,
a whole number from 0 to 10...). The project's form fuzzing (tests/fuzz) runs with no clinic
questions; this one runs with one of each kind."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.questions.models import ClinicAnswer
from tests.factories import make_intake
from tests.fixtures.submissions import step_data
from tests.questions.helpers import field, make_question, step_url

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

# A fifth of the project's depth (10 in `make test`, 100 in CI): each example renders the step.
EXAMPLES = max(10, int(os.environ.get("FUZZ_EXAMPLES", "50")) // 5)
CHOICES = ["Almond", "Jojoba", "<b>Coconut</b>"]
text = st.text(max_size=60)


def valid(version, value) -> bool:
    kind = version.kind
    if kind == "yes_no":
        return isinstance(value, bool)
    if kind == "scale":
        return isinstance(value, int) and 0 <= value <= 10
    if kind == "one":
        return value in version.choices
    if kind == "several":
        return bool(value) and set(value) <= set(version.choices)
    return isinstance(value, str) and value == value.strip() and 0 < len(value) <= 1000


def test_it_survives_random_answers_of_every_kind(alice_http, alice):
    draft = make_intake(alice, submitted=False)
    questions = [
        make_question("history", "Yes or no?", yes_level="caution", required=True),
        make_question("history", "Scale?", kind="scale"),
        make_question("history", "One?", kind="one", choices=CHOICES),
        make_question("history", "Several?", kind="several", choices=CHOICES),
        make_question("history", "Text?", kind="text"),
    ]
    strategies = {
        field(questions[0]): st.one_of(st.sampled_from(["yes", "no"]), text),
        field(questions[1]): st.one_of(st.integers(-3, 14).map(str), text),
        field(questions[2]): st.one_of(st.sampled_from(CHOICES), text),
        field(questions[3]): st.lists(st.one_of(st.sampled_from(CHOICES), text), max_size=4),
        field(questions[4]): st.one_of(text, st.text(max_size=1100)),
    }
    answers = st.fixed_dictionaries({}, optional=strategies)

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(answers)
    def post(data: dict) -> None:
        response = alice_http.post(step_url(draft, 4), {**step_data(4), **data})
        assert response.status_code in (200, 302), data
        for answer in ClinicAnswer.objects.select_related("version"):
            answer.full_clean()
            assert valid(answer.version, answer.value), (answer.version.kind, answer.value)

    post()
