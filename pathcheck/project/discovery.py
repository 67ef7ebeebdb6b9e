"""Where the files are: the user's folders when present, else the copies bundled in the package.

A hypothesis is named on the command line by its name or by a path to its file, so
that a user can compare a draft that lives anywhere against the bundled ones.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pathcheck.base.files import is_regular, listing
from pathcheck.base.problems import COMMAND_LINE, InputError, Location, Problem, did_you_mean
from pathcheck.formats.yamlsource import Limits
from pathcheck.model import (
    ExperimentFile,
    Hypothesis,
    is_member_name,
    member,
    parse_member_name,
)

YAML_SUFFIXES = (".yaml", ".yml")
HYPOTHESIS_SUFFIXES = (*YAML_SUFFIXES, ".bnet")


def bundled(kind: str) -> Path:
    """The bundled ``hypotheses`` or ``experiments`` folder of this installation."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "bundled" / kind
    return packaged if packaged.is_dir() else package.parent / kind  # a source checkout


def hypotheses_dir(option: Path | None) -> Path:
    if option is not None:
        if not option.is_dir():
            raise InputError.at(COMMAND_LINE, f"hypotheses folder {option}: no such folder")
        return option
    local = Path("hypotheses")
    return local if local.is_dir() else bundled("hypotheses")


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return [p for p in listing(folder) if p.suffix in suffixes and is_regular(p)]


def yaml_files(folder: Path) -> list[Path]:
    return _files(folder, YAML_SUFFIXES)


def hypothesis_files(folder: Path) -> list[Path]:
    """Hypotheses in a folder: YAML files and .bnet models."""
    return _files(folder, HYPOTHESIS_SUFFIXES)


CATALOGUE_NAME = "catalogue.yaml"


def catalogue_path(option: Path | None) -> Path:
    """The catalogue of manipulations: the one given, else ./experiments/catalogue.yaml,
    else the bundled one."""
    if option is not None:
        return option
    local = Path("experiments") / CATALOGUE_NAME
    return local if local.is_file() else bundled("experiments") / CATALOGUE_NAME


def experiment_paths(options: Sequence[Path]) -> list[Path]:
    """The outcome tables: each option a file or a folder of them; by default ./experiments."""
    if not options:
        local = Path("experiments")
        options = [local if local.is_dir() else bundled("experiments")]
    paths: list[Path] = []
    for option in options:
        if option.is_dir():  # the catalogue of manipulations beside them is no table
            paths.extend(p for p in yaml_files(option) if p.name != CATALOGUE_NAME)
        elif os.path.lexists(option):
            paths.append(option)  # read as a file: what is no regular file is refused there
        else:
            raise InputError.at(COMMAND_LINE, f"experiments {option}: no such file or folder")
    return list(dict.fromkeys(paths))


def _looks_like_path(name: str) -> bool:
    return name.endswith(HYPOTHESIS_SUFFIXES) or "/" in name or "\\" in name


def load_hypotheses(
    names: Iterable[str], folder: Path, limits: Limits | None = None
) -> list[Hypothesis]:
    """The named hypotheses (names or file paths), or every one in ``folder`` (YAML and
    .bnet) when none is named."""
    from pathcheck.formats.hypothesis import load_hypothesis

    names = list(names)
    loaded: dict[Path, Hypothesis] = {}
    problems: list[Problem] = []

    def load(path: Path) -> Hypothesis | None:
        if path not in loaded:
            try:
                loaded[path] = load_hypothesis(path, limits)
            except InputError as error:
                problems.extend(error.problems)
                return None
        return loaded[path]

    if not names:
        found = [h for h in (load(p) for p in hypothesis_files(folder)) if h is not None]
        if not found and not problems:
            problems.append(Problem(COMMAND_LINE, f"no hypothesis files (*.yaml) in {folder}"))
        chosen = found
    else:
        chosen = []
        for name in names:
            hypothesis = _find(name, folder, load)
            if hypothesis is not None:
                if all(h is not hypothesis for h in chosen):
                    chosen.append(hypothesis)
            elif not problems:
                known = [
                    h.name for h in (load(p) for p in hypothesis_files(folder)) if h is not None
                ]
                problems.append(
                    Problem(
                        COMMAND_LINE,
                        f"no hypothesis '{name}' in {folder}{did_you_mean(name, known)}; "
                        f"known: {', '.join(sorted(known)) or 'none'}",
                    )
                )
    if problems:
        raise InputError(problems)
    refuse_duplicate_names(chosen)
    return chosen


def _find(name: str, folder: Path, load: Callable[[Path], Hypothesis | None]) -> Hypothesis | None:
    """The hypothesis named, or a member of its family (``serial_loop[vegf_source=PV]``)."""
    if is_member_name(name) and not _looks_like_path(name):
        try:
            family = _find_plain(parse_member_name(name)[0], folder, load)
            return None if family is None else member(family, name)
        except ValueError as error:
            raise InputError.at(COMMAND_LINE, str(error)) from None
    return _find_plain(name, folder, load)


def _find_plain(
    name: str, folder: Path, load: Callable[[Path], Hypothesis | None]
) -> Hypothesis | None:
    if _looks_like_path(name) or os.path.lexists(name):
        path = Path(name)
        if not os.path.lexists(path):
            raise InputError.at(COMMAND_LINE, f"{name}: no such hypothesis file")
        return load(path)  # read as a file: what is no regular file is refused there
    for suffix in HYPOTHESIS_SUFFIXES:
        candidate = folder / f"{name}{suffix}"
        if candidate.is_file():
            hypothesis = load(candidate)
            if hypothesis is None or hypothesis.name == name:
                return hypothesis
    for path in hypothesis_files(folder):
        hypothesis = load(path)
        if hypothesis is not None and hypothesis.name == name:
            return hypothesis
    return None


def refuse_duplicate_names(hypotheses: Sequence[Hypothesis]) -> None:
    seen: dict[str, Hypothesis] = {}
    for hypothesis in hypotheses:
        first = seen.setdefault(hypothesis.name, hypothesis)
        if first is not hypothesis:
            raise InputError.at(
                Location(hypothesis.file),
                f"hypothesis name '{hypothesis.name}' is used by {first.file} too",
            )


class Inventory(NamedTuple):
    """What ``pathcheck list`` shows: the hypotheses and outcome tables found."""

    folder: Path  # where the hypotheses were looked for
    hypotheses: tuple[Hypothesis, ...]
    tables: tuple[ExperimentFile, ...]

    def to_dict(self) -> dict[str, Any]:
        """Each hypothesis and table by name, file and title, as plain data."""
        return {
            "hypotheses_folder": str(self.folder),
            "hypotheses": [
                {
                    "name": h.name,
                    "title": h.title,
                    "file": h.file,
                    "choices": [c.name for c in h.choices],
                    "readouts": sorted(h.readouts),
                }
                for h in self.hypotheses
            ],
            "tables": [
                {"file": t.file, "title": t.title, "experiments": [e.id for e in t.experiments]}
                for t in self.tables
            ],
        }
