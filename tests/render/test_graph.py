"""graph: the drawing's edges are the rules' signed dependences, its colours the
prediction, and its formats parse."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck import api
from pathcheck.cli import app
from pathcheck.render import graph
from pathcheck.render.graph import placed
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
def test_dot_parses() -> None:
    found = api.draw("parallel", experiment="D2", experiments=[EXPERIMENTS], folder=HYPOTHESES)
    checked = subprocess.run(
        ["dot", "-Tcanon"], input=graph.dot(found), text=True, capture_output=True, check=False
    )
    assert checked.returncode == 0, checked.stderr


def test_svg_and_png_are_drawn_without_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pip alone: the layout is pathcheck's own, the PNG painted with Pillow."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("PATH", str(tmp_path))  # and no dot a subprocess could find
    out = tmp_path / "parallel.svg"
    args = ["graph", "parallel", "--experiment", "D2", "--format", "svg", "-o", str(out)]
    result = runner.invoke(app, [*args, "--hypotheses", str(HYPOTHESES)])
    assert result.exit_code == 0, result.stderr
    drawn = ET.fromstring(out.read_text())
    assert drawn.tag == "{http://www.w3.org/2000/svg}svg"
    text = out.read_text()
    assert 'data-name="plasticity@pyramidal"' in text and "#c8e6c9" in text  # predicted 1
    assert "arrow: activates" in text  # the legend is part of the picture
    again = runner.invoke(app, [*args, "--hypotheses", str(HYPOTHESES)])
    assert again.exit_code == 2 and "exists already" in again.stderr
    png = tmp_path / "parallel.png"
    painted = runner.invoke(
        app,
        ["graph", "parallel", "--format", "png", "-o", str(png), "--hypotheses", str(HYPOTHESES)],
    )
    assert painted.exit_code == 0, painted.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "name", ["parallel", "serial", "serial_loop", "serial_disinhibition", "shared_pathway"]
)
def test_the_layout_keeps_boxes_apart_and_every_edge_drawn(name: str) -> None:
    found = api.draw(name, folder=HYPOTHESES)
    shape = placed(found)
    boxes = shape.boxes
    for a, b in itertools.combinations(boxes, 2):
        apart_x = abs(a.x - b.x) >= (a.width + b.width) / 2
        apart_y = abs(a.y - b.y) >= (a.height + b.height) / 2
        assert apart_x or apart_y, (a.id, b.id)
    for box in boxes:
        assert box.x - box.width / 2 >= 0 and box.x + box.width / 2 <= shape.width
        assert shape.top <= box.y - box.height / 2 and box.y + box.height / 2 <= shape.height
    assert len(shape.routes) == len(found.edges)
    for band in shape.bands:  # a cell type's rectangle holds its nodes and no other's
        for box in boxes:
            inside = (
                band.x <= box.x <= band.x + band.width and band.y <= box.y <= band.y + band.height
            )
            cell = (
                box.node.cell
                if box.node
                else next(g.target for g in found.gates if g.id == box.id).split("@")[-1]
            )
            assert inside == (cell == band.cell), (band.cell, box.id)


def test_mermaid_shows_its_title_and_legend() -> None:
    text = graph.mermaid(api.draw("serial", folder=HYPOTHESES))
    assert text.startswith('---\ntitle: "serial"\n---\nflowchart LR\n')
    assert '  legend["arrow: activates · x: inhibits · o: both ways"]' in text
    assert "%%" not in text  # GitHub shows no comment


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
