"""The semantics engine against its definition, computed by brute force.

The oracle shares nothing with the engine but sympy's own evaluation of a formula: it
builds the full asynchronous state graph with ``xreplace``, takes fixed points by
enumerating every state, and attractors as networkx's attracting components of the
subgraph reachable from the start states.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy import Symbol
from sympy.logic.boolalg import BooleanTrue, false, true

from pathcheck.problems import StateSpaceTooLarge
from pathcheck.semantics import (
    AMBIGUOUS,
    Network,
    fixed_points,
    predict,
    reachable_attractors,
)

State = int


def next_values(network: Network) -> dict[State, list[bool]]:
    """For every state, each node's rule value, evaluated by sympy itself."""
    n = len(network.nodes)
    symbols = [Symbol(name) for name in network.nodes]
    table = {}
    for state in range(2**n):
        env = {s: true if (state >> i) & 1 else false for i, s in enumerate(symbols)}
        table[state] = [
            isinstance(network.rules[name].xreplace(env), BooleanTrue) for name in network.nodes
        ]
    return table


def oracle_fixed_points(network: Network) -> list[State]:
    n = len(network.nodes)
    table = next_values(network)
    return [s for s in range(2**n) if all(table[s][i] == bool((s >> i) & 1) for i in range(n))]


def oracle_attractors(network: Network, starts: Iterable[State]) -> list[tuple[State, ...]]:
    n = len(network.nodes)
    table = next_values(network)
    graph = nx.DiGraph()
    for s in range(2**n):
        graph.add_node(s)
        for i in range(n):
            if table[s][i] != bool((s >> i) & 1):
                graph.add_edge(s, s ^ (1 << i))
    reached = set()
    for start in starts:
        reached |= {start} | nx.descendants(graph, start)
    sub = graph.subgraph(reached)
    return sorted(tuple(sorted(c)) for c in nx.attracting_components(sub))


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


SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(networks(max_nodes=10))
def test_fixed_points_equal_exhaustive_enumeration(network: Network) -> None:
    assert fixed_points(network) == oracle_fixed_points(network)


@SLOW
@given(networks(), st.data())
def test_fixed_points_under_clamps_equal_enumeration(network: Network, data: st.DataObject) -> None:
    clamped = network.clamp(clamps_for(network, data))
    assert fixed_points(clamped) == oracle_fixed_points(clamped)


@SLOW
@given(networks(max_nodes=10), st.data())
def test_reachable_attractors_equal_explicit_search(network: Network, data: st.DataObject) -> None:
    n = len(network.nodes)
    starts = data.draw(st.lists(st.integers(0, 2**n - 1), min_size=1, max_size=3))
    assert reachable_attractors(network, starts) == oracle_attractors(network, starts)


@SLOW
@given(networks(acyclic=True), st.data())
def test_acyclic_substitution_is_the_unique_attractor(
    network: Network, data: st.DataObject
) -> None:
    assert network.order is not None
    n = len(network.nodes)
    start = data.draw(st.integers(0, 2**n - 1))
    (attractor,) = oracle_attractors(network, [start])
    assert reachable_attractors(network, [start]) == [attractor]
    assert fixed_points(network) == list(attractor)


@SLOW
@given(networks(), st.data())
def test_predict_follows_the_definition(network: Network, data: st.DataObject) -> None:
    """Basal attractors from inputs and zeros; clamps applied to every basal state."""
    inputs = {name: data.draw(st.booleans()) for name in network.nodes[:1]}
    clamps = clamps_for(network, data)
    result = predict(network, inputs, clamps)

    held = network.clamp(inputs)
    basal = oracle_attractors(held, [held.state_of(inputs)])
    assert list(result.basal) == basal
    clamped = held.clamp(clamps)
    on, off = clamped.state_of(clamps), clamped.state_of({k: not v for k, v in clamps.items()})
    starts = {(s | on) & ~off for a in basal for s in a}
    expected = oracle_attractors(clamped, starts)
    assert list(result.attractors) == expected
    assert list(result.fixed_points) == oracle_fixed_points(clamped)
    for i, name in enumerate(network.nodes):
        values = {bool((s >> i) & 1) for a in expected for s in a}
        assert result.value(name) == (values.pop() if len(values) == 1 else AMBIGUOUS)


def test_mutual_release_loop_excludes_the_all_on_fixed_point() -> None:
    net = Network.build({"a": "b", "b": "a", "c": "a & b"})
    result = predict(net, {}, {})
    assert [net.state_dict(s) for s in result.excluded_fixed_points] == [{"a": 1, "b": 1, "c": 1}]
    assert result.value("c") is False
    assert predict(net, {}, {"a": True}).value("c") is True


def test_negative_loop_gives_a_cyclic_attractor_and_an_ambiguous_readout() -> None:
    net = Network.build({"a": "~b", "b": "a", "r": "a"})
    result = predict(net, {}, {})
    assert result.fixed_points == ()
    assert result.attractors == (tuple(range(8)),)  # r lags a: every state is on the cycle
    assert result.value("r") == AMBIGUOUS


def test_bistable_switch_from_both_sides_is_ambiguous() -> None:
    # start with a=1,b=1 by clamping them on in the basal state, then release nothing:
    net = Network.build({"a": "~b", "b": "~a", "r": "a"})
    result = predict(net, {}, {})
    assert sorted(net.state_dict(s)["r"] for a in result.attractors for s in a) == [0, 1]
    assert result.value("r") == AMBIGUOUS


def test_inputs_hold_their_setting_value() -> None:
    net = Network.build({"out": "signal"}, inputs=["signal"])
    assert predict(net, {"signal": True}, {}).value("out") is True
    assert predict(net, {"signal": False}, {}).value("out") is False
    free = fixed_points(net)  # an unclamped input is free: both of its values are fixed
    assert sorted(net.state_dict(s)["signal"] for s in free) == [0, 1]


def test_reachability_stops_at_its_bound() -> None:
    names = [f"x{i}" for i in range(12)]
    rules = {name: f"~{names[(i + 1) % 12]}" for i, name in enumerate(names)}
    net = Network.build(rules)
    with pytest.raises(StateSpaceTooLarge):
        reachable_attractors(net, [0], max_states=100)


def test_clamps_make_a_cyclic_network_acyclic() -> None:
    net = Network.build({"a": "b", "b": "a"})
    assert net.order is None
    assert net.clamp({"a": True}).order is not None


@pytest.mark.parametrize("n", [3, 5])
def test_every_state_of_a_free_network_is_fixed(n: int) -> None:
    net = Network.build({}, inputs=[f"i{k}" for k in range(n)])
    assert fixed_points(net) == list(range(2**n))
    assert reachable_attractors(net, [0, 3]) == [(0,), (3,)]


def test_state_roundtrip() -> None:
    net = Network.build({"a": "1", "b": "a", "c": "~a"})
    for values in itertools.product([False, True], repeat=3):
        d = dict(zip(net.nodes, values, strict=True))
        assert net.state_dict(net.state_of(d)) == {k: int(v) for k, v in d.items()}
