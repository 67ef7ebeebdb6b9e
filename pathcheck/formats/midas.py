"""Perturbation data in MIDAS, as CellNOpt and caspo write it.

A CSV file whose header names each column: ``TR:NAME`` a treatment (``TR:NAMEi`` an
inhibitor of NAME; ``TR:...:CellLine`` the cell line, ignored), ``DA:NAME`` the time a
read-out was measured, ``DV:NAME`` its value. Line endings may be CR (as in caspo's
data), LF or CRLF. Every cell that cannot be read is reported at its ``file:line:col``.

Measured data written as an outcome table: MIDAS rows, discretised as stated.

pathcheck's predictions are activity levels, 0 or 1, so each measured value is read as
one by a rule the table states in its header and each row repeats:

* ``absolute:T`` (the default, T = 0.5): 1 when the value is at least T, as caspo reads
  values normalised to [0, 1];
* ``control:D``: 1 when the value exceeds its control (the same treatments at time 0)
  by at least D: an increase over the control.

Only the rows at one time are kept (the latest, unless another is named); rows at time 0
are the controls.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import NamedTuple

from pathcheck.base.files import provenance
from pathcheck.base.problems import InputError, Location, Problem
from pathcheck.formats.notes import comment_lines
from pathcheck.formats.writing import quoted, scalar
from pathcheck.formats.yamlsource import Limits, read_text
from pathcheck.logic.rules import name_problem


class Measurement(NamedTuple):
    """One row: the treatments applied, when, and what each read-out measured."""

    stimuli: tuple[str, ...]  # switched on
    inhibited: tuple[str, ...]  # switched off (the ``i`` suffix dropped)
    time: float
    values: tuple[tuple[str, float], ...]  # read-out, value; a missing value left out
    location: Location
    missing: tuple[str, ...] = ()  # read-outs whose value is empty or no finite number


class Midas(NamedTuple):
    file: str
    treatments: tuple[str, ...]  # every TR column's node, stimuli and inhibited alike
    readouts: tuple[str, ...]
    rows: tuple[Measurement, ...]
    # the TR columns by kind: a stimulus is switched on or left off in every row, an
    # inhibitor switched off or left alone
    stimuli: tuple[str, ...] = ()
    inhibitors: tuple[str, ...] = ()
    dropped: tuple[Problem, ...] = ()  # columns not read (a cell line)

    @property
    def times(self) -> tuple[float, ...]:
        return tuple(sorted({r.time for r in self.rows}))


def read_midas(path: Path, limits: Limits | None = None) -> Midas:
    file = str(path)
    text = read_text(path, limits or Limits())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    problems: list[Problem] = []
    if not rows or not any(cell.startswith("TR:") for cell in rows[0]):
        raise InputError.at(Location(file, 1, 1), "not MIDAS: the header names no TR: column")
    header = [cell.strip() for cell in rows[0]]
    kinds: list[tuple[str, str, bool]] = []  # (kind, node, inhibitor)
    columns: dict[tuple[str, str, bool], int] = {}  # TR and DV columns, each once
    cell_lines: list[str] = []
    for column, cell in enumerate(header, start=1):
        here = Location(file, 1, column)
        kind, _, rest = cell.partition(":")
        if kind == "TR" and rest.endswith(":CellLine"):
            kinds.append(("cell", "", False))
            cell_lines.append(cell)
            continue
        if kind not in ("TR", "DA", "DV") or not rest:
            problems.append(Problem(here, f"'{cell}' is no MIDAS column (TR:, DA: or DV:)"))
            kinds.append(("skip", "", False))
            continue
        inhibitor = kind == "TR" and rest.endswith("i")
        node = rest[:-1] if inhibitor else rest
        problem = name_problem(node)
        if problem:
            problems.append(Problem(here, f"'{node}': {problem}"))
        if kind != "DA" and (kind, node, inhibitor) in columns:
            first = columns[(kind, node, inhibitor)]
            problems.append(Problem(here, f"'{cell}' is a column already (column {first})"))
        columns.setdefault((kind, node, inhibitor), column)
        kinds.append((kind, node, inhibitor))
    measured: list[Measurement] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            where = Location(file, number, 1)
            problems.append(Problem(where, f"{len(row)} cells where the header has {len(header)}"))
            continue
        stimuli: list[str] = []
        inhibited: list[str] = []
        values: list[tuple[str, float]] = []
        missing: list[str] = []
        times: set[float] = set()
        for column, (cell, (kind, node, inhibitor)) in enumerate(
            zip(row, kinds, strict=True), start=1
        ):
            if kind in ("cell", "skip"):
                continue
            here = Location(file, number, column)
            try:
                number_value = float(cell) if cell.strip() else math.nan
            except ValueError:
                problems.append(Problem(here, f"'{cell}' is not a number"))
                continue
            given = bool(cell.strip())  # an empty treatment is 0, an empty value missing
            if kind == "TR" and given and number_value not in (0, 1):
                problems.append(Problem(here, f"a treatment is 0 or 1, not '{cell}'"))
            elif kind == "TR" and number_value == 1:
                (inhibited if inhibitor else stimuli).append(node)
            elif kind == "DA" and given and not math.isfinite(number_value):
                problems.append(Problem(here, f"a time is a number, not '{cell}'"))
            elif kind == "DA" and given:
                times.add(number_value)
            elif kind == "DV" and math.isfinite(number_value):
                values.append((node, number_value))
            elif kind == "DV":
                missing.append(node)
        if len(times) > 1:
            where = Location(file, number, 1)
            problems.append(Problem(where, "the read-outs of one row are measured at one time"))
            continue
        time = times.pop() if times else 0.0
        where = Location(file, number, 1)
        measured.append(
            Measurement(
                tuple(stimuli), tuple(inhibited), time, tuple(values), where, tuple(missing)
            )
        )
    if problems:
        raise InputError(problems)
    treatments = tuple(dict.fromkeys(n for k, n, _ in kinds if k == "TR"))
    readouts = tuple(dict.fromkeys(n for k, n, _ in kinds if k == "DV"))
    switched_on = tuple(dict.fromkeys(n for k, n, i in kinds if k == "TR" and not i))
    switched_off = tuple(dict.fromkeys(n for k, n, i in kinds if k == "TR" and i))
    dropped = []
    if len(cell_lines) > 1:  # rows of several cell lines, read as one: say so
        message = f"not kept: the cell lines ({', '.join(cell_lines)}): their rows are read alike"
        dropped.append(Problem(Location(file, 1, 1), message))
    return Midas(
        file, treatments, readouts, tuple(measured), switched_on, switched_off, tuple(dropped)
    )


KINDS = ("absolute", "control")


def parse_discretise(text: str) -> tuple[str, float]:
    """``absolute:0.5`` -> ("absolute", 0.5); raise ValueError saying what is wrong."""
    kind, _, value = text.partition(":")
    if kind not in KINDS or not value:
        raise ValueError(f"'{text}' is not KIND:NUMBER with KIND absolute or control")
    try:
        threshold = float(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a number") from None
    if not 0 < threshold <= 1:
        raise ValueError(f"the threshold {threshold:g} is not in (0, 1]")
    return kind, threshold


def _label(row: Measurement) -> str:
    parts = [", ".join(row.stimuli)] if row.stimuli else []
    if row.inhibited:
        parts.append(", ".join(row.inhibited) + " inhibited")
    return "; ".join(parts) or "no treatment"


def midas_table(
    data: Midas, discretise: str = "absolute:0.5", time: float | None = None
) -> tuple[str, tuple[Problem, ...]]:
    kind, threshold = parse_discretise(discretise)
    later = [t for t in data.times if t > 0]
    if not later:
        raise InputError.at(Location(data.file, 1, 1), "no row measured after time 0")
    chosen = later[-1] if time is None else time
    if chosen not in later:
        shown = ", ".join(f"{t:g}" for t in later)
        raise InputError.at(Location(data.file, 1, 1), f"no row at time {chosen:g} ({shown})")
    controls = {
        (frozenset(r.stimuli), frozenset(r.inhibited)): dict(r.values)
        for r in data.rows
        if r.time == 0
    }
    rule = (
        f"a value of at least {threshold:g}"
        if kind == "absolute"
        else f"at least {threshold:g} above its control (the same treatments at time 0)"
    )
    name = Path(data.file).name
    dropped = list(data.dropped)
    rows = [r for r in data.rows if r.time == chosen]
    missing = [r for r in rows if r.missing]
    if missing:
        count = sum(len(r.missing) for r in missing)
        where = ", ".join(str(r.location.line) for r in missing[:5])
        more = ", ..." if len(missing) > 5 else ""
        message = (
            f"not kept: {count} value{'s' * (count != 1)} empty or no finite number (NaN, inf), "
            f"on lines {where}{more}: left out"
        )
        dropped.append(Problem(missing[0].location, message))
    body: list[str] = []
    for row in rows:
        control = controls.get((frozenset(row.stimuli), frozenset(row.inhibited)))
        if kind == "control" and control is None:
            raise InputError.at(
                row.location, "no control row (the same treatments at time 0) to compare with"
            )
        observed, evidence = [], []
        for readout, value in row.values:
            if kind == "absolute":
                high = value >= threshold
                evidence.append(f"{readout} {value:g}")
            else:
                base = (control or {}).get(readout)
                if base is None:
                    continue
                high = value - base >= threshold
                evidence.append(f"{readout} {value:g} (control {base:g})")
            observed.append(f"{scalar(readout)}: {'true' if high else 'false'}")
        if not observed:
            message = (
                f"not kept: line {row.location.line} has no value to observe at time {chosen:g}"
            )
            dropped.append(Problem(row.location, message))
            continue
        both = set(row.stimuli) & set(row.inhibited)
        if both:
            message = (
                f"not kept: {', '.join(sorted(both))} stimulated as well as inhibited: read as "
                "inhibited, as CellNOpt reads it"
            )
            dropped.append(Problem(row.location, message))
        lines = [
            f"  - id: R{row.location.line}",
            f"    label: {quoted(_label(row))}",
            "    setting: midas",
        ]
        stimulated = [scalar(n) for n in row.stimuli if n not in both]
        if stimulated:
            lines.append(f"    on: [{', '.join(stimulated)}]")
        if row.inhibited:
            lines.append(f"    off: [{', '.join(scalar(n) for n in row.inhibited)}]")
        lines += [
            f"    observed: {{{', '.join(observed)}}}",
            f"    source: {quoted(f'{name}, line {row.location.line}: ' + '; '.join(evidence))}",
            "",
        ]
        body += lines
    dropped.sort()
    out = [
        f"# Imported by pathcheck from {name} (MIDAS): the rows measured at time {chosen:g};",
        f"# a read-out is observed 1 for {rule} (--discretise {discretise}), else 0.",
        *comment_lines(dropped),
        f"title: {quoted(f'{name}, at time {chosen:g}')}",
        "source:",
        f"  citation: {quoted(f'MIDAS data set {provenance(data.file)}')}",
        "experiments:",
        *body,
    ]
    return "\n".join(out).rstrip() + "\n", tuple(dropped)
