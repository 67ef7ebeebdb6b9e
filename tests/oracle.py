"""The brute-force oracle of the property tests: the definition of the semantics, computed
over the whole state space of a small network (numpy for the truth tables, scipy for the
terminal strongly connected components), and the random networks (and small hypotheses
with their outcome tables) it is asked about."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components
from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, Or, Xor, false, true

from pathcheck.analysis.outcomes import resolve
from pathcheck.analysis.pkn import Term
from pathcheck.analysis.score import Verdict, verdict
from pathcheck.base.problems import Location
from pathcheck.engine.explicit import (
    AMBIGUOUS,
    Network,
    PackedAttractor,
    Value,
)
from pathcheck.formats.experiments import parse_selector
from pathcheck.model import (
    Experiment,
    ExperimentFile,
    Hypothesis,
    Intervention,
    Observation,
    Source,
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


def as_oracle(found: list[tuple[State, ...]], width: int) -> list[PackedAttractor]:
    """The oracle's attractors as the engines give them (listed up to 1,024 states)."""
    return sorted((PackedAttractor.of(a, width) for a in found), key=repr)


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


HERE = Location("test", 1, 1)
NODES = ["a@x", "b@x", "c@y", "d"]


@st.composite
def rules(draw: st.DrawFn, pool: Sequence[str]) -> Boolean:
    """A rule of one to three literals under And/Or, sometimes nested."""
    literals = [
        Symbol(n) if draw(st.booleans()) else Not(Symbol(n))
        for n in draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
    ]
    if len(literals) == 1:
        return literals[0]
    if len(literals) == 3 and draw(st.booleans()):
        inner = draw(st.sampled_from([And, Or]))(*literals[:2])
        return draw(st.sampled_from([And, Or]))(inner, literals[2])
    return draw(st.sampled_from([And, Or]))(*literals)


@st.composite
def cases(draw: st.DrawFn, most: int = 4) -> tuple[Hypothesis, ExperimentFile]:
    """A hypothesis of an input and three or four nodes over two cell types (so that
    entities can be placed anew), and a table of two or three experiments."""
    nodes = NODES[: draw(st.integers(3, most))]
    pool = ["u", *nodes]
    written = {n: draw(rules(pool)) for n in nodes}
    readouts = {"r1": nodes[-1], "r2": nodes[0]}
    hypothesis = Hypothesis(
        name="h",
        title="t",
        file="h.yaml",
        source="s",
        description="",
        inputs=("u",),
        rules=written,
        readouts=readouts,
        settings={"s0": {}, "s1": {"u": True}},
    )
    rows = []
    for k in range(draw(st.integers(2, 3))):
        chosen = draw(st.lists(st.sampled_from(["a", "c@y", "d", "b@x"]), max_size=2, unique=True))
        interventions = []
        for text in chosen:
            selector = parse_selector(text, {})
            assert selector is not None
            interventions.append(Intervention(selector, draw(st.booleans()), HERE))
        observed = draw(
            st.lists(st.sampled_from(["r1", "r2"]), min_size=1, max_size=2, unique=True)
        )
        rows.append(
            Experiment(
                id=f"E{k}",
                label="e",
                setting=draw(st.sampled_from(["s0", "s1"])),
                interventions=tuple(interventions),
                observations=tuple(Observation(r, draw(st.booleans()), HERE) for r in observed),
                evidence="e",
                location=HERE,
                source=Source("t"),
            )
        )
    return hypothesis, ExperimentFile("t.yaml", Source("t"), "t", tuple(rows))


def oracle_value(
    network: Network, inputs: Mapping[str, bool], clamps: Mapping[str, bool], node: str
) -> Value:
    """A read-out by brute force: the basal attractors of the inputs' values, the clamps
    set in every state of them, and the node's values in every attractor reached."""
    held = network.clamp(inputs)
    basal = oracle_attractors(held, [held.state_of(inputs)])
    clamped = held.clamp(clamps)
    on = clamped.state_of(clamps)
    off = clamped.state_of({n: True for n, v in clamps.items() if not v})
    after = oracle_attractors(clamped, {(s | on) & ~off for a in basal for s in a})
    bit = network.index[node]
    seen = {(s >> bit) & 1 for a in after for s in a}
    return bool(seen.pop()) if len(seen) == 1 else AMBIGUOUS


def oracle_verdicts(member: Hypothesis, table: ExperimentFile) -> list[Verdict]:
    """Every observation's verdict, the attractors found by brute force over every state."""
    network = Network.build(member.rules, member.inputs)
    found = []
    for experiment in table.experiments:
        inputs = member.input_values(experiment.setting)
        clamps = resolve(member, experiment.interventions).values
        for observation in experiment.observations:
            node = member.readouts[observation.readout]
            found.append(verdict(oracle_value(network, inputs, clamps, node), observation.value))
    return found
