"""What ``predict`` shows: the states before and after the clamps, and the read-outs."""

from __future__ import annotations

from typing import NamedTuple

from pathcheck.adhoc import AdHoc
from pathcheck.render.cells import value_text
from pathcheck.semantics import Attractor, Network, State


class Grid(NamedTuple):
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _states(network: Network, title: str, rows: list[tuple[str, State]]) -> Grid:
    body = []
    for label, state in rows:
        values = network.state_dict(state)
        body.append((label, *(str(values[n]) for n in network.nodes)))
    return Grid(title, ("", *network.nodes), tuple(body))


def _attractors(
    network: Network, title: str, label: str, attractors: tuple[Attractor, ...]
) -> Grid:
    """A row per state of each attractor; an attractor too large to list is one row, each
    node's value in it, '*' where it varies."""
    body: list[tuple[str, ...]] = []
    for i, attractor in enumerate(attractors, start=1):
        name = f"{label} {i}" + (" (cycle)" if attractor.size > 1 else "")
        if attractor.states is not None:
            for state in attractor.states:
                values = network.state_dict(state)
                body.append((name, *(str(values[n]) for n in network.nodes)))
        else:
            shown = ("*" if v is None else str(v) for v in attractor.values)
            body.append((f"{name}, {attractor.size:,} states", *shown))
    return Grid(title, ("", *network.nodes), tuple(body))


def heading(adhoc: AdHoc) -> list[str]:
    name = adhoc.hypothesis.name
    clamped = ", ".join(f"{n}={int(v)}" for n, v in adhoc.clamps.values.items()) or "none"
    start = (
        "a given state" if adhoc.start is not None else f"setting {adhoc.setting or '(default)'}"
    )
    lines = [f"{name} · from {start} · clamps: {clamped}"]
    lines += [
        f"† {selector} matches no node of {name}: it changes nothing here"
        for selector in adhoc.clamps.unmatched
    ]
    found = adhoc.prediction
    if found.note or found.unknown:
        lines.append(f"reachability: {found.note or found.unknown}")
    if not found.fixed_points_complete:
        lines.append(
            f"! fixed points: listing the first {len(found.fixed_points):,} of "
            f"{found.fixed_point_count:,} (counted with BDDs); --max-fixed-points lists more"
        )
    return lines


def grids(adhoc: AdHoc) -> list[Grid]:
    found = adhoc.prediction
    network = found.network
    shown: list[Grid] = []
    if found.basal is not None:
        title = (
            "Start state (given)"
            if adhoc.start is not None
            else "Basal attractor states (before the clamps)"
        )
        shown.append(_attractors(network, title, "basal", found.basal))
    excluded = set(found.excluded_fixed_points)
    fixed = [
        (
            "reachability unknown"
            if found.attractors is None
            else "not reached"
            if s in excluded
            else "reached",
            s,
        )
        for s in found.fixed_points
    ]
    title = f"Fixed points under the clamps ({found.fixed_point_count:,})"
    shown.append(_states(network, title, fixed))
    if found.attractors is not None:
        title = "Attractors reachable from there"
        shown.append(_attractors(network, title, "attractor", found.attractors))
    outs = tuple(
        (r, node, value_text(found.value(node)) if found.attractors is not None else "unknown")
        for r, node in adhoc.hypothesis.readouts.items()
    )
    shown.append(Grid("Read-outs", ("read-out", "node", "predicted"), outs))
    return shown
