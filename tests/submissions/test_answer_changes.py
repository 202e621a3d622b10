"""Issue 13: a screened answer the client changes from yes to no before submitting is kept on the
intake (``answer_changes``) and raises a flag, so staff still see that it was yes: an urgent
answer at "see a physician first", any other at "caution". Driven through the real wizard."""

import datetime as dt
import html
from types import SimpleNamespace

import pytest
from django.urls import reverse

from intake.submissions import screening
from intake.submissions.models import IntakeSubmission
from tests.factories import make_intake
from tests.fixtures.submissions import step_data
from tests.submissions.test_intake_wizard import start, step_url

pytestmark = pytest.mark.django_db

SADDLE = screening.QUESTION_BY_FIELD["saddle_numbness"]
OSTEOPOROSIS = screening.QUESTION_BY_FIELD["osteoporosis"]
CANCER = screening.QUESTION_BY_FIELD["cancer_history"]
ALLERGIES = screening.QUESTION_BY_FIELD["allergies"]
SKIN = screening.QUESTION_BY_FIELD["skin_conditions"]


def post(http, intake, step, **answers):
    response = http.post(step_url(intake, step), step_data(step, **answers))
    assert response.status_code == 302, (step, response.content.decode()[:2000])
    return response


def to_step_6(http, *, history=None, safety=None):
    """A new draft answered up to the referral step (steps 1-5 saved once)."""
    intake = start(http)
    for step in (1, 2, 3):
        post(http, intake, step)
    post(http, intake, 4, **(history or {}))
    post(http, intake, 5, **(safety or {}))
    return intake


def submit(http, intake):
    post(http, intake, 6)
    post(http, intake, 7)
    return IntakeSubmission.objects.select_related("client").get(pk=intake.pk)


def page(http, url) -> str:
    response = http.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def changed(question, was="yes") -> str:
    return (
        f"Answered {was} to “{question.question}”, then changed it to no before submitting: "
        "ask the client about it."
    )


def test_an_urgent_yes_changed_to_no_is_kept_and_calls_for_a_physician(alice_http, therapist_http):
    intake = to_step_6(alice_http, safety={"saddle_numbness": "yes"})
    post(alice_http, intake, 5, saddle_numbness="no")  # back to the safety step: now "no"
    intake = submit(alice_http, intake)

    [change] = intake.answer_changes
    assert (change["field"], change["was"]) == ("saddle_numbness", True)
    assert dt.datetime.fromisoformat(change["at"]).tzinfo is not None
    flags = screening.flags_for(intake)
    assert [(f.level, f.code, f.reason) for f in flags] == [
        ("physician", "urgent_answer_changed_to_no", changed(SADDLE))
    ]
    assert intake.flag_level == "physician"  # the needs-attention queue, a clearance to treat
    summary = page(therapist_http, reverse("intake_summary", kwargs={"intake_id": intake.pk}))
    assert changed(SADDLE) in summary
    chart = page(therapist_http, reverse("client_chart", args=[intake.client_id]))
    assert changed(SADDLE) in chart


def test_the_client_is_not_sent_to_an_emergency_department_for_an_answer_changed_to_no(
    alice_http,
):
    intake = to_step_6(alice_http, safety={"saddle_numbness": "yes"})
    assert "emergency department" in page(alice_http, step_url(intake, 6))
    post(alice_http, intake, 5, saddle_numbness="no")
    assert "emergency department" not in page(alice_http, step_url(intake, 6))
    intake = submit(alice_http, intake)
    done = page(alice_http, reverse("intake_done", kwargs={"intake_id": intake.pk}))
    assert "emergency department" not in done
    # "your therapist may ask you to see your doctor"
    assert str(screening.PHYSICIAN_ADVICE) in done
    assert "changed" not in done


def test_the_client_summary_says_it_in_words_for_the_client(alice_http):
    intake = to_step_6(alice_http, safety={"saddle_numbness": "yes"})
    post(alice_http, intake, 5, saddle_numbness="no")
    intake = submit(alice_http, intake)
    own = page(alice_http, reverse("my_intake_summary", kwargs={"intake_id": intake.pk}))
    assert "ask the client about it" not in own
    assert f"You first answered yes to “{SADDLE.question}”, then changed it to no." in own


def test_the_client_wording_has_no_alarm_and_no_staff_words():
    intake = SimpleNamespace(
        saddle_numbness=False, answer_changes=[{"field": "saddle_numbness", "was": True}]
    )
    [flag] = screening.flags_for(intake, marks=[])
    assert flag.for_client == (
        f"You first answered yes to “{SADDLE.question}”, then changed it to no. "
        "Your therapist will go over it with you."
    )
    question_flag = screening.flags_for(SimpleNamespace(saddle_numbness=True), marks=[])[0]
    assert question_flag.for_client == question_flag.reason == SADDLE.reason


def test_a_caution_box_unticked_is_a_caution(alice_http):
    intake = to_step_6(alice_http, history={"osteoporosis": "yes"})
    post(alice_http, intake, 4)  # back to the history step: unticked
    intake = submit(alice_http, intake)
    assert [(c["field"], c["was"]) for c in intake.answer_changes] == [("osteoporosis", True)]
    flags = screening.flags_for(intake)
    assert [(f.level, f.code, f.reason) for f in flags] == [
        ("caution", "answer_changed_to_no", changed(OSTEOPOROSIS))
    ]
    assert intake.flag_level == "caution"


def test_a_see_a_physician_box_unticked_is_a_caution_too(alice_http, therapist_http):
    intake = to_step_6(alice_http, history={"cancer_history": "yes"})
    post(alice_http, intake, 4)
    intake = submit(alice_http, intake)
    assert intake.flag_level == "caution"
    summary = page(therapist_http, reverse("intake_summary", kwargs={"intake_id": intake.pk}))
    assert changed(CANCER) in summary


def test_text_changed_to_none_or_emptied_is_kept_with_what_was_typed(alice_http):
    typed = {"allergies": "Almond oil", "skin_conditions": "Rash on my back"}
    intake = to_step_6(alice_http, history=typed)
    post(alice_http, intake, 4, allergies="none", skin_conditions="")
    intake = submit(alice_http, intake)
    assert [(c["field"], c["was"]) for c in intake.answer_changes] == [
        ("skin_conditions", "Rash on my back"),
        ("allergies", "Almond oil"),
    ]
    reasons = {f.reason for f in screening.flags_for(intake)}
    assert reasons == {changed(ALLERGIES, "“Almond oil”"), changed(SKIN, "“Rash on my back”")}


def test_text_changed_to_other_text_is_not_a_change(alice_http):
    intake = to_step_6(alice_http, history={"allergies": "Almond oil"})
    post(alice_http, intake, 4, allergies="Almond oil and peanuts")
    intake = submit(alice_http, intake)
    assert intake.answer_changes == []
    assert [f.code for f in screening.flags_for(intake)] == ["allergies"]


def test_no_then_no_and_yes_then_yes_record_nothing(alice_http):
    intake = to_step_6(alice_http, safety={"bowel_change": "yes"}, history={"diabetes": "yes"})
    post(alice_http, intake, 5, bowel_change="yes")  # yes, then yes
    post(alice_http, intake, 4, diabetes="yes")
    post(alice_http, intake, 5, bowel_change="yes")  # every other question: no, then no
    intake = submit(alice_http, intake)
    assert intake.answer_changes == []
    assert {f.code for f in screening.flags_for(intake)} == {"bowel_change", "diabetes"}


def test_saving_the_step_again_records_the_change_once(alice_http):
    intake = to_step_6(alice_http, safety={"saddle_numbness": "yes"})
    post(alice_http, intake, 5, saddle_numbness="no")
    post(alice_http, intake, 5, saddle_numbness="no")  # a double click, or back and on again
    intake = submit(alice_http, intake)
    assert [c["field"] for c in intake.answer_changes] == ["saddle_numbness"]


def test_yes_again_shows_the_question_own_flag_and_keeps_the_history(alice_http):
    intake = to_step_6(alice_http, safety={"bladder_change": "yes"})
    post(alice_http, intake, 5, bladder_change="no")
    post(alice_http, intake, 5, bladder_change="yes")
    post(alice_http, intake, 5, bladder_change="no")  # and no once more: one flag still
    intake.refresh_from_db()
    assert [(c["field"], c["was"]) for c in intake.answer_changes] == [("bladder_change", True)] * 2
    assert [f.code for f in screening.flags_for(intake)] == ["urgent_answer_changed_to_no"]
    post(alice_http, intake, 5, bladder_change="yes")
    intake = submit(alice_http, intake)
    assert len(intake.answer_changes) == 2  # history is kept
    assert [f.code for f in screening.flags_for(intake)] == ["bladder_change"]
    assert intake.flag_level == "urgent"


def test_unticking_an_answer_carried_over_from_the_last_intake_is_not_a_change(alice_http, alice):
    make_intake(alice, pregnant=True)
    intake = start(alice_http)
    assert intake.pregnant is True  # pre-filled from the last intake
    for step in (1, 2, 3):
        post(alice_http, intake, step)
    post(alice_http, intake, 4)  # the first save of this step: no longer pregnant
    post(alice_http, intake, 5)
    intake = submit(alice_http, intake)
    assert intake.answer_changes == []
    assert screening.flags_for(intake) == []


def test_an_unticked_box_saved_once_then_unticked_is_a_change(alice_http, alice):
    make_intake(alice, pregnant=True)
    intake = start(alice_http)
    for step in (1, 2, 3):
        post(alice_http, intake, step)
    post(alice_http, intake, 4, pregnant="yes")  # kept ticked: the client's answer here
    post(alice_http, intake, 4)
    intake.refresh_from_db()
    assert [c["field"] for c in intake.answer_changes] == ["pregnant"]


def test_the_summary_lists_the_change_among_the_staff_intake_list_flags(alice_http, therapist_http):
    intake = to_step_6(alice_http, safety={"saddle_numbness": "yes"})
    post(alice_http, intake, 5, saddle_numbness="no")
    submit(alice_http, intake)
    listing = page(therapist_http, reverse("staff_intakes") + "?level=physician")
    assert changed(SADDLE) in listing


# ---------------------------------------------------------------- the rule, without the wizard


def answers(changes, **given):
    return SimpleNamespace(answer_changes=changes, **given)


def test_it_reads_no_changes_on_intakes_without_the_column():
    """Migrations recompute levels on historical models from before the column."""
    assert screening.flags_for(SimpleNamespace(osteoporosis=True), marks=[])[0].code == (
        "osteoporosis"
    )
    assert screening.flags_for(SimpleNamespace(), marks=[]) == []


def test_it_ignores_records_it_cannot_read():
    intake = answers(["osteoporosis", {"field": "no_such_question", "was": True}, {}, None])
    assert screening.flags_for(intake, marks=[]) == []


def test_it_quotes_long_text_cut_short():
    intake = answers([{"field": "allergies", "was": "peanuts " * 30}], allergies="")
    [flag] = screening.flags_for(intake, marks=[])
    quoted = flag.reason.split("Answered ")[1].split(" to “")[0]
    assert quoted.startswith("“peanuts") and quoted.endswith("…”")
    assert len(quoted) == screening.SAID_MAX + 2


def test_each_different_text_given_then_withdrawn_raises_its_own_flag():
    intake = answers(
        [
            {"field": "allergies", "was": "Almond oil"},
            {"field": "allergies", "was": "Almond oil"},
            {"field": "allergies", "was": "Peanuts"},
        ],
        allergies="none",
    )
    reasons = [flag.reason for flag in screening.flags_for(intake, marks=[])]
    assert reasons == [changed(ALLERGIES, "“Almond oil”"), changed(ALLERGIES, "“Peanuts”")]


def test_changed_to_no_compares_the_stored_answers_with_the_new_ones():
    stored = {
        "saddle_numbness": True,
        "allergies": "Nuts",
        "osteoporosis": None,
        "medications": "X",
    }
    now = SimpleNamespace(
        saddle_numbness=False, allergies="N/A", osteoporosis=False, medications=""
    )
    records = screening.changed_to_no(stored, now, list(stored))
    assert [(r["field"], r["was"]) for r in records] == [
        ("saddle_numbness", True),
        ("allergies", "Nuts"),
    ]  # medications is not screened: not recorded
