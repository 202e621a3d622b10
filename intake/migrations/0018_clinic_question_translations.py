from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0017_urgent_intake_emails"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinicquestionversion",
            name="translations",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
