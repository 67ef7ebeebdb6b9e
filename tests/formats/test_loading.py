"""The two file formats: what loads, and every problem reported at its place."""

from __future__ import annotations

import pytest

from pathcheck.analysis.outcomes import resolve
from pathcheck.base.problems import InputError
from pathcheck.formats.experiments import load_experiment_file, load_experiment_files
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.model import Experiment, Hypothesis
from tests.repository import HYPOTHESES, TABLE_FILES, Writer

GOOD_HYPOTHESIS = """
    name: tiny
    title: A tiny mechanism
    source: a test
    inputs: [drug]
    settings: {culture: {drug: true},
               in_vivo: {}}
    nodes:
      A@pyramidal: drug | B   # a comment
      B: A@pyramidal
      out: A@pyramidal & ~B
    readouts:
      effect: out
"""

GOOD_EXPERIMENTS = """
    source: {citation: "Someone 2024", pmid: "1"}
    cell_groups:
      neuron: [pyramidal, PV]
    experiments:
      - id: E1
        label: drug alone
        setting: in_vivo
        on: [drug]
        observed: {effect: true}
        source: figure 1
      - id: E2
        label: drug, A knocked out in neurons
        setting: in_vivo
        on: [drug]
        off: [A@neuron]
        observed: {effect: false, other: 0}
        source: figure 2
        inferred: true
        reason: shown only as a trend
"""


def problems(write: Writer, name: str, text: str, loader: object) -> list[str]:
    path = write(name, text)
    with pytest.raises(InputError) as caught:
        loader(path)  # type: ignore[operator]
    return [str(p) for p in caught.value.problems]


def test_a_good_hypothesis_loads(write: Writer) -> None:
    h = load_hypothesis(write("tiny.yaml", GOOD_HYPOTHESIS))
    assert h.name == "tiny"
    assert h.nodes == ("drug", "A@pyramidal", "B", "out")
    assert h.readouts == {"effect": "out"}
    assert h.input_values("culture") == {"drug": True}
    assert h.input_values("in_vivo") == {"drug": False}
    with pytest.raises(ValueError, match="setting 'In_Vivo' is not declared by hypothesis 'tiny'"):
        h.input_values("In_Vivo")
    assert ("B", "out") in h.edges and ("drug", "A@pyramidal") in h.edges
    assert len(h.edges) == 5


def test_a_good_outcome_table_loads(write: Writer) -> None:
    table = load_experiment_file(write("e.yaml", GOOD_EXPERIMENTS))
    first, second = table.experiments
    assert first.verified and not second.verified
    assert second.inferred == "shown only as a trend"
    assert [(o.readout, o.value) for o in second.observations] == [
        ("effect", False),
        ("other", False),
    ]
    knockout = second.interventions[1].selector
    assert knockout.matches("A@pyramidal") and knockout.matches("A@PV")
    assert not knockout.matches("A") and not knockout.matches("A@glia")


def test_unknown_key_gets_a_did_you_mean(write: Writer) -> None:
    found = problems(
        write, "h.yaml", GOOD_HYPOTHESIS.replace("readouts:", "readout:"), load_hypothesis
    )
    assert any(
        ":11:1: unknown key 'readout' in a hypothesis file (did you mean 'readouts'?)" in p
        for p in found
    )
    assert any("needs the key 'readouts'" in p for p in found)


def test_rule_naming_an_undeclared_node_points_at_the_name(write: Writer) -> None:
    text = GOOD_HYPOTHESIS.replace("B: A@pyramidal", "B: A@pyramidal | Cx")
    found = problems(write, "h.yaml", text, load_hypothesis)
    assert len(found) == 1
    assert found[0].endswith(":9:20: rule of 'B' names 'Cx', which is neither a node nor an input")


def test_python_in_a_rule_is_a_syntax_error_at_its_column(write: Writer) -> None:
    text = GOOD_HYPOTHESIS.replace("B: A@pyramidal", "B: __import__('os').system('touch x')")
    (found,) = problems(write, "h.yaml", text, load_hypothesis)
    assert found.endswith(":9:17: rule of 'B': unexpected character \"'\"")


def test_readout_mapped_to_no_node(write: Writer) -> None:
    text = GOOD_HYPOTHESIS.replace("effect: out", "effect: ot")
    (found,) = problems(write, "h.yaml", text, load_hypothesis)
    assert found.endswith(":12:11: read-out 'effect' maps to 'ot', no node (did you mean 'out'?)")


def test_bad_node_names_inputs_and_settings(write: Writer) -> None:
    text = GOOD_HYPOTHESIS.replace("B: A@pyramidal", "and: A@pyramidal").replace(
        "{drug: true}", "{drug: maybe, dose: 1}"
    )
    found = problems(write, "h.yaml", text, load_hypothesis)
    assert any("'and' is not a valid node name" in p for p in found)
    assert any(
        "input 'drug' in setting 'culture' must be true or false (found 'maybe')" in p
        for p in found
    )
    assert any("unknown key 'dose' in setting 'culture'" in p for p in found)


def test_observed_values_must_be_boolean(write: Writer) -> None:
    text = GOOD_EXPERIMENTS.replace("{effect: true}", "{effect: increased}")
    (found,) = problems(write, "e.yaml", text, load_experiment_file)
    assert found.endswith(
        ":9:24: observed read-out 'effect' must be true or false (found 'increased')"
    )


def test_inferred_rows_need_a_reason_and_rows_need_their_keys(write: Writer) -> None:
    text = GOOD_EXPERIMENTS.replace("        reason: shown only as a trend\n", "").replace(
        "        label: drug alone\n", ""
    )
    found = problems(write, "e.yaml", text, load_experiment_file)
    assert any("an experiment needs the key 'label'" in p for p in found)
    assert any("an inferred experiment needs a 'reason'" in p for p in found)


def test_same_selector_on_and_off(write: Writer) -> None:
    text = GOOD_EXPERIMENTS.replace("off: [A@neuron]", "off: [drug]")
    (found,) = problems(write, "e.yaml", text, load_experiment_file)
    assert "'drug' (off) and 'drug' (on) name the same nodes" in found


def test_duplicate_ids_within_and_across_files(write: Writer) -> None:
    one = write("one.yaml", GOOD_EXPERIMENTS)
    two = write("two.yaml", GOOD_EXPERIMENTS.replace("id: E2", "id: E3"))
    with pytest.raises(InputError) as caught:
        load_experiment_files([one, two])
    assert [p.message for p in caught.value.problems] == [
        f"experiment id 'E1' is used already at {one}:5:5"
    ]
    same = write("same.yaml", GOOD_EXPERIMENTS.replace("id: E2", "id: E1"))
    with pytest.raises(InputError, match="'E1' is used already at"):
        load_experiment_files([same])


def test_the_narrower_of_two_selectors_wins_for_the_nodes_it_names(write: Writer) -> None:
    h = load_hypothesis(write("tiny.yaml", GOOD_HYPOTHESIS))
    text = GOOD_EXPERIMENTS.replace("off: [A@neuron]", "off: [A@neuron]\n        on: [A]")
    table_text = text.replace("        on: [drug]\n        off", "        off", 1)
    table = load_experiment_file(write("e.yaml", table_text))
    experiment = table.experiments[1]
    assert resolve(h, experiment.interventions).values == {"A@pyramidal": False}


def test_selectors_that_match_nothing_are_reported(write: Writer) -> None:
    h = load_hypothesis(write("tiny.yaml", GOOD_HYPOTHESIS))
    table = load_experiment_file(write("e.yaml", GOOD_EXPERIMENTS.replace("A@neuron", "A@glia")))
    clamps = resolve(h, table.experiments[1].interventions)
    assert clamps.values == {"drug": True}
    assert clamps.unmatched == ("A@glia",)


def test_not_a_mapping_at_the_top(write: Writer) -> None:
    (found,) = problems(write, "h.yaml", "- just\n- a list\n", load_hypothesis)
    assert found.endswith("h.yaml:1:1: a hypothesis file must be a mapping, found a list")
    (found,) = problems(write, "e.yaml", "", load_experiment_file)
    assert found.endswith("e.yaml:1:1: an experiment file must be a mapping, found nothing")


def test_every_bundled_file_loads_and_every_row_cites_its_source() -> None:
    hypotheses: list[Hypothesis] = [load_hypothesis(p) for p in sorted(HYPOTHESES.glob("*.yaml"))]
    assert {h.name for h in hypotheses} >= {"serial", "parallel", "serial_loop", "shared_pathway"}
    tables = load_experiment_files(TABLE_FILES)
    rows: list[Experiment] = [e for t in tables for e in t.experiments]
    ids = {e.id for e in rows}
    assert {f"D{i}" for i in range(1, 11)} <= ids and {f"K{i}" for i in range(1, 8)} <= ids
    assert {"L1", "L2", "L3"} <= ids
    for row in rows:
        assert row.evidence
        assert row.verified or row.inferred
