"""An ad-hoc experiment, as ``pathcheck predict`` runs it, bounded for models of any size.

Reachability is exhaustive, so on a large model it may visit more states than its
bound: the answer then says so plainly and still gives the fixed points, which a SAT
query finds without walking the state graph. Fixed points are listed up to a limit;
past it, their number is counted with BDDs (:mod:`pathcheck.counting`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from pathcheck.defaults import DEFAULT_FIXED_POINT_LIMIT, DEFAULT_MAX_STATES
from pathcheck.model import Hypothesis
from pathcheck.outcomes import Clamps, network_of
from pathcheck.problems import StateSpaceTooLarge
from pathcheck.semantics import (
    Attractor,
    Network,
    State,
    Value,
    fixed_points,
    predict,
)


class AdHoc(NamedTuple):
    hypothesis: Hypothesis
    setting: str | None
    clamps: Clamps
    start: Mapping[str, bool] | None  # the given start state, replacing the basal ones
    network: Network  # with inputs held and clamps applied
    basal: tuple[Attractor, ...] | None  # None: reachability passed its bound first
    attractors: tuple[Attractor, ...] | None
    fixed_points: tuple[State, ...]  # the first ``fixed_point_limit`` when cut
    fixed_point_count: int
    excluded: tuple[State, ...]  # listed fixed points that no trajectory reaches
    bound_note: str | None  # why reachability stopped, if it did

    @property
    def fixed_points_complete(self) -> bool:
        return len(self.fixed_points) == self.fixed_point_count

    def readout(self, node: str) -> Value | None:
        """The predicted value, or ``None`` when reachability could not be computed."""
        if self.attractors is None:
            return None
        bit = 1 << self.network.index[node]
        seen = {bool(s & bit) for a in self.attractors for s in a}
        return seen.pop() if len(seen) == 1 else "ambiguous"


def run(
    hypothesis: Hypothesis,
    setting: str | None,
    clamps: Clamps,
    start: Mapping[str, bool] | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    fixed_point_limit: int = DEFAULT_FIXED_POINT_LIMIT,
) -> AdHoc:
    base = network_of(hypothesis)
    inputs = hypothesis.input_values(setting)
    held = inputs if start is None else {n: start.get(n, False) for n in inputs}
    network = base.clamp(held).clamp(clamps.values)
    try:
        result = predict(base, inputs, clamps.values, max_states, start, fixed_point_limit)
    except StateSpaceTooLarge as error:
        listed = fixed_points(network, fixed_point_limit + 1)
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
            f"{error}; the fixed points below are complete up to the listing limit, "
            "the attractors and read-outs unknown",
        )
    shown = result.fixed_points
    count = len(shown) if result.fixed_points_complete else _count(network, None, 0)
    return AdHoc(
        hypothesis,
        setting,
        clamps,
        start,
        result.network,
        result.basal,
        result.attractors,
        shown,
        count,
        result.excluded_fixed_points,
        None,
    )


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
