"""The Django admin: the back office for data fixes, not the daily tool. Each capability
registers its own models in its own admin module; this file only gathers them."""

import intake.accounts.admin  # noqa: F401
import intake.audit.admin  # noqa: F401
import intake.clients.admin  # noqa: F401
import intake.handouts.admin  # noqa: F401
import intake.notes.admin  # noqa: F401
import intake.referrals.admin  # noqa: F401
import intake.submissions.admin  # noqa: F401
