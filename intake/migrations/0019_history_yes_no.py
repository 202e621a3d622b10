# Issue 19: the health history's yes/no questions are answered Yes or No (radios) instead of tick
# boxes, and hold None when not answered. An old ticked box (True) stays yes. An old empty box
# (False) becomes None, "not answered": an empty tick box never said no (the client may have
# skipped it), so recording it as a no would claim an answer nobody gave. Flags are unchanged
# (only a yes raises one), and pages show the old answers as "Not answered" instead of "No".
# Backwards, None goes back to an empty box (False).

from django.db import migrations, models

FIELDS = (
    "takes_blood_thinners",
    "clot_history",
    "bleeding_disorder",
    "pregnant",
    "high_risk_pregnancy",
    "recent_surgery_or_fracture",
    "osteoporosis",
    "diabetes",
    "diabetes_reduced_feeling",
    "high_blood_pressure",
    "uncontrolled_blood_pressure",
    "recent_stroke_or_heart_event",
    "cancer_history",
    "cancer_treatment_now",
)


def empty_box_is_not_answered(apps, schema_editor):
    intakes = apps.get_model("intake", "IntakeSubmission").objects
    for field in FIELDS:
        intakes.filter(**{field: False}).update(**{field: None})


def not_answered_is_an_empty_box(apps, schema_editor):
    intakes = apps.get_model("intake", "IntakeSubmission").objects
    for field in FIELDS:
        intakes.filter(**{f"{field}__isnull": True}).update(**{field: False})


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0018_clinic_question_translations"),
    ]

    operations = [
        *(
            migrations.AlterField(
                model_name="intakesubmission",
                name=field,
                field=models.BooleanField(blank=True, null=True),
            )
            for field in FIELDS
        ),
        migrations.RunPython(empty_box_is_not_answered, not_answered_is_an_empty_box),
    ]
