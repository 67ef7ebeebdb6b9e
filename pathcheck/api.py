"""pathcheck as a library: what a notebook needs, with plain values out.

Each command of the command line is a call here. Hypotheses and outcome tables are named
as on the command line: a bundled or ``./hypotheses`` name, a member of a family
(``serial_loop[vegf_source=pyramidal]``) or a path. States come back as
``{node: 0 | 1}`` dicts and read-outs as ``True``, ``False``, ``"ambiguous"`` or, past
every bound, ``None``. Bad input raises :class:`pathcheck.InputError`, whose
``problems`` each carry a ``file:line:col``.

>>> import pathcheck
>>> parallel = pathcheck.load_hypothesis("parallel")
>>> deleted = pathcheck.predict(parallel, on=["ketamine"], off=["VEGF"], setting="in_vivo")
>>> deleted.readouts["behaviour"]
False
>>> deleted.attractors[0].values["FLK1@pyramidal"]
0
>>> pathcheck.predict(parallel, on=["ketamine"], setting="in_vivo").readouts["behaviour"]
True
>>> result = pathcheck.compare(["serial", "parallel"])
>>> result.to_dict()["hypotheses"]["parallel"]["summary"]["matched"]
29
>>> [s.name for s in pathcheck.family("serial_loop").scored if s.fits][:1]
['serial_loop[vegf_source=pyramidal] with neuron=excitatory']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pathcheck.defaults import (
    DEFAULT_ERROR_RATE,
    DEFAULT_FIXED_POINT_LIMIT,
    DEFAULT_MAX_READINGS,
    DEFAULT_MAX_STATES,
)
from pathcheck.families import Family
from pathcheck.gate import GateResult
from pathcheck.model import ExperimentFile, Hypothesis, Intervention
from pathcheck.problems import InputError, Problem
from pathcheck.score import Comparison
from pathcheck.validation import Report

if TYPE_CHECKING:
    from pathcheck import semantics
    from pathcheck.engine import Prediction as EnginePrediction

__all__ = [
    "Attractor",
    "Comparison",
    "ExperimentFile",
    "Family",
    "GateResult",
    "Hypothesis",
    "InputError",
    "Prediction",
    "Report",
    "check",
    "compare",
    "family",
    "load_experiments",
    "load_hypothesis",
    "predict",
    "validate",
]

ReadoutValue = bool | Literal["ambiguous"] | None
State = dict[str, int]
HypothesisRef = Hypothesis | str | Path


@dataclass(frozen=True)
class Attractor:
    """An attractor: its size, each node's value in it (``None`` where it varies), and its
    states, unless there are too many to list (more than 1,024)."""

    size: int
    values: dict[str, int | None]
    states: list[State] | None


@dataclass(frozen=True)
class Prediction:
    """What a hypothesis does under an ad-hoc experiment, as plain data.

    ``basal`` and ``attractors`` are exact: found state by state while the state graph
    stays within ``max_states``, and with BDDs past it (``engine`` says which). The fixed
    points are listed up to the limit; ``fixed_point_count`` counts them all.
    """

    hypothesis: str
    setting: str | None
    clamps: dict[str, bool]
    unmatched: list[str]  # selectors that match no node of the hypothesis
    basal: list[Attractor] | None
    attractors: list[Attractor] | None
    fixed_points: list[State]
    fixed_point_count: int
    excluded_fixed_points: list[State]  # fixed points no trajectory from the start reaches
    readouts: dict[str, ReadoutValue]
    engine: str = "explicit"
    note: str | None = None
    found: EnginePrediction | None = field(default=None, repr=False, compare=False)

    def value(self, node: str) -> ReadoutValue:
        """A node's predicted value: 0 or 1 in every state of every reachable attractor,
        else ``"ambiguous"``; ``None`` when reachability passed every bound."""
        if self.found is None:
            raise ValueError("a Prediction built by hand has no engine result to read")
        value = self.found.value(node)
        return None if value == "unknown" else value


def load_hypothesis(name: str | Path, folder: str | Path | None = None) -> Hypothesis:
    """A hypothesis by name (from ``folder``, else ``./hypotheses``, else the bundled
    ones), member name or path (YAML or ``.bnet``)."""
    from pathcheck.loading.discovery import hypotheses_dir, load_hypotheses

    (hypothesis,) = load_hypotheses([str(name)], hypotheses_dir(_path(folder)))
    return hypothesis


def load_experiments(paths: Iterable[str | Path] = ()) -> list[ExperimentFile]:
    """Outcome tables: files or folders of them (else ``./experiments``, else the bundled
    ones)."""
    from pathcheck.loading.discovery import experiment_paths
    from pathcheck.loading.experiments import load_experiment_files

    return load_experiment_files(experiment_paths([Path(p) for p in paths]))


def predict(
    hypothesis: HypothesisRef,
    on: Iterable[str] = (),
    off: Iterable[str] = (),
    setting: str | None = None,
    start: Mapping[str, bool | int] | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    max_fixed_points: int = DEFAULT_FIXED_POINT_LIMIT,
) -> Prediction:
    """Clamp the selected nodes (``on`` to 1, ``off`` to 0; ``VEGF``, ``VEGF@PV``) and
    predict, from the setting's basal states or from ``start`` (nodes not named at 0)."""
    from pathcheck.adhoc import run
    from pathcheck.loading.discovery import COMMAND_LINE
    from pathcheck.loading.experiments import parse_selector
    from pathcheck.outcomes import resolve

    chosen = _hypothesis(hypothesis)
    interventions, problems = [], []
    for texts, value in ((on, True), (off, False)):
        for text in texts:
            selector = parse_selector(text, {})
            if selector is None:
                problems.append(Problem(COMMAND_LINE, f"'{text}' is not a selector"))
            else:
                interventions.append(Intervention(selector, value, COMMAND_LINE))
    undeclared = chosen.undeclared_setting(setting)
    if undeclared:
        problems.append(Problem(COMMAND_LINE, f"setting: {undeclared}"))
    unknown = [n for n in start or {} if n not in chosen.nodes]
    problems += [
        Problem(COMMAND_LINE, f"start: '{n}' is no node of the hypothesis") for n in unknown
    ]
    if problems:
        raise InputError(problems)
    clamps = resolve(chosen, interventions)
    state = None if start is None else {n: bool(v) for n, v in start.items()}
    found = run(chosen, setting, clamps, state, max_states, max_fixed_points).prediction
    network = found.network

    def states(attractors: Sequence[semantics.Attractor] | None) -> list[Attractor] | None:
        if attractors is None:
            return None
        return [
            Attractor(
                a.size,
                dict(zip(network.nodes, a.values, strict=True)),
                None if a.states is None else [network.state_dict(s) for s in a.states],
            )
            for a in attractors
        ]

    prediction = Prediction(
        hypothesis=chosen.name,
        setting=setting,
        clamps=dict(clamps.values),
        unmatched=list(clamps.unmatched),
        basal=states(found.basal),
        attractors=states(found.attractors),
        fixed_points=[network.state_dict(s) for s in found.fixed_points],
        fixed_point_count=found.fixed_point_count,
        excluded_fixed_points=[network.state_dict(s) for s in found.excluded_fixed_points],
        readouts={},
        engine=found.engine,
        note=found.note or found.unknown,
        found=found,
    )
    prediction.readouts.update({r: prediction.value(n) for r, n in chosen.readouts.items()})
    return prediction


def compare(
    hypotheses: Iterable[HypothesisRef] = (),
    experiments: Iterable[str | Path] | Sequence[ExperimentFile] = (),
    error_rate: float = DEFAULT_ERROR_RATE,
    readings: Literal["all", "default"] = "all",
    max_states: int = DEFAULT_MAX_STATES,
    max_readings: int = DEFAULT_MAX_READINGS,
) -> Comparison:
    """Score hypotheses (every one found, when none is named) against the outcome tables;
    with ``readings="all"``, every reading too. ``to_dict()`` gives it as plain data."""
    from pathcheck.lint import Corpus, lint, prediction_rules, refuse_errors
    from pathcheck.readings import compare_readings
    from pathcheck.score import compare as compare_default

    chosen = _hypotheses(hypotheses)
    files = _tables(experiments)
    refuse_errors(lint(Corpus(tuple(chosen), tuple(files)), prediction_rules()))
    if readings == "default":
        return compare_default(chosen, files, error_rate, max_states)
    return compare_readings(chosen, files, error_rate, max_states, max_readings)


def family(
    hypothesis: HypothesisRef,
    experiments: Iterable[str | Path] | Sequence[ExperimentFile] = (),
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    top: int | None = None,
) -> Family:
    """Every member of a hypothesis's family in every reading of the data, best first."""
    from pathcheck.families import score_family

    return score_family(
        _hypothesis(hypothesis), _tables(experiments), error_rate, max_states, keep=top
    )


def check(project: str | Path | None = None, strict: bool = False) -> GateResult:
    """The CI gate of a project file (the nearest ``pathcheck.toml``, when not named):
    its ``exit_code`` is what ``pathcheck check`` exits with."""
    from pathcheck.checking import project_of, run_check

    return run_check(project_of(_path(project)), strict).result


def validate(paths: Iterable[str | Path] = ()) -> Report:
    """Check files without scoring (every file found, when none is named)."""
    from pathcheck.loading.discovery import experiment_paths, hypotheses_dir, hypothesis_files
    from pathcheck.validation import validate as validate_files

    return validate_files(
        [Path(p) for p in paths], hypothesis_files(hypotheses_dir(None)), experiment_paths([])
    )


def _path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)


def _hypothesis(value: HypothesisRef) -> Hypothesis:
    return value if isinstance(value, Hypothesis) else load_hypothesis(value)


def _hypotheses(values: Iterable[HypothesisRef]) -> list[Hypothesis]:
    from pathcheck.loading.discovery import hypotheses_dir, load_hypotheses

    given = list(values)
    if not given:
        return load_hypotheses([], hypotheses_dir(None))
    return [_hypothesis(v) for v in given]


def _tables(values: Iterable[str | Path] | Sequence[ExperimentFile]) -> list[ExperimentFile]:
    given = list(values)
    if given and all(isinstance(v, ExperimentFile) for v in given):
        return [v for v in given if isinstance(v, ExperimentFile)]
    return load_experiments([v for v in given if isinstance(v, (str, Path))])
