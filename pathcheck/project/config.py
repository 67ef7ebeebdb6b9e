"""The project file: where the files are, and which hypotheses the CI gate holds to the data.

``pathcheck.toml``, or a ``[tool.pathcheck]`` table in ``pyproject.toml``, in the current
folder or the nearest parent (up to the repository's root). Everything the gate enforces
stands in it, so a reviewer reads it in one place::

    hypotheses = "hypotheses"
    experiments = ["experiments"]
    error-rate = 0.05
    must-fit = ["parallel", "serial_loop"]

    [scope]  # what a must-fit hypothesis answers for, when not every table
    example = ["experiments/example.yaml"]

    [known-failures.serial_loop]
    K2 = "places VEGF release in PV interneurons; K2 deletes VEGF in excitatory neurons"

Paths are relative to the project file's folder.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pathcheck.base.defaults import DEFAULT_MAX_FILE_SIZE, error_rate_problem
from pathcheck.base.files import is_regular, read_text
from pathcheck.base.problems import InputError, Location, Problem, did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE_NAMES = ("pathcheck.toml", "pyproject.toml")
KEYS = ("hypotheses", "experiments", "error-rate", "must-fit", "scope", "known-failures")


class KnownFailure(NamedTuple):
    """An experiment a hypothesis is known to get wrong, with the reason it is accepted."""

    hypothesis: str
    experiment: str
    reason: str
    location: Location


@dataclass(frozen=True)
class Project:
    file: str
    hypotheses: Path | None = None
    experiments: tuple[Path, ...] = ()
    error_rate: float | None = None
    must_fit: dict[str, Location] = field(default_factory=dict)
    # the tables a hypothesis answers for, where not every one: name -> (paths, where)
    scope: dict[str, tuple[tuple[Path, ...], Location]] = field(default_factory=dict)
    known_failures: dict[tuple[str, str], KnownFailure] = field(default_factory=dict)


def find_project(start: Path) -> Path | None:
    """The nearest project file at or above ``start``, not past a repository's root; relative
    to the current folder, so that the files it names are shown (and annotated) that way."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in FILE_NAMES:
            candidate = folder / name
            if is_regular(candidate) and (name == "pathcheck.toml" or _has_tool_table(candidate)):
                return Path(os.path.relpath(candidate))
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "[tool.pathcheck" in read_text(path, DEFAULT_MAX_FILE_SIZE)
    except InputError:
        return False


def _line_of(text: str, pattern: str, after: int = 0) -> int:
    """The first line after line ``after`` that matches ``pattern``, else ``after`` (or 1):
    TOML parsers give no positions, so problems are placed by searching the text."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number > after and re.search(pattern, line):
            return number
    return after or 1


def _key(name: str) -> str:
    """A pattern for ``name`` as a TOML key, bare or quoted."""
    return rf"""(^|[{{,])\s*["']?{re.escape(name)}["']?\s*="""


def load_project(path: Path) -> Project:
    """Read a project file; every problem is located and raised as :class:`InputError`."""
    file = str(path)
    text = read_text(path, DEFAULT_MAX_FILE_SIZE)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        if found:
            where = Location(file, int(found[1]), int(found[2]))
        else:  # "(at end of document)"
            where = Location(file, text.count("\n") + 1, 1)
        message = re.sub(r" \(at (line|end).*", "", str(error))
        raise InputError.at(where, f"TOML syntax: {message}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("pathcheck", {})
    return _read(data, path, text)


def _read(data: dict[str, Any], path: Path, text: str) -> Project:
    file, base = str(path), path.parent
    problems: list[Problem] = []

    def at(key: str) -> Location:
        return Location(file, _line_of(text, _key(key)), 1)

    def error(location: Location, message: str) -> None:
        problems.append(Problem(location, message))

    for key in data:
        if key not in KEYS:
            error(at(key), f"unknown key '{key}' in the project file{did_you_mean(key, KEYS)}")

    hypotheses = data.get("hypotheses")
    if hypotheses is not None and not isinstance(hypotheses, str):
        error(at("hypotheses"), "'hypotheses' must be a folder name")
    experiments = data.get("experiments", [])
    if isinstance(experiments, str):
        experiments = [experiments]
    if not (isinstance(experiments, list) and all(isinstance(e, str) for e in experiments)):
        error(at("experiments"), "'experiments' must be a path or a list of paths")
        experiments = []
    rate = data.get("error-rate")
    problem = None if rate is None else error_rate_problem(rate)
    if problem:
        error(at("error-rate"), f"'error-rate' {problem}")
        rate = None

    must_fit: dict[str, Location] = {}
    names = data.get("must-fit", [])
    if not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
        error(at("must-fit"), "'must-fit' must be a list of hypothesis names")
        names = []
    listed = _line_of(text, _key("must-fit"))
    for name in names:
        line = _line_of(text, rf"""["']{re.escape(name)}["']""", listed - 1)
        must_fit[name] = Location(file, line, 1)

    scope: dict[str, tuple[tuple[Path, ...], Location]] = {}
    scopes = data.get("scope", {})
    if not isinstance(scopes, dict):
        error(at("scope"), "'scope' must be a table of hypotheses, each a list of tables")
        scopes = {}
    start = _line_of(text, r"^\s*\[scope\]")
    for name, paths in scopes.items():
        where = Location(file, _line_of(text, _key(name), start - 1), 1)
        if isinstance(paths, str):
            paths = [paths]
        if not (isinstance(paths, list) and paths and all(isinstance(p, str) for p in paths)):
            error(where, f"scope of '{name}' must be a path or a list of paths to tables")
            continue
        scope[name] = (tuple(base / p for p in paths), where)

    known: dict[tuple[str, str], KnownFailure] = {}
    table = data.get("known-failures", {})
    if not isinstance(table, dict):
        error(at("known-failures"), "'known-failures' must be a table of hypotheses")
        table = {}
    for hypothesis, rows in table.items():
        section = _line_of(text, rf"known-failures.*{re.escape(hypothesis)}")
        if not isinstance(rows, dict):
            error(
                Location(file, section, 1),
                f"known failures of '{hypothesis}' must map experiment ids to reasons",
            )
            continue
        for experiment, reason in rows.items():
            where = Location(file, _line_of(text, _key(experiment), section - 1), 1)
            if not isinstance(reason, str) or not reason.strip():
                error(where, f"known failure {experiment} of '{hypothesis}' needs a reason")
                continue
            known[(hypothesis, experiment)] = KnownFailure(
                hypothesis, experiment, reason.strip(), where
            )

    if problems:
        raise InputError(problems)
    return Project(
        file=file,
        hypotheses=base / hypotheses if isinstance(hypotheses, str) else None,
        experiments=tuple(base / e for e in experiments),
        error_rate=rate,
        must_fit=must_fit,
        scope=scope,
        known_failures=known,
    )
