# Issue 19: "when did it start?" may be a month and a year; older intakes gave a day.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0021_audit_purge_archived"),
    ]

    operations = [
        migrations.AddField(
            model_name="intakesubmission",
            name="symptoms_started_month_only",
            field=models.BooleanField(default=False),
        ),
    ]
