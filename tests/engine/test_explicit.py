"""The semantics engine against its definition, computed by brute force.

The oracle shares nothing with the engine but sympy's expression tree: it evaluates each
rule over the whole truth table with numpy, takes fixed points by enumerating every
state, builds the full asynchronous state graph, and takes the attractors as the
strongly connected components (scipy) of the part reachable from the start states that
no edge leaves. Fast enough to check networks of up to 14 nodes (16,384 states).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pathcheck.base.problems import StateSpaceTooLarge
from pathcheck.engine.explicit import (
    AMBIGUOUS,
    Network,
    PackedAttractor,
    fixed_points,
    reachable_attractors,
)
from pathcheck.engine.prediction import predict
from tests.oracle import (
    as_oracle,
    clamps_for,
    networks,
    oracle_attractors,
    oracle_fixed_points,
)

SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(networks(max_nodes=14))
def test_fixed_points_equal_exhaustive_enumeration(network: Network) -> None:
    assert fixed_points(network) == oracle_fixed_points(network)


@SLOW
@given(networks(), st.data())
def test_fixed_points_under_clamps_equal_enumeration(network: Network, data: st.DataObject) -> None:
    clamped = network.clamp(clamps_for(network, data))
    assert fixed_points(clamped) == oracle_fixed_points(clamped)


@SLOW
@given(networks(max_nodes=14), st.data())
def test_reachable_attractors_equal_explicit_search(network: Network, data: st.DataObject) -> None:
    n = len(network.nodes)
    starts = data.draw(st.lists(st.integers(0, 2**n - 1), min_size=1, max_size=3))
    event(f"{n // 5 * 5}+ nodes")
    found = reachable_attractors(network, starts, max_states=2**n)
    assert found == oracle_attractors(network, starts)


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
@given(networks(max_nodes=14), st.data())
def test_predict_follows_the_definition(network: Network, data: st.DataObject) -> None:
    """Basal attractors from inputs and zeros; clamps applied to every basal state. The
    same whichever engine answers: a bound of one state sends it to the symbolic one."""
    inputs = {name: data.draw(st.booleans()) for name in network.nodes[:1]}
    clamps = clamps_for(network, data)
    bound = data.draw(st.sampled_from([1, 50_000]))
    result = predict(network, inputs, clamps, max_states=bound)
    assert result.engine == "explicit" or bound == 1

    held = network.clamp(inputs)
    basal = oracle_attractors(held, [held.state_of(inputs)])
    assert as_found(result.basal) == as_oracle(basal, len(network.nodes))
    clamped = held.clamp(clamps)
    on, off = clamped.state_of(clamps), clamped.state_of({k: not v for k, v in clamps.items()})
    starts = {(s | on) & ~off for a in basal for s in a}
    expected = oracle_attractors(clamped, starts)
    assert as_found(result.attractors) == as_oracle(expected, len(network.nodes))
    assert list(result.fixed_points) == oracle_fixed_points(clamped)
    for i, name in enumerate(network.nodes):
        values = {bool((s >> i) & 1) for a in expected for s in a}
        assert result.value(name) == (values.pop() if len(values) == 1 else AMBIGUOUS)


def as_found(found: tuple[PackedAttractor, ...] | None) -> list[PackedAttractor]:
    assert found is not None
    return sorted(found, key=repr)


def listed(attractors: tuple[PackedAttractor, ...] | None) -> list[tuple[int, ...]]:
    assert attractors is not None
    return [a.states for a in attractors if a.states is not None]


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
    assert listed(result.attractors) == [tuple(range(8))]  # r lags a: every state is on the cycle
    assert result.value("r") == AMBIGUOUS


def test_bistable_switch_from_both_sides_is_ambiguous() -> None:
    # start with a=1,b=1 by clamping them on in the basal state, then release nothing:
    net = Network.build({"a": "~b", "b": "~a", "r": "a"})
    result = predict(net, {}, {})
    assert sorted(net.state_dict(s)["r"] for a in listed(result.attractors) for s in a) == [0, 1]
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
