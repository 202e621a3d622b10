"""Background work (Celery): the tasks, and what makes each safe to run twice.

- ``tasks``: the Celery tasks (run by a worker when ``CELERY_BROKER_URL`` is set, in the calling
  process otherwise) and the beat schedule's periodic ones;
- ``urgent``: the urgent-intake e-mail, sent at most once per intake and staff member;
- ``models``: the rows that record what was sent.
"""
