"""The prediction semantics, computed explicitly: one state at a time.

The contract (``docs/semantics.md``), in short: every node has a rule and an input keeps
its value; clamping replaces a rule by a constant; a state moves by *asynchronous*
updating, one node whose rule disagrees with its value taking the rule's value; the
*attractors* are the terminal strongly connected components of that state graph. The
*basal* states of a setting are the attractors reachable from its input values with
every other node at 0; an experiment sets its clamps in every basal state, and predicts
a node 1 or 0 when it has that value in every reachable attractor, else ``ambiguous``.

Here: a network with no cycle has one attractor, its fixed point, found by substitution
in dependency order. Otherwise the fixed points are the models of ``AND_x (x <-> f(x))``
(a SAT query, :mod:`pathcheck.logic.sat`) and an iterative Tarjan search over the reachable
states picks the attractors, up to a bound on states; :mod:`pathcheck.engine.prediction` hands a
larger graph to the symbolic engine (:mod:`pathcheck.engine.symbolic`).

    >>> net = Network.build({"a": "~b", "b": "a"})   # a negative loop
    >>> reachable_attractors(net, [0])              # one cycle through all four states
    [(0, 1, 2, 3)]
    >>> reachable_attractors(net, [0], max_states=2)
    Traceback (most recent call last):
    ...
    pathcheck.base.problems.StateSpaceTooLarge: asynchronous reachability visits more than 2...
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, Or, false, true

from pathcheck.base.defaults import DEFAULT_MAX_STATES
from pathcheck.base.problems import StateSpaceTooLarge
from pathcheck.logic.formula import fold

State = int  # bit i is the value of node i of the network
States = tuple[State, ...]  # an attractor as the explicit search finds it: its states, sorted
Value = bool | Literal["ambiguous"]
AMBIGUOUS: Literal["ambiguous"] = "ambiguous"
UNKNOWN: Literal["unknown"] = "unknown"  # reachability passed every bound: never a match
Predicted = Value | Literal["unknown"]
LISTED = 1024  # an attractor this large or smaller lists its states


class PackedAttractor(NamedTuple):
    """A reachable attractor as both engines give it: its size, each node's value in it
    (``None`` where it varies, in the network's node order), and its bit-packed states
    when there are at most :data:`LISTED`. The public :class:`pathcheck.Attractor` is it
    with the nodes named."""

    size: int
    values: tuple[int | None, ...]  # in the network's node order
    states: States | None

    @classmethod
    def of(cls, states: States, width: int) -> PackedAttractor:
        """An attractor from its listed states."""
        every = functools.reduce(operator.and_, states)
        some = functools.reduce(operator.or_, states)
        values = tuple(
            1 if (every >> i) & 1 else None if (some >> i) & 1 else 0 for i in range(width)
        )
        return cls(len(states), values, states if len(states) <= LISTED else None)


@dataclass(frozen=True)
class Network:
    """Nodes in a fixed order, each with a sympy Boolean rule over the nodes' symbols."""

    nodes: tuple[str, ...]
    rules: Mapping[str, Boolean]

    @classmethod
    def build(cls, rules: Mapping[str, str | Boolean], inputs: Iterable[str] = ()) -> Network:
        """A network from rules (text is parsed by :mod:`pathcheck.logic.rules`) and inputs."""
        from pathcheck.logic.rules import parse_rule

        parsed: dict[str, Boolean] = {name: Symbol(name) for name in inputs}
        for name, rule in rules.items():
            parsed[name] = parse_rule(rule).expr if isinstance(rule, str) else rule
        return cls(tuple(parsed), parsed)

    @cached_property
    def index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.nodes)}

    def state_dict(self, state: State) -> dict[str, int]:
        return {name: (state >> i) & 1 for i, name in enumerate(self.nodes)}

    def state_of(self, values: Mapping[str, bool]) -> State:
        return sum(1 << self.index[name] for name, on in values.items() if on)

    def clamp(self, values: Mapping[str, bool]) -> Network:
        """The network with each named node's rule replaced by its constant."""
        if not values:
            return self
        rules = dict(self.rules)
        for name, on in values.items():
            rules[name] = true if on else false
        return Network(self.nodes, rules)

    @cached_property
    def _compiled(self) -> tuple[Callable[[State], bool], ...]:
        layout = _layout(self.nodes)
        return tuple(_compiled_rule(self.rules[name], layout) for name in self.nodes)

    @cached_property
    def _updatable(self) -> tuple[int, ...]:
        """Nodes whose rule is not their own symbol: only these can ever change."""
        rules = self.rules
        return tuple(i for i, name in enumerate(self.nodes) if not _is_symbol(rules[name], name))

    def successors(self, state: State) -> Iterator[State]:
        """The states one asynchronous update away."""
        compiled = self._compiled
        for i in self._updatable:
            if compiled[i](state) != bool((state >> i) & 1):
                yield state ^ (1 << i)

    @cached_property
    def order(self) -> tuple[int, ...] | None:
        """An order of the nodes in which each follows its regulators; ``None`` with a cycle
        (a free node, whose rule is itself, is one: both its values stay). Kahn's
        algorithm: linear in the rules' size."""
        index = self.index
        waiting = [0] * len(self.nodes)
        dependents: list[list[int]] = [[] for _ in self.nodes]
        for i, name in enumerate(self.nodes):
            for regulator in _regulators(self.rules[name]):
                dependents[index[regulator]].append(i)
                waiting[i] += 1
        ready = [i for i, count in enumerate(waiting) if count == 0]
        order: list[int] = []
        while ready:
            i = ready.pop()
            order.append(i)
            for j in dependents[i]:
                waiting[j] -= 1
                if waiting[j] == 0:
                    ready.append(j)
        return tuple(order) if len(order) == len(self.nodes) else None


def _term(expr: Boolean, index: Mapping[str, int]) -> tuple[int, int] | None:
    """A literal or a conjunction of literals as (bits that must be 1, bits that must be
    0); ``None`` for anything else."""
    if isinstance(expr, Symbol):
        return 1 << index[expr.name], 0
    if isinstance(expr, Not) and isinstance(expr.args[0], Symbol):
        return 0, 1 << index[expr.args[0].name]
    if isinstance(expr, And):
        parts = [_term(arg, index) for arg in expr.args]
        if all(part is not None and (part[0] | part[1]).bit_count() == 1 for part in parts):
            ones = sum(p[0] for p in parts if p is not None)
            zeros = sum(p[1] for p in parts if p is not None)
            return ones, zeros
    return None


def _is_symbol(expr: Boolean, name: str) -> bool:
    """Whether a rule is the node's own symbol (compared without building a Symbol, which
    costs more than the test on every clamped copy of a network)."""
    return isinstance(expr, Symbol) and expr.name == name


@functools.lru_cache(maxsize=65_536)
def _regulators(expr: Boolean) -> tuple[str, ...]:
    """The names a rule reads: asked again for every clamped copy of a network."""
    return tuple(s.name for s in expr.free_symbols)


class _Layout:
    """A node order's index, shared by every network with that order. Hashed by identity:
    a rule's compiled form is looked up in O(1), not in the order's length."""

    __slots__ = ("index",)

    def __init__(self, nodes: tuple[str, ...]) -> None:
        self.index = {name: i for i, name in enumerate(nodes)}


@functools.lru_cache(maxsize=256)
def _layout(nodes: tuple[str, ...]) -> _Layout:
    return _Layout(nodes)


@functools.lru_cache(maxsize=65_536)
def _compiled_rule(expr: Boolean, layout: _Layout) -> Callable[[State], bool]:
    """A rule compiled once for a node order, however many networks share it (the members
    of a family, and every clamped copy of a network)."""
    return _compile(expr, layout.index)


def _compile(expr: Boolean, index: Mapping[str, int]) -> Callable[[State], bool]:
    """A fast evaluator of ``expr`` on bit-mask states (the state graph visits many).

    Literals, their conjunctions and disjunctions of those (most published rules) become
    mask tests; anything else a tree of closures.
    """
    term = _term(expr, index)
    if term is not None:
        ones, zeros = term
        return lambda state: state & ones == ones and not state & zeros
    if isinstance(expr, Or):
        terms = [_term(arg, index) for arg in expr.args]
        if all(t is not None for t in terms):
            masks = tuple(t for t in terms if t is not None)
            return lambda state: any(state & o == o and not state & z for o, z in masks)
    return fold(expr, _Closures(index))


class _Closures:
    """The formula as a tree of closures over a bit-mask state."""

    def __init__(self, index: Mapping[str, int]) -> None:
        self.index = index

    def constant(self, value: bool) -> Callable[[State], bool]:
        return lambda state: value

    def variable(self, name: str) -> Callable[[State], bool]:
        bit = 1 << self.index[name]
        return lambda state: bool(state & bit)

    def negation(self, operand: Callable[[State], bool]) -> Callable[[State], bool]:
        return lambda state: not operand(state)

    def conjunction(self, operands: Sequence[Callable[[State], bool]]) -> Callable[[State], bool]:
        return lambda state: all(part(state) for part in operands)

    def disjunction(self, operands: Sequence[Callable[[State], bool]]) -> Callable[[State], bool]:
        return lambda state: any(part(state) for part in operands)

    def parity(self, operands: Sequence[Callable[[State], bool]]) -> Callable[[State], bool]:
        return lambda state: sum(part(state) for part in operands) % 2 == 1


def fixed_points(network: Network, limit: int | None = None) -> list[State]:
    """Every fixed point (the first ``limit`` found, when given): by substitution without a
    cycle, else by SAT over x <-> f(x), each rule encoded with auxiliary variables
    (:mod:`pathcheck.logic.sat`) so that no rule is ever expanded into a normal form."""
    if network.order is not None:
        return [_substitute(network, 0)]
    from pathcheck.logic.sat import Clauses, models

    cnf = Clauses()
    for name in network.nodes:
        cnf.equal(cnf.variable(name), cnf.literal(network.rules[name]))
    return sorted(network.state_of(model) for model in models(cnf, network.nodes, limit))


def _substitute(network: Network, start: State) -> State:
    """The unique fixed point of an acyclic network: each node after its regulators."""
    assert network.order is not None
    state = start
    compiled = network._compiled
    for i in network.order:
        state = state | (1 << i) if compiled[i](state) else state & ~(1 << i)
    return state


def reachable_attractors(
    network: Network, starts: Iterable[State], max_states: int = DEFAULT_MAX_STATES
) -> list[States]:
    """The attractors reachable from ``starts`` under asynchronous updating.

    An acyclic network has one, its fixed point. Otherwise an iterative Tarjan search
    over the reachable states finds the strongly connected components and keeps the
    terminal ones.
    """
    starts = sorted(set(starts))
    if network.order is not None:
        return [(_substitute(network, starts[0] if starts else 0),)]
    index: dict[State, int] = {}
    low: dict[State, int] = {}
    component: dict[State, int] = {}
    stack: list[State] = []
    on_stack: set[State] = set()
    found: list[States] = []
    numbers = itertools.count()
    successors: dict[State, tuple[State, ...]] = {}  # the terminal check asks again

    def visit(state: State) -> Iterator[State]:
        if len(index) >= max_states:
            raise StateSpaceTooLarge(max_states)
        index[state] = low[state] = len(index)
        stack.append(state)
        on_stack.add(state)
        successors[state] = tuple(network.successors(state))
        return iter(successors[state])

    for root in starts:
        if root in index:
            continue
        work = [(root, visit(root))]
        while work:
            state, pending = work[-1]
            for nxt in pending:
                if nxt not in index:
                    work.append((nxt, visit(nxt)))
                    break
                if nxt in on_stack:
                    low[state] = min(low[state], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[state])
                if low[state] == index[state]:
                    members = _pop_component(stack, on_stack, state)
                    number = next(numbers)
                    for member in members:
                        component[member] = number
                    if all(
                        component.get(nxt) == number
                        for member in members
                        for nxt in successors[member]
                    ):
                        found.append(tuple(sorted(members)))
    return sorted(found)


def _pop_component(stack: list[State], on_stack: set[State], root: State) -> list[State]:
    members: list[State] = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        members.append(member)
        if member == root:
            return members
