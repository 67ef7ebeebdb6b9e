"""What ``predict`` shows: the states before and after the clamps, and the read-outs."""

from __future__ import annotations

from typing import NamedTuple

from pathcheck.outcomes import Clamps
from pathcheck.render.cells import value_text
from pathcheck.semantics import Network, Prediction, State


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


def heading(name: str, setting: str | None, clamps: Clamps) -> list[str]:
    clamped = ", ".join(f"{n}={int(v)}" for n, v in clamps.values.items()) or "none"
    lines = [f"{name} · setting {setting or '(default)'} · clamps: {clamped}"]
    lines += [
        f"† {selector} matches no node of {name}: it changes nothing here"
        for selector in clamps.unmatched
    ]
    return lines


def grids(result: Prediction, readouts: dict[str, str]) -> list[Grid]:
    network = result.network
    basal = [(f"basal {i + 1}", s) for i, a in enumerate(result.basal) for s in a]
    excluded = set(result.excluded_fixed_points)
    fixed = [("not reached" if s in excluded else "reached", s) for s in result.fixed_points]
    reached = [
        (f"attractor {i + 1}" + (" (cycle)" if len(a) > 1 else ""), s)
        for i, a in enumerate(result.attractors)
        for s in a
    ]
    outs = tuple((r, node, value_text(result.value(node))) for r, node in readouts.items())
    return [
        _states(network, "Basal attractor states (before the clamps)", basal),
        _states(network, f"Fixed points under the clamps ({len(fixed)})", fixed),
        _states(network, "Attractors reachable from the basal states", reached),
        Grid("Read-outs", ("read-out", "node", "predicted"), outs),
    ]
