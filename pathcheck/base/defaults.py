"""The numbers a user may set: their defaults and their ranges, in one place.

The command line, the project file and the core read their defaults here and refuse an
out-of-range value with the same words, so a value means the same wherever it is given.
This module imports nothing heavy: the command line reads it on every run.
"""

from __future__ import annotations

DEFAULT_ERROR_RATE = 0.05
# states the explicit search visits before the symbolic one (BDDs) takes the question:
# below a few thousand states the explicit search is the faster (BDD set-up ~2-10 ms)
DEFAULT_MAX_STATES = 5_000
DEFAULT_MAX_FILE_SIZE = 5_000_000
DEFAULT_FIXED_POINT_LIMIT = 1000
DEFAULT_MAX_READINGS = 4096  # readings compare, report and design score per hypothesis
# family scores a family as a stream, in workers or on a cluster: a larger bound, not none
DEFAULT_MAX_FAMILY_READINGS = 1_000_000
# learn: the models a family may hold before it is refused rather than cut; each is
# re-predicted by the engine, about 4 ms a model on caspo's ExtLiver (128 experiments)
DEFAULT_MAX_MODELS = 10_000
DEFAULT_MAX_EDITS = 2  # repair: edits per repair
MAX_EDITS = 3  # repair: past three edits the variants of a bundled hypothesis number billions
# repair: variants within the edit bound that a search may consider (serial: 112,825
# within two edits, about 5 s); past it the space is refused with what to narrow
MAX_VARIANTS = 500_000


def error_rate_problem(value: object) -> str | None:
    """Why ``value`` is no error rate, or ``None`` when it is one.

    0 would make one contradicted observation infinitely damning, and 0.5 or more would
    make a mismatch as likely as a match, so the rate lies strictly between them.
    """
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and 0.0 < value < 0.5:  # type: ignore[operator]
        return None
    return f"must be a number strictly between 0 and 0.5, not {value!r}"
