"""The same file, the same answer from every command: one admission of the outcome tables,
in every reading, that validate, check, compare, predict, explain, design, family, graph
and report all go through, so that they refuse the same input at the same line."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck.cli import app
from tests.repository import HYPOTHESES

runner = CliRunner()

ROW = """
  - id: X1
    label: t
    setting: in_vivo
    {clamps}
    observed: {{behaviour: true}}
    source: t
"""

PENDING = """  - {{id: P1, label: t, setting: in_vivo, on: [BDNF], pending: true, source: t,
     measure: [{measure}]}}
"""

# each table hides one problem; what validate says of it, every command must say
HOSTILE = {
    "a cell group named like a cell type": (
        "cell_groups: {PV: [pyramidal]}\n",
        "on: [ketamine]\n    off: [VEGF@PV]",
        "cell group 'PV' is named like a cell type of the hypotheses",
    ),
    "an on/off overlap in a reading that is not the default": (
        "cell_groups:\n  cells:\n    readings: {narrow: [pyramidal], wide: [PV]}\n"
        "    default: narrow\n    reason: r\n",
        "on: [VEGF@cells]\n    off: [VEGF@PV]",
        "in the reading cells=wide: 'VEGF@PV' (off) and 'VEGF@cells' (on) name the same nodes",
    ),
    "a misspelt selector in a reading that is not the default": (
        "",
        "on:\n      readings: {named: [BDNF], typo: [BNDF]}\n      default: named\n      reason: r",
        "'BNDF' in X1 (in the reading X1.on=typo) matches a node in no hypothesis (did you "
        "mean 'BDNF'?)",
    ),
    "a misspelt cell type": (
        "",
        "off: [VEGF@pyramdal]",
        "'VEGF@pyramdal' in X1 matches a node in no hypothesis: no cell type 'pyramdal' here "
        "(did you mean 'pyramidal'?)",
    ),
    "a misspelt read-out a pending row would measure": (
        "",
        "on: [ketamine]",
        "no hypothesis has the read-out 'behavour' (did you mean 'behaviour'?)",
    ),
}

COMMANDS = {
    "validate": ["validate"],
    "check": ["check"],
    "compare": ["compare", "parallel", "serial_loop"],
    "predict --experiment": ["predict", "serial_loop", "--experiment", "X1"],
    "explain": ["explain", "serial_loop", "X1"],
    "design": ["design", "parallel", "serial_loop"],
    "family": ["family", "serial_loop"],
    "graph --experiment": ["graph", "serial_loop", "--experiment", "X1"],
    "report": ["report", "parallel", "serial_loop", "-o", "report.html"],
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "experiments").mkdir()
    shutil.copytree(HYPOTHESES, tmp_path / "hypotheses")  # the project's own: its tables
    (tmp_path / "pathcheck.toml").write_text(
        'hypotheses = "hypotheses"\nexperiments = ["experiments"]\nmust-fit = ["parallel"]\n'
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_every_command_refuses_the_same_table_at_the_same_line(project: Path, case: str) -> None:
    groups, clamps, message = HOSTILE[case]
    table = project / "experiments" / "t.yaml"
    table.write_text(
        'source: {citation: "T"}\n'
        + groups
        + "experiments:"
        + ROW.format(clamps=clamps)
        + PENDING.format(measure="behavour" if "pending" in case else "behaviour")
    )
    validated = runner.invoke(app, ["validate"])
    assert validated.exit_code == 2, validated.stdout
    (line,) = [x for x in validated.stdout.splitlines() if message in x]
    location = re.match(r"(\S+:\d+:\d+): ", line)
    assert location and location[1].startswith("experiments/t.yaml:"), line
    for name, args in COMMANDS.items():
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (name, result.stdout, result.stderr)
        said = [
            x
            for x in (result.stdout + result.stderr).splitlines()
            if x.startswith(f"{location[1]}: ")
        ]
        assert said and message in said[0], (name, result.stderr)


def test_allow_unknown_scores_around_a_misspelt_node_and_never_as_a_mismatch(
    project: Path,
) -> None:
    (project / "experiments" / "t.yaml").write_text(
        textwrap.dedent(
            """
            source: {citation: "T"}
            experiments:
              - {id: X1, label: t, setting: in_vivo, on: [BNDF], observed: {behaviour: true},
                 source: t}
              - {id: X2, label: t, setting: in_vivo, on: [BDNF], observed: {behaviour: true},
                 source: t}
            """
        )
    )
    for args in (COMMANDS["compare"], COMMANDS["family"], COMMANDS["design"]):
        result = runner.invoke(app, [*args, "--allow-unknown", "--format", "json"])
        assert result.exit_code == 0, result.stderr
        assert "warning: 'BNDF' in X1 matches a node in no hypothesis" in result.stderr
        assert '"X1"' not in result.stdout  # not scored, for any hypothesis
    compared = runner.invoke(app, [*COMMANDS["compare"], "--allow-unknown"]).stdout
    assert " X2 " in compared and " X1 " not in compared
