"""A hypothesis's whole family scored: every member in every reading of the data.

What a scientist asks of a family is which readings fit, which options the data force
(every best-scoring reading takes them) and which no fitting reading uses. Members are
enumerated as a stream and scored in chunks, each a plain, picklable task, so the same
map runs in this process, in worker processes (``workers``), or on a Dask cluster
(``scheduler``: the address of a ``distributed`` scheduler), the standard engine for
this embarrassingly parallel map. Only the scores are kept, never the members.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from typing import Any, NamedTuple

from pathcheck.analysis.outcomes import PredictionCache
from pathcheck.analysis.score import Reading, compare
from pathcheck.base import html
from pathcheck.base.defaults import DEFAULT_ERROR_RATE, DEFAULT_MAX_STATES
from pathcheck.model import (
    Assignment,
    Builder,
    Choice,
    ExperimentFile,
    Hypothesis,
    assignments,
    data_choices,
    family_size,
    readings,
    short_member_name,
)

CHUNK = 64  # members per task: large enough to amortise shipping, small enough to stream


class Family(NamedTuple):
    """Every member of a hypothesis with open choices, in every reading of the data,
    scored and sorted best first; the options the data force, and how many readings fit
    every observation."""

    hypothesis: Hypothesis  # the default member
    choices: tuple[Choice, ...]  # the hypothesis's, then the data's
    scored: tuple[Reading, ...]  # best first: all of them, or the best ``keep``
    total: int  # how many readings were scored (``scored`` may keep the best alone)
    fitting: int  # how many fit every observation
    forced: tuple[tuple[str, str], ...]  # options every best-scoring reading takes
    unused: tuple[tuple[str, str], ...]  # options no reading that fits every observation takes

    def __repr__(self) -> str:
        name = self.hypothesis.family or self.hypothesis.name
        return f"<Family {name}: {self.total} readings, {self.fitting} fit every observation>"

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """Every reading kept, best first: its log-likelihood and counts."""
        head = ("rank", "reading", "log L", "matched", "contradicted", "undecided", "fits all")
        name = self.hypothesis.family or self.hypothesis.name
        rows = [
            (
                str(rank),
                _short_name(name, s),
                f"{s.log_likelihood:.2f}",
                str(s.matched),
                str(s.mismatched),
                str(s.undecided),
                "yes" if s.fits else "no",
            )
            for rank, s in enumerate(self.scored, start=1)
        ]
        return head, rows

    def _repr_html_(self) -> str:
        return html.of(self)

    def to_dict(self) -> dict[str, Any]:
        """Every reading scored, as plain data: what ``family --format json`` prints."""
        from pathcheck import __version__

        return {
            "pathcheck": __version__,
            "hypothesis": self.hypothesis.compared_as,
            "file": self.hypothesis.file,
            "choices": [c.to_dict() for c in self.choices],
            "readings": self.total,
            "fitting": self.fitting,
            "forced": [{"choice": c, "option": o} for c, o in self.forced],
            "unused_by_fitting": [{"choice": c, "option": o} for c, o in self.unused],
            "scored": [
                {
                    "name": s.name,
                    "member": s.member,
                    "options": dict(s.options),
                    "data": dict(s.data),
                    "log_likelihood": round(s.log_likelihood, 6),
                    "matched": s.matched,
                    "mismatched": s.mismatched,
                    "undecided": s.undecided,
                    "fits_every_observation": s.fits,
                }
                for s in self.scored
            ],
        }


class _Tally:
    """What the family's readings say, gathered as they stream past: the kept scores, and
    per choice the options of the best-scoring and of the fitting readings."""

    def __init__(self, choices: Sequence[Choice], keep: int | None) -> None:
        self.choices = choices
        self.keep = keep
        self.rank = {(c.name, o): i for c in choices for i, o in enumerate(c.options)}
        self.kept: list[tuple[float, list[int], int, Reading]] = []  # a heap when keep is set
        self.readings = self.fitting = 0
        self.top = -math.inf
        self.best: list[set[str]] = [set() for _ in choices]
        self.fit: list[set[str]] = [set() for _ in choices]

    def add(self, scored: Reading) -> None:
        self.readings += 1
        options = [o for _, o in scored.assignment]
        if scored.fits:
            self.fitting += 1
            for i, option in enumerate(options):
                self.fit[i].add(option)
        if scored.log_likelihood > self.top:
            self.top = scored.log_likelihood
            self.best = [set() for _ in self.choices]
        if scored.log_likelihood == self.top:
            for i, option in enumerate(options):
                self.best[i].add(option)
        order = [-self.rank[x] for x in scored.assignment]
        entry = (scored.log_likelihood, order, -self.readings, scored)
        if self.keep is None:
            self.kept.append(entry)
        elif len(self.kept) < self.keep:
            heapq.heappush(self.kept, entry)
        elif self.keep:
            heapq.heappushpop(self.kept, entry)

    def family(self, hypothesis: Hypothesis) -> Family:
        kept = [e[3] for e in sorted(self.kept, reverse=True)]
        forced = tuple(
            (c.name, next(iter(b)))
            for c, b in zip(self.choices, self.best, strict=True)
            if len(b) == 1 and len(c.options) > 1
        )
        unused = tuple(
            (c.name, o)
            for c, used in zip(self.choices, self.fit, strict=True)
            for o in c.options
            if self.fitting and o not in used
        )
        return Family(
            hypothesis,
            tuple(self.choices),
            tuple(kept),
            self.readings,
            self.fitting,
            forced,
            unused,
        )


class _Task(NamedTuple):
    """A chunk of members to score: everything a worker needs, picklable."""

    spec: Builder | None  # the loader's, or None for a hypothesis without choices
    default: Hypothesis | None  # used when there is no spec
    choices: tuple[Choice, ...]
    assignments: tuple[Assignment, ...]
    data: tuple[tuple[Assignment, tuple[ExperimentFile, ...]], ...]
    error_rate: float
    max_states: int


def score_family(
    hypothesis: Hypothesis,
    files: Sequence[ExperimentFile],
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    executor: Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep: int | None = None,
) -> Family:
    """Score every member in every reading of the data, keeping every score, or the best
    ``keep``; ``progress(members done, members)`` is called as chunks finish. With an
    ``executor`` (worker processes, a Dask cluster) the chunks run there, a bounded
    number at a time, so neither members nor tasks pile up in memory."""
    data = tuple((a, tuple(t)) for a, t in readings(list(files)))
    size = family_size(hypothesis)
    expands = hypothesis.spec is not None and bool(hypothesis.open_choices)
    chosen = assignments(hypothesis.choices) if expands else iter([hypothesis.assignment])
    tasks = (
        _Task(
            hypothesis.spec if expands else None,
            None if expands else hypothesis,
            hypothesis.choices,
            chunk,
            data,
            error_rate,
            max_states,
        )
        for chunk in _chunks(chosen, CHUNK)
    )
    # a pinned member's choices each have its one option: none is open, or forced
    fixed = dict(hypothesis.assignment)
    own = tuple(c if expands else c._replace(options=(fixed[c.name],)) for c in hypothesis.choices)
    tally = _Tally((*own, *data_choices(files)), keep)
    done = 0
    results = _bounded_map(executor, tasks) if executor else map(score_chunk, tasks)
    for found in results:
        for scored in found:
            tally.add(scored)
        done += len(found) // max(len(data), 1)
        if progress:
            progress(done, size)
    return tally.family(hypothesis)


def _bounded_map(executor: Executor, tasks: Iterator[_Task]) -> Iterator[list[Reading]]:
    """The chunks' results as they finish, with a few tasks in flight at a time."""
    window = 4 * (getattr(executor, "_max_workers", None) or 8)
    pending = {executor.submit(score_chunk, task) for task in itertools.islice(tasks, window)}
    while pending:
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            yield future.result()
        pending |= {executor.submit(score_chunk, t) for t in itertools.islice(tasks, len(finished))}


def _chunks(items: Iterator[Assignment], size: int) -> Iterator[tuple[Assignment, ...]]:
    while chunk := tuple(itertools.islice(items, size)):
        yield chunk


def score_chunk(task: _Task) -> list[Reading]:
    """Score a chunk of members in every reading of the data (run in a worker)."""
    cache: PredictionCache = {}
    scored = []
    for assignment in task.assignments:
        if task.spec is not None:
            member = task.spec.build(task.choices, assignment)
        else:
            assert task.default is not None
            member = task.default
        for data, tables in task.data:
            result = compare([member], tables, task.error_rate, task.max_states, cache)
            scored.append(Reading.of(member, data, result.summaries[0]))
    return scored


def process_pool(workers: int) -> Executor:
    return ProcessPoolExecutor(max_workers=workers)


def _short_name(family: str, reading: Reading) -> str:
    """A reading in a table: the member by its options alone (the notes name the choices
    in order), then the data's reading."""
    member = short_member_name(family, reading.options)
    data = ", ".join(f"{c}={o}" for c, o in reading.data)
    return f"{member} with {data}" if data else member
