"""Every command reads at 80 and at 120 columns: no name or figure is ever cut short.

The rich renderers are drawn on a console of that width, as a terminal would show them;
the text renderers wrap to the terminal's width themselves. Either way every hypothesis
name, node name, experiment id and summary figure must appear whole, and nothing may be
elided with '…'.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console, RenderableType
from typer.testing import CliRunner

from pathcheck import api
from pathcheck.cli import app
from pathcheck.render import table
from pathcheck.render.cells import summary_rows
from tests.repository import EXPERIMENTS, HYPOTHESES

WIDTHS = [80, 120]
runner = CliRunner()


def drawn(renderable: RenderableType, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(text, str)
    return text


def whole(text: str, words: set[str], width: int | None) -> None:
    """Every word whole, nothing elided, and (given a width) no line past it."""
    assert "…" not in text
    flat = " ".join(text.split())
    missing = sorted(w for w in words if w not in flat)
    assert not missing, missing
    if width is not None:
        assert max(len(line.rstrip()) for line in text.splitlines()) <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_compare(width: int) -> None:
    result = api.compare(
        ["serial", "parallel", "serial_loop"], experiments=[EXPERIMENTS], folder=HYPOTHESES
    )
    words = {h.name for h in result.hypotheses}
    words |= {row.experiment.id for row in result.rows}
    words |= {cell for row in summary_rows(result) for cell in row}
    whole(drawn(table.comparison(result, width), width), words, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_predict(width: int) -> None:
    found = api.predict("serial_loop", on=["ketamine"], setting="in_vivo", folder=HYPOTHESES)
    whole(drawn(table.prediction(found, width), width), set(found.nodes), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_family(width: int) -> None:
    found = api.family("serial_loop", experiments=[EXPERIMENTS], folder=HYPOTHESES)
    # a reading names its member by its options, and wraps between them, never inside one
    words = {o for s in found.scored for _, o in (*s.options, *s.data)}
    whole(drawn(table.family(found, width), width), words, width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["explain", "serial", "D6"], {"VEGF@PV", "BDNF@pyramidal", "plasticity@pyramidal"}),
        (
            ["design", "parallel", "serial_loop"],
            {"ketamine_trigger=pyramidal_AMPA", "serial_loop", "parallel", "K2"},
        ),
        (["check"], {"serial_loop", "parallel"}),
        (["list"], {"serial_disinhibition", "shared_pathway"}),
        (["validate"], {"0 errors"}),
    ],
)
def test_text_commands(width: int, args: list[str], words: set[str]) -> None:
    extra = ["--hypotheses", str(HYPOTHESES)] if args[0] != "check" else []
    result = runner.invoke(app, [*args, *extra], env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1), result.stderr
    # check, validate and list print one line per finding or file, whole, and leave the
    # wrapping of a long one to the terminal; explain and design wrap to its width
    wraps = args[0] in ("explain", "design")
    whole(result.stdout, words, width if wraps else None)


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_opens_with_the_verdict(width: int) -> None:
    """The answer on the first screen: who fits and by how much, within 15 lines."""
    result = api.compare(["serial", "parallel"], experiments=[EXPERIMENTS], folder=HYPOTHESES)
    first = drawn(table.comparison(result, width), width).splitlines()[:15]
    flat = " ".join(" ".join(first).split())
    n, sources = len(result.rows), len({r.experiment.location.file for r in result.rows})
    assert flat.startswith(f"serial vs parallel: {n} observations from {sources} sources")
    assert f"parallel fits all {n} observations in" in flat
    low, high = result.readings[0].log10_bayes_factor_range  # serial's, against parallel
    assert f"parallel leads serial by {-high:.1f} to {-low:.1f} in every reading" in flat


@pytest.mark.parametrize("width", WIDTHS)
def test_five_hypotheses_fit_as_letters_with_a_legend(width: int) -> None:
    result = api.compare(experiments=[EXPERIMENTS], folder=HYPOTHESES, readings="default")
    text = drawn(table.comparison(result, width), width)
    words = {h.name for h in result.hypotheses} | {row.experiment.id for row in result.rows}
    whole(text, words, width)
    if width == 80:  # five names do not fit beside the observations: letters, and a key
        assert "A parallel B serial C serial_disinhibition" in " ".join(text.split())


def test_the_summary_alone_is_the_verdict_and_the_scores() -> None:
    result = runner.invoke(app, ["compare", "serial", "parallel", "--summary"])
    assert result.exit_code == 0, result.stderr
    assert "parallel leads serial" in result.stdout and "Scores (" in result.stdout
    assert "D1 " not in result.stdout  # an experiment no hypothesis disagrees on: not shown
    assert len(result.stdout.splitlines()) < 32  # with how independent the evidence is


def test_family_and_predict_read_as_tables_at_80() -> None:
    """A table at 80 columns, never the stacked fallback, for the bundled families and
    networks: the family's readings wrap in their column, a prediction's states turn so
    that nodes run down the page."""
    found = api.family("serial_loop", experiments=[EXPERIMENTS], folder=HYPOTHESES)
    text = drawn(table.family(found, 80), 80)
    assert any(line.split()[:3] == ["rank", "reading", "log"] for line in text.splitlines())
    predicted = api.predict("serial_loop", on=["ketamine"], setting="in_vivo", folder=HYPOTHESES)
    text = drawn(table.prediction(predicted, 80), 80)
    assert any(line.split() == ["basal", "1"] for line in text.splitlines())
    assert any(line.split() == ["FLK1@pyramidal", "0"] for line in text.splitlines())
