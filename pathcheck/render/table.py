"""Rich tables for a terminal (piped output goes through :mod:`pathcheck.render.text`)."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pathcheck.render.cells import (
    LEGEND,
    ROW_HEADER,
    SUMMARY_HEADER,
    footnotes,
    header,
    sections,
    summary_rows,
    summary_title,
)
from pathcheck.render.states import Grid
from pathcheck.score import Comparison, Verdict

STYLES = {
    Verdict.MATCH: "green",
    Verdict.MISMATCH: "bold red",
    Verdict.AMBIGUOUS: "yellow",
    Verdict.UNKNOWN: "bold yellow",
    Verdict.NOT_APPLICABLE: "dim",
}
CENTRED = {ROW_HEADER[0], ROW_HEADER[4]}


def comparison(result: Comparison) -> RenderableType:
    parts: list[RenderableType] = []
    for section in sections(result):
        table = Table(title=section.title, title_justify="left", box=box.SIMPLE_HEAD)
        for i, name in enumerate(header(result)):
            centred = i >= len(ROW_HEADER) or name in CENTRED
            table.add_column(name, justify="center" if centred else "left")
        table.columns[2].max_width = 60
        for line in section.lines:
            cells = [
                Text(c, style=STYLES[v]) for c, v in zip(line.cells, line.verdicts, strict=True)
            ]
            table.add_row(*line.fixed, *cells)
        parts.append(table)
    parts += [Text(LEGEND, style="dim"), *(Text(n) for n in footnotes(result)), Text("")]
    summary = Table(title=summary_title(result), title_justify="left", box=box.SIMPLE_HEAD)
    for name in SUMMARY_HEADER:
        summary.add_column(name, justify="left" if name == "hypothesis" else "right")
    best = max(s.log_likelihood for s in result.summaries)
    for s, row in zip(result.summaries, summary_rows(result), strict=True):
        summary.add_row(*row, style="bold" if s.log_likelihood == best else "")
    parts.append(summary)
    return Group(*parts)


def prediction(heading: list[str], grids: list[Grid]) -> RenderableType:
    parts: list[RenderableType] = [Text(heading[0], style="bold"), *map(Text, heading[1:])]
    for grid in grids:
        table = Table(title=grid.title, title_justify="left", box=box.SIMPLE_HEAD)
        for name in grid.header:
            table.add_column(name, justify="center" if grid.header[0] == "" else "left")
        for row in grid.rows:
            table.add_row(*row)
        parts.append(table)
    return Group(*parts)


def print_(renderable: RenderableType) -> None:
    Console().print(renderable)
