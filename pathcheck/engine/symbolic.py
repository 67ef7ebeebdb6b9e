"""Asynchronous reachability and attractors with BDDs: exact, with no bound on states.

The explicit search (:func:`pathcheck.engine.explicit.reachable_attractors`) walks states one
at a time, about 30 µs each, so it stops at a bound; pyboolnet's 103-node jaoude_thdiff
reaches 19 million states. Here sets of states are BDDs (``dd``, with CUDD), as in AEON
and pyboolnet's symbolic tools:

* node ``x`` can move in the states where it differs from its rule; the successors of a
  set through ``x`` are those of its states, with ``x`` flipped, and its predecessors the
  set with ``x`` flipped, kept where ``x`` can then move. A flip is two cofactors and an
  if-then-else, each one CUDD call;
* forward (backward) reachability applies these images to a fixed point by saturation;
* attractors, the terminal strongly connected components, are found as AEON finds them
  (Xie and Beerel's algorithm): take a pivot state, its basin (the states that reach it)
  and its forward set; when the forward set stays inside the basin it is an attractor,
  else nothing in the basin is in one. Either way the basin goes, and the states that
  escaped it seed the next pivot. The reachable fixed points are taken first, all at
  once, with their basins: on most published models nothing is left after them.

Same semantics as the explicit search, checked against it and against brute force on
random networks (``tests/engine/test_symbolic.py``).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable
from typing import Any

from pathcheck.engine.bdd import Diagrams, new_manager, variable_order, xor
from pathcheck.engine.explicit import LISTED, Network, PackedAttractor, State
from pathcheck.logic.formula import fold

MAX_NODES = 2_000_000  # BDD nodes of one set of states (about 64 MB in CUDD)
CHECK_EVERY = 16  # saturation steps between two measures of a set's size (a walk of its BDD)


class SymbolicTooLarge(Exception):
    """A set of states whose BDD grew past the bound: the question is left unanswered
    rather than left to run for hours. Every model of pyboolnet's repository stays far
    below it."""

    def __init__(self, bound: int) -> None:
        super().__init__(f"a set of reachable states needs more than {bound:,} BDD nodes")
        self.bound = bound


class _Escaped(Exception):
    """A forward search left the set it was confined to, at these states."""

    def __init__(self, states: Any) -> None:
        super().__init__()
        self.states = states


class _Sets:
    """State sets of one network as BDDs, with its asynchronous images."""

    def __init__(self, network: Network, bdd: Any = None) -> None:
        self.network = network
        self.max_nodes = MAX_NODES  # read at each use: a test may lower it
        self.names = [f"v{i}" for i in range(len(network.nodes))]  # any node name is legal
        levels = variable_order(network)
        if bdd is None:
            bdd = new_manager()
            bdd.declare(*(self.names[i] for i in levels))
        self.bdd = bdd
        algebra = Diagrams(bdd, dict(zip(network.nodes, self.names, strict=True)))
        self.vars = [bdd.var(v) for v in self.names]
        self.flips = [{v: ~x} for v, x in zip(self.names, self.vars, strict=True)]
        # where each node differs from its rule: it can move there. The node at the bottom
        # of the order first: saturation's order.
        self.moves: list[tuple[int, Any]] = []
        for i in reversed(levels):
            moves = xor(self.vars[i], fold(network.rules[network.nodes[i]], algebra))
            if moves != bdd.false:  # a free input's rule is its own symbol: it never moves
                self.moves.append((i, moves))

    def state(self, state: State) -> Any:
        literals = [v if (state >> i) & 1 else ~v for i, v in enumerate(self.vars)]
        return functools.reduce(operator.and_, literals, self.bdd.true)

    def flip(self, i: int, states: Any) -> Any:
        """The states with node ``i`` flipped: one substitution, x := not x."""
        return self.bdd.let(self.flips[i], states)

    def post(self, i: int, moves: Any, states: Any) -> Any:
        movers = states & moves
        return movers if movers == self.bdd.false else self.flip(i, movers)

    def pre(self, i: int, moves: Any, states: Any) -> Any:
        return self.flip(i, states) & moves

    def forward(self, states: Any, within: Any = None) -> Any:
        return self._closure(states, self.post, within)

    def backward(self, states: Any, within: Any = None) -> Any:
        return self._closure(states, self.pre, within)

    def inside(self, states: Any, basin: Any) -> tuple[Any, Any]:
        """The forward set of ``states`` if it stays inside ``basin``, else the states
        first found outside it: ``(forward, false)`` or ``(None, escaped)``."""
        escaped = self.bdd.false
        try:
            return self._closure(states, self.post, None, basin), escaped
        except _Escaped as escape:
            return None, escape.states

    def _closure(
        self, states: Any, image: Callable[[int, Any, Any], Any], within: Any, stop: Any = None
    ) -> Any:
        """Saturation, as AEON does it: apply one node's image until it adds nothing,
        and after every gain start again from the node at the bottom of the order.
        Sets stay small where a breadth-first sweep over all nodes blows up (grieco_mapk's
        attractors of a trillion states: minutes breadth-first, about a second here).
        With ``stop``, raise :class:`_Escaped` as soon as a state outside it is reached."""
        reached = states
        false = self.bdd.false
        moves, k, gains = self.moves, 0, 0
        while k < len(moves):
            i, node_moves = moves[k]
            new = image(i, node_moves, reached)
            if within is not None and new != false:
                new &= within
            grown = reached | new
            if grown == reached:
                k += 1
                continue
            if stop is not None:
                outside = new & ~stop
                if outside != false:
                    raise _Escaped(outside)
            reached, k, gains = grown, 0, gains + 1
            if gains % CHECK_EVERY == 0 and len(reached) > self.max_nodes:
                raise SymbolicTooLarge(self.max_nodes)
        if len(reached) > self.max_nodes:
            raise SymbolicTooLarge(self.max_nodes)
        return reached

    def fixed(self, states: Any) -> Any:
        """The states of ``states`` that no node leaves: one node at a time, so that no
        BDD is built of every fixed point of the network (millions, for some)."""
        for _, moves in self.moves:
            states &= ~moves
        return states

    def pick(self, states: Any) -> Any:
        assignment = self.bdd.pick(states, care_vars=self.names)
        return self.state(sum(1 << i for i, v in enumerate(self.names) if assignment[v]))

    def listed(self, states: Any) -> list[State]:
        return [
            sum(1 << i for i, v in enumerate(self.names) if a[v])
            for a in self.bdd.pick_iter(states, care_vars=self.names)
        ]

    def attractor(self, states: Any) -> PackedAttractor:
        size = int(self.bdd.count(states, nvars=len(self.names)))
        values: list[int | None] = []
        false = self.bdd.false
        for var in self.vars:
            if states & ~var == false:
                values.append(1)
            elif states & var == false:
                values.append(0)
            else:
                values.append(None)
        listed = tuple(sorted(self.listed(states))) if size <= LISTED else None
        return PackedAttractor(size, tuple(values), listed)


def reachable_attractors(network: Network, starts: Iterable[State]) -> list[PackedAttractor]:
    """The attractors reachable from ``starts`` under asynchronous updating, exactly."""
    sets = _Sets(network)
    bdd = sets.bdd
    start = functools.reduce(operator.or_, (sets.state(s) for s in starts), bdd.false)
    fixed, cyclic = _attractor_sets(sets, sets.forward(start))
    return _described(sets, fixed, cyclic)


def attractors_from_attractors(
    network: Network,
    clamped: Network,
    starts: Iterable[State],
    clamps: dict[str, bool],
) -> tuple[list[PackedAttractor], list[PackedAttractor]]:
    """The basal attractors of ``network`` reachable from ``starts``, and the attractors
    of ``clamped`` reachable from their states once the clamps are applied, exactly."""
    sets = _Sets(network)
    bdd = sets.bdd
    start = functools.reduce(operator.or_, (sets.state(s) for s in starts), bdd.false)
    fixed, cyclic = _attractor_sets(sets, sets.forward(start))
    basal = _described(sets, fixed, cyclic)
    if not clamps:  # the basal attractors are closed: from them, they are all one reaches
        return basal, list(basal)
    after = _Sets(clamped, bdd)  # the same nodes, so the same manager and variables
    union = functools.reduce(operator.or_, cyclic, fixed)
    index = network.index
    moved = bdd.exist([sets.names[index[n]] for n in clamps], union)
    for name, value in clamps.items():
        var = sets.vars[index[name]]
        moved &= var if value else ~var
    fixed, cyclic = _attractor_sets(after, after.forward(moved))
    return basal, _described(after, fixed, cyclic)


def _attractor_sets(sets: _Sets, reachable: Any) -> tuple[Any, list[Any]]:
    """The attractors inside ``reachable``, a set closed under successors: its fixed
    points as one set, and each cyclic attractor as a set."""
    bdd = sets.bdd
    false = bdd.false
    fixed = sets.fixed(reachable)
    remaining = reachable
    if fixed != false:
        remaining &= ~sets.backward(fixed, within=reachable)
    found: list[Any] = []
    hint = false
    while remaining != false:
        seeds = hint & remaining
        pivot = sets.pick(seeds if seeds != false else remaining)
        basin = sets.backward(pivot, within=remaining)
        forward, escaped = sets.inside(pivot, basin)
        if forward is None:  # the pivot escapes its basin: no attractor in it
            hint |= escaped
        else:
            found.append(forward)
        remaining &= ~basin
    return fixed, found


def _described(sets: _Sets, fixed: Any, cyclic: list[Any]) -> list[PackedAttractor]:
    width = len(sets.names)
    points = [PackedAttractor.of((s,), width) for s in sets.listed(fixed)]
    return _sorted(points + [sets.attractor(a) for a in cyclic])


def _sorted(found: list[PackedAttractor]) -> list[PackedAttractor]:
    """In the explicit search's order: by their states (listed ones first), then values."""
    return sorted(found, key=lambda a: (a.states or (), [-1 if v is None else v for v in a.values]))
