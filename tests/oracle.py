"""The brute-force oracle of the property tests: the definition of the semantics, computed
over the whole state space of a small network (numpy for the truth tables, scipy for the
terminal strongly connected components), and the random networks it is asked about."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components
from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, Or, Xor, false, true

from pathcheck.analysis.pkn import Term
from pathcheck.engine.explicit import (
    Attractor,
    Network,
)

State = int


def next_values(network: Network) -> np.ndarray:
    """For every state (row) each node's rule value (column), evaluated over the whole
    truth table at once by a walker of sympy's own expression tree, written here apart
    from pathcheck's compiler so that it can disagree with it."""
    n = len(network.nodes)
    states = np.arange(2**n, dtype=np.int64)
    bits = {name: ((states >> i) & 1).astype(bool) for i, name in enumerate(network.nodes)}

    def value(expr: Boolean) -> np.ndarray:
        if expr == true:
            return np.ones(2**n, dtype=bool)
        if expr == false:
            return np.zeros(2**n, dtype=bool)
        if isinstance(expr, Symbol):
            return bits[expr.name]
        operands = [value(a) for a in expr.args]
        if isinstance(expr, Not):
            return ~operands[0]
        if isinstance(expr, And):
            return np.asarray(np.logical_and.reduce(operands), dtype=bool)
        if isinstance(expr, Or):
            return np.asarray(np.logical_or.reduce(operands), dtype=bool)
        if isinstance(expr, Xor):
            return np.asarray(np.logical_xor.reduce(operands), dtype=bool)
        raise TypeError(f"no oracle for {type(expr).__name__}")

    return np.stack([value(network.rules[name]) for name in network.nodes], axis=1)


def oracle_fixed_points(network: Network) -> list[State]:
    n = len(network.nodes)
    table = next_values(network)
    states = np.arange(2**n, dtype=np.int64)
    current = ((states[:, None] >> np.arange(n)) & 1).astype(bool)
    return [int(s) for s in np.flatnonzero((table == current).all(axis=1))]


def oracle_attractors(network: Network, starts: Iterable[State]) -> list[tuple[State, ...]]:
    """Every asynchronous edge of the whole state graph, the states reachable from
    ``starts`` (breadth first), then the strongly connected components of that subgraph
    with no edge leaving them (scipy): the definition, by brute force."""
    n = len(network.nodes)
    table = next_values(network)
    states = np.arange(2**n, dtype=np.int64)
    sources, targets = [], []
    for i in range(n):
        moves = table[:, i] != ((states >> i) & 1).astype(bool)
        sources.append(states[moves])
        targets.append(states[moves] ^ (1 << i))
    source, target = np.concatenate(sources), np.concatenate(targets)
    graph = csr_matrix((np.ones(len(source), dtype=bool), (source, target)), shape=(2**n, 2**n))
    reached = np.zeros(2**n, dtype=bool)
    for start in starts:
        order = breadth_first_order(graph, start, directed=True, return_predecessors=False)
        reached[order] = True
    _, label = connected_components(graph, directed=True, connection="strong")
    leaving = label[source] != label[target]
    exits = set(label[source[leaving]].tolist())
    found: dict[int, list[State]] = {}
    for s in np.flatnonzero(reached):
        if label[s] not in exits:
            found.setdefault(int(label[s]), []).append(int(s))
    return sorted(tuple(sorted(c)) for c in found.values())


@st.composite
def networks(draw: st.DrawFn, max_nodes: int = 8, acyclic: bool = False) -> Network:
    """Random networks with cycles, negations, constants, free inputs and wide rules (ORs of
    ANDs), rules as text."""
    n = draw(st.integers(1, max_nodes))
    names = [f"x{i}" for i in range(n)]
    rules = {}
    for i, name in enumerate(names):
        pool = names[:i] if acyclic else names
        if not pool or draw(st.integers(0, 9)) == 0:
            rules[name] = draw(
                st.sampled_from(["0", "1"] if acyclic or not pool else ["0", "1", name])
            )
            continue
        if draw(st.integers(0, 4)) == 0:  # wide: an OR of ANDs, the shape that blew up CNF
            pair = st.tuples(st.sampled_from(pool), st.sampled_from(pool))
            pairs = draw(st.lists(pair, min_size=1, max_size=6))
            rules[name] = " | ".join(
                f"({a} & {draw(st.sampled_from(['', '~']))}{b})" for a, b in pairs
            )
            continue
        regulators = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
        text = draw(st.sampled_from(["", "~"])) + regulators[0]
        for reg in regulators[1:]:
            op = draw(st.sampled_from([" & ", " | ", " ^ "]))
            text = f"({text}){op}{draw(st.sampled_from(['', '~']))}{reg}"
        rules[name] = text
    return Network.build(rules)


def clamps_for(network: Network, data: st.DataObject) -> dict[str, bool]:
    chosen = data.draw(st.lists(st.sampled_from(network.nodes), max_size=3, unique=True))
    return {name: data.draw(st.booleans()) for name in chosen}


def as_oracle(found: list[tuple[State, ...]], width: int) -> list[Attractor]:
    """The oracle's attractors as the engines give them (listed up to 1,024 states)."""
    return sorted((Attractor.of(a, width) for a in found), key=repr)


def logic_models(
    terms: Sequence[Term],
    stimuli: Collection[str],
    readouts: Collection[str],
    clamps: Sequence[Mapping[str, bool]],
    costs: Sequence[Sequence[tuple[str, int, int]]],
) -> dict[frozenset[int], tuple[int, int]]:
    """Every admissible logic model over ``terms`` (a set of term indices) with its (rss,
    size), by trying every subset: the definitions of ``pathcheck.analysis.learn``
    written out again, apart from its answer set program. ``costs[e]`` holds each
    read-out's (read-out, cost if predicted 1, cost if 0) in experiment ``e``."""
    has_terms = {t.target for t in terms}
    found: dict[frozenset[int], tuple[int, int]] = {}
    for r in range(len(terms) + 1):
        for subset in itertools.combinations(range(len(terms)), r):
            picked = [terms[i] for i in subset]
            wires = {(u, t.target) for t in picked for u, _ in t.literals}
            reach = _closure(wires)
            if any(u == v for u, v in reach):
                continue
            if any(
                s.target == t.target and s.size < t.size and set(s.literals) <= set(t.literals)
                for s in picked
                for t in picked
            ):
                continue
            fed = {v for u, v in reach if u in stimuli}
            if any(u not in stimuli and u not in fed for t in picked for u, _ in t.literals):
                continue
            informs = {u for u, v in reach if v in readouts}
            if any(v not in readouts and v not in informs for _, v in wires):
                continue
            rss = 0
            for held, row in zip(clamps, costs, strict=True):
                values = _steady_state(picked, held, has_terms)
                rss += sum(on if values.get(r, False) else off for r, on, off in row)
            found[frozenset(subset)] = (rss, sum(t.size for t in picked))
    return found


def _closure(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    reach = set(pairs)
    while True:
        more = {(u, w) for u, v in reach for x, w in reach if v == x} - reach
        if not more:
            return reach
        reach |= more


def _steady_state(
    picked: Sequence[Term], held: Mapping[str, bool], has_terms: Collection[str]
) -> dict[str, bool]:
    """Each node's value, clamps held, a node on when a picked term of it holds; a node
    neither clamped nor with a candidate term has no value (no literal on it holds)."""
    values: dict[str, bool] = {}

    def value(node: str) -> bool | None:
        if node in held:
            return held[node]
        if node not in has_terms:
            return None
        if node not in values:
            values[node] = any(
                all(value(u) is (s > 0) for u, s in t.literals) for t in picked if t.target == node
            )
        return values[node]

    nodes = {t.target for t in picked} | {u for t in picked for u, _ in t.literals}
    return {n: v for n in nodes | set(held) if (v := value(n)) is not None}
