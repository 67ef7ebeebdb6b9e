"""Measured data written as an outcome table: MIDAS rows, discretised as stated.

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

from pathlib import Path

from pathcheck.export import quoted
from pathcheck.files import provenance
from pathcheck.loading.midas import Measurement, Midas
from pathcheck.problems import InputError, Location

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


def midas_table(data: Midas, discretise: str = "absolute:0.5", time: float | None = None) -> str:
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
    out = [
        f"# Imported by pathcheck from {name} (MIDAS): the rows measured at time {chosen:g};",
        f"# a read-out is observed 1 for {rule} (--discretise {discretise}), else 0.",
        f"title: {quoted(f'{name}, at time {chosen:g}')}",
        "source:",
        f"  citation: {quoted(f'MIDAS data set {provenance(data.file)}')}",
        "experiments:",
    ]
    for row in (r for r in data.rows if r.time == chosen):
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
            observed.append(f"{readout}: {'true' if high else 'false'}")
        if not observed:
            continue
        lines = [
            f"  - id: R{row.location.line}",
            f"    label: {quoted(_label(row))}",
            "    setting: midas",
        ]
        if row.stimuli:
            lines.append(f"    on: [{', '.join(row.stimuli)}]")
        if row.inhibited:
            lines.append(f"    off: [{', '.join(row.inhibited)}]")
        lines += [
            f"    observed: {{{', '.join(observed)}}}",
            f"    source: {quoted(f'{name}, line {row.location.line}: ' + '; '.join(evidence))}",
            "",
        ]
        out += lines
    return "\n".join(out).rstrip() + "\n"
