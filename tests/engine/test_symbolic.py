"""Symbolic reachability against the explicit search and against brute force."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathcheck.engine.bdd import variable_order
from pathcheck.engine.explicit import Network, PackedAttractor, reachable_attractors
from pathcheck.engine.prediction import predict
from pathcheck.engine.symbolic import attractors_from_attractors
from pathcheck.engine.symbolic import reachable_attractors as symbolic_attractors
from tests.oracle import as_oracle, clamps_for, networks, oracle_attractors

SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def explicit(attractor: PackedAttractor) -> tuple[int, ...]:
    assert attractor.states is not None
    return attractor.states


@SLOW
@given(networks(max_nodes=14), st.data())
def test_symbolic_attractors_equal_brute_force(network: Network, data: st.DataObject) -> None:
    """Sizes, each node's value and (up to 1,024) the states, as the definition has them."""
    n = len(network.nodes)
    starts = data.draw(st.lists(st.integers(0, 2**n - 1), min_size=1, max_size=3))
    found = symbolic_attractors(network, starts)
    assert sorted(found, key=repr) == as_oracle(oracle_attractors(network, starts), n)


@SLOW
@given(networks(max_nodes=10))
def test_every_attractor_of_the_state_space_equals_brute_force(network: Network) -> None:
    """From every state at once: many attractors, cyclic ones beside fixed points, so the
    search takes pivots that escape their basins and seeds the next from where they
    escaped."""
    n = len(network.nodes)
    found = symbolic_attractors(network, range(2**n))
    assert sorted(found, key=repr) == as_oracle(oracle_attractors(network, range(2**n)), n)


@SLOW
@given(networks(max_nodes=14))
def test_the_variable_order_places_each_node_once_after_its_regulators(network: Network) -> None:
    """A permutation of the nodes in which a node's regulators come before it, except
    along a cycle (the node that closes it, met first, comes after the others)."""
    order = variable_order(network)
    assert sorted(order) == list(range(len(network.nodes)))
    if network.order is not None:  # acyclic: every regulator first
        level = {node: k for k, node in enumerate(order)}
        for i, name in enumerate(network.nodes):
            for symbol in network.rules[name].free_symbols:
                assert level[network.index[symbol.name]] <= level[i]


@SLOW
@given(networks(max_nodes=10), st.data())
def test_a_prediction_symbolically_equals_the_explicit_one(
    network: Network, data: st.DataObject
) -> None:
    inputs: dict[str, bool] = {}
    clamps = clamps_for(network, data)
    found = predict(network, inputs, clamps)
    clamped = network.clamp(clamps)
    basal, after = attractors_from_attractors(network, clamped, [0], clamps)
    assert found.basal is not None and found.attractors is not None
    assert basal == list(found.basal)
    assert after == list(found.attractors)
    starts = [s for a in found.basal for s in a_with(explicit(a), clamped, clamps)]
    assert sorted(explicit(a) for a in after) == sorted(reachable_attractors(clamped, starts))


def a_with(attractor: tuple[int, ...], clamped: Network, clamps: dict[str, bool]) -> list[int]:
    on = clamped.state_of(clamps)
    off = clamped.state_of({name: True for name, value in clamps.items() if not value})
    return [(s | on) & ~off for s in attractor]


@SLOW
@given(networks(max_nodes=10))
def test_fixed_points_counted_with_bdds_equal_enumeration(network: Network) -> None:
    """Exclusive or included: CUDD's functions in dd have no ^ of their own."""
    from pathcheck.engine.bdd import count_fixed_points
    from tests.oracle import oracle_fixed_points

    assert count_fixed_points(network) == len(oracle_fixed_points(network))


def test_predict_takes_the_symbolic_engine_past_the_switch_and_agrees() -> None:
    """The same prediction, explicit and forced symbolic: only the engine differs."""
    import json

    from typer.testing import CliRunner

    from pathcheck.cli import app
    from tests.repository import HYPOTHESES

    runner = CliRunner()
    base = ["predict", "parallel", "--on", "ketamine", "--setting", "in_vivo", "--format", "json"]
    base += ["--hypotheses", str(HYPOTHESES)]
    explicit = json.loads(runner.invoke(app, base).stdout)
    symbolic = json.loads(runner.invoke(app, [*base, "--max-states", "1"]).stdout)
    assert explicit["engine"] == "explicit" and symbolic["engine"] == "symbolic"
    assert "exact all the same" in symbolic["note"]
    for key in ("basal", "attractors", "readouts", "fixed_points", "excluded_fixed_points"):
        assert symbolic[key] == explicit[key], key
