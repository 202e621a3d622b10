"""E-mails to clients: what they expect to hear from the clinic (issue 19).

- ``intake_received``: their intake reached the clinic (sent when it is submitted);
- ``handout_given``: a home-care handout was given to them (sent when staff give it);
- the intake invitation is sent by ``intake.invitations.services.send_invitation``.

Every message says only that something is waiting, with a link to log in: never an answer, a
flag, a body region, a symptom, an exercise or the title of a handout, and no name but the
clinic's (an e-mail is read on lock screens and shared devices, and kept by mail servers we do
not run). They go through Django's e-mail backend (``EMAIL_BACKEND``), a plain-text body with an
HTML alternative, rendered from ``templates/emails/``.

Workflows call the ``*_after_commit`` functions inside their transaction: the e-mail is sent
only once the change is saved, and a failing mail server never undoes it. The senders take an id
and read what they need themselves, so the call can later be put on a task queue unchanged.
"""

from intake.notifications.emails import (
    handout_given,
    handout_given_after_commit,
    intake_received,
    intake_received_after_commit,
)

__all__ = [
    "handout_given",
    "handout_given_after_commit",
    "intake_received",
    "intake_received_after_commit",
]
