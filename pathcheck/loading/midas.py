"""Perturbation data in MIDAS, as CellNOpt and caspo write it.

A CSV file whose header names each column: ``TR:NAME`` a treatment (``TR:NAMEi`` an
inhibitor of NAME; ``TR:...:CellLine`` the cell line, ignored), ``DA:NAME`` the time a
read-out was measured, ``DV:NAME`` its value. Line endings may be CR (as in caspo's
data), LF or CRLF. Every cell that cannot be read is reported at its ``file:line:col``.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import NamedTuple

from pathcheck.loading.yamlsource import Limits, read_text
from pathcheck.problems import InputError, Location, Problem
from pathcheck.rules import name_problem


class Measurement(NamedTuple):
    """One row: the treatments applied, when, and what each read-out measured."""

    stimuli: tuple[str, ...]  # switched on
    inhibited: tuple[str, ...]  # switched off (the ``i`` suffix dropped)
    time: float
    values: tuple[tuple[str, float], ...]  # read-out, value; a missing value left out
    location: Location


class Midas(NamedTuple):
    file: str
    treatments: tuple[str, ...]  # every TR column's node, stimuli and inhibited alike
    readouts: tuple[str, ...]
    rows: tuple[Measurement, ...]

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
    for column, cell in enumerate(header, start=1):
        here = Location(file, 1, column)
        kind, _, rest = cell.partition(":")
        if kind == "TR" and rest.endswith(":CellLine"):
            kinds.append(("cell", "", False))
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
            if kind == "TR" and not math.isnan(number_value) and number_value not in (0, 1):
                problems.append(Problem(here, f"a treatment is 0 or 1, not '{cell}'"))
            elif kind == "TR" and number_value == 1:
                (inhibited if inhibitor else stimuli).append(node)
            elif kind == "DA" and not math.isnan(number_value):
                times.add(number_value)
            elif kind == "DV" and not math.isnan(number_value):
                values.append((node, number_value))
        if len(times) > 1:
            where = Location(file, number, 1)
            problems.append(Problem(where, "the read-outs of one row are measured at one time"))
            continue
        time = times.pop() if times else 0.0
        measured.append(
            Measurement(
                tuple(stimuli), tuple(inhibited), time, tuple(values), Location(file, number, 1)
            )
        )
    if problems:
        raise InputError(problems)
    treatments = tuple(dict.fromkeys(n for k, n, _ in kinds if k == "TR"))
    readouts = tuple(dict.fromkeys(n for k, n, _ in kinds if k == "DV"))
    return Midas(file, treatments, readouts, tuple(measured))
