"""The CI gate: what a comparison means for the hypotheses a project declares must fit.

Every hypothesis x experiment x read-out becomes a case. For a hypothesis that must fit,
a case passes only when the prediction matches the observation. A mismatch fails, and
so does an observation the hypothesis cannot score because it has no such read-out: a
green gate means every must-fit hypothesis fits every recorded observation it answers
for: every table, unless the project file's ``[scope]`` lists the tables it answers for
(its checks on the others are shown, not gated, and the gate's report says so). An
ambiguous or unknown prediction is undecided: reported, never called passed, and failed
with ``strict``. A gate that holds nothing to the data fails too: a project whose
must-fit is empty, or a must-fit hypothesis scored on no observation (the tables hold
none, or none it has a read-out for), is not "OK". A case's failure may be accepted as
a known failure of the hypothesis, with its reason, in the project file; a known failure
that no longer fails is stale, and the gate says so, so that the record is kept true.
Hypotheses not declared to fit are scored and shown, never gated.

The pipeline of ``pathcheck check``: the project file's hypotheses and tables, linted,
compared, gated.

The command line and the Python API run the same pipeline; what they print or return
is theirs. Every input file is listed, so that no output is ever written over one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pathcheck.analysis.lint import Corpus, lint, refuse_errors
from pathcheck.analysis.outcomes import plain_value
from pathcheck.analysis.score import Cell, Comparison, Verdict, compare
from pathcheck.base import html
from pathcheck.base.defaults import DEFAULT_ERROR_RATE, DEFAULT_MAX_STATES
from pathcheck.base.problems import InputError, Location, Problem
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.formats.yamlsource import Limits
from pathcheck.model import (
    Experiment,
    Hypothesis,
    Observation,
    is_member_name,
    member,
    parse_member_name,
)
from pathcheck.project.config import KnownFailure, Project, find_project, load_project
from pathcheck.project.discovery import experiment_paths, hypotheses_dir, load_hypotheses

if TYPE_CHECKING:
    from pathcheck.analysis.lint import Lint


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    UNDECIDED = "undecided"  # ambiguous or unknown, not strict: neither passed nor failed
    KNOWN = "known failure"
    UNGATED = "not gated"  # the hypothesis is not declared to fit


UNDECIDED = frozenset({Verdict.AMBIGUOUS, Verdict.UNKNOWN})


class Case(NamedTuple):
    hypothesis: Hypothesis
    experiment: Experiment
    observation: Observation
    cell: Cell
    status: Status
    reason: str  # why it is known to fail, or is not gated

    @property
    def name(self) -> str:
        return f"{self.experiment.id} {self.observation.readout}"


@dataclass(frozen=True)
class CheckResult:
    """What ``pathcheck check`` found: every case of every must-fit hypothesis against
    every observation, the known failures that no longer fail, and why the gate held
    nothing, if it did; ``exit_code`` is the gate's."""

    project: Project
    strict: bool
    cases: tuple[Case, ...]
    stale: tuple[KnownFailure, ...]  # known failures that no longer fail
    findings: tuple[Lint, ...] = ()  # the linter's warnings (an error stops the gate)
    inputs: tuple[str, ...] = ()  # every file read: no output may be written over one
    # why the gate held nothing to the data (must-fit empty, a hypothesis scored on no
    # observation): each fails it
    hollow: tuple[Problem, ...] = ()

    @property
    def failures(self) -> list[Case]:
        """The cases that fail the gate (a known failure does not)."""
        return [c for c in self.cases if c.status is Status.FAILED]

    @property
    def exit_code(self) -> int:
        """1 when a case fails or the gate held nothing to the data, else 0."""
        return 1 if self.failures or self.hollow else 0

    def scored(self, hypothesis: str) -> int:
        """How many observations the gate scored the hypothesis on: those in its scope
        that it has a read-out for (one it cannot score fails the gate on its own)."""
        return sum(
            c.hypothesis.name == hypothesis
            and c.status is not Status.UNGATED
            and c.cell.verdict is not Verdict.NOT_APPLICABLE
            for c in self.cases
        )

    def __repr__(self) -> str:
        return (
            f"<CheckResult exit {self.exit_code}: {len(self.cases)} cases, "
            f"{len(self.failures)} failed, {len(self.stale)} stale known failures>"
        )

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """Every gated case that did not pass (failed, undecided, a known failure): what
        was predicted, what was seen, and why."""
        head = ("hypothesis", "experiment", "read-out", "status", "verdict", "reason")
        rows = [
            (
                c.hypothesis.name,
                c.experiment.id,
                c.observation.readout,
                c.status.value,
                c.cell.verdict.value,
                c.reason,
            )
            for c in self.cases
            if c.status not in (Status.PASSED, Status.UNGATED)
        ]
        return head, rows

    def _repr_html_(self) -> str:
        return html.of(self)

    def to_dict(self) -> dict[str, Any]:
        """Every case and its status as plain data: what ``check --format json`` prints."""
        from pathcheck import __version__

        return {
            "pathcheck": __version__,
            "project": self.project.file,
            "strict": self.strict,
            "must_fit": list(self.project.must_fit),
            "exit_code": self.exit_code,
            "failed": len(self.failures),
            "scored": {name: self.scored(name) for name in self.project.must_fit},
            "held_nothing": [
                {"file": p.location.file, "line": p.location.line, "message": p.message}
                for p in self.hollow
            ],
            "stale_known_failures": [
                {
                    "hypothesis": k.hypothesis,
                    "experiment": k.experiment,
                    "file": k.location.file,
                    "line": k.location.line,
                }
                for k in self.stale
            ],
            "cases": [
                {
                    "hypothesis": c.hypothesis.name,
                    "experiment": c.experiment.id,
                    "readout": c.observation.readout,
                    "file": c.observation.location.file,
                    "line": c.observation.location.line,
                    "observed": plain_value(c.observation.value),
                    "predicted": plain_value(c.cell.predicted),
                    "verdict": c.cell.verdict.value,
                    "status": c.status.value,
                    "reason": c.reason,
                }
                for c in self.cases
            ],
        }


def project_members(project: Project, found: Sequence[Hypothesis]) -> list[Hypothesis]:
    """The members of families that the project file names (``serial_loop[vegf_source=
    pyramidal]`` in must-fit or known-failures), so that the gate holds them too; a name
    whose family is not found is left to :func:`check_declarations` to report."""
    families = {h.name: h for h in found}
    places = dict(project.must_fit)
    for known in project.known_failures.values():
        places.setdefault(known.hypothesis, known.location)
    chosen = []
    for name, where in places.items():
        try:
            family = families.get(parse_member_name(name)[0]) if is_member_name(name) else None
            if family is None:
                continue
            built = member(family, name)
        except ValueError as error:
            raise InputError.at(where, str(error)) from None
        if built.name != name:
            raise InputError.at(
                where, f"name the member in full, every choice in order: '{built.name}'"
            )
        chosen.append(built)
    return chosen


def check_declarations(project: Project, comparison: Comparison) -> None:
    """Every name the project file uses must exist: a typo would silently gate nothing."""
    hypotheses = {h.name for h in comparison.hypotheses}
    experiments = {r.experiment.id for r in comparison.rows}
    problems = [
        Problem(where, f"must-fit names '{name}', which is no hypothesis found")
        for name, where in project.must_fit.items()
        if name not in hypotheses
    ]
    for known in project.known_failures.values():
        if known.hypothesis not in hypotheses:
            problems.append(
                Problem(
                    known.location, f"known failure for '{known.hypothesis}', no hypothesis found"
                )
            )
        elif known.experiment not in experiments:
            problems.append(
                Problem(known.location, f"known failure '{known.experiment}' is no experiment id")
            )
    tables = {_resolved(t.file) for t in comparison.files}
    for name, (paths, where) in project.scope.items():
        if name not in hypotheses:
            problems.append(Problem(where, f"scope names '{name}', which is no hypothesis found"))
        elif name not in project.must_fit:
            message = f"scope of '{name}': only a must-fit hypothesis has one (add it to must-fit)"
            problems.append(Problem(where, message))
        problems += [
            Problem(where, f"scope of '{name}' names {path}, which is no outcome table checked")
            for path in paths
            if _resolved(path) not in tables
        ]
    if problems:
        raise InputError(problems)


def _resolved(path: str | Path) -> Path:
    return Path(path).resolve()


def _in_scope(project: Project, hypothesis: Hypothesis, observation: Observation) -> bool:
    scoped = project.scope.get(hypothesis.name)
    return scoped is None or _resolved(observation.location.file) in map(_resolved, scoped[0])


def _case(
    project: Project,
    strict: bool,
    hypothesis: Hypothesis,
    experiment: Experiment,
    observation: Observation,
    cell: Cell,
) -> Case:
    args = (hypothesis, experiment, observation, cell)
    if hypothesis.name not in project.must_fit:
        return Case(*args, Status.UNGATED, "not declared to fit")
    if not _in_scope(project, hypothesis, observation):
        return Case(
            *args, Status.UNGATED, f"outside its scope ({project.scope[hypothesis.name][1]})"
        )
    if cell.verdict is Verdict.MATCH:
        return Case(*args, Status.PASSED, "")
    if cell.verdict in UNDECIDED and not strict:
        return Case(*args, Status.UNDECIDED, "--strict fails it")
    known = project.known_failures.get((hypothesis.name, experiment.id))
    if known is not None:
        return Case(*args, Status.KNOWN, known.reason)
    return Case(*args, Status.FAILED, "")


def evaluate(comparison: Comparison, project: Project, strict: bool = False) -> CheckResult:
    check_declarations(project, comparison)
    cases = [
        _case(project, strict, hypothesis, row.experiment, row.observation, cell)
        for column, hypothesis in enumerate(comparison.hypotheses)
        for row in comparison.rows
        for cell in (row.cells[column],)
    ]
    # stale: every observation of the experiment now passes (an undecided one may
    # still fail, so it keeps the known failure)
    not_passing = {
        (c.hypothesis.name, c.experiment.id) for c in cases if c.status is not Status.PASSED
    }
    stale = tuple(known for key, known in project.known_failures.items() if key not in not_passing)
    result = CheckResult(project, strict, tuple(cases), stale)
    return dataclasses.replace(result, hollow=_hollow(result))


def _hollow(result: CheckResult) -> tuple[Problem, ...]:
    """Why the gate held nothing to the data, if it did not."""
    project = result.project
    if not project.must_fit:
        where = Location(project.file, 0, 0)
        return (
            Problem(
                where,
                "must-fit names no hypothesis: the gate holds nothing to the data; list the "
                "hypotheses that must fit every observation",
            ),
        )
    return tuple(
        Problem(
            where,
            f"{name} was scored on no observation: the outcome tables hold none it has a "
            "read-out for, so the gate checked nothing",
        )
        for name, where in project.must_fit.items()
        if not result.scored(name)
    )


def project_of(path: Path | None) -> Project:
    """The project file named, or the nearest one, or an empty project."""
    found = path or find_project(Path.cwd())
    return load_project(found) if found else Project(file="(no project file)")


def run_check(
    config: Project,
    strict: bool = False,
    hypotheses: Path | None = None,
    experiments: tuple[Path, ...] = (),
    error_rate: float | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    limits: Limits | None = None,
) -> CheckResult:
    """Gate the project's must-fit hypotheses; arguments given override the project file.
    Raise :class:`~pathcheck.base.problems.InputError` on invalid input or a lint error."""
    rate = next(r for r in (error_rate, config.error_rate, DEFAULT_ERROR_RATE) if r is not None)
    folder = hypotheses_dir(hypotheses or config.hypotheses)
    chosen = load_hypotheses([], folder, limits)
    chosen += project_members(config, chosen)
    files = load_experiment_files(experiment_paths(experiments or config.experiments), limits)
    inputs = (config.file, *(h.file for h in chosen), *(t.file for t in files))
    findings = lint(Corpus(tuple(chosen), tuple(files)))
    refuse_errors(findings)
    result = evaluate(compare(chosen, files, rate, max_states), config, strict)
    return dataclasses.replace(result, findings=tuple(findings), inputs=inputs)
