"""Injection through labels: what a file says shows as written in every output language
and never acts as its syntax (a Mermaid directive or click handler, a Markdown heading
or raw HTML, a terminal escape sequence, a spreadsheet formula, a workflow command)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck.cli import app
from pathcheck.render import escape
from tests.samples import HOSTILE_HYPOTHESIS, HOSTILE_TABLE, HOSTILE_TEXT, hostile_yaml

runner = CliRunner()


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (tmp_path / "hypotheses").mkdir()
    for name in ("hostile", "other"):
        (tmp_path / "hypotheses" / f"{name}.yaml").write_text(
            HOSTILE_HYPOTHESIS.format(text=hostile_yaml()).replace("name: hostile", f"name: {name}")
        )
    (tmp_path / "experiments").mkdir()
    (tmp_path / "experiments" / "t.yaml").write_text(HOSTILE_TABLE.format(text=hostile_yaml()))
    (tmp_path / "pathcheck.toml").write_text('must-fit = ["hostile"]\n')
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return []


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    return result.stdout + result.stderr


def test_a_mermaid_label_cannot_close_its_node_nor_add_a_directive(hostile: list[str]) -> None:
    out = run("graph", "hostile", "--experiment", "E2")
    assert "%%{" not in out and "}%%" not in out
    assert not [line for line in out.splitlines() if line.strip().startswith("click")]
    for line in out.splitlines():
        assert line.count('"') % 2 == 0, line  # no label closed early
        assert "\x1b" not in line and "<img" not in line
    assert "#60;img src=x onerror=alert(1)#62;" in out  # shown as written, by entity


def test_dot_keeps_every_label_inside_its_string(hostile: list[str]) -> None:
    out = run("graph", "hostile", "--experiment", "E2", "--format", "dot")
    for line in out.splitlines():
        assert line.replace('\\"', "").count('"') % 2 == 0, line
    assert "\\\\N" in out  # DOT's own escapes in a label are written as text


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "--format", "markdown"),
        ("compare", "--summary", "--format", "markdown"),
        ("explain", "hostile", "E2", "--format", "markdown"),
        ("design", "hostile", "other", "--format", "markdown"),
    ],
)
def test_markdown_passes_no_heading_and_no_html(hostile: list[str], args: tuple[str, ...]) -> None:
    out = run(*args)
    assert not re.search(r"(?<!\\)<", out)  # no HTML: every '<' escaped
    assert not re.search(r"(?<!\\)\]\(", out)  # no link
    if "img src" in out:  # shown as written
        assert "\\<img src=x onerror=alert(1)\\>" in out
    ours = ("## ", "### ")  # the renderer's own headings, each written on purpose
    for line in out.splitlines():
        assert not line.startswith("# "), line
        if line.startswith("#"):
            assert line.startswith(ours) and "# heading" not in line.split(" ", 1)[0]


@pytest.mark.parametrize(
    "args",
    [
        ("compare",),
        ("compare", "--summary"),
        ("explain", "hostile", "E2"),
        ("predict", "hostile", "--experiment", "E2"),
        ("family", "hostile"),
        ("list",),
        ("check",),
        ("validate",),
    ],
)
def test_the_terminal_gets_no_escape_sequence_and_no_forged_line(
    hostile: list[str], args: tuple[str, ...]
) -> None:
    out = run(*args)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    for line in out.splitlines():
        assert not line.startswith(("::", "# heading", "click")), line


def test_csv_cells_never_start_a_formula(hostile: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(run("compare", "--format", "csv"))))
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row


def test_github_annotations_stay_one_command_each(hostile: list[str]) -> None:
    out = run("check", env={"GITHUB_ACTIONS": "true"})
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert commands and all(
        line.startswith(("::stop-commands::", "::error ", "::warning ")) or line.endswith("::")
        for line in commands
    ), commands
    assert not [line for line in commands if line.startswith("::error::forged")]


def test_junit_is_xml_whatever_the_labels_hold(hostile: list[str]) -> None:
    run("check", "--junit", "report.xml")
    root = ET.parse("report.xml").getroot()
    assert root.tag == "testsuites" and list(root.iter("failure"))


def test_json_carries_the_text_exactly_as_written(hostile: list[str]) -> None:
    payload = json.loads(runner.invoke(app, ["compare", "--format", "json"]).stdout)
    labels = {e["label"] for e in payload["experiments"]}
    assert HOSTILE_TEXT in labels


def test_each_escaping_leaves_plain_text_alone() -> None:
    plain = "BDNF@pyramidal infused, then serial_loop[vegf_source=PV] (D3)"
    assert escape.terminal(plain) == plain and escape.output(plain) == plain
    assert escape.markdown(plain) == plain.replace("[", "\\[").replace("]", "\\]")
    assert escape.mermaid(plain) == plain
    assert escape.dot(plain) == plain and escape.xml(plain) == plain
    assert escape.csv_cell("-1.49") == "-1.49" and escape.csv_cell("=1+1") == "'=1+1"
    assert escape.code("a ` b") == "``a ` b``"


def test_rich_tables_on_a_terminal_draw_no_escape_sequence_from_a_file(
    hostile: list[str],
) -> None:
    from rich.console import Console

    import pathcheck
    from pathcheck.render.formats import show

    for kind, result in (
        ("comparison", pathcheck.compare()),
        ("summary", pathcheck.compare()),
        ("prediction", pathcheck.predict("hostile", experiment="E2")),
        ("family", pathcheck.family("hostile")),
    ):
        console = Console(file=io.StringIO(), color_system=None, width=100)
        console.print(show(kind, result, "table", terminal=True))
        drawn = console.file.getvalue()  # type: ignore[attr-defined]
        assert "\x1b" not in drawn and "\u202e" not in drawn, kind
        assert not [line for line in drawn.splitlines() if line.lstrip().startswith("click")]
