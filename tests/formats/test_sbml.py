"""SBML-qual both ways: every export passes libsbml's validation, a round trip predicts
the same on every bundled experiment, and a peer's export reads back as its model."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pathcheck import api
from pathcheck.analysis.outcomes import network_of
from pathcheck.base.problems import InputError
from pathcheck.cli import app
from pathcheck.engine.bdd import count_fixed_points
from pathcheck.engine.explicit import Network, fixed_points
from pathcheck.model import Hypothesis
from tests.repository import EXPERIMENTS, HYPOTHESES, PYBOOLNET_MODELS, Writer

libsbml = pytest.importorskip("libsbml")
runner = CliRunner()
BUNDLED = sorted(p.stem for p in HYPOTHESES.glob("*.yaml"))


def validation_errors(text: str) -> list[str]:
    """libsbml's consistency validation, errors only."""
    document = libsbml.readSBMLFromString(text)
    document.checkConsistency()
    return [
        document.getError(i).getMessage()
        for i in range(document.getNumErrors())
        if document.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR
    ]


def verdicts(folder: Path, name: str) -> dict[str, object]:
    result = runner.invoke(
        app,
        [
            "compare",
            name,
            "--hypotheses",
            str(folder),
            "--experiments",
            str(EXPERIMENTS),
            "--readings",
            "default",
            "--format",
            "json",
            "--allow-unknown",  # SBML holds one member: rows only other members place go
        ],
    )
    assert result.exit_code == 0, result.stderr
    experiments = json.loads(result.stdout)["hypotheses"][name]["experiments"]
    assert isinstance(experiments, dict)
    return {e: x for e, x in experiments.items() if not x["unmatched_selectors"]}


@pytest.mark.parametrize("name", BUNDLED)
def test_a_round_trip_predicts_the_same_everywhere(name: str, tmp_path: Path) -> None:
    text = api.to_sbml(api.load_hypothesis(name, folder=HYPOTHESES))
    assert validation_errors(text) == []
    aeon_reads(text)
    sbml = tmp_path / f"{name}.sbml"
    sbml.write_text(text)
    (tmp_path / "back").mkdir()
    (tmp_path / "back" / f"{name}.yaml").write_text(api.convert(sbml).text)
    assert verdicts(tmp_path / "back", name) == verdicts(HYPOTHESES, name)


def test_a_peers_export_reads_back_as_its_model(tmp_path: Path) -> None:
    """AEON writes pyboolnet's models as SBML-qual; read back, each has the fixed points
    of the .bnet it came from."""
    aeon = pytest.importorskip("biodivine_aeon")
    pyboolnet = pytest.importorskip("pyboolnet")
    from pathcheck.analysis.outcomes import network_of
    from pathcheck.engine.explicit import fixed_points
    from pathcheck.formats.bnet import load_bnet_hypothesis

    repository = Path(os.path.dirname(pyboolnet.__file__)) / "repository"
    for name in ("raf", "faure_cellcycle", "tournier_apoptosis", "grieco_mapk"):
        bnet = repository / name / f"{name}.bnet"
        sbml = tmp_path / f"{name}.sbml"
        sbml.write_text(aeon.BooleanNetwork.from_file(str(bnet)).to_sbml())
        imported = tmp_path / f"{name}.yaml"
        imported.write_text(api.convert(sbml).text)
        ours, theirs = (
            network_of(api.load_hypothesis(imported)),
            network_of(load_bnet_hypothesis(bnet)),
        )
        assert set(ours.nodes) == set(theirs.nodes), name
        assert {tuple(sorted(ours.state_dict(s).items())) for s in fixed_points(ours)} == {
            tuple(sorted(theirs.state_dict(s).items())) for s in fixed_points(theirs)
        }, name


def test_a_multivalued_species_is_refused_at_its_place(write: Writer) -> None:
    text = api.to_sbml(api.load_hypothesis("parallel", folder=HYPOTHESES))
    text = text.replace('qual:maxLevel="1"', 'qual:maxLevel="2"', 1)
    path = write("multi.sbml", text)
    with pytest.raises(InputError) as caught:
        api.from_sbml(path)
    (problem,) = caught.value.problems
    assert "3 levels: pathcheck reads Boolean models only" in problem.message
    assert problem.location.file == str(path) and problem.location.line > 1


def test_what_is_not_sbml_qual_is_one_line_and_exit_2(write: Writer) -> None:
    for name, text in (("a.sbml", "<notxml"), ("b.sbml", '<?xml version="1.0"?><html/>')):
        result = runner.invoke(app, ["import", str(write(name, text))])
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr


def test_without_libsbml_the_error_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, write: Writer
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "libsbml", None)
    result = runner.invoke(app, ["import", str(write("c.sbml", "<sbml/>"))])
    assert result.exit_code == 2 and "pip install 'pathcheck[sbml]'" in result.stderr


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entities_are_refused_before_libsbml_sees_them(write: Writer, doctype: str) -> None:
    """A billion-laughs expansion or an external entity: refused at the DOCTYPE."""
    text = f'<?xml version="1.0"?>\n{doctype}\n<sbml level="3" version="1"/>\n'
    result = runner.invoke(app, ["import", str(write("hostile.sbml", text))])
    assert result.exit_code == 2
    assert ":2:1: a DOCTYPE is refused" in result.stderr and "root:" not in result.stderr


def test_names_are_made_legal_and_unique_the_same_way_for_every_format() -> None:
    import re

    from pathcheck.formats.writing import legal_names
    from pathcheck.logic.rules import PLAIN_NAME

    nodes = ["A@p", "A_at_p", "3x", "B"]
    sbml = legal_names(nodes, re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z"))
    assert sbml == {"A@p": "A_at_p_2", "A_at_p": "A_at_p", "3x": "n_3x", "B": "B"}
    bnet = legal_names(nodes, PLAIN_NAME)
    assert bnet == {"A@p": "A_at_p_2", "A_at_p": "A_at_p", "3x": "3x", "B": "B"}


def aeon_reads(text: str) -> Any:
    """AEON's reading of an SBML-qual text, its regulations checked against its functions
    (AsynchronousGraph refuses a regulator a function does not use, or a wrong sign)."""
    aeon = pytest.importorskip("biodivine_aeon")
    return aeon.AsynchronousGraph(aeon.BooleanNetwork.from_sbml(text))


def same_fixed_points(a: Network, b: Network) -> bool:
    def listed(network: Network) -> set[tuple[tuple[str, int], ...]]:
        return {tuple(sorted(network.state_dict(s).items())) for s in fixed_points(network)}

    return listed(a) == listed(b)


def test_what_aeon_refused_it_reads(write: Writer, tmp_path: Path) -> None:
    """A rule that names a node it does not depend on (AEON takes every node a function
    names for a regulator that must matter), a free node (AEON reads a species with no
    transition as an input whose value is unknown), an input, a constant: AEON reads the
    export, and so does pathcheck, to the same fixed points."""
    path = write(
        "shapes.yaml",
        """
        name: shapes
        title: t
        source: s
        inputs: [I]
        nodes:
          A: I | (I & B)
          B: B
          C: A ^ ~B
          D: "1"
        readouts: {r: C}
    """,
    )
    hypothesis = api.load_hypothesis(path)
    text = api.to_sbml(hypothesis)
    graph = aeon_reads(text)
    back = reimported(text, tmp_path)
    ours, theirs = network_of(hypothesis), network_of(back)
    assert same_fixed_points(ours, theirs)
    aeon = pytest.importorskip("biodivine_aeon")
    assert int(aeon.FixedPoints.symbolic_vertices(graph).cardinality()) == len(fixed_points(ours))


def reimported(text: str, folder: Path) -> Hypothesis:
    sbml = folder / "exported.sbml"
    sbml.write_text(text)
    yaml = folder / "reimported.yaml"
    yaml.write_text(api.convert(sbml).text)
    return api.load_hypothesis(yaml)


def test_a_transition_with_no_function_is_an_input(tmp_path: Path) -> None:
    """How AEON writes a free input: a transition with an output and nothing else."""
    text = api.to_sbml(api.load_hypothesis("parallel", folder=HYPOTHESES))
    document = libsbml.readSBMLFromString(text)
    document.getModel().unsetNotes()  # no "pathcheck input:" facts to go by
    qual = document.getModel().getPlugin("qual")
    output = qual.getTransition(0).getOutput(0).getQualitativeSpecies()
    qual.removeTransition(0)
    transition = qual.createTransition()
    transition.setId("tr_unknown")
    put = transition.createOutput()
    put.setQualitativeSpecies(output)
    put.setTransitionEffect(libsbml.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL)
    name = qual.getQualitativeSpecies(output).getName() or output  # FLK1@pyramidal, whole
    back = reimported(libsbml.writeSBMLToString(document), tmp_path)
    assert name in back.inputs and name not in back.rules


@pytest.mark.peers
@pytest.mark.parametrize("path", PYBOOLNET_MODELS, ids=lambda p: p.stem)
def test_every_bundled_real_models_export_is_read_by_aeon(path: Path, tmp_path: Path) -> None:
    """pyboolnet's 30 published models: exported, passed by libsbml's validation, read by
    AEON (regulations checked against functions) to the same number of fixed points, and
    imported back to the same fixed points."""
    from pathcheck.formats.bnet import load_bnet_hypothesis

    hypothesis = load_bnet_hypothesis(path)
    text = api.to_sbml(hypothesis)
    assert validation_errors(text) == []
    aeon = pytest.importorskip("biodivine_aeon")
    graph = aeon_reads(text)
    ours = network_of(hypothesis)
    counted = count_fixed_points(ours)
    assert int(aeon.FixedPoints.symbolic_vertices(graph).cardinality()) == counted
    back = network_of(reimported(text, tmp_path))
    if counted <= 100_000:
        assert same_fixed_points(ours, back)
    else:
        assert count_fixed_points(back) == counted


def _model(tmp_path: Path, change: object) -> Path:
    """A small model exported by pathcheck, then changed as another tool might."""
    small = tmp_path / "small.yaml"
    small.write_text(
        "name: small\ntitle: t\nsource: s\ninputs: [ligand]\nnodes:\n  receptor: ligand\n"
        "  response: receptor\nreadouts: {response: response}\n"
    )
    document = libsbml.readSBMLFromString(api.to_sbml(api.load_hypothesis(small)))
    change(document.getModel().getPlugin("qual"))  # type: ignore[operator]
    path = tmp_path / "small.sbml"
    path.write_text(libsbml.writeSBMLToString(document))
    return path


def test_a_constant_species_at_level_1_is_read_as_the_rule_1_and_said(tmp_path: Path) -> None:
    def constant(qual: object) -> None:
        species = qual.getQualitativeSpecies("ligand")  # type: ignore[attr-defined]
        species.setConstant(True)
        species.setInitialLevel(1)

    path = _model(tmp_path, constant)
    with pytest.warns(api.PathcheckWarning) as said:
        found = api.convert(path)
    assert [str(w.message).split(": ", 1)[1] for w in said] == [
        "warning: not kept: 'ligand' is constant at level 1: read as the rule 1",
        "warning: not kept: a stale note: 'ligand' is named an input, but the file gives it a "
        "rule (its constant level: 1), which is kept",
    ]
    hypothesis = found.load()
    assert isinstance(hypothesis, api.Hypothesis)
    assert str(hypothesis.rules["ligand"]) == "True" and "ligand" not in hypothesis.inputs
    assert api.predict(hypothesis).readouts == {"response": True}
    assert "not kept: 'ligand' is constant at level 1: read as the rule 1" in found.text


def test_a_result_level_of_2_is_refused_at_its_term(tmp_path: Path) -> None:
    def two(qual: object) -> None:
        transition = qual.getTransition(0)  # type: ignore[attr-defined]
        transition.getFunctionTerm(0).setResultLevel(2)

    path = _model(tmp_path, two)
    with pytest.raises(InputError, match="gives level 2: pathcheck reads Boolean models only"):
        api.convert(path)


def test_a_stale_input_note_leaves_the_transition_in_place(tmp_path: Path) -> None:
    def transition_for_the_input(qual: object) -> None:
        transition = qual.createTransition()  # type: ignore[attr-defined]
        transition.setId("tr_ligand")
        output = transition.createOutput()
        output.setId("tr_ligand_out")
        output.setQualitativeSpecies("ligand")
        output.setTransitionEffect(libsbml.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL)
        transition.createDefaultTerm().setResultLevel(1)

    path = _model(tmp_path, transition_for_the_input)
    with pytest.warns(api.PathcheckWarning, match="a stale note: 'ligand' is named an input"):
        hypothesis = api.from_sbml(path)
    assert "ligand" in hypothesis.rules and api.predict(hypothesis).readouts["response"] is True
