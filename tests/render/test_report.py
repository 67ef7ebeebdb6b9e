"""report: one self-contained HTML page, opened in headless Chromium as a reader would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck.cli import app
from tests.repository import EXPERIMENTS, HYPOTHESES, ROOT, TABLE_FILES, Writer

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
    assert page.count('<table class="comparison">') == len(TABLE_FILES)  # one per table
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


def test_a_rerun_replaces_its_own_page_and_says_where_and_what_was_drawn(tmp_path: Path) -> None:
    out = written(tmp_path)
    args = ["report", *NAMES, "-o", str(out), "--hypotheses", str(HYPOTHESES)]
    again = runner.invoke(app, [*args, "--experiments", str(EXPERIMENTS)])
    assert again.exit_code == 0, again.stderr
    assert (
        again.stderr == f"wrote {out.resolve()}: 3 hypotheses drawn (SVG, laid out by pathcheck)\n"
    )


def test_sources_link_to_pubmed_and_the_doi(tmp_path: Path) -> None:
    page = written(tmp_path).read_text()
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/30712809/">PMID 30712809</a>' in page
    assert '<a href="https://doi.org/10.1176/appi.ajp.2018.17121368">' in page


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed here")
@pytest.mark.parametrize("width", [1280, 390])
def test_chromium_shows_a_drawn_graph_per_hypothesis_without_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """With no dot anywhere, the DOM Chromium builds holds the tables and one drawn SVG per
    hypothesis, each fitted to the page (scaled, or scrolled in its box: never cut); the
    screenshots are kept in .artifacts/ for a person to look at."""
    assert CHROMIUM is not None
    monkeypatch.setattr(shutil, "which", lambda name: None)
    page = written(tmp_path)
    url = page.resolve().as_uri()
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, "--dump-dom", url], capture_output=True, text=True, timeout=120
    ).stdout
    assert dom.count('<table class="comparison">') == len(TABLE_FILES)
    drawn = re.findall(r'<div class="graph" data-hypothesis="([^"]+)">\s*<svg', dom)
    assert drawn == NAMES
    assert dom.count('class="node"') > 20 and "arrow: activates" in dom
    artifacts = ROOT / ".artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / f"report-{width}.png"
    shot.unlink(missing_ok=True)
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--screenshot={shot}", f"--window-size={width},4000", url],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
