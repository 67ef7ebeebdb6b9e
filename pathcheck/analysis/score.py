"""Scoring hypotheses against observations, and comparing them.

Each observation is independently misrecorded (or mis-modelled) with probability ``e``,
the error rate. A hypothesis that predicts the observed value scores ``1 - e``, one that
predicts the other value ``e``; where it cannot say, because its prediction is
ambiguous, unknown (the engine could not decide it within its bound) or it has no such
read-out, it scores a coin flip, ``0.5``, so that every hypothesis is scored on the same
observations and the likelihoods are comparable. Posteriors assume equal priors; Bayes
factors are taken against the best hypothesis. Rows that may record one experiment
(``same_as``) are counted once in the likelihood, by the rule of
:mod:`pathcheck.analysis.evidence`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

from pathcheck.analysis.evidence import (
    Independence,
    grouped_log_likelihood,
    groups,
    independence,
)
from pathcheck.analysis.outcomes import (
    UNKNOWN,
    Predicted,
    PredictionCache,
    Predictor,
    plain_value,
)
from pathcheck.base import html
from pathcheck.base.defaults import DEFAULT_ERROR_RATE, DEFAULT_MAX_STATES, error_rate_problem
from pathcheck.engine.explicit import AMBIGUOUS, Value
from pathcheck.model import Assignment, Choice, Experiment, ExperimentFile, Hypothesis, Observation

if TYPE_CHECKING:
    from pathcheck.analysis.neighbours import Neighbourhood


class Verdict(str, Enum):
    MATCH = "match"
    MISMATCH = "mismatch"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"  # the engine could not decide within its bound: never a match
    NOT_APPLICABLE = "not applicable"


def verdict(predicted: Predicted | None, observed: bool) -> Verdict:
    if predicted is None:
        return Verdict.NOT_APPLICABLE
    if predicted == UNKNOWN:
        return Verdict.UNKNOWN
    if predicted == AMBIGUOUS:
        return Verdict.AMBIGUOUS
    return Verdict.MATCH if predicted == observed else Verdict.MISMATCH


def likelihood(result: Verdict, error_rate: float) -> float:
    """The probability of the observation given the hypothesis."""
    if result is Verdict.MATCH:
        return 1.0 - error_rate
    if result is Verdict.MISMATCH:
        return error_rate
    return 0.5


class Cell(NamedTuple):
    """One hypothesis on one observation."""

    predicted: Predicted | None
    verdict: Verdict
    unmatched: tuple[str, ...]  # the experiment's selectors that match no node here
    by_attractor: tuple[Value, ...] = ()  # the value in each reachable attractor
    unknown: str = ""  # why the prediction is unknown, when it is


class Row(NamedTuple):
    experiment: Experiment
    observation: Observation
    cells: tuple[Cell, ...]  # in the comparison's order of hypotheses

    @property
    def disagreement(self) -> bool:
        """Whether the hypotheses that have this read-out predict different values."""
        return len({c.predicted for c in self.cells if c.predicted is not None}) > 1


class Summary(NamedTuple):
    hypothesis: Hypothesis
    matched: int
    mismatched: int
    ambiguous: int
    unknown: int
    not_applicable: int
    log_likelihood: float
    posterior: float
    log10_bayes_factor: float  # against the best hypothesis compared (0 for the best)

    @property
    def scored(self) -> int:
        return self.matched + self.mismatched + self.ambiguous + self.unknown

    @property
    def total(self) -> int:
        return self.scored + self.not_applicable

    @property
    def coverage(self) -> float:
        return self.scored / self.total if self.total else 0.0

    @property
    def nodes(self) -> int:
        return len(self.hypothesis.nodes)

    @property
    def edges(self) -> int:
        return len(self.hypothesis.edges)

    def to_dict(self) -> dict[str, Any]:
        """The counts and the scores as plain data, rounded to six places."""
        return {
            "matched": self.matched,
            "mismatched": self.mismatched,
            "ambiguous": self.ambiguous,
            "unknown": self.unknown,
            "not_applicable": self.not_applicable,
            "scored": self.scored,
            "total": self.total,
            "coverage": round(self.coverage, 6),
            "log_likelihood": round(self.log_likelihood, 6),
            "posterior": round(self.posterior, 6),
            "log10_bayes_factor_vs_best": round(self.log10_bayes_factor, 6),
            "nodes": self.nodes,
            "edges": self.edges,
        }


class Robustness(NamedTuple):
    """One hypothesis on one observation, in every reading of it (members x data)."""

    verdicts: tuple[Verdict, ...]  # in the order of the hypothesis's readings
    hinges_on: tuple[str, ...]  # the choices whose option alone can change the verdict
    # the verdict when one choice takes one option and every other its default
    by_option: tuple[tuple[str, str, Verdict], ...]

    @property
    def robust(self) -> bool:
        return len(set(self.verdicts)) == 1

    @property
    def matches(self) -> int:
        return self.verdicts.count(Verdict.MATCH)


class Reading(NamedTuple):
    """A member of a hypothesis's family, in one reading of the data, scored."""

    member: str  # its full name
    options: Assignment  # the member's
    data: Assignment  # the data's reading
    log_likelihood: float
    matched: int
    mismatched: int
    undecided: int  # ambiguous, unknown or not applicable
    fits: bool  # every observation matched

    @property
    def assignment(self) -> Assignment:
        return self.options + self.data

    @property
    def name(self) -> str:
        data = ", ".join(f"{c}={o}" for c, o in self.data)
        return f"{self.member} with {data}" if data else self.member

    @classmethod
    def of(cls, member: Hypothesis, data: Assignment, summary: Summary) -> Reading:
        """The reading of ``member`` in ``data``, from its summary there."""
        return cls(
            member.full_name,
            member.assignment,
            data,
            summary.log_likelihood,
            summary.matched,
            summary.mismatched,
            summary.total - summary.matched - summary.mismatched,
            summary.matched == summary.total,
        )


class Readings(NamedTuple):
    """A hypothesis across its readings: every member in every reading of the data."""

    hypothesis: Hypothesis  # the default member
    readings: tuple[Reading, ...]  # the default first
    log10_bayes_factor_range: tuple[float, float]  # against the best, in any reading
    # the choices it was scored under (its own, the data's) whose default no source favours
    open_choices: tuple[str, ...] = ()

    @property
    def fitting(self) -> int:
        return sum(r.fits for r in self.readings)

    @property
    def best(self) -> Reading:
        return max(self.readings, key=lambda r: r.log_likelihood)

    @property
    def worst(self) -> Reading:
        return min(self.readings, key=lambda r: r.log_likelihood)


class Pending(NamedTuple):
    """An experiment not yet run: what each hypothesis predicts it will read out."""

    experiment: Experiment
    predictions: tuple[tuple[str, tuple[Predicted | None, ...]], ...]  # read-out, per column


SCORES_HEADER = ("hypothesis", "fit", "✗", "?", "log L", "log10 BF", "over readings", "size")
# when some default reading rests on an open choice: every reading first, the default after
RANGES_HEADER = ("hypothesis", "fit", "✗", "?", "log10 BF", "default", "size")


class Comparison(NamedTuple):
    """The hypotheses in the default readings; with ``readings`` scored, how each
    verdict fares in every other (``robustness[row][column]``). Pending experiments are
    predicted, never scored."""

    hypotheses: tuple[Hypothesis, ...]
    files: tuple[ExperimentFile, ...]
    rows: tuple[Row, ...]
    summaries: tuple[Summary, ...]
    error_rate: float
    data_choices: tuple[Choice, ...] = ()
    readings: tuple[Readings, ...] = ()  # one per hypothesis, when scored
    robustness: tuple[tuple[Robustness, ...], ...] = ()
    pending: tuple[Pending, ...] = ()
    neighbours: Neighbourhood | None = None  # with --neighbours: the one-edit variants
    excluded_inferred: int = 0  # observations of inferred rows left out of the scores

    @property
    def has_readings(self) -> bool:
        """Whether some hypothesis was scored in more than one reading (its members, or
        the data's)."""
        return any(len(r.readings) > 1 for r in self.readings)

    def __repr__(self) -> str:
        fits = ", ".join(f"{s.hypothesis.name} {s.matched}/{s.total}" for s in self.summaries)
        return f"<Comparison on {len(self.rows)} observations: {fits}>"

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """The scores: per hypothesis its fit, its score, its Bayes factor against the
        best (and the range over every reading, when readings were scored), its size; led
        by the ranges over every reading where they lead (:attr:`ranges_lead`)."""
        if self.ranges_lead:
            return RANGES_HEADER, self._range_rows()
        ranges = {r.hypothesis.name: r.log10_bayes_factor_range for r in self.readings}
        rows: list[tuple[str, ...]] = []
        for s in self.summaries:
            factor = s.log10_bayes_factor
            low, high = ranges.get(s.hypothesis.name, (factor, factor))
            rows.append(
                (
                    s.hypothesis.name,
                    f"{s.matched}/{s.scored}",
                    str(s.mismatched),
                    str(s.ambiguous + s.unknown + s.not_applicable),
                    f"{s.log_likelihood:.2f}",
                    f"{factor:.2f}",
                    f"{low:.2f} to {high:.2f}" if self.has_readings else "–",
                    f"{s.nodes}/{s.edges}",
                )
            )
        return SCORES_HEADER, rows

    def _range_rows(self) -> list[tuple[str, ...]]:
        """Per hypothesis, its fit least to most over every reading, its Bayes factor's
        range, and the default reading's Bayes factor, starred where it is open."""
        rows: list[tuple[str, ...]] = []
        for s, family in zip(self.summaries, self.readings, strict=True):
            low, high = family.log10_bayes_factor_range
            mark = "*" if family.open_choices else ""
            rows.append(
                (
                    s.hypothesis.name,
                    f"{_spread([r.matched for r in family.readings])}/{s.total}",
                    _spread([r.mismatched for r in family.readings]),
                    _spread([r.undecided for r in family.readings]),
                    f"{low:.1f}" if f"{low:.1f}" == f"{high:.1f}" else f"{low:.1f} to {high:.1f}",
                    f"{s.log10_bayes_factor:.1f}{mark}",
                    f"{s.nodes}/{s.edges}",
                )
            )
        return rows

    def _repr_html_(self) -> str:
        return html.of(self)

    @property
    def ranges_lead(self) -> bool:
        """Whether the summary leads with each hypothesis's range over every reading: when
        some default reading rests on a choice no source favours, its single figure
        stands for nothing the sources say."""
        return self.has_readings and any(r.open_choices for r in self.readings)

    @property
    def independence(self) -> Independence:
        """How many observations are inferred, secondary, or possibly duplicates."""
        experiments = dict.fromkeys(row.experiment for row in self.rows)
        return independence(tuple(experiments), self.excluded_inferred)

    def to_dict(self) -> dict[str, Any]:
        """Everything, as plain data: what ``compare --format json`` prints."""
        from pathcheck import __version__

        experiments: dict[str, dict[str, Any]] = {}
        for row in self.rows:
            experiments.setdefault(row.experiment.id, row.experiment.to_dict())
        payload = {
            "pathcheck": __version__,
            "error_rate": self.error_rate,
            "sources": [
                {
                    "file": t.file,
                    "title": t.title,
                    "citation": t.source.citation,
                    "pmid": t.source.pmid,
                }
                for t in self.files
            ],
            "experiments": list(experiments.values()),
            "readings_scored": bool(self.readings),
            "independence": self.independence.to_dict(),
            "data_choices": [c.to_dict() for c in self.data_choices],
            "hypotheses": {
                h.name: self._hypothesis_dict(column) for column, h in enumerate(self.hypotheses)
            },
            "disagreements": sorted(
                {r.experiment.id for r in self.rows if r.disagreement},
                key=list(experiments).index,
            ),
        }
        if self.neighbours is not None:
            payload["neighbours"] = self.neighbours.to_dict()
        if self.pending:  # only when there are some: the payload of a table of results stays
            payload["pending"] = [
                {
                    **p.experiment.to_dict(),
                    "measure": list(p.experiment.measure),
                    "predicted": {
                        readout: {
                            h.name: plain_value(v)
                            for h, v in zip(self.hypotheses, values, strict=True)
                        }
                        for readout, values in p.predictions
                    },
                }
                for p in self.pending
            ]
        return payload

    def _hypothesis_dict(self, column: int) -> dict[str, Any]:
        """One hypothesis's column: its summary, each read-out's verdict (in every reading,
        when they were scored) and its readings."""
        hypothesis, family = self.hypotheses[column], None
        if self.readings:
            family = self.readings[column]
        experiments: dict[str, Any] = {}
        for index, row in enumerate(self.rows):
            cell = row.cells[column]
            entry = experiments.setdefault(
                row.experiment.id, {"unmatched_selectors": list(cell.unmatched), "readouts": {}}
            )
            readout: dict[str, Any] = {
                "observed": plain_value(row.observation.value),
                "predicted": plain_value(cell.predicted),
                "verdict": cell.verdict.value,
            }
            if cell.verdict is Verdict.AMBIGUOUS:
                readout["by_attractor"] = [plain_value(v) for v in cell.by_attractor]
            if cell.verdict is Verdict.UNKNOWN:
                readout["unknown_because"] = cell.unknown
            if family is not None:
                robustness = self.robustness[index][column]
                readout["robust"] = robustness.robust
                readout["hinges_on"] = list(robustness.hinges_on)
                readout["by_reading"] = {
                    r.name: v.value
                    for r, v in zip(family.readings, robustness.verdicts, strict=True)
                }
            entry["readouts"][row.observation.readout] = readout
        found: dict[str, Any] = {
            "title": hypothesis.title,
            "file": hypothesis.file,
            "choices": [c.to_dict() for c in hypothesis.choices],
            "summary": self.summaries[column].to_dict(),
            "experiments": experiments,
        }
        if family is not None:
            found["readings"] = {
                "log10_bayes_factor_range": [round(x, 6) for x in family.log10_bayes_factor_range],
                "open_choices": list(family.open_choices),
                "fitting": family.fitting,
                "scored": [
                    {
                        "name": r.name,
                        "member": r.member,
                        "data": dict(r.data),
                        "log_likelihood": round(r.log_likelihood, 6),
                        "fits_every_observation": r.fits,
                    }
                    for r in family.readings
                ],
            }
        return found


def _spread(values: list[int]) -> str:
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}–{high}"


def summarise(
    hypotheses: Sequence[Hypothesis], rows: Sequence[Row], error_rate: float
) -> tuple[Summary, ...]:
    """Each hypothesis's counts (of observations) and likelihood (each group of rows that
    may record one experiment counted once: :mod:`pathcheck.analysis.evidence`)."""
    roots = groups(dict.fromkeys(row.experiment for row in rows))
    counts = []
    for column, _ in enumerate(hypotheses):
        verdicts = [row.cells[column].verdict for row in rows]
        by_row: dict[str, float] = defaultdict(float)
        for row, found in zip(rows, verdicts, strict=True):
            by_row[row.experiment.id] += math.log(likelihood(found, error_rate))
        counts.append((verdicts, grouped_log_likelihood(by_row, roots)))
    best = max((log_l for _, log_l in counts), default=0.0)
    norm = sum(math.exp(log_l - best) for _, log_l in counts)
    return tuple(
        Summary(
            hypothesis=hypothesis,
            matched=verdicts.count(Verdict.MATCH),
            mismatched=verdicts.count(Verdict.MISMATCH),
            ambiguous=verdicts.count(Verdict.AMBIGUOUS),
            unknown=verdicts.count(Verdict.UNKNOWN),
            not_applicable=verdicts.count(Verdict.NOT_APPLICABLE),
            log_likelihood=log_l,
            posterior=math.exp(log_l - best) / norm,
            log10_bayes_factor=(log_l - best) / math.log(10),
        )
        for hypothesis, (verdicts, log_l) in zip(hypotheses, counts, strict=True)
    )


def compare(
    hypotheses: Sequence[Hypothesis],
    files: Sequence[ExperimentFile],
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    cache: PredictionCache | None = None,
) -> Comparison:
    """Predict every experiment under every hypothesis and score each observation."""
    problem = error_rate_problem(error_rate)
    if problem:
        raise ValueError(f"error rate: {problem}")
    shared: PredictionCache = {} if cache is None else cache
    predictors = [Predictor(h, max_states, shared) for h in hypotheses]
    rows: list[Row] = []
    pending: list[Pending] = []
    for table in files:
        for experiment in table.experiments:
            outcomes = [p.outcome(experiment) for p in predictors]
            if experiment.pending:
                measured = tuple(
                    (r, tuple(o.readout(r) for o in outcomes)) for r in experiment.measure
                )
                pending.append(Pending(experiment, measured))
            for observation in experiment.observations:
                cells = []
                for outcome in outcomes:
                    name = observation.readout
                    predicted = outcome.readout(name)
                    cells.append(
                        Cell(
                            predicted,
                            verdict(predicted, observation.value),
                            outcome.clamps.unmatched,
                            outcome.readout_by_attractor(name),
                            outcome.unknown,
                        )
                    )
                rows.append(Row(experiment, observation, tuple(cells)))
    summaries = summarise(hypotheses, rows, error_rate)
    return Comparison(
        tuple(hypotheses), tuple(files), tuple(rows), summaries, error_rate, pending=tuple(pending)
    )
