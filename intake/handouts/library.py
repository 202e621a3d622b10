"""The seeded exercise library and body-area templates, in the clinic's own words.

Plain data, no database: ``seed.py`` loads it (idempotently), tests read it directly. Every exercise
names the illustration drawn for it in ``illustrations.py``. Templates list exercises by slug, in order,
and carry the body-map region tags that make the composer *suggest* them (never a diagnosis).
Also here: the body area of a template (derived from its tags), the stop-and-seek-care box of
each body area (its urgent lead is the intake's own ``screening.URGENT_ADVICE`` sentence) and
``CONFLICTS``, the one table of exercises the composer warns about for a flag.

The client reads all of it in English, French or Spanish: the exercises' translations are in
``library_fr.py`` and ``library_es.py``, the templates' beside their English below, and the
stop-and-seek-care words are marked for the catalogues in ``locale/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from intake.handouts import library_es, library_fr


@dataclass(frozen=True)
class ExerciseSpec:
    slug: str
    name: str
    purpose: str
    steps: tuple[str, ...]
    sets: int
    reps: int
    hold_seconds: int
    times_per_day: int
    precautions: tuple[str, ...]
    tags: tuple[str, ...]
    illustration: str
    dose_kind: str = "reps"  # or "duration": minutes instead of sets and repetitions
    minutes: int | None = None

    @property
    def instructions(self) -> str:
        """Steps as stored in the database: one per line."""
        return "\n".join(self.steps)

    @property
    def precautions_text(self) -> str:
        return "\n".join(self.precautions)

    @property
    def translations(self) -> dict[str, dict[str, str]]:
        """The French and Spanish (``library_fr``, ``library_es``) as ``Exercise.translations``
        stores them: steps and precautions one a line."""
        return {
            language: {
                "name": words["name"],
                "purpose": words["purpose"],
                "instructions": "\n".join(words["steps"]),
                "precautions": "\n".join(words["precautions"]),
            }
            for language, module in (("fr", library_fr), ("es", library_es))
            if (words := module.EXERCISES.get(self.slug))
        }


@dataclass(frozen=True)
class TemplateSpec:
    slug: str
    title: str
    introduction: str
    exercises: tuple[str, ...]
    suggest_tags: tuple[str, ...]
    #: The title and introduction in French and Spanish, as ``HandoutTemplate.translations``
    #: stores them (written as ``docs/translations.md`` asks).
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


_GENTLE = "Move slowly and stay in a comfortable range: a stretch, never sharp pain."

EXERCISES: tuple[ExerciseSpec, ...] = (
    ExerciseSpec(
        slug="seated-figure-four",
        name="Seated figure-four stretch",
        purpose=(
            "Loosens the hip rotator muscles and the hip joint capsule at the back of the pelvis, "
            "which tighten with long sitting."
        ),
        steps=(
            "Sit tall near the front of a steady chair, both feet flat on the floor.",
            "Lift one foot and rest that ankle just above the opposite knee, so your legs make a '4'.",
            "Let the raised knee drop gently out to the side.",
            "Keeping your back long, lean your chest forward from the hips until you feel a stretch "
            "deep in the buttock of the crossed leg.",
            "Breathe slowly while you hold, then sit up and change sides.",
        ),
        sets=1,
        reps=2,
        hold_seconds=30,
        times_per_day=3,
        precautions=(
            _GENTLE,
            "If you have had a hip replacement, ask your surgeon before crossing your leg.",
            "Stop if you feel pain in the knee of the crossed leg.",
        ),
        tags=("hip", "buttock", "leg", "desk"),
        illustration="seated_figure_four",
    ),
    ExerciseSpec(
        slug="pelvic-tilt",
        name="Pelvic tilt from the pelvic floor",
        purpose=(
            "Wakes up the deep core muscles, starting from the pelvic floor, to support and steady "
            "the lower back."
        ),
        steps=(
            "Sit tall on a chair with your feet flat (or lie on your back with your knees bent).",
            "Breathe in. As you breathe out, gently draw the pelvic floor up, as if stopping the flow "
            "of urine.",
            "Let that lift continue into your lower belly, drawing it softly in towards your spine.",
            "Now roll the top of your pelvis slightly back, so your lower back flattens a little.",
            "Hold, breathing normally, then relax and let the pelvis return to neutral.",
        ),
        sets=1,
        reps=10,
        hold_seconds=5,
        times_per_day=3,
        precautions=(
            "Keep breathing throughout; do not hold your breath.",
            "The movement is small. If your lower back hurts more, make it smaller.",
        ),
        tags=("core", "lumbar", "pelvic floor", "desk"),
        illustration="pelvic_tilt",
    ),
    ExerciseSpec(
        slug="walking",
        name="Daily walk",
        purpose=(
            "Walking moves the hips and spine gently through their range and keeps you active: "
            "any movement is better than none."
        ),
        steps=(
            "Wear comfortable, supportive shoes.",
            "Walk at an easy pace on level ground, letting your arms swing naturally.",
            "Start with 5 to 10 minutes and add a few minutes every few days, as comfort allows.",
            "If sitting is part of your day, stand up and walk for a minute or two at least every "
            "30 to 45 minutes.",
        ),
        sets=1,
        reps=1,
        hold_seconds=0,
        times_per_day=2,
        dose_kind="duration",
        minutes=10,
        precautions=(
            "Choose distances you can manage; some tiredness is normal, rising pain is not.",
            "Any movement is better than none: a short walk counts.",
        ),
        tags=("general", "lumbar", "hip", "leg"),
        illustration="walking",
    ),
    ExerciseSpec(
        slug="knee-to-chest",
        name="Knee-to-chest stretch",
        purpose="Gently stretches the lower back and the muscles at the back of the hip.",
        steps=(
            "Lie on your back on a firm bed or the floor, knees bent and feet flat.",
            "Bring one knee towards your chest and hold it with both hands behind the thigh or "
            "just below the knee.",
            "Pull gently until you feel a comfortable stretch in the lower back and buttock.",
            "Hold, then lower the foot slowly and change legs.",
        ),
        sets=1,
        reps=3,
        hold_seconds=20,
        times_per_day=2,
        precautions=(
            _GENTLE,
            "If pulling on the knee hurts it, hold behind the thigh instead.",
        ),
        tags=("lumbar", "hip", "buttock", "leg", "lying on back"),
        illustration="knee_to_chest",
    ),
    ExerciseSpec(
        slug="glute-bridge",
        name="Glute bridge",
        purpose="Strengthens the buttock muscles and the back of the thighs to support hips and back.",
        steps=(
            "Lie on your back, knees bent, feet flat and hip-width apart, arms by your sides.",
            "Tighten your core gently (as in the pelvic tilt) and squeeze your buttocks.",
            "Lift your hips until your body makes a straight line from shoulders to knees.",
            "Hold briefly, then lower slowly, one part of the spine at a time.",
        ),
        sets=2,
        reps=10,
        hold_seconds=3,
        times_per_day=1,
        precautions=(
            "Do not arch your lower back at the top: lift only as high as stays comfortable.",
            "If you feel cramping in the back of the thighs, bring your feet a little closer.",
        ),
        tags=("hip", "core", "buttock", "lumbar", "leg", "lying on back"),
        illustration="glute_bridge",
    ),
    ExerciseSpec(
        slug="cat-cow",
        name="Cat–cow",
        purpose="Moves the whole spine gently through bending and arching to ease stiffness.",
        steps=(
            "Kneel on all fours: hands under your shoulders, knees under your hips.",
            "Breathing out, round your back up towards the ceiling and let your head drop (cat).",
            "Breathing in, let your belly lower slowly and lift your gaze a little (cow).",
            "Move smoothly between the two, only as far as is comfortable.",
        ),
        sets=1,
        reps=10,
        hold_seconds=0,
        times_per_day=2,
        precautions=(
            "Put a folded towel under your knees if kneeling is uncomfortable.",
            "Keep the arching small if bending backwards increases leg symptoms.",
        ),
        tags=("lumbar", "thoracic", "back"),
        illustration="cat_cow",
    ),
    ExerciseSpec(
        slug="sciatic-nerve-glide",
        name="Seated leg slider",
        purpose=(
            "Moves the buttock and the back of the leg gently through their range, with the knee, "
            "ankle and head moving together. It is a gentle movement, not a stretch."
        ),
        steps=(
            "Sit tall on a chair with your hands resting on the seat beside you.",
            "Slowly straighten one knee while you point the toes back towards you and look up "
            "slightly.",
            "Then bend the knee back down while you point the toes away and look down slightly.",
            "Keep moving smoothly back and forth; do not hold the end position.",
        ),
        sets=1,
        reps=10,
        hold_seconds=0,
        times_per_day=2,
        precautions=(
            "It should feel like mild tension at most. If tingling or pain grows, make the "
            "movement smaller or stop.",
            "Never bounce or force the leg straight.",
        ),
        tags=("buttock", "leg", "desk"),
        illustration="sciatic_nerve_glide",
    ),
    ExerciseSpec(
        slug="hamstring-stretch",
        name="Seated hamstring stretch",
        purpose="Lengthens the muscles at the back of the thigh.",
        steps=(
            "Sit near the edge of a steady chair.",
            "Stretch one leg out in front of you, heel on the floor and toes pointing up; keep the "
            "other foot flat.",
            "With your back straight, lean forward from the hips until you feel a stretch in the "
            "back of the thigh.",
            "Hold, breathing slowly, then sit up and change legs.",
        ),
        sets=1,
        reps=2,
        hold_seconds=30,
        times_per_day=2,
        precautions=(
            _GENTLE,
            "If you feel tingling down the leg, ease off and keep the stretch milder.",
        ),
        tags=("hip", "leg", "lumbar", "desk"),
        illustration="hamstring_stretch",
    ),
    ExerciseSpec(
        slug="lower-trunk-rotation",
        name="Lying knee rocks",
        purpose="Eases stiffness in the lower back with a small, relaxed twist.",
        steps=(
            "Lie on your back with knees bent, feet flat and arms out to the sides.",
            "Keeping your knees together and shoulders relaxed on the floor, let both knees drop "
            "slowly to one side.",
            "Go only as far as is comfortable, then bring them back through the middle to the "
            "other side.",
        ),
        sets=1,
        reps=10,
        hold_seconds=0,
        times_per_day=2,
        precautions=(_GENTLE,),
        tags=("lumbar", "back", "hip", "lying on back"),
        illustration="lower_trunk_rotation",
    ),
    ExerciseSpec(
        slug="neck-side-bend",
        name="Neck side-bend stretch",
        purpose="Stretches the muscles along the side of the neck.",
        steps=(
            "Sit or stand tall, shoulders relaxed and down.",
            "Slowly tilt your head to bring one ear towards the shoulder on the same side, without "
            "lifting the shoulder.",
            "Hold where you feel a gentle stretch along the other side of the neck.",
            "Return to the middle and repeat to the other side.",
        ),
        sets=1,
        reps=3,
        hold_seconds=20,
        times_per_day=3,
        precautions=(
            _GENTLE,
            "Stop if you feel dizzy or if tingling spreads into the arm.",
        ),
        tags=("neck", "desk"),
        illustration="neck_side_bend",
    ),
    ExerciseSpec(
        slug="chin-tuck",
        name="Chin tuck",
        purpose="Strengthens the deep neck muscles that hold the head upright.",
        steps=(
            "Sit or stand tall, looking straight ahead.",
            "Glide your chin straight back, as if making a double chin, without tipping your head "
            "up or down.",
            "Hold, feeling the back of the neck lengthen, then relax.",
        ),
        sets=1,
        reps=10,
        hold_seconds=5,
        times_per_day=3,
        precautions=(
            "The movement is small and level: keep your eyes on the horizon.",
            "Stop if you feel dizzy or if arm symptoms increase.",
        ),
        tags=("neck", "posture", "desk"),
        illustration="chin_tuck",
    ),
    ExerciseSpec(
        slug="upper-trap-stretch",
        name="Upper trapezius stretch",
        purpose="Stretches the muscle between the neck and the top of the shoulder.",
        steps=(
            "Sit tall and hold the side of the seat with one hand to keep that shoulder down.",
            "Tilt your head away from that hand, and turn your nose slightly towards the other armpit.",
            "Rest your free hand on your head and let its weight add a very light stretch; do not "
            "pull.",
            "Hold, then come back up slowly and change sides.",
        ),
        sets=1,
        reps=2,
        hold_seconds=30,
        times_per_day=2,
        precautions=(
            _GENTLE,
            "Stop if you feel dizzy or if tingling spreads into the arm.",
        ),
        tags=("neck", "shoulder", "desk"),
        illustration="upper_trap_stretch",
    ),
    ExerciseSpec(
        slug="shoulder-rolls",
        name="Shoulder rolls",
        purpose="Loosens the shoulders and upper back and relieves tension from sitting.",
        steps=(
            "Sit or stand tall with your arms relaxed by your sides.",
            "Lift both shoulders up towards your ears, draw them back, then let them drop down.",
            "Make smooth, slow circles; after the set, circle the other way.",
        ),
        sets=2,
        reps=10,
        hold_seconds=0,
        times_per_day=3,
        precautions=(
            "Keep the circles pain-free; make them smaller if the shoulder clicks or pinches.",
        ),
        tags=("shoulder", "neck", "upper back", "desk"),
        illustration="shoulder_rolls",
    ),
    ExerciseSpec(
        slug="doorway-chest-stretch",
        name="Doorway chest stretch",
        purpose="Opens the chest and the front of the shoulders.",
        steps=(
            "Stand in a doorway and rest one forearm on the door frame, elbow at shoulder height.",
            "Step forward slowly with the leg on the same side until you feel a stretch across the "
            "front of the chest and shoulder.",
            "Keep your shoulder down and your back straight; hold, then step back and change sides.",
        ),
        sets=1,
        reps=2,
        hold_seconds=30,
        times_per_day=2,
        precautions=(
            _GENTLE,
            "If the shoulder has ever dislocated, or you feel tingling into the hand, lower the "
            "elbow or skip this stretch.",
        ),
        tags=("shoulder", "chest", "posture"),
        illustration="doorway_chest_stretch",
    ),
    ExerciseSpec(
        slug="shoulder-blade-squeeze",
        name="Shoulder blade squeeze",
        purpose="Strengthens the muscles between the shoulder blades that hold the shoulders back.",
        steps=(
            "Sit or stand tall, arms relaxed, elbows bent at your sides.",
            "Draw your shoulder blades back and slightly down, towards each other, without "
            "shrugging.",
            "Hold, then relax slowly.",
        ),
        sets=2,
        reps=10,
        hold_seconds=5,
        times_per_day=2,
        precautions=("Keep your neck relaxed and your chin level.",),
        tags=("shoulder", "upper back", "posture", "desk"),
        illustration="shoulder_blade_squeeze",
    ),
    ExerciseSpec(
        slug="pendulum",
        name="Shoulder pendulum",
        purpose="Lets a stiff or sore shoulder move gently, with gravity doing the work.",
        steps=(
            "Stand beside a table and lean forward, resting your good hand on it.",
            "Let the other arm hang straight down, fully relaxed.",
            "Sway your body gently so the hanging arm swings in small circles; the arm itself "
            "stays loose.",
            "After the set, circle the other way.",
        ),
        sets=2,
        reps=10,
        hold_seconds=0,
        times_per_day=3,
        precautions=(
            "Keep the circles small and relaxed.",
            "After shoulder surgery, follow your surgeon's instructions first.",
        ),
        tags=("shoulder",),
        illustration="pendulum",
    ),
)

EXERCISE_BY_SLUG: dict[str, ExerciseSpec] = {spec.slug: spec for spec in EXERCISES}

TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        slug="sciatic-nerve-pain",
        title="Buttock and back-of-leg pain: self-care",
        introduction=(
            "This handout is for pain, tingling or numbness in the buttock and down the back of "
            "the leg. Many different things can give these feelings, and your therapist does not "
            "diagnose what is behind yours.\n"
            "Massage, together with gentle movement, often eases these symptoms, but massage "
            "cannot tell what is causing them. If your symptoms persist, or you have not yet seen "
            "a physician about them, a physician's assessment and referral helps you get the "
            "right care.\n"
            "The routine below keeps the hips mobile, the core strong and the lower back steady. "
            "Most of it can be done seated at a desk. Above all, move often: any movement is "
            "better than none."
        ),
        exercises=(
            "seated-figure-four",
            "pelvic-tilt",
            "walking",
            "sciatic-nerve-glide",
            "glute-bridge",
        ),
        suggest_tags=("back_of_leg", "below_knee", "buttock"),
        translations={
            "fr": {
                "title": "Douleur à la fesse et à l'arrière de la jambe : soins à domicile",
                "introduction": (
                    "Cette fiche concerne la douleur, les picotements ou l'engourdissement dans la "
                    "fesse et le long de l'arrière de la jambe. Beaucoup de choses différentes "
                    "peuvent donner ces sensations, et votre massothérapeute ne pose pas de "
                    "diagnostic sur ce qui cause les vôtres.\nLe massage, avec des mouvements "
                    "doux, soulage souvent ces symptômes, mais le massage ne peut pas dire ce qui "
                    "les cause. Si vos symptômes persistent, ou si vous n'avez pas encore vu de "
                    "médecin à ce sujet, l'évaluation et la lettre de recommandation d'un médecin "
                    "vous aident à recevoir les bons soins.\nLes exercices ci-dessous gardent les "
                    "hanches mobiles, le ventre fort et le bas du dos stable. La plupart peuvent "
                    "se faire assis à un bureau. Surtout, bougez souvent : tout mouvement vaut "
                    "mieux que pas de mouvement du tout."
                ),
            },
            "es": {
                "title": "Dolor en la nalga y la parte de atrás de la pierna: cuidados en casa",
                "introduction": (
                    "Esta hoja es para el dolor, el hormigueo o el adormecimiento en la nalga y "
                    "por la parte de atrás de la pierna. Muchas cosas distintas pueden dar estas "
                    "sensaciones, y su masajista terapéutico no diagnostica qué hay detrás de las "
                    "suyas.\nEl masaje, junto con movimiento suave, a menudo alivia estos "
                    "síntomas, pero el masaje no puede decir qué los causa. Si sus síntomas "
                    "continúan, o si todavía no ha visto a un médico por ellos, la valoración y la "
                    "carta de derivación de un médico le ayudan a recibir la atención "
                    "adecuada.\nLa rutina de abajo mantiene las caderas móviles, el abdomen fuerte "
                    "y la parte baja de la espalda estable. Casi toda se puede hacer sentado en un "
                    "escritorio. Sobre todo, muévase a menudo: cualquier movimiento es mejor que "
                    "ninguno."
                ),
            },
        },
    ),
    TemplateSpec(
        slug="low-back-pain",
        title="Low back pain: self-care",
        introduction=(
            "This handout is for pain and stiffness in the lower back. Gentle movement and "
            "staying active help; any movement is better than none. Massage can ease the "
            "symptoms but cannot tell what is causing them: if they persist, a physician's "
            "assessment helps.\n"
            "The exercises below loosen the lower back and hips and wake up the core muscles that "
            "support the spine. Do them slowly, within comfort, and spread short walks through "
            "your day. Mild discomfort while moving is normal; pain that builds is a sign to do "
            "less."
        ),
        exercises=(
            "pelvic-tilt",
            "knee-to-chest",
            "lower-trunk-rotation",
            "cat-cow",
            "glute-bridge",
            "walking",
        ),
        suggest_tags=("lower_back", "mid_back", "hip"),
        translations={
            "fr": {
                "title": "Douleur au bas du dos : soins à domicile",
                "introduction": (
                    "Cette fiche concerne la douleur et la raideur dans le bas du dos. Bouger "
                    "doucement et rester actif aide ; tout mouvement vaut mieux que pas de "
                    "mouvement du tout. Le massage peut soulager ces symptômes mais ne peut pas "
                    "dire ce qui les cause : s'ils persistent, une évaluation par un médecin est "
                    "utile.\nLes exercices ci-dessous assouplissent le bas du dos et les hanches "
                    "et réveillent les muscles du ventre qui soutiennent la colonne. Faites-les "
                    "lentement, sans forcer, et répartissez de courtes marches dans votre journée. "
                    "Un léger inconfort quand vous bougez est normal ; une douleur qui augmente "
                    "est un signe d'en faire moins."
                ),
            },
            "es": {
                "title": "Dolor en la parte baja de la espalda: cuidados en casa",
                "introduction": (
                    "Esta hoja es para el dolor y la rigidez en la parte baja de la espalda. "
                    "Moverse con suavidad y mantenerse activo ayuda; cualquier movimiento es mejor "
                    "que ninguno. El masaje puede aliviar estos síntomas, pero no puede decir qué "
                    "los causa: si continúan, una valoración por un médico ayuda.\nLos ejercicios "
                    "de abajo aflojan la parte baja de la espalda y las caderas y despiertan los "
                    "músculos del abdomen que sostienen la columna. Hágalos despacio, sin forzar, "
                    "y reparta caminatas cortas a lo largo del día. Una molestia leve al moverse "
                    "es normal; un dolor que va en aumento es señal de hacer menos."
                ),
            },
        },
    ),
    TemplateSpec(
        slug="neck-pain",
        title="Neck pain and stiffness: self-care",
        introduction=(
            "This handout is for pain and stiffness in the neck. These gentle movements help "
            "keep the neck's easy range and strengthen the small muscles that hold the head "
            "upright. Massage can ease the symptoms but cannot tell what is causing them: if "
            "they persist, a physician's assessment helps.\n"
            "Do them slowly, a few times a day, and take short breaks from your screen to reset "
            "your posture. None of them should cause sharp pain or dizziness."
        ),
        exercises=(
            "chin-tuck",
            "neck-side-bend",
            "upper-trap-stretch",
            "shoulder-rolls",
        ),
        suggest_tags=("neck", "head"),
        translations={
            "fr": {
                "title": "Douleur et raideur au cou : soins à domicile",
                "introduction": (
                    "Cette fiche concerne la douleur et la raideur dans le cou. Ces mouvements "
                    "doux aident à garder le cou souple et renforcent les petits muscles qui "
                    "tiennent la tête droite. Le massage peut soulager ces symptômes mais ne peut "
                    "pas dire ce qui les cause : s'ils persistent, une évaluation par un médecin "
                    "est utile.\nFaites-les lentement, quelques fois par jour, et faites de "
                    "courtes pauses loin de votre écran pour corriger votre posture. Aucun ne "
                    "devrait causer de douleur vive ni d'étourdissement."
                ),
            },
            "es": {
                "title": "Dolor y rigidez en el cuello: cuidados en casa",
                "introduction": (
                    "Esta hoja es para el dolor y la rigidez en el cuello. Estos movimientos "
                    "suaves ayudan a mantener el cuello flexible y fortalecen los pequeños "
                    "músculos que sostienen la cabeza derecha. El masaje puede aliviar estos "
                    "síntomas, pero no puede decir qué los causa: si continúan, una valoración por "
                    "un médico ayuda.\nHágalos despacio, unas cuantas veces al día, y tome pausas "
                    "cortas lejos de la pantalla para corregir su postura. Ninguno debería causar "
                    "dolor agudo ni mareo."
                ),
            },
        },
    ),
    TemplateSpec(
        slug="shoulder-tension",
        title="Shoulder and upper back tension: self-care",
        introduction=(
            "This handout is for tension in the shoulders and upper back. The routine below "
            "opens the front of the shoulders, strengthens the muscles that draw them back, and "
            "keeps the shoulder joint moving gently. Massage can ease the symptoms but cannot "
            "tell what is causing them: if they persist, a physician's assessment helps.\n"
            "Move within comfort and keep breathing. If a shoulder is recently injured or has been "
            "operated on, follow your surgeon's or physician's advice first."
        ),
        exercises=(
            "shoulder-rolls",
            "shoulder-blade-squeeze",
            "doorway-chest-stretch",
            "pendulum",
            "upper-trap-stretch",
        ),
        suggest_tags=("shoulder", "upper_back", "arm", "chest"),
        translations={
            "fr": {
                "title": "Tensions aux épaules et au haut du dos : soins à domicile",
                "introduction": (
                    "Cette fiche concerne les tensions dans les épaules et le haut du dos. Les "
                    "exercices ci-dessous ouvrent l'avant des épaules, renforcent les muscles qui "
                    "les ramènent vers l'arrière et gardent l'articulation de l'épaule en "
                    "mouvement, doucement. Le massage peut soulager ces symptômes mais ne peut pas "
                    "dire ce qui les cause : s'ils persistent, une évaluation par un médecin est "
                    "utile.\nBougez sans forcer et continuez de respirer. Si une épaule a été "
                    "blessée récemment ou opérée, suivez d'abord les conseils de votre chirurgien "
                    "ou de votre médecin."
                ),
            },
            "es": {
                "title": "Tensión en los hombros y la parte alta de la espalda: cuidados en casa",
                "introduction": (
                    "Esta hoja es para la tensión en los hombros y la parte alta de la espalda. La "
                    "rutina de abajo abre la parte de delante de los hombros, fortalece los "
                    "músculos que los llevan hacia atrás y mantiene la articulación del hombro en "
                    "movimiento, con suavidad. El masaje puede aliviar estos síntomas, pero no "
                    "puede decir qué los causa: si continúan, una valoración por un médico "
                    "ayuda.\nMuévase sin forzar y siga respirando. Si un hombro se lesionó hace "
                    "poco o lo operaron, siga primero las indicaciones de su cirujano o de su "
                    "médico."
                ),
            },
        },
    ),
)

TEMPLATE_BY_SLUG: dict[str, TemplateSpec] = {spec.slug: spec for spec in TEMPLATES}


# --------------------------------------------------------------------------- body areas

#: A handout's body area picks its stop-and-seek-care list. It is derived from tags (a template's
#: ``suggest_tags``, or its exercises' tags), never stored: any back, hip or leg tag makes it a
#: back-and-leg handout (the fuller list); otherwise neck, shoulder or arm tags make it neck-and-arm.
BACK_LEG = "back_leg"
NECK_ARM = "neck_arm"
BACK_LEG_TAGS = frozenset(
    {"back", "lower_back", "mid_back", "lumbar", "core", "pelvic_floor", "hip", "buttock", "groin",
     "leg", "thigh", "back_of_leg", "front_of_leg", "below_knee", "knee", "lower_leg", "ankle",
     "foot"}
)  # fmt: skip
NECK_ARM_TAGS = frozenset({"neck", "head", "shoulder", "upper_back", "arm", "hand", "chest"})


def body_area(tags: object) -> str:
    """``NECK_ARM`` for neck, shoulder or arm tags alone; ``BACK_LEG`` otherwise."""
    found = {str(tag).strip().lower().replace(" ", "_") for tag in (tags or ())}
    if found & NECK_ARM_TAGS and not found & BACK_LEG_TAGS:
        return NECK_ARM
    return BACK_LEG


# --------------------------------------------------------------------------- stop and seek care


@dataclass(frozen=True)
class StopBox:
    """The boxed list printed at the end of a handout: what to watch for, grouped by how soon to
    get help, in the client's words (those of the intake's questions and urgent advice)."""

    intro: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (what to do, the signs)

    @property
    def signs(self) -> tuple[str, ...]:
        return tuple(sign for _lead, signs in self.sections for sign in signs)


#: The box's words are marked for translation (``locale/``): they print in the handout's
#: language. The urgent lead is the intake's own urgent advice's sentence
#: (``screening.URGENT_ADVICE``; a test keeps them the same), written out whole here so that it
#: is looked up in the language the handout prints in, not when this module is imported.
EMERGENCY_NOW = _(
    "Please do not wait for your massage appointment: go to an emergency department now, or call "
    "your local emergency number."
)
SEE_DOCTOR = _(
    "Stop the exercises and see your doctor soon (the same day for a calf) if you notice:"
)
SEE_DOCTOR_NECK = _("Stop the exercises and see your doctor soon if you notice:")
TELL_THERAPIST = _("Stop that exercise and tell your therapist if:")
STOP_AND_SEEK_CARE_INTRO = _("Stop the exercises and get help if any of these happen.")
_SHARP_PAIN = _(
    "An exercise causes sharp pain, or pain or tingling that spreads further and does not settle "
    "within half an hour."
)

STOP_BOXES: dict[str, StopBox] = {
    BACK_LEG: StopBox(
        STOP_AND_SEEK_CARE_INTRO,
        (
            (
                EMERGENCY_NOW,
                (
                    _(
                        "New trouble starting to pee, losing control of your bladder or bowels, or no "
                        "longer feeling when your bladder is full or when you need to empty your bowels."
                    ),
                    _(
                        "Numbness or pins and needles between your legs, around your bottom or on your "
                        "inner thighs (the area that would touch a saddle)."
                    ),
                    _(
                        "Pain, tingling or numbness going down both of your legs, or both of your legs "
                        "feeling weak or getting weaker."
                    ),
                    _(
                        "One of your feet suddenly starting to drag or slap on the ground when you walk."
                    ),
                    _(
                        "A new change in sexual function, such as less feeling or trouble with erections."
                    ),
                    _(
                        "A warm, swollen or painful calf together with new shortness of breath or chest "
                        "pain."
                    ),
                ),
            ),
            (
                SEE_DOCTOR,
                (
                    _(
                        "One of your calves becoming warm, swollen, red or painful to touch: do not "
                        "massage, rub or stretch that leg until a doctor has checked it."
                    ),
                    _("A fever or chills together with your back pain."),
                    _(
                        "Pain that is constant, or bad at night, and not eased by resting or changing "
                        "position."
                    ),
                    _("Numbness or weakness in a leg getting worse over days or weeks."),
                    _(
                        "Losing weight without trying, or a bad fall, a car accident or another serious "
                        "injury."
                    ),
                ),
            ),
            (TELL_THERAPIST, (_SHARP_PAIN,)),
        ),
    ),
    NECK_ARM: StopBox(
        STOP_AND_SEEK_CARE_INTRO,
        (
            (
                EMERGENCY_NOW,
                (
                    _("A sudden, severe headache unlike any you have had before."),
                    _(
                        "New clumsiness of your hands, unsteady walking or falls, or pain, tingling, "
                        "numbness or weakness in both of your arms."
                    ),
                    _(
                        "Dizziness, double vision, trouble speaking or swallowing, or suddenly falling "
                        "to the ground without warning."
                    ),
                    _("Pain in your chest, jaw or arm when you exert yourself."),
                ),
            ),
            (
                SEE_DOCTOR_NECK,
                (
                    _("Weakness or numbness in an arm getting worse over days or weeks."),
                    _("Neck pain after a bad fall, a car accident or another serious injury."),
                    _("A fever or chills together with neck pain or a stiff neck."),
                    _("Losing weight without trying."),
                ),
            ),
            (TELL_THERAPIST, (_SHARP_PAIN,)),
        ),
    ),
}

# --------------------------------------------------------------------------- exercise conflicts


@dataclass(frozen=True)
class Conflict:
    """An exercise the composer warns about when the client's latest intake raised ``flag``."""

    flags: tuple[str, ...]  # screening flag codes (``Flag.code``)
    slugs: tuple[str, ...]  # exercises by slug...
    tags: tuple[str, ...]  # ...or by tag
    message: str
    no_leg_handout: bool = False  # never suggest a back-and-leg template either


CONFLICTS: tuple[Conflict, ...] = (
    Conflict(
        ("pregnant", "high_risk_pregnancy"),
        ("knee-to-chest", "glute-bridge", "lower-trunk-rotation"),
        ("lying on back",),
        "Pregnancy: this exercise is done lying on the back; choose a seated or side-lying "
        "version.",
    ),
    Conflict(
        ("recent_surgery_or_fracture",),
        ("seated-figure-four",),
        (),
        "Surgery or a broken bone in the last 6 months: if it was the hip, no crossing of the "
        "leg (figure-four) until the surgeon clears it.",
    ),
    Conflict(
        ("calf_warm_swollen", "calf_with_breathlessness"),
        (),
        ("leg",),
        "A warm, swollen or painful calf: no leg exercises and no leg handout until a doctor has "
        "checked it.",
        no_leg_handout=True,
    ),
)

#: The back-and-leg list, flat (kept for callers that print one list; lazy strings).
STOP_AND_SEEK_CARE: tuple[str, ...] = STOP_BOXES[BACK_LEG].signs
