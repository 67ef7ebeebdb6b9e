"""Asynchronous reachability and attractors with BDDs: exact, with no bound on states.

The explicit search (:func:`pathcheck.engine.explicit.reachable_attractors`) walks states one
at a time, about 30 µs each, so it stops at a bound; pyboolnet's 103-node jaoude_thdiff
reaches 19 million states. Here sets of states are BDDs (``dd``, with CUDD), as in AEON
and pyboolnet's symbolic tools:

* the asynchronous successors of a set through node ``x`` are the states of the set in
  which ``x`` differs from its rule, with ``x`` flipped; its predecessors, the set with
  ``x`` flipped, kept where ``x`` then differs from its rule;
* forward (backward) reachability applies these images to a fixed point by saturation;
* attractors, the terminal strongly connected components, are found by descending: from
  a state of the reachable set, move to any state of its forward set that cannot reach
  it back, until the forward set of the state is inside its backward set: that forward
  set is an attractor. Remove its basin and repeat until nothing reachable is left.

Same semantics as the explicit search, checked against it and against brute force on
random networks (``tests/engine/test_symbolic.py``).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from typing import Any

from pathcheck.engine.bdd import Diagrams, xor
from pathcheck.engine.explicit import LISTED, Attractor, Network, State
from pathcheck.logic.formula import fold

MAX_NODES = 2_000_000  # BDD nodes of one set of states (about 64 MB in CUDD)


class SymbolicTooLarge(Exception):
    """A set of states whose BDD grew past the bound: the question is left unanswered
    rather than left to run for hours. Every model of pyboolnet's repository stays far
    below it; transition-guided reduction, as AEON has it, would push it further."""

    def __init__(self, bound: int) -> None:
        super().__init__(f"a set of reachable states needs more than {bound:,} BDD nodes")
        self.bound = bound


class _Sets:
    """State sets of one network as BDDs, with its asynchronous images."""

    def __init__(self, network: Network, bdd: Any = None) -> None:
        from pathcheck.engine.bdd import new_manager

        self.network = network
        self.max_nodes = MAX_NODES  # read at each use: a test may lower it
        self.names = [f"v{i}" for i in range(len(network.nodes))]  # any node name is legal
        if bdd is None:
            bdd = new_manager()
            bdd.declare(*self.names)
        self.bdd = bdd
        algebra = Diagrams(self.bdd, {n: v for n, v in zip(network.nodes, self.names, strict=True)})
        self.vars = [self.bdd.var(v) for v in self.names]
        self.negated = [~v for v in self.vars]
        # where each node differs from its rule: it can move there
        self.moves = [
            (i, xor(self.vars[i], fold(network.rules[name], algebra)))
            for i, name in reversed(list(enumerate(network.nodes)))
            if network.rules[name] != _symbol(name)
        ]  # the last variable, at the bottom of the order, first: saturation's order

    def state(self, state: State) -> Any:
        literals = [v if (state >> i) & 1 else ~v for i, v in enumerate(self.vars)]
        return functools.reduce(operator.and_, literals, self.bdd.true)

    def flip(self, i: int, states: Any) -> Any:
        """The states with node ``i`` flipped: one substitution, x := not x."""
        return self.bdd.let({self.names[i]: self.negated[i]}, states)

    def forward(self, states: Any, within: Any = None) -> Any:
        return self._closure(states, lambda i, moves, s: self.flip(i, s & moves), within)

    def backward(self, states: Any, within: Any = None) -> Any:
        return self._closure(states, lambda i, moves, s: self.flip(i, s) & moves, within)

    def _closure(self, states: Any, image: Any, within: Any) -> Any:
        """Saturation, as AEON does it: apply one node's image until it adds nothing,
        and after every gain start again from the node at the bottom of the order.
        Sets stay small where a breadth-first sweep over all nodes blows up (grieco_mapk's
        attractors of a trillion states: minutes breadth-first, about a second here)."""
        reached = states
        k = 0
        while k < len(self.moves):
            i, moves = self.moves[k]
            new = image(i, moves, reached)
            if within is not None:
                new &= within
            grown = reached | new
            if grown == reached:
                k += 1
                continue
            reached, k = grown, 0
            if len(reached) > self.max_nodes:
                raise SymbolicTooLarge(self.max_nodes)
        return reached

    def pick(self, states: Any) -> Any:
        assignment = self.bdd.pick(states, care_vars=self.names)
        return self.state(sum(1 << i for i, v in enumerate(self.names) if assignment[v]))

    def attractor(self, states: Any) -> Attractor:
        size = int(self.bdd.count(states, nvars=len(self.names)))
        values: list[int | None] = []
        for var in self.vars:
            if states & ~var == self.bdd.false:
                values.append(1)
            elif states & var == self.bdd.false:
                values.append(0)
            else:
                values.append(None)
        listed = None
        if size <= LISTED:
            listed = tuple(
                sorted(
                    sum(1 << i for i, v in enumerate(self.names) if a[v])
                    for a in self.bdd.pick_iter(states, care_vars=self.names)
                )
            )
        return Attractor(size, tuple(values), listed)


@functools.lru_cache(maxsize=1024)
def _symbol(name: str) -> Any:
    from sympy import Symbol

    return Symbol(name)


def reachable_attractors(network: Network, starts: Iterable[State]) -> list[Attractor]:
    """The attractors reachable from ``starts`` under asynchronous updating, exactly."""
    sets = _Sets(network)
    bdd = sets.bdd
    start = functools.reduce(operator.or_, (sets.state(s) for s in starts), bdd.false)
    return _attractors(sets, sets.forward(start))


def attractors_from_attractors(
    network: Network,
    clamped: Network,
    starts: Iterable[State],
    clamps: dict[str, bool],
) -> tuple[list[Attractor], list[Attractor]]:
    """The basal attractors of ``network`` reachable from ``starts``, and the attractors
    of ``clamped`` reachable from their states once the clamps are applied, exactly."""
    sets = _Sets(network)
    bdd = sets.bdd
    start = functools.reduce(operator.or_, (sets.state(s) for s in starts), bdd.false)
    basal_sets = _attractor_sets(sets, sets.forward(start))
    after = _Sets(clamped, bdd)  # the same nodes, so the same manager and variables
    union = functools.reduce(operator.or_, basal_sets, bdd.false)
    index = {name: i for i, name in enumerate(network.nodes)}
    moved = bdd.exist([sets.names[index[n]] for n in clamps], union) if clamps else union
    for name, value in clamps.items():
        var = sets.vars[index[name]]
        moved &= var if value else ~var
    basal = _sorted([sets.attractor(a) for a in basal_sets])
    return basal, _attractors(after, after.forward(moved))


def _attractor_sets(sets: _Sets, reachable: Any) -> list[Any]:
    found = []
    remaining = reachable
    bdd = sets.bdd
    while remaining != bdd.false:
        pivot = sets.pick(remaining)
        while True:
            forward = sets.forward(pivot)
            back = sets.backward(pivot, within=forward)
            escape = forward & ~back
            if escape == bdd.false:
                break
            pivot = sets.pick(escape)
        found.append(forward)
        remaining &= ~sets.backward(forward, within=reachable)
    return found


def _attractors(sets: _Sets, reachable: Any) -> list[Attractor]:
    return _sorted([sets.attractor(a) for a in _attractor_sets(sets, reachable)])


def _sorted(found: list[Attractor]) -> list[Attractor]:
    """In the explicit search's order: by their states (listed ones first), then values."""
    return sorted(found, key=lambda a: (a.states or (), [-1 if v is None else v for v in a.values]))
