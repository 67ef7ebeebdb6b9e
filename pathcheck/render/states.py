"""What ``predict`` shows: the states before and after the clamps, and the read-outs."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pathcheck.base.problems import one_line
from pathcheck.render.cells import value_word

if TYPE_CHECKING:
    from pathcheck.analysis.predict import Attractor, Prediction, State


class Grid(NamedTuple):
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _row(label: str, nodes: list[str], state: State) -> tuple[str, ...]:
    return (label, *(str(state[n]) for n in nodes))


def _attractors(nodes: list[str], title: str, label: str, attractors: list[Attractor]) -> Grid:
    """A row per state of each attractor; an attractor too large to list is one row, each
    node's value in it, '*' where it varies."""
    body: list[tuple[str, ...]] = []
    for i, attractor in enumerate(attractors, start=1):
        name = f"{label} {i}" + (" (cycle)" if attractor.size > 1 else "")
        if attractor.states is not None:
            body += [_row(name, nodes, state) for state in attractor.states]
        else:
            shown = (
                "*" if attractor.values[n] is None else str(attractor.values[n]) for n in nodes
            )
            body.append((f"{name}, {attractor.size:,} states", *shown))
    return Grid(title, ("", *nodes), tuple(body))


def heading(found: Prediction) -> list[str]:
    name = found.hypothesis.name
    clamped = ", ".join(f"{n}={int(v)}" for n, v in found.clamps.items()) or "none"
    start = (
        "a given state" if found.start is not None else f"setting {found.setting or '(default)'}"
    )
    lines = [f"{name} · from {start} · clamps: {clamped}"]
    lines += [
        f"† {selector} matches no node of {name}: it changes nothing here"
        for selector in found.unmatched
    ]
    if found.note:
        lines.append(f"reachability: {found.note}")
    if not found.fixed_points_complete:
        lines.append(
            f"! fixed points: listing the first {len(found.fixed_points):,} of "
            f"{found.fixed_point_count:,} (counted with BDDs); --max-fixed-points lists more"
        )
    return lines


def grids(found: Prediction) -> list[Grid]:
    nodes = found.nodes
    shown: list[Grid] = []
    if found.basal is not None:
        title = (
            "Start state (given)"
            if found.start is not None
            else "Basal attractor states (before the clamps)"
        )
        shown.append(_attractors(nodes, title, "basal", found.basal))
    excluded = {tuple(s.values()) for s in found.excluded_fixed_points}
    fixed = []
    for state in found.fixed_points:
        if found.attractors is None:
            label = "reachability unknown"
        else:
            label = "not reached" if tuple(state.values()) in excluded else "reached"
        fixed.append(_row(label, nodes, state))
    title = f"Fixed points under the clamps ({found.fixed_point_count:,})"
    shown.append(Grid(title, ("", *nodes), tuple(fixed)))
    if found.attractors is not None:
        title = "Attractors reachable from there"
        shown.append(_attractors(nodes, title, "attractor", found.attractors))
    outs = tuple(
        (one_line(readout), found.readout_nodes[readout], value_word(value))
        for readout, value in found.readouts.items()
    )
    shown.append(Grid("Read-outs", ("read-out", "node", "predicted"), outs))
    return shown
