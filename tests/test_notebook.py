"""The notebook in docs/ runs top to bottom, and a notebook shows each result as its
table: executed here as CI executes it, with nbclient and a real kernel."""

from __future__ import annotations

from typing import Any

import pytest

from pathcheck.formats.experiments import load_experiment_files
from tests.repository import ROOT, TABLE_FILES

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")


@pytest.mark.slow
def test_the_docs_notebook_runs_and_shows_results_as_tables() -> None:
    notebook = nbformat.read(ROOT / "docs" / "notebook.ipynb", as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": ROOT}}
    ).execute()
    code = [c for c in notebook.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, errors

    def data(cell: int, kind: str) -> str:
        return "".join(o.get("data", {}).get(kind, "") for o in code[cell].outputs) + "".join(
            o.get("text", "") for o in code[cell].outputs if kind == "text/plain"
        )

    n = sum(len(e.observations) for t in load_experiment_files(TABLE_FILES) for e in t.experiments)
    comparison = data(0, "text/html")
    assert "<table" in comparison and "parallel" in comparison and f"/{n}" in comparison
    assert data(0, "text/plain").startswith(f"<Comparison on {n} observations")
    assert f"parallel fits all {n} observations" in data(1, "text/plain")
    assert "<table" in data(2, "text/html") and "D6" in data(2, "text/plain")
    assert "VEGF@PV" in data(3, "text/plain")
    assert "<table" in data(4, "text/html")
    assert "flowchart" in data(6, "text/plain")
    assert "<table" in data(7, "text/html")


def test_every_result_is_short_as_text_and_a_table_in_html() -> None:
    import pathcheck

    results: list[Any] = [
        pathcheck.compare(),
        pathcheck.predict("parallel", on=["ketamine"], setting="in_vivo"),
        pathcheck.explain("serial", experiment="D6"),
        pathcheck.family("serial_loop"),
        pathcheck.design(["parallel", "serial_loop"], top=3),
        pathcheck.check(ROOT / "pathcheck.toml"),
        pathcheck.validate(),
    ]
    for result in results:
        assert len(repr(result)) < 2000, type(result)
        shown = result._repr_html_()
        assert shown.startswith('<table class="pathcheck">') and "<th>" in shown
        assert "<td>" in shown or type(result).__name__ in ("CheckResult", "Validation")
