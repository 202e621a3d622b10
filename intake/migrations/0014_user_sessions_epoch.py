"""Issue 20: a user's sessions_epoch, raised to end all their sessions at once (two-factor
enrolment, a device reset)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("intake", "0013_intake_emergency_contact")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="sessions_epoch",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]
