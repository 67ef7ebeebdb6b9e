"""One prediction, whichever engine computed it.

An experiment's prediction (the semantics in ``docs/semantics.md``) is asked of the
explicit search first (:mod:`pathcheck.engine.explicit`): state by state, the fastest while
the state graph is small. Past ``max_states`` visited states the same question goes to
the symbolic engine (:mod:`pathcheck.engine.symbolic`), exact with BDDs whatever the number of
states. Only when a set of states outgrows the BDD bound as well is reachability left
unknown: the prediction then says why, and its fixed points are still listed.

Example: ``a`` and ``b`` release each other, ``c`` needs both::

    >>> from pathcheck.engine.explicit import Network
    >>> net = Network.build({"a": "b", "b": "a", "c": "a & b"})
    >>> p = predict(net, inputs={}, clamps={})
    >>> [net.state_dict(s) for s in p.fixed_points]    # both loops are fixed points...
    [{'a': 0, 'b': 0, 'c': 0}, {'a': 1, 'b': 1, 'c': 1}]
    >>> p.value("c")                                  # ...but only 'all off' is reached
    False
    >>> predict(net, inputs={}, clamps={"a": True}).value("c")
    True
    >>> cycle = Network.build({"a": "~b", "b": "a"})   # a negative loop: 4 states cycle
    >>> p = predict(cycle, inputs={}, clamps={}, max_states=2)
    >>> p.engine, [a.size for a in p.attractors]         # past the bound: BDDs
    ('symbolic', [4])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pathcheck.base.defaults import DEFAULT_MAX_STATES
from pathcheck.base.problems import StateSpaceTooLarge
from pathcheck.engine.explicit import (
    AMBIGUOUS,
    UNKNOWN,
    Network,
    PackedAttractor,
    Predicted,
    State,
    States,
    Value,
    fixed_points,
    reachable_attractors,
)

Engine = Literal["explicit", "symbolic"]


@dataclass(frozen=True)
class Reached:
    """What a network does under an intervention, and the states it started from: the
    engine's answer, in bit-packed states. (The public :class:`pathcheck.Prediction`
    wraps it with the hypothesis, the setting and the selectors resolved.)

    ``basal`` and ``attractors`` are ``None`` only when reachability is unknown;
    ``unknown`` then says why.
    """

    network: Network  # with the setting's inputs and the experiment's clamps applied
    basal: tuple[PackedAttractor, ...] | None  # or, from a given state, that state alone
    attractors: tuple[PackedAttractor, ...] | None
    engine: Engine = "explicit"
    note: str | None = None  # how reachability was computed, when not explicitly
    unknown: str | None = None
    fixed_point_limit: int | None = None  # list at most this many fixed points

    @cached_property
    def _found(self) -> list[State]:
        """The fixed points, searched one past the limit to learn whether it cuts them."""
        limit = self.fixed_point_limit
        return fixed_points(self.network, None if limit is None else limit + 1)

    @property
    def fixed_points(self) -> tuple[State, ...]:
        return tuple(self._found[: self.fixed_point_limit])

    @property
    def fixed_points_complete(self) -> bool:
        """Whether ``fixed_points`` lists them all (else it stops at the limit)."""
        limit = self.fixed_point_limit
        return limit is None or len(self._found) <= limit

    @cached_property
    def fixed_point_count(self) -> int:
        """All of them, counted with BDDs when the listing stops at its limit."""
        if self.fixed_points_complete:
            return len(self._found)
        from pathcheck.engine.bdd import count_fixed_points

        return count_fixed_points(self.network)

    @property
    def excluded_fixed_points(self) -> tuple[State, ...]:
        """Fixed points of the clamped network that no trajectory from the basal states
        reaches (none are known excluded while reachability is unknown)."""
        if self.attractors is None:
            return ()
        reached = {a.states[0] for a in self.attractors if a.size == 1 and a.states}
        return tuple(s for s in self.fixed_points if s not in reached)

    def value(self, node: str) -> Predicted:
        """0 or 1 in every state of every reachable attractor, else ambiguous; unknown
        when reachability is."""
        if self.attractors is None:
            return UNKNOWN
        i = self.network.index[node]
        seen = {a.values[i] for a in self.attractors}
        return bool(seen.pop()) if len(seen) == 1 and None not in seen else AMBIGUOUS

    def values_by_attractor(self, node: str) -> tuple[Value, ...]:
        """The node's value in each reachable attractor: what an ambiguous answer is made of."""
        if self.attractors is None:
            return ()
        i = self.network.index[node]
        return tuple(
            AMBIGUOUS if a.values[i] is None else bool(a.values[i]) for a in self.attractors
        )


def predict(
    network: Network,
    inputs: Mapping[str, bool],
    clamps: Mapping[str, bool],
    max_states: int = DEFAULT_MAX_STATES,
    start: Mapping[str, bool] | None = None,
    fixed_point_limit: int | None = None,
) -> Reached:
    """Basal attractors of the setting, then the attractors reached after the clamps:
    explicitly within ``max_states`` visited states, symbolically past them.

    With ``start`` (a node's value; nodes not named are 0), that state replaces the basal
    ones, its inputs held at the values it gives them.
    """
    if start is None:
        held = network.clamp(inputs)
        first = held.state_of(inputs)
    else:
        held = network.clamp({name: start.get(name, False) for name in inputs})
        first = held.state_of(start)
    clamped = held.clamp(clamps)
    width = len(network.nodes)
    try:
        basal: list[States] = [(first,)]
        if start is None:
            basal = reachable_attractors(held, [first], max_states)
        if clamps or start is not None:
            on, off = _masks(clamped, clamps)
            starts = {(state | on) & ~off for attractor in basal for state in attractor}
            after = reachable_attractors(clamped, starts, max_states)
        else:  # the basal attractors are closed: from them, they are all one reaches
            after = basal
    except StateSpaceTooLarge as error:
        return _symbolic(held, clamped, first, start is None, clamps, error, fixed_point_limit)
    return Reached(
        clamped,
        tuple(PackedAttractor.of(a, width) for a in basal),
        tuple(PackedAttractor.of(a, width) for a in after),
        fixed_point_limit=fixed_point_limit,
    )


def _masks(clamped: Network, clamps: Mapping[str, bool]) -> tuple[State, State]:
    """The bits the clamps set and clear: a state ``s`` starts the experiment as
    ``(s | on) & ~off``. Computed once per prediction, not once per basal state."""
    on = clamped.state_of(clamps)
    off = clamped.state_of({name: True for name, value in clamps.items() if not value})
    return on, off


def _symbolic(
    held: Network,
    clamped: Network,
    first: State,
    from_basal: bool,
    clamps: Mapping[str, bool],
    bound: StateSpaceTooLarge,
    fixed_point_limit: int | None,
) -> Reached:
    from pathcheck.engine.symbolic import (
        SymbolicTooLarge,
        attractors_from_attractors,
    )
    from pathcheck.engine.symbolic import (
        reachable_attractors as reachable_sets,
    )

    passed = f"the state graph passed {bound.bound:,} states (--max-states)"
    try:
        if from_basal:
            basal, after = attractors_from_attractors(held, clamped, [first], dict(clamps))
        else:
            basal = [PackedAttractor.of((first,), len(held.nodes))]
            on, off = _masks(clamped, clamps)
            after = reachable_sets(clamped, [(first | on) & ~off])
    except SymbolicTooLarge as error:
        return Reached(
            clamped,
            None,
            None,
            "symbolic",
            unknown=f"{passed}, and symbolically {error}: reachability is unknown",
            fixed_point_limit=fixed_point_limit,
        )
    return Reached(
        clamped,
        tuple(basal),
        tuple(after),
        "symbolic",
        note=f"{passed}, so reachability was computed symbolically, with BDDs: exact all the same",
        fixed_point_limit=fixed_point_limit,
    )
