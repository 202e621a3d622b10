# Issue 19: the intake asks for an emergency contact (step 1); intakes from before hold none.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0012_audit_chain"),
    ]

    operations = [
        migrations.AddField(
            model_name="intakesubmission",
            name="emergency_contact_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="intakesubmission",
            name="emergency_contact_phone",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="intakesubmission",
            name="emergency_contact_relationship",
            field=models.CharField(blank=True, max_length=100),
        ),
    ]
