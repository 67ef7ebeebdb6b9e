"""Where the files are: the user's folders when present, else the copies bundled in the package.

A hypothesis is named on the command line by its name or by a path to its file, so
that a user can compare a draft that lives anywhere against the bundled ones.

What a folder holds is found one way for every command (:func:`discover`): every file
below it, in subfolders too, whose name ends in ``.yaml`` or ``.yml`` (``.bnet`` too,
for hypotheses), in any case (``T.YAML``); names that start with a dot (``.git``, an
editor's lock file) are passed over, and so is ``catalogue.yaml`` at the top of an
outcome-table folder (design's catalogue, no table). Every file found is read, or the
command fails: a link to nothing, a subfolder that cannot be listed, a file that
cannot be read are errors, so that a gate never passes on tables it never read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pathcheck.base.files import listing
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


BUNDLED = "pathcheck:"  # pathcheck:serial, pathcheck:deyama2019: the copy bundled with pathcheck


def bundled(kind: str) -> Path:
    """The bundled ``hypotheses`` or ``experiments`` folder (or ``pathcheck.toml``, their
    project file) of this installation."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "bundled" / kind
    return packaged if packaged.exists() else package.parent / kind  # a source checkout


def is_bundled(file: str | Path) -> bool:
    """Whether ``file`` is one of the copies bundled with pathcheck."""
    try:
        path = Path(file).resolve()
    except (OSError, RuntimeError):
        return False
    return any(path.is_relative_to(bundled(kind)) for kind in ("hypotheses", "experiments"))


def bundled_names(kind: str) -> list[str]:
    """The bundled hypotheses' or tables' names, as ``pathcheck:NAME`` takes them."""
    return sorted(p.stem for p in discover(bundled(kind), YAML_SUFFIXES, skip=(CATALOGUE_NAME,)))


def default_tables(hypotheses: Sequence[str | Path]) -> list[Path]:
    """Where the outcome tables are when none is named: ./experiments (else the bundled
    tables) for a project's own hypotheses, the bundled tables for the bundled copies,
    both when both are compared. ``hypotheses`` are their files."""
    local = Path("experiments")
    own = local if local.is_dir() else bundled("experiments")
    folders = [own] if not hypotheses or not all(is_bundled(h) for h in hypotheses) else []
    if any(is_bundled(h) for h in hypotheses):
        folders.append(bundled("experiments"))
    unique = {folder.resolve(): folder for folder in reversed(folders)}  # the first kept
    return list(reversed(unique.values()))


def hypotheses_dir(option: Path | None) -> Path:
    if option is not None:
        if not option.is_dir():
            raise InputError.at(COMMAND_LINE, f"hypotheses folder {option}: no such folder")
        return option
    local = Path("hypotheses")
    return local if local.is_dir() else bundled("hypotheses")


def discover(folder: Path, suffixes: tuple[str, ...], skip: Iterable[str] = ()) -> list[Path]:
    """Every file below ``folder``, subfolders included, whose name ends in one of
    ``suffixes`` (in any case), sorted; names starting with a dot are passed over, and
    those in ``skip`` at the top. A link to nothing, or a folder that cannot be listed,
    is an error: what it holds would otherwise be missed without a word."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    folders = [folder]
    while folders:
        current = folders.pop()
        real = current.resolve()
        if real in seen:  # a link back up the tree
            continue
        seen.add(real)
        for entry in listing(current):
            if entry.name.startswith(".") or (current == folder and entry.name in skip):
                continue
            if entry.is_symlink() and not os.path.exists(entry):
                target = os.readlink(entry)
                message = f"a link to {target}, which does not exist: nothing there was read"
                problems.append(Problem(Location(str(entry), 0, 0), message))
            elif entry.is_dir():
                folders.append(entry)
            elif entry.suffix.lower() in suffixes:
                found.append(entry)  # read as a file: what is no regular file is refused there
    if problems:
        raise InputError(problems)
    return sorted(found)


def hypothesis_files(folder: Path) -> list[Path]:
    """Hypotheses below a folder: YAML files and .bnet models."""
    return discover(folder, HYPOTHESIS_SUFFIXES)


CATALOGUE_NAME = "catalogue.yaml"


def catalogue_path(option: Path | None) -> Path:
    """The catalogue of manipulations: the one given, else ./experiments/catalogue.yaml,
    else the bundled one."""
    if option is not None:
        return option
    local = Path("experiments") / CATALOGUE_NAME
    return local if local.is_file() else bundled("experiments") / CATALOGUE_NAME


def experiment_paths(options: Sequence[Path], hypotheses: Sequence[str | Path] = ()) -> list[Path]:
    """The outcome tables: each option a file, a folder of them, or a bundled table
    (``pathcheck:deyama2019``; ``pathcheck:`` alone, every one); by default those of the
    ``hypotheses`` files (:func:`default_tables`)."""
    if not options:
        options = default_tables(hypotheses)
    paths: list[Path] = []
    for option in options:
        if str(option).startswith(BUNDLED):
            paths.extend(_bundled_tables(str(option)[len(BUNDLED) :]))
        elif option.is_dir():  # the catalogue of manipulations beside them is no table
            paths.extend(discover(option, YAML_SUFFIXES, skip=(CATALOGUE_NAME,)))
        elif os.path.lexists(option):
            paths.append(option)  # read as a file: what is no regular file is refused there
        else:
            raise InputError.at(COMMAND_LINE, f"experiments {option}: no such file or folder")
    return list(dict.fromkeys(paths))


def _bundled_tables(name: str) -> list[Path]:
    folder = bundled("experiments")
    if not name:
        return discover(folder, YAML_SUFFIXES, skip=(CATALOGUE_NAME,))
    path = folder / f"{name}.yaml"
    if name in bundled_names("experiments"):
        return [path]
    known = bundled_names("experiments")
    raise InputError.at(
        COMMAND_LINE,
        f"no bundled table '{name}'{did_you_mean(name, known)}; bundled: "
        f"{', '.join(known)} (pathcheck:NAME, or pathcheck: for all)",
    )


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
            problems.append(
                Problem(COMMAND_LINE, f"no hypothesis files (*.yaml, *.yml, *.bnet) in {folder}")
            )
        chosen = found
    else:
        chosen = []
        home = bundled("hypotheses")
        for name in names:
            if name.startswith(BUNDLED):
                hypothesis = _find(name[len(BUNDLED) :], home, load)
            else:  # the project's, else the bundled copy
                hypothesis = _find(name, folder, load) or _find(name, home, load)
            if hypothesis is not None:
                if all(h is not hypothesis for h in chosen):
                    chosen.append(hypothesis)
            elif not problems:
                problems.append(Problem(COMMAND_LINE, _unknown(name, folder, load)))
    if problems:
        raise InputError(problems)
    refuse_duplicate_names(chosen)
    return chosen


def _unknown(name: str, folder: Path, load: Callable[[Path], Hypothesis | None]) -> str:
    """No hypothesis of that name: the close one, what the folder holds, what is bundled
    and how to name it."""
    plain = name.removeprefix(BUNDLED)
    home = bundled("hypotheses")
    own = [] if folder.resolve() == home.resolve() else hypothesis_files(folder)
    known = [h.name for h in (load(p) for p in own) if h is not None]
    shipped = bundled_names("hypotheses")
    where = "among the bundled ones" if name.startswith(BUNDLED) or not own else f"in {folder}"
    message = f"no hypothesis '{plain}' {where}{did_you_mean(plain, [*known, *shipped])}"
    if own:
        message += f"; in {folder}: {', '.join(sorted(known)) or 'none'}"
    return f"{message}; bundled with pathcheck: {', '.join(shipped)}"


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
