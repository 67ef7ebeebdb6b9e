"""graph: the drawing's edges are the rules' signed dependences, its colours the
prediction, and its formats parse."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck import api
from pathcheck.cli import app
from pathcheck.render import graph
from tests.repository import EXPERIMENTS, HYPOTHESES, Writer

runner = CliRunner()


def test_edges_are_signed_and_gates_shown(write: Writer) -> None:
    path = write(
        "g.yaml",
        """
        name: g
        title: a gate and an inhibition
        source: a test
        inputs: [a, b]
        nodes:
          c: a & ~b
          d: c
        readouts:
          r: d
        """,
    )
    found = api.draw(path)
    (gate,) = found.gates
    assert gate.target == "c" and gate.label == "AND"
    signs = {(e.source, e.target): e.sign for e in found.edges}
    assert signs == {("a", gate.id): "+", ("b", gate.id): "-", (gate.id, "c"): "+", ("c", "d"): "+"}
    text = graph.mermaid(found)
    assert "n1 --x gate_0" in text and "n0 --> gate_0" in text
    assert "arrowhead=tee" in graph.dot(found)


def test_an_experiment_colours_the_prediction_and_marks_the_mismatch() -> None:
    found = api.draw("serial", experiment="D6", experiments=[EXPERIMENTS], folder=HYPOTHESES)
    nodes = {n.name: n for n in found.nodes}
    assert nodes["VEGF@PV"].clamped is True and nodes["BDNF@pyramidal"].clamped is False
    assert nodes["plasticity@pyramidal"].value is True
    assert nodes["plasticity@pyramidal"].mismatch  # observed 0
    assert not nodes["FLK1@pyramidal"].mismatch
    text = graph.mermaid(found)
    assert "stroke:#d32f2f" in text and "[held 1]" in text


def test_cell_types_are_clusters_in_both_formats() -> None:
    found = api.draw("serial", folder=HYPOTHESES)
    assert set(found.cells) == {"pyramidal", "PV"}
    assert 'subgraph cell_PV["PV"]' in graph.mermaid(found)
    assert "subgraph cluster_1" in graph.dot(found)


def test_a_member_is_drawn_by_its_name() -> None:
    found = api.draw("serial_loop[vegf_source=pyramidal]", folder=HYPOTHESES)
    assert "VEGF@pyramidal" in {n.name for n in found.nodes}
    assert "VEGF@PV" not in {n.name for n in found.nodes}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_dot_parses_and_svg_is_written(tmp_path: Path) -> None:
    found = api.draw("parallel", experiment="D2", experiments=[EXPERIMENTS], folder=HYPOTHESES)
    checked = subprocess.run(
        ["dot", "-Tcanon"], input=graph.dot(found), text=True, capture_output=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    out = tmp_path / "parallel.svg"
    args = ["graph", "parallel", "--experiment", "D2", "--format", "svg", "-o", str(out)]
    result = runner.invoke(app, [*args, "--hypotheses", str(HYPOTHESES)])
    assert result.exit_code == 0, result.stderr
    svg = out.read_text()
    assert svg.lstrip().startswith("<?xml") and "plasticity@pyramidal" in svg
    assert "#c8e6c9" in svg  # a node predicted 1
    again = runner.invoke(app, [*args, "--hypotheses", str(HYPOTHESES)])
    assert again.exit_code == 2 and "exists already" in again.stderr


def test_without_dot_an_image_is_refused_with_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = runner.invoke(
        app, ["graph", "parallel", "--format", "svg", "--hypotheses", str(HYPOTHESES)]
    )
    assert result.exit_code == 2
    assert "apt install graphviz" in result.stderr and "Traceback" not in result.stderr


def test_png_needs_a_file_and_an_unknown_experiment_is_named() -> None:
    base = ["graph", "parallel", "--hypotheses", str(HYPOTHESES)]
    result = runner.invoke(app, [*base, "--format", "png"])
    assert result.exit_code == 2
    assert result.stderr == "command line: --format png writes an image: give -o FILE\n"
    result = runner.invoke(app, [*base, "--experiment", "D99"])
    assert result.exit_code == 2 and "(did you mean 'D9'?)" in result.stderr


def test_member_option_draws_that_member() -> None:
    base = ["graph", "serial_loop", "--hypotheses", str(HYPOTHESES)]
    drawn = runner.invoke(app, [*base, "--member", "vegf_source=pyramidal"]).stdout
    assert '"VEGF@pyramidal' in drawn and '"VEGF@PV' not in drawn
    wrong = runner.invoke(app, [*base, "--member", "vegf=x"])
    assert wrong.exit_code == 2 and "has no choice 'vegf'" in wrong.stderr
