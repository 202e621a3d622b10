# Loaded with Django so that tasks enqueued by the app use the project's Celery settings.
from clinic.celery import app as celery_app

__all__ = ["celery_app"]
