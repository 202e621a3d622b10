"""Fuzzing is costly, so its depth is a setting: Hypothesis tries FUZZ_EXAMPLES random answers per
form (50 by default, what `make test` runs; .ci/run sets 500). The tests here are marked `fuzz`
(`pytest -m "not fuzz"` leaves them out)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "50")),
    deadline=None,  # a request's time depends on the machine's load, not on the input
    database=None,  # examples are not replayed across runs: every run draws fresh ones
    suppress_health_check=list(HealthCheck),
)
