"""pathcheck as a library: what a notebook needs, with plain values out.

Each command of the command line is a call here. Hypotheses and outcome tables are named
as on the command line: a bundled or ``./hypotheses`` name, a member of a family
(``serial_loop[vegf_source=pyramidal]``) or a path. States come back as
``{node: 0 | 1}`` dicts and read-outs as ``True``, ``False``, ``"ambiguous"`` or, past
every bound, ``None``. Bad input raises :class:`pathcheck.InputError`, whose
``problems`` each carry a ``file:line:col``; what the linter only advises (a misspelt
read-out that no hypothesis has) comes as a :class:`PathcheckWarning`.

The command line is a thin shell over these calls: every option it has is a keyword
here (``folder`` for ``--hypotheses``, ``max_file_size`` for ``--max-file-size``).

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

import contextlib
import math
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pathcheck.base.defaults import (
    DEFAULT_ERROR_RATE,
    DEFAULT_FIXED_POINT_LIMIT,
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_READINGS,
    DEFAULT_MAX_STATES,
)
from pathcheck.base.problems import COMMAND_LINE, InputError, PathcheckWarning, Problem
from pathcheck.model import ExperimentFile, Hypothesis, Intervention

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from pathcheck.analysis.check import GateResult
    from pathcheck.analysis.design import Design
    from pathcheck.analysis.drawing import Drawing
    from pathcheck.analysis.explain import Explanation
    from pathcheck.analysis.family import Family
    from pathcheck.analysis.score import Comparison
    from pathcheck.analysis.validate import Report
    from pathcheck.engine import explicit as semantics
    from pathcheck.engine.prediction import Prediction as EnginePrediction
    from pathcheck.formats.yamlsource import Limits
    from pathcheck.model import Experiment

__all__ = [
    "Attractor",
    "Comparison",
    "Design",
    "Drawing",
    "ExperimentFile",
    "Explanation",
    "Family",
    "GateResult",
    "Hypothesis",
    "InputError",
    "PathcheckWarning",
    "Prediction",
    "Report",
    "check",
    "compare",
    "design",
    "draw",
    "explain",
    "family",
    "from_bnet",
    "from_midas",
    "from_sbml",
    "from_sif",
    "hypotheses_folder",
    "init",
    "load_experiments",
    "load_hypotheses",
    "load_hypothesis",
    "predict",
    "schema",
    "to_bnet",
    "to_sbml",
    "validate",
]

ReadoutValue = bool | Literal["ambiguous"] | None
State = dict[str, int]
HypothesisRef = Hypothesis | str | Path
Progress = Callable[[int, int], None]  # (done, total), as work goes on
MAX_COMBINATIONS = 200_000  # design's candidates: about a minute for four hypotheses


_RESULTS = {  # result types, imported when first asked for: compare needs none of the rest
    "Comparison": "pathcheck.analysis.score",
    "Design": "pathcheck.analysis.design",
    "Drawing": "pathcheck.analysis.drawing",
    "Explanation": "pathcheck.analysis.explain",
    "Family": "pathcheck.analysis.family",
    "GateResult": "pathcheck.analysis.check",
    "Report": "pathcheck.analysis.validate",
}


def __getattr__(name: str) -> Any:
    if name in _RESULTS:
        import importlib

        return getattr(importlib.import_module(_RESULTS[name]), name)
    raise AttributeError(f"module 'pathcheck.api' has no attribute {name!r}")


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
    stays within ``max_states``, and with BDDs past it (``engine`` says which); ``None``
    only past every bound (``note`` says why). The fixed points are listed up to the
    limit; ``fixed_point_count`` counts them all.
    """

    hypothesis: str
    nodes: list[str]  # in the network's order: every state dict follows it
    setting: str | None
    start: State | None  # the nodes a given start state named (the rest at 0)
    clamps: dict[str, bool]
    unmatched: list[str]  # selectors that match no node of the hypothesis
    basal: list[Attractor] | None
    attractors: list[Attractor] | None
    fixed_points: list[State]
    fixed_points_complete: bool
    fixed_point_count: int
    excluded_fixed_points: list[State]  # fixed points no trajectory from the start reaches
    readout_nodes: dict[str, str]  # each read-out's node
    readouts: dict[str, ReadoutValue]
    engine: str = "explicit"
    note: str | None = None
    found: EnginePrediction | None = field(default=None, repr=False, compare=False)

    def value(self, node: str) -> ReadoutValue:
        """A node's predicted value: 0 or 1 in every state of every reachable attractor,
        else ``"ambiguous"``; ``None`` when reachability passed every bound."""
        if self.found is None:
            raise ValueError("a Prediction built by hand has no engine result to read")
        return _plain(self.found.value(node))

    def to_dict(self) -> dict[str, Any]:
        """Plain data, as ``pathcheck predict --format json`` prints it: an attractor as
        its states, or as its size and values when too large to list."""
        from pathcheck.analysis.payload import value_json

        def attractors(found: list[Attractor] | None) -> list[Any] | None:
            if found is None:
                return None
            return [
                a.states if a.states is not None else {"size": a.size, "values": a.values}
                for a in found
            ]

        return {
            "hypothesis": self.hypothesis,
            "setting": self.setting,
            "start": self.start,
            "clamps": {node: int(v) for node, v in self.clamps.items()},
            "unmatched_selectors": self.unmatched,
            "engine": self.engine,
            "basal": attractors(self.basal),
            "fixed_points": self.fixed_points,
            "fixed_points_complete": self.fixed_points_complete,
            "fixed_point_count": self.fixed_point_count,
            "excluded_fixed_points": self.excluded_fixed_points,
            "attractors": attractors(self.attractors),
            "readouts": {r: value_json(v) for r, v in self.readouts.items()},
            "note": self.note,
        }


def _limits(max_file_size: int) -> Limits:
    from pathcheck.formats.yamlsource import Limits

    return Limits(max_bytes=max_file_size)


def load_hypotheses(
    names: Iterable[str | Path] = (),
    folder: str | Path | None = None,
    *,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> list[Hypothesis]:
    """Hypotheses by name (from ``folder``, else ``./hypotheses``, else the bundled ones),
    member name or path (YAML or ``.bnet``); every one in the folder when none is named."""
    from pathcheck.project.discovery import hypotheses_dir
    from pathcheck.project.discovery import load_hypotheses as load

    chosen = [str(n) for n in names]
    return load(chosen, hypotheses_dir(_path(folder)), _limits(max_file_size))


def hypotheses_folder(folder: str | Path | None = None) -> Path:
    """Where hypotheses are looked for: ``folder``, else ``./hypotheses`` when present,
    else the bundled ones."""
    from pathcheck.project.discovery import hypotheses_dir

    return hypotheses_dir(_path(folder))


def load_hypothesis(
    name: str | Path,
    folder: str | Path | None = None,
    *,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Hypothesis:
    """One hypothesis, found as :func:`load_hypotheses` finds them."""
    (hypothesis,) = load_hypotheses([name], folder, max_file_size=max_file_size)
    return hypothesis


def load_experiments(
    paths: Iterable[str | Path] = (), *, max_file_size: int = DEFAULT_MAX_FILE_SIZE
) -> list[ExperimentFile]:
    """Outcome tables: files or folders of them (else ``./experiments``, else the bundled
    ones)."""
    from pathcheck.formats.experiments import load_experiment_files
    from pathcheck.project.discovery import experiment_paths

    return load_experiment_files(experiment_paths([Path(p) for p in paths]), _limits(max_file_size))


def predict(
    hypothesis: HypothesisRef,
    on: Iterable[str] = (),
    off: Iterable[str] = (),
    setting: str | None = None,
    start: Mapping[str, bool | int] | str | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    max_fixed_points: int = DEFAULT_FIXED_POINT_LIMIT,
    *,
    experiment: str | None = None,
    experiments: Iterable[str | Path] | Sequence[ExperimentFile] = (),
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Prediction:
    """Clamp the selected nodes (``on`` to 1, ``off`` to 0; ``VEGF``, ``VEGF@PV``) and
    predict, from the setting's basal states or from ``start`` (``{node: 1}`` or
    ``"A=1,B=0"``; nodes not named at 0). With ``experiment``, a row of the outcome
    tables instead: its clamps, read with its table's cell groups, and its setting."""
    from pathcheck.analysis.outcomes import resolve
    from pathcheck.analysis.predict import parse_state, run

    chosen = _hypothesis(hypothesis, folder, max_file_size)
    on, off = list(on), list(off)
    if experiment is not None:
        row = _row(experiment, experiments, max_file_size, bool(on or off or setting is not None))
        setting = row.setting
    interventions, problems = _interventions(on, off, chosen)
    if experiment is not None:
        interventions = list(row.interventions)
    undeclared = chosen.undeclared_setting(setting)
    if undeclared:
        problems.append(Problem(COMMAND_LINE, undeclared))
    state = None
    if isinstance(start, str):
        try:
            state = parse_state(start, chosen.nodes)
        except ValueError as error:
            problems.append(Problem(COMMAND_LINE, f"start: {error}"))
    elif start is not None:
        problems += [
            Problem(COMMAND_LINE, f"start: '{n}' is no node of the hypothesis")
            for n in start
            if n not in chosen.nodes
        ]
        state = {n: bool(v) for n, v in start.items()}
    if problems:
        raise InputError(problems)
    clamps = resolve(chosen, interventions)
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
        nodes=list(network.nodes),
        setting=setting,
        start=None if state is None else {n: int(v) for n, v in state.items()},
        clamps=dict(clamps.values),
        unmatched=list(clamps.unmatched),
        basal=states(found.basal),
        attractors=states(found.attractors),
        fixed_points=[network.state_dict(s) for s in found.fixed_points],
        fixed_points_complete=found.fixed_points_complete,
        fixed_point_count=found.fixed_point_count,
        excluded_fixed_points=[network.state_dict(s) for s in found.excluded_fixed_points],
        readout_nodes=dict(chosen.readouts),
        readouts={r: _plain(found.value(n)) for r, n in chosen.readouts.items()},
        engine=found.engine,
        note=found.note or found.unknown,
        found=found,
    )
    return prediction


def explain(
    hypothesis: HypothesisRef,
    experiment: str | None = None,
    readouts: Iterable[str] = (),
    experiments: Iterable[str | Path] | Sequence[ExperimentFile] = (),
    on: Iterable[str] = (),
    off: Iterable[str] = (),
    setting: str | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    *,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> list[Explanation]:
    """Why ``hypothesis`` predicts what it does: for the experiment of that id in the
    outcome tables (in their default reading), or for ``on``/``off``/``setting`` as in
    :func:`predict`; one explanation per read-out (those named, else those observed,
    else all).

    >>> import pathcheck
    >>> (why,) = pathcheck.explain("parallel", "D2")
    >>> why.formula
    'BDNF@pyramidal & VEGF@pyramidal'
    >>> why.paths[0].text()
    'BDNF@pyramidal -+-> TRKB@pyramidal -+-> plasticity@pyramidal'
    """
    from pathcheck.analysis.explain import explain as explain_one
    from pathcheck.base.problems import did_you_mean
    from pathcheck.model import Experiment, Source

    chosen = _hypothesis(hypothesis, folder, max_file_size)
    on, off = list(on), list(off)
    if experiment is not None:
        row = _row(experiment, experiments, max_file_size, bool(on or off or setting is not None))
        undeclared = chosen.undeclared_setting(row.setting)
        if undeclared:
            raise InputError.at(row.setting_location or row.location, f"{row.id}: {undeclared}")
    else:
        interventions, problems = _interventions(on, off, chosen)
        undeclared = chosen.undeclared_setting(setting)
        if undeclared:
            problems.append(Problem(COMMAND_LINE, undeclared))
        if problems:
            raise InputError(problems)
        label = "; ".join(
            part
            for part in (
                f"on: {', '.join(on)}" if on else "",
                f"off: {', '.join(off)}" if off else "",
            )
            if part
        )
        row = Experiment(
            id="ad hoc",
            label=label or "no intervention",
            setting=setting or "",
            interventions=tuple(interventions),
            observations=(),
            evidence="the command line",
            location=COMMAND_LINE,
            source=Source("the command line"),
        )
    wanted = list(readouts)
    unknown = [r for r in wanted if r not in chosen.readouts]
    if unknown:
        raise InputError(
            [
                Problem(
                    COMMAND_LINE,
                    f"{chosen.name} has no read-out '{r}'{did_you_mean(r, chosen.readouts)}",
                )
                for r in unknown
            ]
        )
    return explain_one(chosen, row, wanted, max_states)


def design(
    hypotheses: Iterable[HypothesisRef],
    experiments: Iterable[str | Path] | Sequence[ExperimentFile] = (),
    catalogue: str | Path | None = None,
    max_combined: int = 2,
    top: int = 10,
    readout: str | None = None,
    decide: str | None = None,
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    *,
    progress: Progress | None = None,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Design:
    """The experiments, combined from the catalogue's items (the bundled one unless
    named), that would best tell the hypotheses' members apart, by expected information
    gain over their posterior after the outcome tables.

    >>> import pathcheck
    >>> found = pathcheck.design(["parallel", "serial_loop"])
    >>> any("TRKB" in s.candidate.label for s in found.suggestions)
    True
    """
    from pathcheck.analysis.design import design as run_design
    from pathcheck.base.problems import did_you_mean
    from pathcheck.formats.catalogue import load_catalogue
    from pathcheck.project.discovery import catalogue_path

    chosen = _hypotheses(hypotheses, folder, max_file_size)
    if len(chosen) < 2 and not any(h.choices for h in chosen):
        raise InputError.at(
            COMMAND_LINE, "name at least two hypotheses, or one with open choices, to tell apart"
        )
    if max_combined < 1:
        raise InputError.at(COMMAND_LINE, "max-combined: at least 1 item per experiment")
    known = {r for h in chosen for r in h.readouts}
    if readout is not None and readout not in known:
        raise InputError.at(
            COMMAND_LINE,
            f"no compared hypothesis has the read-out '{readout}'{did_you_mean(readout, known)}",
        )
    found = load_catalogue(catalogue_path(_path(catalogue)), _limits(max_file_size))
    combinations = sum(math.comb(len(found.items), k) for k in range(1, max_combined + 1))
    if combinations > MAX_COMBINATIONS:
        raise InputError.at(
            COMMAND_LINE,
            f"{len(found.items)} items combined up to {max_combined} at a time make "
            f"{combinations:,} candidates, more than {MAX_COMBINATIONS:,}: lower "
            "--max-combined or choose fewer items",
        )
    tables = _tables(experiments, max_file_size)
    return run_design(
        chosen,
        tables,
        found,
        max_combined,
        top,
        readout,
        decide,
        error_rate,
        max_states,
        progress,
    )


def draw(
    hypothesis: HypothesisRef,
    experiment: str | None = None,
    experiments: Iterable[str | Path] | Sequence[ExperimentFile] = (),
    *,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Drawing:
    """A hypothesis as a picture's data: nodes in their cell types, signed edges, gates;
    with ``experiment`` (an id of the outcome tables), each node's predicted value, the
    clamps and the mismatched read-outs. A hypothesis with choices draws the member
    named (``serial_loop[vegf_source=pyramidal]``), else its default."""
    from pathcheck.analysis.drawing import drawing

    chosen = _hypothesis(hypothesis, folder, max_file_size)
    row = None if experiment is None else _row(experiment, experiments, max_file_size)
    return drawing(chosen, row)


def _plain(value: bool | str) -> ReadoutValue:
    """An engine's value as the API gives it: unknown (past every bound) as ``None``."""
    return None if value == "unknown" else value  # type: ignore[return-value]


def _row(
    experiment: str,
    experiments: Iterable[str | Path] | Sequence[ExperimentFile],
    max_file_size: int,
    clamps_given: bool = False,
) -> Experiment:
    """The row of that id in the outcome tables, its clamps read with its table's cell
    groups; a located error naming the closest id otherwise, or when on/off/setting were
    given as well (``clamps_given``): a row brings its own."""
    if clamps_given:
        raise InputError.at(
            COMMAND_LINE, "name an experiment of the outcome tables, or give on/off/setting"
        )
    from pathcheck.base.problems import did_you_mean

    rows = {e.id: e for table in _tables(experiments, max_file_size) for e in table.experiments}
    if experiment not in rows:
        raise InputError.at(
            COMMAND_LINE,
            f"no experiment '{experiment}' in the outcome tables{did_you_mean(experiment, rows)}",
        )
    return rows[experiment]


def _interventions(
    on: Iterable[str], off: Iterable[str], hypothesis: Hypothesis
) -> tuple[list[Intervention], list[Problem]]:
    """Selectors from the command line, as ``predict`` and ``explain`` take them, and the
    problems of those that are not selectors or that name an entity no member of the
    hypothesis's family has (a misspelt one, named with the closest). An entity placed in
    other cells than the selector names is kept: the result says it changes nothing
    there, as compare does when the hypothesis does not place it where an experiment
    acts."""
    from pathcheck.base.problems import did_you_mean
    from pathcheck.formats.experiments import parse_selector
    from pathcheck.model import split_name

    entities = {split_name(n)[0] for n in hypothesis.known_nodes}

    interventions, problems = [], []
    for texts, value in ((on, True), (off, False)):
        # '--on BDNF,VEGF' as '--on BDNF --on VEGF': no selector holds a comma
        for text in (t.strip() for given in texts for t in given.split(",") if t.strip()):
            selector = parse_selector(text, {})
            if selector is None:
                problems.append(Problem(COMMAND_LINE, f"'{text}' is not a selector"))
            elif selector.base not in entities:
                hint = did_you_mean(selector.base, entities)
                message = f"'{text}' names no node of {hypothesis.name}{hint}"
                problems.append(Problem(COMMAND_LINE, message))
            else:
                interventions.append(Intervention(selector, value, COMMAND_LINE))
    return interventions, problems


def compare(
    hypotheses: Iterable[HypothesisRef] = (),
    experiments: Iterable[str | Path] | Sequence[ExperimentFile] = (),
    error_rate: float = DEFAULT_ERROR_RATE,
    readings: Literal["all", "default"] = "all",
    max_states: int = DEFAULT_MAX_STATES,
    max_readings: int = DEFAULT_MAX_READINGS,
    *,
    only: Iterable[str] = (),
    progress: Progress | None = None,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Comparison:
    """Score hypotheses (every one found, when none is named) against the outcome tables
    (``only`` the experiments of those ids, when given); with ``readings="all"``, every
    reading too. ``to_dict()`` gives it as plain data."""
    from pathcheck.analysis.lint import (
        Corpus,
        Severity,
        advisory_rules,
        lint,
        prediction_rules,
        refuse_errors,
    )
    from pathcheck.analysis.readings import compare_readings, keep
    from pathcheck.analysis.score import compare as compare_default
    from pathcheck.base.problems import did_you_mean

    chosen = _hypotheses(hypotheses, folder, max_file_size)
    files = _tables(experiments, max_file_size)
    wanted = frozenset(only)
    ids = {e.id for f in files for e in f.experiments}
    missing = sorted(wanted - ids)
    if missing:
        raise InputError(
            [
                Problem(
                    COMMAND_LINE, f"no experiment '{i}' in the outcome tables{did_you_mean(i, ids)}"
                )
                for i in missing
            ]
        )
    corpus = Corpus(tuple(chosen), tuple(files))
    refuse_errors(lint(corpus, prediction_rules()))
    for finding in lint(corpus, advisory_rules()):
        advice = str(finding._replace(severity=Severity.WARNING))
        warnings.warn(PathcheckWarning(advice), stacklevel=2)
    if readings == "default":
        return compare_default(chosen, [keep(f, wanted) for f in files], error_rate, max_states)
    return compare_readings(chosen, files, error_rate, max_states, max_readings, wanted, progress)


def family(
    hypothesis: HypothesisRef,
    experiments: Iterable[str | Path] | Sequence[ExperimentFile] = (),
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    top: int | None = None,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Family:
    """Every member of a hypothesis's family in every reading of the data, best first:
    here, in ``workers`` processes, or on the Dask cluster at ``scheduler``."""
    from pathcheck.analysis.family import score_family
    from pathcheck.analysis.lint import Corpus, lint, prediction_rules, refuse_errors

    chosen = _hypothesis(hypothesis, folder, max_file_size)
    files = _tables(experiments, max_file_size)
    refuse_errors(lint(Corpus((chosen,), tuple(files)), prediction_rules()))
    with _executor(workers, scheduler) as executor:
        return score_family(chosen, files, error_rate, max_states, executor, progress, keep=top)


@contextlib.contextmanager
def _executor(workers: int, scheduler: str | None) -> Iterator[Executor | None]:
    """Where the members are scored: here, in worker processes, or on a Dask cluster."""

    if scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise InputError.at(
                COMMAND_LINE,
                "scheduler: needs Dask's distributed: pip install 'pathcheck[distributed]'",
            ) from None
        try:
            client = Client(scheduler, timeout=10)  # type: ignore[no-untyped-call]
        except OSError as error:
            raise InputError.at(
                COMMAND_LINE, f"scheduler {scheduler}: cannot connect ({error})"
            ) from None
        with client:
            yield client.get_executor()  # type: ignore[no-untyped-call]
    elif workers > 1:
        from pathcheck.analysis.family import process_pool

        with process_pool(workers) as pool:
            yield pool
    else:
        yield None


def check(
    project: str | Path | None = None,
    strict: bool = False,
    *,
    folder: str | Path | None = None,
    experiments: Iterable[str | Path] = (),
    error_rate: float | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> GateResult:
    """The CI gate of a project file (the nearest ``pathcheck.toml``, when not named):
    its ``exit_code`` is what ``pathcheck check`` exits with, its ``findings`` what the
    linter warned of, its ``inputs`` every file it read. Arguments given override the
    project file."""
    from pathcheck.analysis.check import project_of, run_check

    return run_check(
        project_of(_path(project)),
        strict,
        _path(folder),
        tuple(Path(p) for p in experiments),
        error_rate,
        max_states,
        _limits(max_file_size),
    )


def validate(
    paths: Iterable[str | Path] = (),
    *,
    project: str | Path | None = None,
    folder: str | Path | None = None,
    experiments: Iterable[str | Path] = (),
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Report:
    """Check files without scoring (every file found, when none is named)."""
    from pathcheck.analysis.check import project_of
    from pathcheck.analysis.validate import validate as validate_files
    from pathcheck.project.discovery import experiment_paths, hypotheses_dir, hypothesis_files

    config = project_of(_path(project))
    hypotheses = hypothesis_files(hypotheses_dir(_path(folder) or config.hypotheses))
    tables = experiment_paths([Path(p) for p in experiments] or list(config.experiments))
    return validate_files([Path(p) for p in paths], hypotheses, tables, _limits(max_file_size))


def schema(kind: Literal["hypothesis", "experiments", "catalogue"]) -> str:
    """The JSON Schema of a file kind, as text: for editors that check YAML as you type."""
    from pathcheck.formats.schemas import schema_text

    return schema_text(kind)


def init(folder: str | Path = ".") -> list[Path]:
    """Scaffold a hypotheses repository in ``folder``: every file written, or none."""
    from pathcheck.project.scaffold import scaffold

    return scaffold(Path(folder))


def from_bnet(source: str | Path, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> str:
    """A ``.bnet`` model (PyBoolNet, mpbn, BoolNet) as hypothesis YAML, rules as written."""
    from pathcheck.formats.bnet import read_bnet
    from pathcheck.formats.hypothesis_yaml import hypothesis_yaml

    return hypothesis_yaml(read_bnet(Path(source), _limits(max_file_size)))


def from_sif(
    source: str | Path,
    gates: Literal["or", "and", "family"] = "or",
    *,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> str:
    """A SIF prior-knowledge network (CellNOpt, caspo) as hypothesis YAML: the edges
    declared, each node's rule the gate over its incoming edges (``family``: both gates,
    a choice per node, as caspo learns them)."""
    from pathcheck.formats.hypothesis_yaml import sif_yaml
    from pathcheck.formats.sif import read_sif

    return sif_yaml(read_sif(Path(source), _limits(max_file_size)), gates)


def from_midas(
    source: str | Path,
    discretise: str = "absolute:0.5",
    time: float | None = None,
    *,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> str:
    """A MIDAS data set (CellNOpt, caspo) as an outcome table: the rows at ``time`` (the
    latest by default), each value read as 0 or 1 by ``discretise`` (``absolute:T``, at
    least T; ``control:D``, at least D above the same treatments at time 0)."""
    from pathcheck.formats.midas import midas_table, parse_discretise, read_midas

    try:
        parse_discretise(discretise)
    except ValueError as error:
        raise InputError.at(COMMAND_LINE, f"discretise: {error}") from None
    return midas_table(read_midas(Path(source), _limits(max_file_size)), discretise, time)


def from_sbml(source: str | Path, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> str:
    """An SBML-qual model (Boolean: every species of maximum level 1) as hypothesis YAML;
    needs python-libsbml (``pip install 'pathcheck[sbml]'``)."""
    from pathcheck.formats.hypothesis_yaml import sbml_yaml
    from pathcheck.formats.sbml import read_sbml

    return sbml_yaml(read_sbml(Path(source), _limits(max_file_size)))


def to_sbml(hypothesis: HypothesisRef) -> str:
    """A hypothesis as SBML-qual, checked by libsbml's consistency validation."""
    from pathcheck.formats.sbml import write_sbml

    return write_sbml(_hypothesis(hypothesis))


def to_bnet(hypothesis: HypothesisRef) -> str:
    """A hypothesis as ``.bnet`` text, for PyBoolNet, mpbn, BoNesis and BoolNet."""
    from pathcheck.formats.bnet import write_bnet

    return write_bnet(_hypothesis(hypothesis))


def _path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)


def _hypothesis(
    value: HypothesisRef,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Hypothesis:
    if isinstance(value, Hypothesis):
        return value
    return load_hypothesis(value, folder, max_file_size=max_file_size)


def _hypotheses(
    values: Iterable[HypothesisRef], folder: str | Path | None, max_file_size: int
) -> list[Hypothesis]:
    given = list(values)
    if not given or all(isinstance(v, (str, Path)) for v in given):
        names = [v for v in given if isinstance(v, (str, Path))]
        return load_hypotheses(names, folder, max_file_size=max_file_size)
    return [_hypothesis(v, folder, max_file_size) for v in given]


def _tables(
    values: Iterable[str | Path] | Sequence[ExperimentFile],
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> list[ExperimentFile]:
    given = list(values)
    if given and all(isinstance(v, ExperimentFile) for v in given):
        return [v for v in given if isinstance(v, ExperimentFile)]
    paths = [v for v in given if isinstance(v, (str, Path))]
    return load_experiments(paths, max_file_size=max_file_size)
