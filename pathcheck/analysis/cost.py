"""What a command would cost, told before any work starts: refused, with what to run
instead, rather than left to run for hours or to fill the memory.

Every count here is a product of sizes the files state (a family's options, the data's
readings, a catalogue's items), computed without enumerating anything, so a family of
2^40 members or ``--max-combined 100000000`` is refused in milliseconds. compare,
report, family and design weigh their readings here; design its candidates; explain
the predictions it would tabulate on a cyclic network and the paths it would walk.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pathcheck.base.problems import COMMAND_LINE, InputError, Location
from pathcheck.model import ExperimentFile, Hypothesis, data_choices, family_size

# design's candidates, and members x candidates: about a minute for four hypotheses
MAX_CANDIDATES = 200_000
MAX_PREDICTIONS = 2_000_000
# explain, on a network with cycles: a prediction per assignment of its variables (each
# as costly as predict), so at most 2^6; and the steps of its walk along causal paths
MAX_TABULATED = 64
MAX_PATH_STEPS = 100_000


def data_readings(files: Sequence[ExperimentFile]) -> int:
    """How many readings of the data the tables have: the product of their options."""
    return math.prod(len(c.options) for c in data_choices(files))


def admit_readings(
    hypotheses: Sequence[Hypothesis],
    files: Sequence[ExperimentFile],
    max_readings: int,
    command: str,
    instead: str,
) -> None:
    """Refuse, at the hypothesis's file, to score more than ``max_readings`` readings (its
    members x the data's readings) of any one hypothesis; ``instead`` says what to run."""
    data = data_readings(files)
    for hypothesis in hypotheses:
        size = family_size(hypothesis)
        if size * data > max_readings:
            of_data = f"{data:,} reading{'s' * (data != 1)} of the data"
            raise InputError.at(
                Location(hypothesis.file, 0, 0),
                f"'{hypothesis.name}' has {size * data:,} readings ({size:,} members x "
                f"{of_data}), more than {command} scores (--max-readings {max_readings:,}): "
                + instead.format(name=hypothesis.name),
            )


def candidates(items: int, max_combined: int) -> int:
    """How many combinations of up to ``max_combined`` of ``items`` there are, counted no
    further than one past :data:`MAX_CANDIDATES` (however large ``max_combined``)."""
    total = 0
    for size in range(1, min(max_combined, items) + 1):
        total += math.comb(items, size)
        if total > MAX_CANDIDATES:
            break
    return total


def admit_design(items: int, max_combined: int, members: int) -> None:
    """Refuse a search past :data:`MAX_CANDIDATES` candidates, or past
    :data:`MAX_PREDICTIONS` predictions (each member on each candidate)."""
    count = candidates(items, max_combined)
    if count > MAX_CANDIDATES:
        raise InputError.at(
            COMMAND_LINE,
            f"{items} items combined up to {max_combined} at a time make more than "
            f"{MAX_CANDIDATES:,} candidates: lower --max-combined or choose fewer items",
        )
    if count * members > MAX_PREDICTIONS:
        raise InputError.at(
            COMMAND_LINE,
            f"{count:,} candidates for {members:,} members make {count * members:,} "
            f"predictions, more than design makes ({MAX_PREDICTIONS:,}): name fewer members "
            "(serial_loop[vegf_source=pyramidal]) or lower --max-combined",
        )


def tabulated(variables: int) -> str | None:
    """Why explain does not tabulate the prediction over ``variables`` on a network with
    cycles, or ``None`` when it does."""
    if 2**variables <= MAX_TABULATED:
        return None
    return (
        f"the clamped network has cycles and {variables} variables: their {2**variables:,} "
        f"assignments would each need a prediction, more than explain makes ({MAX_TABULATED})"
        "; the formula is left out (predict answers each assignment)"
    )
