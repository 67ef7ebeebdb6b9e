"""The cone of an experiment: rewriting the rule of any node outside it leaves the
prediction of the read-out as it was, under the brute-force semantics."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathcheck.analysis.variants import _cone
from pathcheck.engine.explicit import Network
from pathcheck.logic.rules import parse_rule
from tests.oracle import networks, oracle_value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(max_nodes=7), st.data())
def test_an_edit_outside_the_cone_changes_no_prediction(
    network: Network, data: st.DataObject
) -> None:
    nodes = list(network.nodes)
    inputs = {
        n: data.draw(st.booleans())
        for n in data.draw(st.lists(st.sampled_from(nodes), max_size=2, unique=True))
    }
    rest = [n for n in nodes if n not in inputs]
    clamped = data.draw(st.lists(st.sampled_from(nodes), max_size=3, unique=True))
    clamps = {n: data.draw(st.booleans()) for n in clamped}
    readout = data.draw(st.sampled_from(nodes))
    rules = dict(network.rules)
    for name in inputs:  # an input's rule is itself
        rules[name] = parse_rule(name).expr
    built = Network(network.nodes, rules)
    before, after = _cone(built.rules, set(inputs), clamps, [readout])
    outside = [n for n in rest if n not in before | after]
    if not outside:
        return
    edited = data.draw(st.sampled_from(outside))
    other = data.draw(st.sampled_from(nodes))
    rewritten = dict(rules)
    rewritten[edited] = parse_rule(
        data.draw(st.sampled_from([f"~{other}", other, "1", "0", f"{other} | {edited}"]))
    ).expr
    assert oracle_value(built, inputs, clamps, readout) == oracle_value(
        Network(network.nodes, rewritten), inputs, clamps, readout
    )


def test_what_sets_a_clamped_nodes_basal_value_is_in_the_cone() -> None:
    """A clamp replaces a node's value, not the states the network settled into before
    it: with r and a holding each other on, r stays on after c is switched off only if
    c was on at rest, which d decides. So d is in r's cone, though c is clamped."""
    rules = {"d": "u", "c": "d", "a": "r | c", "r": "a"}
    written = Network.build(rules, ["u"])
    edited = Network.build({**rules, "d": "0"}, ["u"])
    assert oracle_value(written, {"u": True}, {"c": False}, "r") is True
    assert oracle_value(edited, {"u": True}, {"c": False}, "r") is False
    before, after = _cone(written.rules, {"u"}, {"c": False}, ["r"])
    assert after == {"r", "a", "c"} and "d" in before
