"""explain: the formula, the paths, the excluded fixed points and where a mismatch parts,
each held to the prediction it explains."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pathcheck.analysis.explain import explain as explain_core
from pathcheck.analysis.outcomes import network_of
from pathcheck.api import explain, load_experiments, load_hypotheses
from pathcheck.base.problems import Location
from pathcheck.cli import app
from pathcheck.engine.explicit import AMBIGUOUS, Network
from pathcheck.engine.prediction import predict
from pathcheck.logic.formula import Truth, fold
from pathcheck.logic.rules import parse_rule
from pathcheck.model import Experiment, Hypothesis, Intervention, Selector, Source
from tests.oracle import clamps_for, networks
from tests.repository import EXPERIMENTS, HYPOTHESES, Writer

runner = CliRunner()
HERE = Location("test")


def formula_value(formula: str, values: dict[str, bool]) -> bool:
    """The formula read back by pathcheck's own parser, evaluated at ``values``."""
    return fold(parse_rule(formula).expr, Truth(values))


def test_parallel_d2_needs_both_receptors_and_shows_the_antibodys_path() -> None:
    (why,) = explain("parallel", experiment="D2", folder=HYPOTHESES, experiments=[EXPERIMENTS])
    assert why.rule == "FLK1@pyramidal & TRKB@pyramidal"
    assert why.formula == "BDNF@pyramidal & VEGF@pyramidal"
    assert why.predicted is False and why.observed is False
    texts = [p.text() for p in why.paths]
    assert "VEGF@pyramidal -+-> FLK1@pyramidal -+-> plasticity@pyramidal" in texts
    assert "BDNF@pyramidal -+-> TRKB@pyramidal -+-> plasticity@pyramidal" in texts
    assert why.divergences == ()


def test_serial_d6_names_where_the_chain_is_bypassed() -> None:
    (why,) = explain("serial", experiment="D6", folder=HYPOTHESES, experiments=[EXPERIMENTS])
    assert why.predicted is True and why.observed is False
    (parts,) = why.divergences
    assert parts.node == "VEGF@PV" and parts.clamped
    assert parts.predicted is True and parts.needed is False
    (bypassed,) = parts.bypassed
    assert bypassed.nodes[0] == "BDNF@pyramidal" and "VEGF@PV" in bypassed.nodes[1:-1]
    out = runner.invoke(
        app, ["explain", "serial", "D6", "--hypotheses", str(HYPOTHESES)], env={"COLUMNS": "80"}
    ).stdout
    assert "the chain from BDNF@pyramidal is bypassed" in " ".join(out.split())
    assert max(len(line) for line in out.splitlines()) <= 80


def test_the_excluded_all_on_state_of_the_loop_is_held_off() -> None:
    (why,) = explain(
        "parallel", experiment="D12-in-vivo", folder=HYPOTHESES, experiments=[EXPERIMENTS]
    )
    (excluded,) = why.excluded
    assert set(excluded.differs) >= {"BDNF@pyramidal", "VEGF@pyramidal"}
    held = {h.node: h for h in excluded.held}
    assert held["BDNF@pyramidal"].rule == "FLK1@pyramidal | LTCC@pyramidal"
    assert dict(held["BDNF@pyramidal"].regulators) == {
        "FLK1@pyramidal": False,
        "LTCC@pyramidal": False,
    }


def test_every_bundled_formula_gives_the_prediction_it_explains() -> None:
    """For every bundled hypothesis, experiment and observed read-out: the formula, read
    back by the parser and evaluated at the experiment's clamps and inputs, equals the
    prediction whenever that is 0 or 1."""
    tables = load_experiments([EXPERIMENTS])
    checked = 0
    for hypothesis in load_hypotheses([], folder=HYPOTHESES):
        for experiment in (e for t in tables for e in t.experiments):
            if hypothesis.undeclared_setting(experiment.setting):
                continue
            for why in explain_core(hypothesis, experiment):
                if why.formula is None or why.predicted not in (True, False):
                    continue
                values = {**hypothesis.input_values(experiment.setting), **why.clamps.values}
                assert formula_value(why.formula, values) is why.predicted, (
                    hypothesis.name,
                    experiment.id,
                    why.readout,
                )
                checked += 1
    assert checked > 100


def as_hypothesis(network: Network, readout: str) -> Hypothesis:
    return Hypothesis(
        name="random",
        title="a random network",
        file="random",
        source="a test",
        description="",
        inputs=(),
        rules=dict(network.rules),
        readouts={"r": readout},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(max_nodes=7), st.data())
def test_the_formula_equals_the_prediction_under_every_assignment(
    network: Network, data: st.DataObject
) -> None:
    """Brute force: for random networks (cycles included) and clamps, the formula over the
    clamped nodes agrees with the engine for every value of them; where the engine says
    ambiguous, the formula's 'ambiguous when' says so."""
    clamps = clamps_for(network, data)
    readout = data.draw(st.sampled_from(network.nodes))
    hypothesis = as_hypothesis(network, readout)
    interventions = tuple(
        Intervention(Selector(name, name, None), value, HERE) for name, value in clamps.items()
    )
    experiment = Experiment("E", "e", "", interventions, (), "", HERE, Source("test"))
    (why,) = explain_core(hypothesis, experiment)
    if why.formula is None:
        return
    variables = why.variables
    base = network_of(hypothesis)
    for row in itertools.product((False, True), repeat=len(variables)):
        values = dict(zip(variables, row, strict=True))
        expected = predict(base, {}, values).value(readout)
        ambiguous = why.ambiguous_when is not None and formula_value(why.ambiguous_when, values)
        if expected == AMBIGUOUS:
            assert ambiguous, (values, why.ambiguous_when)
        else:
            assert not ambiguous
            assert formula_value(why.formula, values) is expected, (values, why.formula)


def test_json_and_markdown(write: Writer) -> None:
    base = ["explain", "parallel", "D2", "--hypotheses", str(HYPOTHESES)]
    payload = json.loads(runner.invoke(app, [*base, "--format", "json"]).stdout)
    (one,) = payload["readouts"]
    assert one["formula"] == "BDNF@pyramidal & VEGF@pyramidal"
    assert one["verdict"] == "match"
    assert ["VEGF@pyramidal", "FLK1@pyramidal", "plasticity@pyramidal"] in [
        p["nodes"] for p in one["paths"]
    ]
    markdown = runner.invoke(app, [*base, "--format", "markdown"]).stdout
    assert markdown.startswith("## parallel · D2:")
    assert "- **rule**: `plasticity@pyramidal = FLK1@pyramidal & TRKB@pyramidal`" in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["D99"], "no experiment 'D99' in the outcome tables (did you mean 'D9'?)"),
        (["D2", "--readout", "behavior"], "has no read-out 'behavior' (did you mean 'behaviour'?)"),
        (["D2", "--on", "BDNF"], "name an experiment of the outcome tables, or give on/off"),
        (["--on", "BDNF", "--setting", "in-vivo"], "setting 'in-vivo' is not declared"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["explain", "parallel", *args, "--hypotheses", str(HYPOTHESES)])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_ad_hoc_experiment_as_predict_takes_it() -> None:
    result = runner.invoke(
        app,
        [
            "explain",
            "parallel",
            "--on",
            "BDNF@pyramidal",
            "--setting",
            "in_vivo",
            "--readout",
            "behaviour",
            "--hypotheses",
            str(HYPOTHESES),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    (one,) = json.loads(result.stdout)["readouts"]
    assert one["predicted"] == 1 and one["observed"] is None and one["formula"] == "BDNF@pyramidal"
