"""The screening questions: the one table of every answer the safety rules read (its intake
column, level, the question in the client's words, the reason the therapist reads, its source),
and the tables the wizard asks from. The rules that read it are in
:mod:`intake.submissions.screening`, which the rest of the code imports all of this from.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from intake.submissions.models import FlagLevel

#: Where a question is asked (their ``services.STEPS`` keys); RETIRED ones are no longer asked,
#: but old intakes keep their answers and the flags those answers raised.
SAFETY = "safety"  # a yes/no question, answered on the safety step
HISTORY = "history"  # a yes/no question or a text box on the health-history step
RETIRED = "retired"
#: The one condition a question may be asked under (``Question.only_if``).
GROIN_MARKED = "groin or inner thigh marked on the body map"

# Sources, in our words (docs/clinical-safety.md names them in full).
NERVES = "Cauda equina red flags (NICE CKS Sciatica; NHS Lothian RefHelp)"
SERIOUS = "Red flags for a serious cause (NICE CKS; NHS Lothian RefHelp; AHCPR guideline 14)"
MASSAGE = "Massage contraindications and precautions"
CLOT = "Suspected deep-vein thrombosis, and a clot reaching the lungs"
OURS = "Our judgement, from the red-flag lists above"

#: Told to the client when they answer yes about the calf (besides their level's advice).
CALF_ADVICE = _(
    "Because of your answer about a warm, swollen or painful calf: please see a doctor today, "
    "and do not massage or rub that leg until a doctor has checked it."
)


@dataclass(frozen=True)
class Question:
    """One screened answer. A yes (or text that says something) raises a flag."""

    field: str  # the IntakeSubmission column holding the answer
    level: FlagLevel
    question: str  # what the client reads, in plain words
    reason: str  # what the therapist reads when it raises a flag: the answer, never a diagnosis
    step: str = SAFETY
    source: str = SERIOUS
    advice: str = ""  # told to the client when they answer yes (besides their level's advice)
    requires: str = ""  # asked after a yes to this question (a yes here without it contradicts)
    only_if: str = ""  # asked only under this condition (GROIN_MARKED)


def _q(field: str, level: FlagLevel, question: str, reason: str, **more: str) -> Question:
    return Question(field, level, question, reason, **more)


U, P, C = FlagLevel.URGENT, FlagLevel.PHYSICIAN, FlagLevel.CAUTION

QUESTIONS: tuple[Question, ...] = (
    # Safety step: yes or no, every one answered, in this order.
    _q("bladder_change", U, _("Since this problem started, have you had new trouble starting to "
       "pee, lost control of your bladder, or stopped feeling when your bladder is full?"),
       "New difficulty passing urine, or loss of bladder control or of the feeling of a full "
       "bladder.", source=NERVES),
    _q("bowel_change", U, _("Since this problem started, have you lost control of your bowels, "
       "or stopped feeling when you need to empty them (to poo)?"),
       "Loss of bowel control or of the feeling of a full bowel.", source=NERVES),
    _q("saddle_numbness", U, _("Do you have numbness or pins and needles between your legs, "
       "around your bottom or on your inner thighs (the area that would touch a saddle)?"),
       "Numbness or tingling between the legs, around the buttocks or inner thighs.",
       source=NERVES),
    _q("symptoms_down_both_legs", U, _("Do you have pain, tingling or numbness going down both of "
       "your legs?"), "Pain, tingling or numbness going down both legs.", source=NERVES),
    _q("weakness_both_legs", U, _("Do both of your legs feel weak, or are both getting weaker?"),
       "Weakness in both legs, or both legs getting weaker.", source=NERVES),
    _q("sudden_foot_drop", U, _("Has one of your feet suddenly started to drag or slap on the "
       "ground when you walk?"), "A foot that has suddenly started to drag or slap when walking.",
       source=NERVES),
    _q("new_sexual_dysfunction", U, _("Since this problem started, have you noticed a new change "
       "in sexual function, such as less feeling or trouble with erections?"),
       "New change in sexual function since the back or leg symptoms began.", source=NERVES),
    _q("unexplained_weight_loss", P, _("Have you lost weight recently without trying?"),
       "Weight loss without a known reason."),
    _q("recent_significant_trauma", P, _("Have you recently had a bad fall, a car accident or "
       "another serious injury?"), "Recent significant fall, accident or other trauma."),
    _q("worsening_numbness_or_weakness", P, _("Is numbness or weakness in a leg getting worse over "
       "days or weeks?"), "Numbness or weakness in a leg that is getting worse."),
    _q("night_pain_not_eased_by_rest", P, _("Is your pain constant, or bad at night, and not eased "
       "by resting or changing position?"), "Constant or night pain that rest does not ease."),
    _q("steroids_or_immune_suppression", P, _("Do you take steroid tablets long-term, or have a "
       "weakened immune system?"), "Long-term steroid tablets or a weakened immune system."),
    _q("fever_or_infection", C, _("Do you have a fever, chills or an infection right now (for "
       "example flu, or a chest, urine or skin infection)?"),
       "Fever, chills or an acute illness now: postpone treatment until well.", source=MASSAGE),
    _q("injected_drug_use", C, _("In the last year, have you injected drugs that a doctor did not "
       "prescribe for you?"), "Injected drugs not prescribed, in the last year: check the skin.",
       source=SERIOUS),
    _q("calf_warm_swollen", P, _("Is one of your calves warm, swollen, red or painful to touch?"),
       "A warm, swollen or painful calf: do not massage the leg; a doctor should see it today.",
       source=CLOT, advice=CALF_ADVICE),
    _q("breathless_or_chest_pain", P, _("Are you newly short of breath, or do you have pain in "
       "your chest?"), "New breathlessness or chest pain.", source=OURS),
    _q("saddle_numbness_again", U, _("You marked your groin or inner thigh on the body map, so we "
       "ask again to be sure: is the skin between your legs, around your bottom or on your inner "
       "thighs numb, or does it tingle?"),
       "Numbness or tingling in the saddle area, asked again after marks on the groin or inner "
       "thigh.", source=NERVES, only_if=GROIN_MARKED),
    # Health-history step: yes/no questions (and two text boxes), in the page's order; one with
    # ``requires`` is answered only after a yes to that one.
    _q("takes_blood_thinners", C, _("Do you take a blood thinner (for example warfarin, "
       "apixaban, rivaroxaban, or daily aspirin)?"), "Takes blood thinners: lighter pressure, bruising risk.",
       step=HISTORY, source=MASSAGE),
    _q("varicose_veins", C, _("Do you have varicose veins (swollen, twisted veins, usually on "
       "the legs)?"), "Varicose veins: no deep pressure or friction over them.", step=HISTORY,
       source=MASSAGE),
    _q("bleeding_disorder", C, _("Do you have a bleeding disorder, or bruise very easily?"),
       "Bleeding disorder: lighter pressure, bruising risk.", step=HISTORY, source=MASSAGE),
    _q("clot_history", C, _("Have you ever had a blood clot (for example in a leg or a "
       "lung)?"),
       "History of blood clots (DVT): avoid deep work on the legs.", step=HISTORY, source=CLOT),
    _q("pregnant", C, _("Are you pregnant, or might you be?"),
       "Pregnant: adapt positioning; a high-risk pregnancy needs clearance.", step=HISTORY,
       source=MASSAGE),
    _q("high_risk_pregnancy", P, _("If you are pregnant: has your doctor or midwife told you that "
       "your pregnancy is high-risk?"),
       "High-risk pregnancy: clearance from their doctor or midwife before treatment.",
       step=HISTORY, source=MASSAGE, requires="pregnant"),
    _q("recent_surgery_or_fracture", C, _("Have you had surgery or a broken bone in the last 6 "
       "months?"),
       "Recent surgery or fracture: avoid the site until cleared.", step=HISTORY, source=MASSAGE),
    _q("osteoporosis", C, _("Do you have osteoporosis (thin or fragile bones)?"),
       "Osteoporosis: gentle pressure, careful positioning.", step=HISTORY, source=MASSAGE),
    _q("diabetes", C, _("Do you have diabetes?"), "Diabetes: check sensation in the feet, adapt pressure.",
       step=HISTORY, source=MASSAGE),
    _q("diabetes_reduced_feeling", C, _("If you have diabetes: has it reduced the feeling in "
       "your feet?"),
       "Diabetes with reduced feeling in the feet: check the skin, light pressure on the feet.",
       step=HISTORY, source=MASSAGE, requires="diabetes"),
    _q("high_blood_pressure", C, _("Do you have high blood pressure?"), "High blood pressure.",
       step=HISTORY, source=MASSAGE),
    _q("uncontrolled_blood_pressure", P, _("If you have high blood pressure: is it still high with "
       "treatment, or has your doctor said it is not under control?"), "Uncontrolled high blood pressure.", step=HISTORY,
       source=MASSAGE, requires="high_blood_pressure"),
    _q("recent_stroke_or_heart_event", P, _("Have you had a stroke, a heart attack or heart "
       "surgery in the last 6 months?"), "Stroke or heart event in the last 6 months.", step=HISTORY,
       source=MASSAGE),
    _q("heart_condition", C, _("Do you have a heart condition, or a pacemaker or another device "
       "for your heart?"), "Heart condition or pacemaker: adapt positioning and pressure, no "
       "pressure over a device; ask what their doctor has advised.", step=HISTORY,
       source=MASSAGE),
    _q("epilepsy", C, _("Do you have epilepsy, or have you ever had a seizure (a fit)?"),
       "Epilepsy or seizures: ask about triggers, warning signs and what to do in a seizure.",
       step=HISTORY, source=MASSAGE),
    _q("cancer_history", P, _("Do you have cancer now, or have you had it before?"), "History of cancer.", step=HISTORY),
    _q("cancer_treatment_now", P, _("If you have cancer: are you being treated for it now (for "
       "example chemotherapy or radiotherapy)?"), "Cancer treatment now: avoid treated skin and ports.", step=HISTORY,
       source=MASSAGE, requires="cancer_history"),
    _q("infection_that_spreads", C, _("Do you have an infection that can spread, on your skin "
       "or elsewhere (for example cold sores, athlete's foot, impetigo, shingles, a cold or the "
       "flu)?"), "Something catching now, on the skin or elsewhere, as the client reported it: "
       "avoid the area, or postpone until it has cleared.", step=HISTORY, source=MASSAGE),
    _q("skin_conditions", C, _("Open wounds, rashes, burns, bruises or other skin problems "
       "(say where)"), "Skin problem reported (wound, rash or burn): avoid the area.",
       step=HISTORY, source=MASSAGE),
    _q("allergies", C, _("Allergies (including to oils, lotions or nuts)"),
       "Allergies reported: check oils and lotions.", step=HISTORY, source=MASSAGE),
    # Asked until rules version 1, each since split into questions of one idea.
    _q("bladder_bowel_change", U, _("Since this problem started, have you had new trouble starting "
       "to pee, lost control of your bladder or bowels, or stopped feeling when your bladder or "
       "bowel is full?"), "New difficulty passing urine, or loss of bladder or bowel control or "
       "feeling.", step=RETIRED, source=NERVES),
    _q("rapidly_worsening_leg_weakness", U, _("Is a leg getting weaker quickly, or does a foot "
       "drag or slap when you walk?"), "Weakness in a leg that is getting worse quickly, or a "
       "foot that drags or slaps.", step=RETIRED, source=NERVES),
    _q("both_legs_with_weakness", U, _("Do you have pain, tingling or numbness going down both "
       "legs, with weakness?"), "Symptoms running down both legs together with weakness.",
       step=RETIRED, source=NERVES),
    _q("fever_with_back_pain", P, _("Do you have a fever or chills as well as back pain?"),
       "Fever or chills together with back pain.", step=RETIRED),
)  # fmt: skip

#: The safety step's yes/no questions, in the order it asks them (``asked_on_safety_step``
#: leaves out those whose condition does not hold).
SAFETY_QUESTIONS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.step == SAFETY)
#: The health-history step's screened boxes, by column (their labels).
HISTORY_QUESTIONS: dict[str, Question] = {q.field: q for q in QUESTIONS if q.step == HISTORY}
QUESTION_BY_FIELD: dict[str, Question] = {q.field: q for q in QUESTIONS}
