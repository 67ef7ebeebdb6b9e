"""What ``predict`` shows: the states before and after the clamps, and the read-outs."""

from __future__ import annotations

from typing import NamedTuple

from pathcheck.adhoc import AdHoc
from pathcheck.render.cells import value_text
from pathcheck.semantics import Network, State
from pathcheck.symbolic import SetAttractor


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
    network: Network, title: str, label: str, attractors: tuple[SetAttractor, ...]
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
    if adhoc.bound_note:
        lines.append(f"reachability: {adhoc.bound_note}")
    if not adhoc.fixed_points_complete:
        lines.append(
            f"! fixed points: listing the first {len(adhoc.fixed_points):,} of "
            f"{adhoc.fixed_point_count:,} (counted with BDDs); --max-fixed-points lists more"
        )
    return lines


def grids(adhoc: AdHoc) -> list[Grid]:
    network = adhoc.network
    shown: list[Grid] = []
    if adhoc.basal is not None:
        title = (
            "Start state (given)"
            if adhoc.start is not None
            else "Basal attractor states (before the clamps)"
        )
        shown.append(_attractors(network, title, "basal", adhoc.basal))
    excluded = set(adhoc.excluded)
    reached = "not reached" if adhoc.attractors is not None else "reachability unknown"
    fixed = [
        ("not reached" if s in excluded else reached if adhoc.attractors is None else "reached", s)
        for s in adhoc.fixed_points
    ]
    title = f"Fixed points under the clamps ({adhoc.fixed_point_count:,})"
    shown.append(_states(network, title, fixed))
    if adhoc.attractors is not None:
        title = "Attractors reachable from there"
        shown.append(_attractors(network, title, "attractor", adhoc.attractors))
    outs = tuple(
        (r, node, "unknown" if adhoc.attractors is None else value_text(adhoc.readout(node)))
        for r, node in adhoc.hypothesis.readouts.items()
    )
    shown.append(Grid("Read-outs", ("read-out", "node", "predicted"), outs))
    return shown
