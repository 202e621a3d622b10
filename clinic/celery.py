"""The Celery application: background work on a worker when ``CELERY_BROKER_URL`` is set, in the
calling process otherwise (``CELERY_TASK_ALWAYS_EAGER``). Settings are the ``CELERY_*`` ones.

    celery -A clinic worker     # runs the tasks
    celery -A clinic beat       # schedules the periodic ones (one beat for the whole cluster)
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

app = Celery("clinic")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["intake.jobs"])
