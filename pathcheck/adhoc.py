"""An ad-hoc experiment, as ``pathcheck predict`` runs it, bounded for models of any size.

Reachability is exact either way: explicit, state by state, while the state graph stays
within its bound (the fastest on small graphs), and past it symbolic, with BDDs
(:mod:`pathcheck.symbolic`), which the answer states. Fixed points are listed up to a
limit; past it, their number is counted with BDDs (:mod:`pathcheck.counting`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from pathcheck.defaults import DEFAULT_FIXED_POINT_LIMIT, DEFAULT_MAX_STATES
from pathcheck.model import Hypothesis
from pathcheck.outcomes import Clamps, network_of
from pathcheck.problems import StateSpaceTooLarge
from pathcheck.semantics import (
    Network,
    State,
    Value,
    fixed_points,
    predict,
)
from pathcheck.symbolic import SetAttractor, SymbolicTooLarge


class AdHoc(NamedTuple):
    hypothesis: Hypothesis
    setting: str | None
    clamps: Clamps
    start: Mapping[str, bool] | None  # the given start state, replacing the basal ones
    network: Network  # with inputs held and clamps applied
    basal: tuple[SetAttractor, ...] | None  # None: reachability could not be computed
    attractors: tuple[SetAttractor, ...] | None
    fixed_points: tuple[State, ...]  # the first ``fixed_point_limit`` when cut
    fixed_point_count: int
    excluded: tuple[State, ...]  # listed fixed points that no trajectory reaches
    bound_note: str | None  # how reachability was computed, when not explicitly
    engine: str = "explicit"  # "explicit" (state by state) or "symbolic" (BDDs)

    @property
    def fixed_points_complete(self) -> bool:
        return len(self.fixed_points) == self.fixed_point_count

    def readout(self, node: str) -> Value | None:
        """The predicted value, or ``None`` when reachability could not be computed."""
        if self.attractors is None:
            return None
        i = self.network.index[node]
        seen = {a.values[i] for a in self.attractors}
        if len(seen) == 1 and None not in seen:
            return bool(seen.pop())
        return "ambiguous"


SWITCH = 5_000  # states the explicit search may visit before the symbolic one takes over


def run(
    hypothesis: Hypothesis,
    setting: str | None,
    clamps: Clamps,
    start: Mapping[str, bool] | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    fixed_point_limit: int = DEFAULT_FIXED_POINT_LIMIT,
) -> AdHoc:
    """Explicitly while the state graph stays within a few thousand states (``max_states``,
    if lower), the fastest on small graphs; past it, symbolically with BDDs, exact
    whatever the size."""
    base = network_of(hypothesis)
    inputs = hypothesis.input_values(setting)
    held = inputs if start is None else {n: start.get(n, False) for n in inputs}
    network = base.clamp(held).clamp(clamps.values)
    explicit = min(max_states, SWITCH)
    try:
        result = predict(base, inputs, clamps.values, explicit, start, fixed_point_limit)
    except StateSpaceTooLarge:
        listed = fixed_points(network, fixed_point_limit + 1)
        try:
            basal, attractors = _symbolic(base, held, clamps.values, start)
        except SymbolicTooLarge as error:
            return AdHoc(
                hypothesis,
                setting,
                clamps,
                start,
                network,
                None,
                None,
                tuple(listed[:fixed_point_limit]),
                _count(network, listed, fixed_point_limit),
                (),
                f"the state graph passed {explicit:,} states, and symbolically {error}: the "
                "attractors and read-outs are unknown; the fixed points below are complete "
                "up to the listing limit",
                "symbolic",
            )
        reached = {a.states[0] for a in attractors if a.size == 1 and a.states}
        shown = tuple(listed[:fixed_point_limit])
        return AdHoc(
            hypothesis,
            setting,
            clamps,
            start,
            network,
            tuple(basal),
            tuple(attractors),
            shown,
            _count(network, listed, fixed_point_limit),
            tuple(s for s in shown if s not in reached),
            f"the state graph passed {explicit:,} states, so reachability was computed "
            "symbolically, with BDDs: exact all the same",
            "symbolic",
        )
    shown = result.fixed_points
    count = len(shown) if result.fixed_points_complete else _count(network, None, 0)
    width = len(result.network.nodes)
    return AdHoc(
        hypothesis,
        setting,
        clamps,
        start,
        result.network,
        tuple(listed_attractor(a, width) for a in result.basal),
        tuple(listed_attractor(a, width) for a in result.attractors),
        shown,
        count,
        result.excluded_fixed_points,
        None,
    )


def listed_attractor(states: tuple[State, ...], width: int) -> SetAttractor:
    """An attractor the explicit search found, in the form the symbolic one gives."""
    values: list[int | None] = []
    for i in range(width):
        seen = {(s >> i) & 1 for s in states}
        values.append(seen.pop() if len(seen) == 1 else None)
    return SetAttractor(len(states), tuple(values), states)


def _symbolic(
    base: Network,
    held: Mapping[str, bool],
    clamps: Mapping[str, bool],
    start: Mapping[str, bool] | None,
) -> tuple[list[SetAttractor], list[SetAttractor]]:
    """predict's semantics over BDDs: the basal attractors (or the start state), then the
    attractors reachable once the clamps apply."""
    from pathcheck.symbolic import attractors_from_attractors, reachable_attractors

    network = base.clamp(held)
    clamped = network.clamp(clamps)
    if start is None:
        return attractors_from_attractors(network, clamped, [network.state_of(held)], dict(clamps))
    state = network.state_of(start)
    on = clamped.state_of(clamps)
    off = clamped.state_of({name: True for name, value in clamps.items() if not value})
    basal = [listed_attractor((state,), len(network.nodes))]
    return basal, reachable_attractors(clamped, [(state | on) & ~off])


def _count(network: Network, listed: list[State] | None, limit: int) -> int:
    if listed is not None and len(listed) <= limit:
        return len(listed)
    from pathcheck.counting import count_fixed_points

    return count_fixed_points(network)


def parse_state(text: str, nodes: tuple[str, ...]) -> dict[str, bool]:
    """``"A=1,B=0"``: the named nodes' values; nodes not named are 0. Raises ValueError."""
    state: dict[str, bool] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, equals, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or value not in ("0", "1"):
            raise ValueError(f"'{item}' is not NODE=0 or NODE=1")
        if name not in nodes:
            raise ValueError(f"'{name}' is no node of the hypothesis")
        state[name] = value == "1"
    return state
