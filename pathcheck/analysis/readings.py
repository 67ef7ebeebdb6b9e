"""Every reading scored: which verdicts survive every open choice, and which hinge on one.

A reading takes one option of every open choice: the hypothesis's (which member of its
family) and the data's (how each ambiguous table entry is read). The default reading
takes every default. :func:`compare_readings` scores each hypothesis in each of its
readings and marks each verdict robust (the same in every reading) or hinging, naming
the choices whose option alone can change it. A verdict that looks decisive in the
default reading but hinges on a choice the source leaves open is not decisive.

Bayes factors are given for the default readings and as a range: for each reading of
the data, a hypothesis's best and worst member against the others' worst and best.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from pathcheck.analysis.outcomes import PredictionCache
from pathcheck.analysis.score import (
    Comparison,
    Reading,
    Readings,
    Robustness,
    Verdict,
    compare,
)
from pathcheck.base.defaults import DEFAULT_ERROR_RATE, DEFAULT_MAX_STATES
from pathcheck.model import (
    Assignment,
    Choice,
    ExperimentFile,
    Hypothesis,
    data_choices,
    family_size,
    members,
    readings,
)

RowKey = tuple[str, str]  # experiment id, read-out


def compare_readings(
    hypotheses: Sequence[Hypothesis],
    files: Sequence[ExperimentFile],
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Callable[[int, int], None] | None = None,
) -> Comparison:
    """The comparison in the default readings, with every reading scored beside it (the
    caller admits their number first: :func:`pathcheck.analysis.cost.admit_readings`)."""
    data = list(readings(list(files)))
    cache: PredictionCache = {}
    default = compare(hypotheses, data[0][1], error_rate, max_states, cache)
    keys = [(r.experiment.id, r.observation.readout) for r in default.rows]
    scored: list[tuple[list[Reading], dict[RowKey, list[Verdict]], list[Assignment]]] = []
    total = sum(family_size(h) for h in hypotheses) * len(data)
    done = 0
    for hypothesis in hypotheses:
        found: list[Reading] = []
        verdicts: dict[RowKey, list[Verdict]] = defaultdict(list)
        assignments: list[Assignment] = []
        for member in members(hypothesis):
            for assignment, tables in data:
                result = (
                    _column(default, hypothesis)
                    if member.assignment == hypothesis.assignment and tables is data[0][1]
                    else compare([member], tables, error_rate, max_states, cache)
                )
                (summary,) = result.summaries
                found.append(Reading.of(member, assignment, summary))
                for row in result.rows:
                    verdicts[(row.experiment.id, row.observation.readout)].append(
                        row.cells[0].verdict
                    )
                own = member.assignment if hypothesis.open_choices else ()
                assignments.append(own + assignment)
                done += 1
                if progress is not None:
                    progress(done, total)
        scored.append((found, verdicts, assignments))
    choices = data_choices(files)
    ranges = _bayes_factor_ranges([s[0] for s in scored], len(data))
    families = tuple(
        Readings(h, tuple(s[0]), r, tuple(c.name for c in (*h.choices, *choices) if c.open))
        for h, s, r in zip(hypotheses, scored, ranges, strict=True)
    )
    robustness = tuple(
        tuple(
            _robustness(tuple(verdicts[key]), assignments, (*h.open_choices, *choices))
            for h, (_, verdicts, assignments) in zip(hypotheses, scored, strict=True)
        )
        for key in keys
    )
    return default._replace(data_choices=choices, readings=families, robustness=robustness)


def _column(comparison: Comparison, hypothesis: Hypothesis) -> Comparison:
    """One hypothesis's column of a comparison, as if compared alone (the default
    member in the default reading, already scored)."""
    column = comparison.hypotheses.index(hypothesis)
    rows = tuple(r._replace(cells=(r.cells[column],)) for r in comparison.rows)
    return comparison._replace(
        hypotheses=(hypothesis,), rows=rows, summaries=(comparison.summaries[column],)
    )


def _robustness(
    verdicts: tuple[Verdict, ...], assignments: list[Assignment], choices: Sequence[Choice]
) -> Robustness:
    """Which choices the verdict hinges on: those for which two readings that differ in
    that choice alone disagree."""
    hinges = []
    for i, choice in enumerate(choices):
        seen: dict[Assignment, Verdict] = {}
        for assignment, found in zip(assignments, verdicts, strict=True):
            rest = assignment[:i] + assignment[i + 1 :]
            if seen.setdefault(rest, found) != found:
                hinges.append(choice.name)
                break
    default = tuple((c.name, c.default) for c in choices)
    by_assignment = dict(zip(assignments, verdicts, strict=True))
    by_option = tuple(
        (
            choice.name,
            option,
            by_assignment[_with(default, i, option)],
        )
        for i, choice in enumerate(choices)
        if choice.name in hinges
        for option in choice.options
    )
    return Robustness(verdicts, tuple(hinges), by_option)


def _with(assignment: Assignment, i: int, option: str) -> Assignment:
    """``assignment`` with its ``i``-th choice taking ``option``."""
    return (*assignment[:i], (assignment[i][0], option), *assignment[i + 1 :])


def _bayes_factor_ranges(
    scored: list[list[Reading]], data_readings: int
) -> list[tuple[float, float]]:
    """For each hypothesis, the least and greatest log10 Bayes factor against the best,
    over every reading of the data and every choice of member for each hypothesis."""
    # readings are listed member by member, each in every reading of the data in turn
    best = [[-math.inf] * data_readings for _ in scored]
    worst = [[math.inf] * data_readings for _ in scored]
    for h, found in enumerate(scored):
        for k, reading in enumerate(found):
            d = k % data_readings
            best[h][d] = max(best[h][d], reading.log_likelihood)
            worst[h][d] = min(worst[h][d], reading.log_likelihood)

    def strongest(table: list[list[float]], h: int, d: int) -> float:
        return max((table[g][d] for g in range(len(scored)) if g != h), default=-math.inf)

    ranges = []
    for h in range(len(scored)):
        # low: this hypothesis at its worst, each other at its best; high: the reverse
        low = min(min(0.0, worst[h][d] - strongest(best, h, d)) for d in range(data_readings))
        high = max(min(0.0, best[h][d] - strongest(worst, h, d)) for d in range(data_readings))
        ranges.append((low / math.log(10), high / math.log(10)))
    return ranges
