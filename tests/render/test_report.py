"""report: one self-contained HTML page, opened in headless Chromium as a reader would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck.cli import app
from tests.repository import EXPERIMENTS, HYPOTHESES, ROOT, Writer

runner = CliRunner()
NAMES = ["parallel", "serial", "serial_loop"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
FLAGS += ["--disable-background-networking", "--disable-dev-shm-usage"]  # small /dev/shm in CI


def written(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "report.html"
    args = ["report", *NAMES, "-o", str(out), "--hypotheses", str(HYPOTHESES)]
    result = runner.invoke(app, [*args, "--experiments", str(EXPERIMENTS), *extra])
    assert result.exit_code == 0, result.stderr
    return out


def test_the_page_holds_everything_and_fetches_nothing(tmp_path: Path) -> None:
    page = written(tmp_path).read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "Scores (error rate 0.05; equal priors)" in page
    assert page.count('<table class="comparison">') == 3  # one per outcome table
    assert 'class="disagree"' in page and 'class="mismatch"' in page
    graphs = re.findall(r'<div class="graph" data-hypothesis="([^"]+)"', page)
    assert graphs == NAMES
    assert "hinges on vegf_source" in page
    assert "co-injection of antibodies against BDNF into the mPFC blocks" in page  # D6's quote
    assert not re.search(r"<script|<link|<img|src=|url\(", page)  # nothing to fetch or run


def test_a_label_cannot_inject_markup(tmp_path: Path, write: Writer) -> None:
    table = write(
        "t.yaml",
        """
        source: {citation: "T <b>bold</b>"}
        experiments:
          - {id: E1, label: "<script>alert(1)</script>", setting: in_vivo, on: [ketamine],
             observed: {behaviour: true}, source: "quote <img src=x>"}
        """,
    )
    out = tmp_path / "r.html"
    result = runner.invoke(
        app,
        [
            "report",
            "parallel",
            "-o",
            str(out),
            "--hypotheses",
            str(HYPOTHESES),
            "--experiments",
            str(table),
        ],
    )
    assert result.exit_code == 0, result.stderr
    page = out.read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "<b>bold" not in page


def test_an_existing_file_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("mine")
    result = runner.invoke(app, ["report", "parallel", "-o", str(out)])
    assert result.exit_code == 2 and out.read_text() == "mine"


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed here")
@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed here")
def test_chromium_renders_the_table_and_a_graph_per_hypothesis(tmp_path: Path) -> None:
    """The DOM Chromium builds holds the tables and one drawn SVG per hypothesis; the
    screenshot is kept in .artifacts/ for a person to look at."""
    assert CHROMIUM is not None
    page = written(tmp_path)
    url = page.resolve().as_uri()
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, "--dump-dom", url], capture_output=True, text=True, timeout=120
    ).stdout
    assert dom.count('<table class="comparison">') == 3
    drawn = re.findall(r'<div class="graph" data-hypothesis="([^"]+)">\s*<svg', dom)
    assert drawn == NAMES
    artifacts = ROOT / ".artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "report.png"
    shot.unlink(missing_ok=True)
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--screenshot={shot}", "--window-size=1280,2400", url],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
