# Issue 19: four massage contraindications asked on the health-history step (None: not asked).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0019_history_yes_no"),
    ]

    operations = [
        migrations.AddField(
            model_name="intakesubmission",
            name="epilepsy",
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="intakesubmission",
            name="heart_condition",
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="intakesubmission",
            name="infection_that_spreads",
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="intakesubmission",
            name="varicose_veins",
            field=models.BooleanField(blank=True, null=True),
        ),
    ]
