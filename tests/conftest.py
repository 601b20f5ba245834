"""Shared pytest set-up: the Hypothesis profiles for property tests and fuzzing.

`dev` (the default) keeps `make test` quick; `ci` (HYPOTHESIS_PROFILE=ci) is derandomised, so a
CI failure reproduces anywhere, and prints the blob to replay it.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# No deadline: a first call loads spaCy; time limits belong to the worker tests.
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=_SLOW)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=_SLOW,
    derandomize=True,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
