"""pathcheck as a library: what a notebook needs, with plain values out.

Each command of the command line is one call here, and the command line calls nothing
else (but the renderers). Hypotheses and outcome tables are named as on the command
line: a bundled or ``./hypotheses`` name, a member of a family
(``serial_loop[vegf_source=pyramidal]``) or a path; loaded objects are accepted too.
Every parameter after the first is keyword-only, each named as the command line's option
(``folder`` for ``--hypotheses``). States come back as ``{node: 0 | 1}`` dicts and
read-outs as ``True``, ``False``, ``"ambiguous"`` or ``"unknown"`` (past every bound);
``None`` only where there is no value at all (a hypothesis without that read-out). Every
result has ``to_dict()``: the plain data ``--format json`` prints.

Bad input raises :class:`pathcheck.InputError` (a ``ValueError``), whose ``problems``
each carry a ``file:line:col``; what the linter only advises (a misspelt read-out that
no hypothesis has) comes as a :class:`PathcheckWarning`.

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
>>> result.to_dict()["hypotheses"]["parallel"]["summary"]["mismatched"]
0
>>> fitting = [s for s in pathcheck.family("serial_loop").scored if s.fits]
>>> sorted({dict(s.options)["vegf_source"] for s in fitting})
['both_required', 'pyramidal']
"""

from __future__ import annotations

import contextlib
import math
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pathcheck.base import arguments
from pathcheck.base.defaults import (
    DEFAULT_ERROR_RATE,
    DEFAULT_FIXED_POINT_LIMIT,
    DEFAULT_MAX_EDITS,
    DEFAULT_MAX_FAMILY_READINGS,
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_MODELS,
    DEFAULT_MAX_READINGS,
    DEFAULT_MAX_STATES,
    error_rate_problem,
)
from pathcheck.base.problems import (
    COMMAND_LINE,
    FreeInputWarning,
    InputError,
    PathcheckWarning,
    Problem,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from pathcheck.analysis.check import CheckResult
    from pathcheck.analysis.design import Design
    from pathcheck.analysis.drawing import Drawing
    from pathcheck.analysis.explain import Explanation
    from pathcheck.analysis.family import Family
    from pathcheck.analysis.learn import Learned
    from pathcheck.analysis.predict import Attractor, Prediction
    from pathcheck.analysis.repair import Repairs
    from pathcheck.analysis.report import Report
    from pathcheck.analysis.score import Comparison
    from pathcheck.analysis.validate import Validation
    from pathcheck.formats.convert import Converted
    from pathcheck.formats.yamlsource import Limits
    from pathcheck.model import Experiment, ExperimentFile, Hypothesis, Intervention
    from pathcheck.project.discovery import Inventory

__all__ = [
    "DEFAULT_ERROR_RATE",
    "DEFAULT_FIXED_POINT_LIMIT",
    "DEFAULT_MAX_EDITS",
    "DEFAULT_MAX_FAMILY_READINGS",
    "DEFAULT_MAX_FILE_SIZE",
    "DEFAULT_MAX_MODELS",
    "DEFAULT_MAX_READINGS",
    "DEFAULT_MAX_STATES",
    "Attractor",
    "CheckResult",
    "Comparison",
    "Converted",
    "Design",
    "Drawing",
    "ExperimentFile",
    "Explanation",
    "Family",
    "FreeInputWarning",
    "Hypothesis",
    "InputError",
    "Inventory",
    "Learned",
    "PathcheckWarning",
    "Prediction",
    "Repairs",
    "Report",
    "Validation",
    "check",
    "compare",
    "convert",
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
    "inventory",
    "learn",
    "load_experiments",
    "load_hypotheses",
    "load_hypothesis",
    "predict",
    "repair",
    "report",
    "schema",
    "to_bnet",
    "to_sbml",
    "validate",
    "writable",
    "write",
]

Progress = Callable[[int, int], None]  # (done, total), as work goes on

# result types, imported when first asked for: compare needs none of the rest, and the
# command line imports this module on every run
_RESULTS = {
    "Attractor": "pathcheck.analysis.predict",
    "CheckResult": "pathcheck.analysis.check",
    "Comparison": "pathcheck.analysis.score",
    "Converted": "pathcheck.formats.convert",
    "Design": "pathcheck.analysis.design",
    "Drawing": "pathcheck.analysis.drawing",
    "ExperimentFile": "pathcheck.model",
    "Explanation": "pathcheck.analysis.explain",
    "Family": "pathcheck.analysis.family",
    "Hypothesis": "pathcheck.model",
    "Inventory": "pathcheck.project.discovery",
    "Learned": "pathcheck.analysis.learn",
    "Prediction": "pathcheck.analysis.predict",
    "Repairs": "pathcheck.analysis.repair",
    "Report": "pathcheck.analysis.report",
    "Validation": "pathcheck.analysis.validate",
}


def __getattr__(name: str) -> Any:
    """The result types, imported on first use."""
    if name in _RESULTS:
        import importlib

        return getattr(importlib.import_module(_RESULTS[name]), name)
    raise AttributeError(f"module 'pathcheck.api' has no attribute {name!r}")


def _kinds() -> tuple[type, ...]:
    from pathcheck.model import Hypothesis

    return (Hypothesis, str, os.PathLike)


def _tables_or_paths() -> tuple[type, ...]:
    from pathcheck.model import ExperimentFile

    return (ExperimentFile, str, os.PathLike)


def _start(value: Any, name: str) -> Any:
    """``predict``'s start state: ``"A=1,B=0"``, or ``{node: 0 | 1}``."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and all(
        isinstance(n, str) and v in (0, 1) and not isinstance(v, float) for n, v in value.items()
    ):
        return value
    raise InputError.usage(f"start: 'A=1,B=0' or {{node: 0 or 1}}, not {value!r}"[:200])


_HYPOTHESIS = arguments.instance(_kinds, "a hypothesis's name or file, or a loaded Hypothesis")
_NAMES = arguments.many(arguments.text, "a name or a list of names")
_PATHS = arguments.many(arguments.place, "a path or a list of paths")
# every parameter of the API, by name, checked as each call comes in: the same words for
# every call (a parameter named here means the same wherever it appears)
_ARGUMENTS: dict[str, arguments.Check] = {
    "hypothesis": _HYPOTHESIS,
    "hypotheses": arguments.many(_HYPOTHESIS, "hypotheses (names, files or loaded ones)"),
    "name": arguments.place,
    "names": _PATHS,
    "of": arguments.many(
        arguments.instance(lambda: _kinds()[:1], "a loaded Hypothesis"), "loaded hypotheses"
    ),
    "example": arguments.optional(arguments.text),
    "paths": _PATHS,
    "inputs": _PATHS,
    "experiments": arguments.many(
        arguments.instance(_tables_or_paths, "an outcome table's file or folder, or a loaded one"),
        "outcome tables (files, folders or loaded ones)",
    ),
    "on": _NAMES,
    "off": _NAMES,
    "only": _NAMES,
    "readouts": _NAMES,
    "folder": arguments.optional(arguments.place),
    "project": arguments.optional(arguments.place),
    "catalogue": arguments.optional(arguments.place),
    "source": arguments.place,
    "pkn": arguments.place,
    "data": arguments.place,
    "path": arguments.place,
    "setting": arguments.optional(arguments.text),
    "experiment": arguments.optional(arguments.text),
    "readout": arguments.optional(arguments.text),
    "decide": arguments.optional(arguments.text),
    "scheduler": arguments.optional(arguments.text),
    "member": arguments.optional(arguments.text),
    "kind": arguments.optional(arguments.text),
    "gates": arguments.text,
    "discretise": arguments.text,
    "discretization": arguments.text,
    "readings": arguments.text,
    "strict": arguments.flag,
    "neighbours": arguments.flag,
    "all_readings": arguments.flag,
    "signs": arguments.flag,
    "rules": _NAMES,
    "candidates": arguments.optional(arguments.place),
    "max_edits": arguments.integer,
    "allow_unknown": arguments.flag,
    "force": arguments.optional(arguments.flag),
    "max_states": arguments.count(1),
    "max_fixed_points": arguments.count(1),
    "max_file_size": arguments.count(1),
    "max_readings": arguments.count(1),
    "max_combined": arguments.count(1),
    "workers": arguments.count(1),
    "top": arguments.optional(arguments.count(1)),
    "max_models": arguments.integer,
    "factor": arguments.integer,
    "size": arguments.integer,
    "length": arguments.integer,
    "fit": arguments.number,
    "error_rate": arguments.optional(arguments.number),  # check: None, the project's
    "time": arguments.optional(arguments.number),
    "progress": arguments.optional(arguments.function),
    "replaceable": arguments.optional(arguments.function),
    "start": arguments.optional(_start),
    "content": arguments.either(
        arguments.text, arguments.instance(lambda: (bytes,), "bytes"), wanted="text or bytes"
    ),
}


def _checked(
    **overrides: arguments.Check,
) -> Callable[[Callable[arguments.P, arguments.R]], Callable[arguments.P, arguments.R]]:
    """A public call, its arguments checked as they come in (:data:`_ARGUMENTS`, with
    ``overrides`` for this call): a value of the wrong kind is bad input."""
    return arguments.checked({**_ARGUMENTS, **overrides})


# -- loading -------------------------------------------------------------------------


@_checked()
def load_hypotheses(
    names: Iterable[str | Path] = (),
    *,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> list[Hypothesis]:
    """Hypotheses by name (from ``folder``, else ``./hypotheses``, else the bundled ones),
    member name or path (YAML or ``.bnet``); every one in the folder when none is named.
    A name the folder lacks is looked for among the bundled ones (a warning says so);
    ``pathcheck:serial`` names the bundled copy whatever the folder holds."""
    from pathcheck.project.discovery import BUNDLED, hypotheses_dir, is_bundled
    from pathcheck.project.discovery import load_hypotheses as load

    chosen = [str(n) for n in names]
    where = hypotheses_dir(_path(folder))
    found = load(chosen, where, _limits(max_file_size))
    if not is_bundled(where):
        fallen = [
            h.name
            for h, name in zip(found, chosen, strict=False)
            if is_bundled(h.file) and not name.startswith(BUNDLED)
        ]
        if fallen:
            advice = (
                f"{', '.join(fallen)}: not in {where}, so the copies bundled with pathcheck "
                f"(pathcheck:{fallen[0]}), with the bundled tables unless --experiments is given"
            )
            warnings.warn(PathcheckWarning(advice), stacklevel=2)
    _say_dropped(p for h in found for p in h.dropped)
    return found


@_checked()
def load_hypothesis(
    name: str | Path,
    *,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Hypothesis:
    """One hypothesis, found as :func:`load_hypotheses` finds them."""
    (hypothesis,) = load_hypotheses([name], folder=folder, max_file_size=max_file_size)
    return hypothesis


@_checked()
def load_experiments(
    paths: Iterable[str | Path] = (),
    *,
    of: Iterable[Hypothesis] = (),
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> list[ExperimentFile]:
    """Outcome tables: files or folders of them, or bundled ones (``pathcheck:deyama2019``;
    ``pathcheck:``, every one); when none is given, those ``of`` the hypotheses: the
    bundled tables for the bundled copies, else ``./experiments``, else the bundled."""
    from pathcheck.formats.experiments import load_experiment_files
    from pathcheck.project.discovery import experiment_paths

    found = experiment_paths([Path(p) for p in paths], [h.file for h in of])
    return load_experiment_files(found, _limits(max_file_size))


@_checked()
def hypotheses_folder(folder: str | Path | None = None) -> Path:
    """Where hypotheses are looked for: ``folder``, else ``./hypotheses`` when present,
    else the bundled ones."""
    from pathcheck.project.discovery import hypotheses_dir

    return hypotheses_dir(_path(folder))


@_checked()
def inventory(
    *,
    folder: str | Path | None = None,
    experiments: Iterable[str | Path] = (),
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Inventory:
    """The hypotheses and outcome tables found, as ``pathcheck list`` shows them."""
    from pathcheck.project.discovery import Inventory

    return Inventory(
        hypotheses_folder(folder),
        tuple(load_hypotheses(folder=folder, max_file_size=max_file_size)),
        tuple(load_experiments(experiments, max_file_size=max_file_size)),
    )


# -- one hypothesis, one experiment --------------------------------------------------


@_checked()
def predict(
    hypothesis: Hypothesis | str | Path,
    *,
    on: Iterable[str] = (),
    off: Iterable[str] = (),
    setting: str | None = None,
    start: Mapping[str, bool | int] | str | None = None,
    experiment: str | None = None,
    experiments: Iterable[str | Path | ExperimentFile] = (),
    max_states: int = DEFAULT_MAX_STATES,
    max_fixed_points: int = DEFAULT_FIXED_POINT_LIMIT,
    allow_unknown: bool = False,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Prediction:
    """Clamp the selected nodes (``on`` to 1, ``off`` to 0; ``VEGF``, ``VEGF@PV``) and
    predict, from the setting's basal states or from ``start`` (``{node: 1}`` or
    ``"A=1,B=0"``; nodes not named at 0). With ``experiment``, a row of the outcome
    tables instead: its clamps, read with its table's cell groups, and its setting (the
    tables refused, or with ``allow_unknown`` warned of, as :func:`compare` does)."""
    from pathcheck.analysis.outcomes import resolve
    from pathcheck.analysis.predict import parse_state, run

    chosen = _hypothesis(hypothesis, folder, max_file_size)
    row = _row(
        chosen, experiment, experiments, max_file_size, allow_unknown, on, off, setting, folder
    )
    interventions, problems = _interventions(on, off, chosen, allow_unknown)
    if row is not None:
        setting, interventions = row.setting, list(row.interventions)
    else:
        problems += _setting_needed(chosen, interventions, setting)
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
    return run(chosen, setting, clamps, state, max_states, max_fixed_points)


@_checked()
def explain(
    hypothesis: Hypothesis | str | Path,
    *,
    experiment: str | None = None,
    readouts: Iterable[str] = (),
    on: Iterable[str] = (),
    off: Iterable[str] = (),
    setting: str | None = None,
    experiments: Iterable[str | Path | ExperimentFile] = (),
    max_states: int = DEFAULT_MAX_STATES,
    allow_unknown: bool = False,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Explanation:
    """Why ``hypothesis`` predicts what it does: for the experiment of that id in the
    outcome tables (in their default reading), or for ``on``/``off``/``setting`` as in
    :func:`predict`; one explanation per read-out (those named, else those observed,
    else all), which iterating over the result gives.

    >>> import pathcheck
    >>> (why,) = pathcheck.explain("parallel", experiment="D2")
    >>> why.formula
    'BDNF@pyramidal & VEGF@pyramidal'
    >>> why.paths[0].text()
    'BDNF@pyramidal -+-> TRKB@pyramidal -+-> plasticity@pyramidal'
    """
    from pathcheck.analysis.explain import explain as explain_one
    from pathcheck.base.problems import did_you_mean

    chosen = _hypothesis(hypothesis, folder, max_file_size)
    row = _row(
        chosen, experiment, experiments, max_file_size, allow_unknown, on, off, setting, folder
    )
    if row is None:
        row = _ad_hoc(
            chosen, list(on), list(off), setting, experiments, max_file_size, allow_unknown
        )
    undeclared = chosen.undeclared_setting(row.setting or None)
    if undeclared:
        where = row.setting_location or row.location
        raise InputError.at(where, f"{row.id}: {undeclared}" if experiment else undeclared)
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


@_checked()
def draw(
    hypothesis: Hypothesis | str | Path,
    *,
    member: str | None = None,
    experiment: str | None = None,
    experiments: Iterable[str | Path | ExperimentFile] = (),
    allow_unknown: bool = False,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Drawing:
    """A hypothesis as a picture's data: nodes in their cell types, signed edges, gates;
    with ``experiment`` (an id of the outcome tables), each node's predicted value, the
    clamps and the mismatched read-outs. A hypothesis with choices draws its default
    member, or the ``member`` named by its options (``vegf_source=pyramidal``)."""
    from pathcheck.analysis.drawing import drawing

    if member and isinstance(hypothesis, (str, Path)):
        hypothesis = f"{hypothesis}[{member}]"
    chosen = _hypothesis(hypothesis, folder, max_file_size)
    if member and not isinstance(hypothesis, str):
        chosen = _member(chosen, f"{chosen.family or chosen.name}[{member}]")
    found = _row(chosen, experiment, experiments, max_file_size, allow_unknown, folder=folder)
    return drawing(chosen, found)


# -- many hypotheses, every experiment ----------------------------------------------


@_checked()
def compare(
    hypotheses: Iterable[Hypothesis | str | Path] = (),
    *,
    experiments: Iterable[str | Path | ExperimentFile] = (),
    error_rate: float = DEFAULT_ERROR_RATE,
    readings: Literal["all", "default"] = "all",
    only: Iterable[str] = (),
    max_states: int = DEFAULT_MAX_STATES,
    max_readings: int = DEFAULT_MAX_READINGS,
    neighbours: bool = False,
    allow_unknown: bool = False,
    progress: Progress | None = None,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    exclude_inferred: bool = False,
) -> Comparison:
    """Score hypotheses (every one found, when none is named) against the outcome tables
    (``only`` the experiments of those ids, when given; the inferred rows left out with
    ``exclude_inferred``); with ``readings="all"``, every reading too. Tables are refused
    as ``validate`` refuses them, in every reading; with ``allow_unknown``, a node or
    read-out no compared hypothesis has is a warning, and the rows naming such a node are
    not scored. With ``neighbours``, each hypothesis's one-edit neighbours that fit the
    data at least as well, and the verdicts that differ in one (``.neighbours``)."""
    from pathcheck.analysis.cost import admit_readings
    from pathcheck.analysis.readings import compare_readings
    from pathcheck.analysis.score import compare as compare_default
    from pathcheck.base.problems import did_you_mean
    from pathcheck.model import kept

    _checked_rate(error_rate)
    if readings not in ("all", "default"):
        raise InputError.at(COMMAND_LINE, f"readings: 'all' or 'default', not {readings!r}")
    chosen = _hypotheses(hypotheses, folder, max_file_size)
    files = _tables(experiments, max_file_size, chosen)
    wanted = frozenset(only)
    ids = {e.id for f in files for e in f.experiments}
    missing = sorted(wanted - ids)
    if missing:
        hint = "no experiment '{}' in the outcome tables{}"
        raise InputError(
            Problem(COMMAND_LINE, hint.format(i, did_you_mean(i, ids))) for i in missing
        )
    if readings == "all":
        instead = (
            "score them with `pathcheck family {name} --top 20`, or compare the default "
            "readings alone (--readings default)"
        )
        admit_readings(chosen, files, max_readings, "compare", instead)
    files = _admitted(
        chosen, files, allow_unknown, scored=True, project=_everyone(folder, max_file_size)
    )
    files, excluded = _stated(files, exclude_inferred)
    if wanted:
        files = [kept(f, wanted) for f in files]
    if readings == "default":
        result = compare_default(chosen, files, error_rate, max_states)
    else:
        result = compare_readings(chosen, files, error_rate, max_states, progress)
    result = result._replace(excluded_inferred=excluded)
    if not neighbours:
        return result
    from pathcheck.analysis.neighbours import compare_neighbours
    from pathcheck.model import readings as data_readings

    data = list(data_readings(list(files)))
    every = readings == "all"
    near = compare_neighbours(
        result,
        data if every else data[:1],
        every_member=every,
        max_states=max_states,
        progress=progress,
    )
    return result._replace(neighbours=near)


@_checked()
def report(
    hypotheses: Iterable[Hypothesis | str | Path] = (),
    *,
    experiments: Iterable[str | Path | ExperimentFile] = (),
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    max_readings: int = DEFAULT_MAX_READINGS,
    allow_unknown: bool = False,
    progress: Progress | None = None,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Report:
    """What the shared page shows: :func:`compare` in every reading, and each hypothesis
    drawn (``pathcheck report`` lays it out as one self-contained HTML page)."""
    from pathcheck.analysis.report import report as make

    return make(
        compare(
            hypotheses,
            experiments=experiments,
            error_rate=error_rate,
            max_states=max_states,
            max_readings=max_readings,
            allow_unknown=allow_unknown,
            progress=progress,
            folder=folder,
            max_file_size=max_file_size,
        )
    )


@_checked()
def family(
    hypothesis: Hypothesis | str | Path,
    *,
    experiments: Iterable[str | Path | ExperimentFile] = (),
    error_rate: float = DEFAULT_ERROR_RATE,
    top: int | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    max_readings: int = DEFAULT_MAX_FAMILY_READINGS,
    allow_unknown: bool = False,
    progress: Progress | None = None,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    exclude_inferred: bool = False,
) -> Family:
    """Every member of a hypothesis's family in every reading of the data, best first
    (only the best ``top``, when given): here, in ``workers`` processes, or on the Dask
    cluster at ``scheduler``."""
    from pathcheck.analysis.cost import admit_readings
    from pathcheck.analysis.family import score_family

    _checked_rate(error_rate)
    chosen = _hypothesis(hypothesis, folder, max_file_size)
    files = _tables(experiments, max_file_size, [chosen])
    instead = (
        "raise --max-readings to score them (in --workers or on a --scheduler), or name "
        "a member with some choices fixed ({name}[CHOICE=OPTION])"
    )
    admit_readings([chosen], files, max_readings, "family", instead)
    files = _admitted(
        [chosen], files, allow_unknown, scored=True, project=_everyone(folder, max_file_size)
    )
    files, _ = _stated(files, exclude_inferred)
    with _executor(workers, scheduler) as executor:
        return score_family(chosen, files, error_rate, max_states, executor, progress, keep=top)


@_checked()
def design(
    hypotheses: Iterable[Hypothesis | str | Path],
    *,
    experiments: Iterable[str | Path | ExperimentFile] = (),
    catalogue: str | Path | None = None,
    max_combined: int = 2,
    top: int = 10,
    readout: str | None = None,
    decide: str | None = None,
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    neighbours: bool = False,
    max_readings: int = DEFAULT_MAX_READINGS,
    allow_unknown: bool = False,
    progress: Progress | None = None,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    exclude_inferred: bool = False,
) -> Design:
    """The experiments, combined from the catalogue's items (the bundled one unless
    named), that would best tell the hypotheses' members apart, by expected information
    gain over their posterior after the outcome tables. With ``neighbours``, each
    suggestion that some one-edit neighbour of a hypothesis, fitting the data as well,
    keeps from separating a pair is marked fragile, with the edit (``.neighbours``).

    >>> import pathcheck
    >>> found = pathcheck.design(["parallel", "serial_loop"])
    >>> any("TRKB" in s.candidate.label for s in found.suggestions)
    True
    """
    from pathcheck.analysis.cost import admit_design, admit_readings
    from pathcheck.analysis.design import design as run_design
    from pathcheck.analysis.design import idle_items
    from pathcheck.base.problems import did_you_mean
    from pathcheck.formats.catalogue import load_catalogue
    from pathcheck.model import family_size
    from pathcheck.project.discovery import catalogue_path

    _checked_rate(error_rate)
    chosen = _hypotheses(hypotheses, folder, max_file_size)
    if len(chosen) < 2 and not any(h.open_choices for h in chosen):
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
    tables = _tables(experiments, max_file_size, chosen)
    instead = "name some of its members ({name}[CHOICE=OPTION]) to tell apart"
    admit_readings(chosen, tables, max_readings, "design", instead)
    admit_design(len(found.items), max_combined, sum(family_size(h) for h in chosen))
    tables = _admitted(
        chosen, tables, allow_unknown, scored=True, project=_everyone(folder, max_file_size)
    )
    _say_dropped(idle_items(found, _project(chosen, hypotheses, folder, max_file_size)))
    stated, _ = _stated(tables, exclude_inferred)
    result = run_design(
        chosen,
        stated,
        found,
        max_combined,
        top,
        readout,
        decide,
        error_rate,
        max_states,
        progress,
        record=tables,  # an inferred row left out of the likelihood is still done
    )
    if not neighbours:
        return result
    from pathcheck.analysis.neighbours import design_neighbours
    from pathcheck.model import readings as data_readings

    data = list(data_readings(list(stated)))
    near = design_neighbours(result, chosen, data, max_states=max_states, progress=progress)
    return result._replace(neighbours=near)


# -- a project -----------------------------------------------------------------------


@_checked()
def learn(
    pkn: str | Path,
    *,
    data: str | Path,
    fit: float = 0.0,
    size: int = 0,
    time: float | None = None,
    discretization: Literal["round", "floor", "ceil"] = "round",
    factor: int = 100,
    length: int = 0,
    max_models: int = DEFAULT_MAX_MODELS,
    progress: Progress | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Learned:
    """The logic models over a prior-knowledge network (SIF) that fit a MIDAS data set
    best, as ``caspo learn`` learns them: the least error, then the least size, and
    every model within ``fit`` (relative to the optimum's error) and ``size`` (literals
    over the optimum's); each model's error re-predicted by pathcheck's engine. Needs
    clingo (``pip install 'pathcheck[learn]'``). ``to_dict()`` gives the result as
    plain data; ``hypotheses()`` each model as a hypothesis file."""
    from pathcheck.analysis.learn import DISCRETIZATIONS
    from pathcheck.analysis.learn import learn as learn_models
    from pathcheck.formats.midas import read_midas
    from pathcheck.formats.sif import read_sif

    checks = [
        ("fit", fit, math.isfinite(fit) and fit >= 0, "a number at least 0"),
        ("size", size, size >= 0, "a whole number at least 0"),
        ("factor", factor, factor >= 1, "a whole number at least 1"),
        ("length", length, length >= 0, "a whole number at least 0 (0: any length)"),
        ("max_models", max_models, max_models >= 1, "a whole number at least 1"),
        ("discretization", discretization, discretization in DISCRETIZATIONS, "round|floor|ceil"),
    ]
    problems = [
        Problem(COMMAND_LINE, f"{name}: must be {what}, not {value!r}")
        for name, value, ok, what in checks
        if not ok
    ]
    limits = _limits(max_file_size)
    read: list[Any] = []
    for reader, source in ((read_sif, pkn), (read_midas, data)):
        try:
            read.append(reader(Path(source), limits))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    network, table = read
    return learn_models(
        network,
        table,
        fit=fit,
        size=size,
        time=time,
        discretization=discretization,
        factor=factor,
        length=length,
        max_models=max_models,
        progress=progress,
    )


@_checked(experiments=_PATHS)
def check(
    project: str | Path | None = None,
    *,
    strict: bool = False,
    folder: str | Path | None = None,
    experiments: Iterable[str | Path] = (),
    error_rate: float | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> CheckResult:
    """The CI gate of a project file (the nearest ``pathcheck.toml``, when not named):
    its ``exit_code`` is what ``pathcheck check`` exits with, its ``findings`` what the
    linter warned of, its ``inputs`` every file it read. Arguments given override the
    project file."""
    from pathcheck.analysis.check import project_of, run_check

    if error_rate is not None:
        _checked_rate(error_rate)
    return run_check(
        project_of(_path(project)),
        strict,
        _path(folder),
        tuple(Path(p) for p in experiments),
        error_rate,
        max_states,
        _limits(max_file_size),
    )


@_checked(experiments=_PATHS)
def validate(
    paths: Iterable[str | Path] = (),
    *,
    project: str | Path | None = None,
    folder: str | Path | None = None,
    experiments: Iterable[str | Path] = (),
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Validation:
    """Check files without scoring (every file found, when none is named)."""
    from pathcheck.analysis.check import project_of
    from pathcheck.analysis.validate import validate as validate_files
    from pathcheck.project.discovery import experiment_paths, hypotheses_dir, hypothesis_files

    config = project_of(_path(project))
    hypotheses = hypothesis_files(hypotheses_dir(_path(folder) or config.hypotheses))
    tables = experiment_paths([Path(p) for p in experiments] or list(config.experiments))
    return validate_files([Path(p) for p in paths], hypotheses, tables, _limits(max_file_size))


@_checked()
def schema(kind: Literal["hypothesis", "experiments", "catalogue"]) -> str:
    """The JSON Schema of a file kind, as text: for editors that check YAML as you type."""
    from pathcheck.formats.schemas import schema_text

    if kind not in ("hypothesis", "experiments", "catalogue"):
        raise InputError.at(COMMAND_LINE, f"no schema '{kind}': hypothesis, experiments, catalogue")
    return schema_text(kind)


@_checked(folder=arguments.place)
def init(folder: str | Path = ".", *, example: str | None = None) -> list[Path]:
    """Scaffold a hypotheses repository in ``folder``: every file written, or none. With
    ``example="deyama2019"``, the bundled case instead of the made-up example."""
    from pathcheck.project.scaffold import EXAMPLES, scaffold

    if example is not None and example not in EXAMPLES:
        raise InputError.usage(f"no example '{example}': {', '.join(EXAMPLES)}")
    return scaffold(Path(folder), example)


@_checked()
def write(
    path: str | Path,
    content: str | bytes,
    *,
    inputs: Iterable[str | Path] = (),
    force: bool | None = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """Write an output as every command does, whole or not at all, where
    :func:`writable` allows it."""
    from pathcheck.base.files import write as write_file

    write_file(Path(path), content, inputs=inputs, force=force, replaceable=replaceable)


@_checked()
def writable(
    path: str | Path,
    *,
    inputs: Iterable[str | Path] = (),
    force: bool | None = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """Raise :class:`InputError` unless an output may be written at ``path``: never over
    one of ``inputs``, an existing file only with ``force`` (or when ``replaceable``
    recognises it as a file pathcheck wrote itself: a JUnit report, by its structure).
    ``force=None``: refuse without offering it (the command has no ``--force``)."""
    from pathcheck.base.files import writable as allowed

    allowed(Path(path), inputs=inputs, force=force, replaceable=replaceable)


# -- other tools' files ----------------------------------------------------------------


@_checked()
def convert(
    source: str | Path,
    *,
    kind: Literal["bnet", "sbml", "sif", "midas"] | None = None,
    gates: Literal["or", "and", "family"] = "or",
    discretise: str = "absolute:0.5",
    time: float | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Converted:
    """Another tool's file as pathcheck's, its format told by its name unless ``kind``
    names it: a ``.bnet`` model (PyBoolNet, mpbn, BoolNet), an SBML-qual model
    (``.sbml``/``.xml``; ``pip install 'pathcheck[sbml]'``) or a SIF network (CellNOpt,
    caspo; each node's gate over its incoming edges: ``gates``) as a hypothesis file; a
    MIDAS data set (``.csv``) as an outcome table, the rows at ``time`` (the latest by
    default), each value read as 0 or 1 by ``discretise`` (``absolute:T``, at least T;
    ``control:D``, at least D above the same treatments at time 0). ``.text`` is the
    file; ``.load()`` the object."""
    from pathcheck.formats.convert import convert as run

    limits = _limits(max_file_size)
    found = run(Path(source), kind, gates=gates, discretise=discretise, time=time, limits=limits)
    _say_dropped(found.dropped)
    return found


@_checked()
def from_bnet(source: str | Path, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> Hypothesis:
    """A ``.bnet`` model as a hypothesis, every rule as written."""
    return _hypothesis_of(convert(source, kind="bnet", max_file_size=max_file_size))


@_checked()
def from_sif(
    source: str | Path,
    *,
    gates: Literal["or", "and", "family"] = "or",
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Hypothesis:
    """A SIF prior-knowledge network as a hypothesis: the edges declared, each node's rule
    the gate over its incoming edges (``family``: both gates, a choice per node)."""
    found = convert(source, kind="sif", gates=gates, max_file_size=max_file_size)
    return _hypothesis_of(found)


@_checked()
def from_sbml(source: str | Path, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> Hypothesis:
    """An SBML-qual model (Boolean: every species of maximum level 1) as a hypothesis."""
    return _hypothesis_of(convert(source, kind="sbml", max_file_size=max_file_size))


@_checked()
def from_midas(
    source: str | Path,
    *,
    discretise: str = "absolute:0.5",
    time: float | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> ExperimentFile:
    """A MIDAS data set as an outcome table, as :func:`convert` reads it."""
    from pathcheck.model import ExperimentFile

    found = convert(
        source, kind="midas", discretise=discretise, time=time, max_file_size=max_file_size
    )
    table = found.load(_limits(max_file_size))
    assert isinstance(table, ExperimentFile)
    return table


@_checked()
def to_sbml(hypothesis: Hypothesis | str | Path) -> str:
    """A hypothesis as SBML-qual, checked by libsbml's consistency validation."""
    from pathcheck.formats.sbml import write_sbml

    return write_sbml(_hypothesis(hypothesis))


@_checked()
def to_bnet(hypothesis: Hypothesis | str | Path) -> str:
    """A hypothesis as ``.bnet`` text, for PyBoolNet, mpbn, BoNesis and BoolNet."""
    from pathcheck.formats.bnet import write_bnet

    return write_bnet(_hypothesis(hypothesis))


# -- what every call shares ------------------------------------------------------------


def _path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)


def _limits(max_file_size: int) -> Limits:
    from pathcheck.formats.yamlsource import Limits

    return Limits(max_bytes=max_file_size)


def _checked_rate(value: float) -> None:
    """The one check of an error rate given to a call (the project file's goes through
    the same words)."""
    problem = error_rate_problem(value)
    if problem:
        raise InputError.at(COMMAND_LINE, f"error-rate: {problem}")


def _hypothesis(
    value: Hypothesis | str | Path,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Hypothesis:
    if isinstance(value, (str, Path)):
        return load_hypothesis(value, folder=folder, max_file_size=max_file_size)
    return value


def _member(hypothesis: Hypothesis, written: str) -> Hypothesis:
    """The member of a loaded hypothesis's family named ``written``."""
    from pathcheck.model import member

    try:
        return member(hypothesis, written)
    except ValueError as error:
        raise InputError.at(COMMAND_LINE, str(error)) from None


def _hypothesis_of(found: Converted) -> Hypothesis:
    from pathcheck.model import Hypothesis

    hypothesis = found.load()
    assert isinstance(hypothesis, Hypothesis)
    return hypothesis


def _hypotheses(
    values: Iterable[Hypothesis | str | Path], folder: str | Path | None, max_file_size: int
) -> list[Hypothesis]:
    given = list(values)
    if not given or all(isinstance(v, (str, Path)) for v in given):
        names = [v for v in given if isinstance(v, (str, Path))]
        return load_hypotheses(names, folder=folder, max_file_size=max_file_size)
    return [_hypothesis(v, folder, max_file_size) for v in given]


def _everyone(folder: str | Path | None, max_file_size: int) -> Callable[[], list[Hypothesis]]:
    """Every hypothesis of the folder, when asked (none when one cannot load: that file's
    problem is for the command that names it)."""

    def found() -> list[Hypothesis]:
        try:
            return load_hypotheses([], folder=folder, max_file_size=max_file_size)
        except InputError:
            return []

    return found


def _project(
    chosen: list[Hypothesis],
    values: Iterable[Hypothesis | str | Path],
    folder: str | Path | None,
    max_file_size: int,
) -> list[Hypothesis]:
    """The hypotheses a catalogue is written for: every one of the folder the chosen were
    named from (an item only a hypothesis not compared has is no misspelling), or the
    chosen alone when they were given as objects or the folder has one that cannot load."""
    if not all(isinstance(v, (str, Path)) for v in values):
        return chosen
    try:
        return [*chosen, *load_hypotheses([], folder=folder, max_file_size=max_file_size)]
    except InputError:  # that file's problem is for the command that names it
        return chosen


def _stated(
    tables: list[ExperimentFile], exclude_inferred: bool
) -> tuple[list[ExperimentFile], int]:
    """The tables with their inferred rows left out when asked, and how many observations
    that leaves out."""
    if not exclude_inferred:
        return tables, 0
    from pathcheck.formats.experiments import inferred_observations, stated_only

    return [stated_only(t) for t in tables], inferred_observations(tables)


def _tables(
    values: Iterable[str | Path | ExperimentFile],
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    of: Iterable[Hypothesis] = (),
) -> list[ExperimentFile]:
    """Loaded tables as given, then the tables at the paths given; the default tables of
    the hypotheses ``of`` when nothing is given."""
    given = list(values)
    paths = [v for v in given if isinstance(v, (str, Path))]
    loaded = [v for v in given if not isinstance(v, (str, Path))]
    if loaded and not paths:
        return loaded
    return [*loaded, *load_experiments(paths, of=of, max_file_size=max_file_size)]


def _say_dropped(problems: Iterable[Problem]) -> None:
    """What a file says that is not used (what an import did not keep, a catalogue item
    that can tell nothing), each as a warning at its line."""
    for problem in problems:
        advice = f"{problem.location}: warning: {problem.message}"
        warnings.warn(PathcheckWarning(advice), stacklevel=3)


def _admitted(
    hypotheses: Iterable[Hypothesis],
    tables: list[ExperimentFile],
    allow_unknown: bool,
    *,
    scored: bool = False,
    project: Callable[[], list[Hypothesis]] | None = None,
) -> list[ExperimentFile]:
    """The tables as every command takes them: refused where ``validate`` finds an error,
    in any reading (a cell group named like a cell type, a misspelt selector or read-out,
    an undeclared setting), and warned of (:class:`PathcheckWarning`) otherwise. With
    ``allow_unknown``, a name no hypothesis has is a warning, and, when the tables are
    ``scored``, the rows whose clamps name such a node are left out in every reading:
    never scored as though they clamped nothing. A name only one of the ``project``'s
    hypotheses has (asked for only then) is no misspelling: the hypotheses compared do
    not place it, and it changes nothing in them."""
    from pathcheck.analysis.lint import UNKNOWN_NAMES, Corpus, Severity, admission_rules, admit
    from pathcheck.analysis.lint import lint as run_lint
    from pathcheck.analysis.lint.unmatched_selector import unmatched_rows
    from pathcheck.model import kept

    corpus = Corpus(tuple(hypotheses), tuple(tables))
    if project is not None and any(
        f.rule in UNKNOWN_NAMES and f.severity is Severity.ERROR
        for f in run_lint(corpus, admission_rules())
    ):
        corpus = corpus._replace(project=tuple(project()))
    for finding in admit(corpus, allow_unknown):
        if finding.rule in UNKNOWN_NAMES:  # the others are validate's to show
            warnings.warn(PathcheckWarning(str(finding)), stacklevel=3)
    dropped = unmatched_rows(corpus) if allow_unknown and scored else frozenset()
    return [kept(t, dropped, inside=False) for t in tables] if dropped else tables


def _row(
    hypothesis: Hypothesis,
    experiment: str | None,
    experiments: Iterable[str | Path | ExperimentFile],
    max_file_size: int,
    allow_unknown: bool,
    on: Iterable[str] = (),
    off: Iterable[str] = (),
    setting: str | None = None,
    folder: str | Path | None = None,
) -> Experiment | None:
    """The row of that id in the outcome tables, its clamps read with its table's cell
    groups (``None`` when no id is given), the tables admitted against the hypothesis as
    :func:`compare` admits them; a located error naming the closest id otherwise, or when
    on/off/setting were given as well: a row brings its own."""
    if experiment is None:
        return None
    if list(on) or list(off) or setting is not None:
        raise InputError.at(
            COMMAND_LINE, "name an experiment of the outcome tables, or give on/off/setting"
        )
    from pathcheck.base.problems import did_you_mean

    tables = _admitted(
        [hypothesis],
        _tables(experiments, max_file_size, [hypothesis]),
        allow_unknown,
        project=_everyone(folder, max_file_size),
    )
    rows = {e.id: e for table in tables for e in table.experiments}
    if experiment not in rows:
        raise InputError.at(
            COMMAND_LINE,
            f"no experiment '{experiment}' in the outcome tables{did_you_mean(experiment, rows)}",
        )
    return rows[experiment]


def _ad_hoc(
    hypothesis: Hypothesis,
    on: list[str],
    off: list[str],
    setting: str | None,
    experiments: Iterable[str | Path | ExperimentFile],
    max_file_size: int,
    allow_unknown: bool,
) -> Experiment:
    """The experiment that ``on``, ``off`` and ``setting`` describe, as a row would; with
    none of them, what to give instead (the ids of the outcome tables' rows)."""
    from pathcheck.model import Experiment, Source

    if not on and not off and setting is None:
        tables = _tables(experiments, max_file_size, [hypothesis])
        ids = [e.id for t in tables for e in t.experiments]
        shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
        raise InputError.usage(
            "name an experiment of the outcome tables"
            + (f" ({shown})" if ids else "")
            + ", or give --on/--off/--setting for one of your own"
        )
    interventions, problems = _interventions(on, off, hypothesis, allow_unknown)
    problems += _setting_needed(hypothesis, interventions, setting)
    if problems:
        raise InputError(problems)
    parts = [f"on: {', '.join(on)}" if on else "", f"off: {', '.join(off)}" if off else ""]
    return Experiment(
        id="ad hoc",
        label="; ".join(p for p in parts if p) or "no intervention",
        setting=setting or "",
        interventions=tuple(interventions),
        observations=(),
        evidence="the command line",
        location=COMMAND_LINE,
        source=Source("the command line"),
    )


def _interventions(
    on: Iterable[str], off: Iterable[str], hypothesis: Hypothesis, allow_unknown: bool = False
) -> tuple[list[Intervention], list[Problem]]:
    """Selectors from the command line, as ``predict`` and ``explain`` take them, and the
    problems of those that are not selectors or that match no node of any member of the
    hypothesis's family (a misspelt entity or cell type), as a table's selectors are
    checked. One that another member places is kept: the result says it changes nothing
    in this one, as compare does; with ``allow_unknown``, one that no member places too,
    with a warning."""
    from pathcheck.analysis.lint.unmatched_selector import unmatched
    from pathcheck.formats.experiments import parse_selector
    from pathcheck.model import Intervention

    interventions, problems = [], []
    for texts, value in ((on, True), (off, False)):
        # '--on BDNF,VEGF' as '--on BDNF --on VEGF': no selector holds a comma
        for text in (t.strip() for given in texts for t in given.split(",") if t.strip()):
            selector = parse_selector(text, {})
            if selector is None:
                problems.append(Problem(COMMAND_LINE, f"'{text}' is not a selector"))
            elif (hint := unmatched(selector, [hypothesis])) is not None and not allow_unknown:
                message = f"'{text}' matches no node of {hypothesis.name}{hint}"
                problems.append(Problem(COMMAND_LINE, message))
            else:
                if hint is not None:
                    advice = f"{COMMAND_LINE}: '{text}' matches no node of {hypothesis.name}{hint}"
                    warnings.warn(PathcheckWarning(advice), stacklevel=3)
                interventions.append(Intervention(selector, value, COMMAND_LINE))
    return interventions, problems


def _setting_needed(
    hypothesis: Hypothesis, interventions: list[Intervention], setting: str | None
) -> list[Problem]:
    """A clamp with no setting, where a declared setting sets an input: the answer would
    rest on a silent default (every input at 0). Where every setting leaves the inputs
    at 0, none is needed."""
    if setting is not None or not interventions:
        return []
    if not any(any(values.values()) for values in hypothesis.settings.values()):
        return []
    declared = ", ".join(hypothesis.settings)
    message = f"give --setting ({declared}): {hypothesis.name}'s inputs differ between them"
    return [Problem(COMMAND_LINE, message)]


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
        except (OSError, ValueError) as error:  # no such host, or no address at all
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


@_checked()
def repair(
    hypothesis: Hypothesis | str | Path,
    *,
    experiments: Iterable[str | Path | ExperimentFile] = (),
    max_edits: int = DEFAULT_MAX_EDITS,
    all_readings: bool = False,
    candidates: str | Path | None = None,
    signs: bool = False,
    rules: Iterable[str] = (),
    max_states: int = DEFAULT_MAX_STATES,
    max_readings: int = DEFAULT_MAX_READINGS,
    progress: Progress | None = None,
    folder: str | Path | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Repairs:
    """Every minimal set of at most ``max_edits`` edits (remove, add or negate a
    regulator, flip a gate: the README's edit space) that makes every member of the
    hypothesis (or the member named, ``serial[vegf_source=pyramidal]``) fit every
    observation, in the default reading of the data (``all_readings``: in every one);
    when none does, the variants that fit the most. Each is checked again from scratch
    by the exact engine. ``candidates``: a prior-knowledge network (``.sif``, or
    ``A -> B`` lines) bounding the regulators added; ``rules``: edit only these nodes'
    rules. ``write(folder)`` writes each as a hypothesis file.

    >>> import pathcheck
    >>> found = pathcheck.repair("serial[vegf_source=pyramidal]")
    >>> found.fits, found.repairs[0].edits
    (True, 2)
    >>> sorted(e for _, e, _ in found.repairs[0].fixed)
    ['D10', 'D6', 'D8']
    """
    from pathcheck.analysis.edits import EditSpace, SpaceTooLarge, edit_space
    from pathcheck.analysis.repair import repair as search
    from pathcheck.analysis.variants import targets
    from pathcheck.base.defaults import MAX_EDITS, MAX_VARIANTS
    from pathcheck.formats.sif import read_network
    from pathcheck.model import family_size, is_member_name, members
    from pathcheck.model import readings as data_readings

    chosen = _hypothesis(hypothesis, folder, max_file_size)
    named = not chosen.is_default or (
        isinstance(hypothesis, (str, Path)) and is_member_name(str(hypothesis))
    )
    files = _admitted(
        [chosen],
        _tables(experiments, max_file_size, [chosen]),
        False,
        project=_everyone(folder, max_file_size),
    )
    data = [(a, list(t)) for a, t in data_readings(list(files))]
    data = data if all_readings else data[:1]
    size = 1 if named else family_size(chosen)
    if size * len(data) > max_readings:
        raise InputError.at(
            COMMAND_LINE,
            f"'{chosen.name}' has {size * len(data):,} members and readings of the data to "
            f"repair at once, more than --max-readings {max_readings:,}: name one member "
            f"({chosen.family or chosen.name}[CHOICE=OPTION,...])",
        )
    group = [chosen] if named else list(members(chosen))
    if not 1 <= max_edits <= MAX_EDITS:
        single = edit_space(chosen, group, max_edits=1)
        count = single.single() if isinstance(single, EditSpace) else 0
        about = count**max_edits // math.factorial(max(max_edits, 1))
        raise InputError.at(
            COMMAND_LINE,
            f"max-edits: {max_edits} is not from 1 to {MAX_EDITS}"
            + (
                f": {chosen.name} has {count:,} variants one edit away, so about {about:,} "
                f"within {max_edits}, past what repair searches (narrow the rules edited "
                "with --rule, or bound the regulators added with --candidates)"
                if max_edits > MAX_EDITS
                else ": a repair makes at least one edit"
            ),
        )
    network = None
    if candidates is not None:
        network = read_network(Path(candidates), _limits(max_file_size))
    space = edit_space(
        chosen,
        group,
        max_edits=max_edits,
        signs=signs,
        candidates=network,
        nodes=list(rules),
        bound=MAX_VARIANTS,
    )
    if isinstance(space, SpaceTooLarge):
        raise InputError.at(
            COMMAND_LINE,
            f"the edit space of {chosen.name} holds at least {space.variants:,} variants "
            f"within {max_edits} edit{'s' * (max_edits != 1)} ({space.single:,} one edit "
            f"away, over {space.sites} rules), more than repair searches "
            f"({MAX_VARIANTS:,}): narrow it with --rule NODE (the rules to edit), "
            "--candidates FILE (a prior-knowledge network bounding the regulators added) "
            "or fewer --max-edits",
        )
    return search(space, targets(group, data), dict(data), max_states=max_states, progress=progress)
