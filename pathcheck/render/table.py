"""Rich tables for a terminal (piped output goes through :mod:`pathcheck.render.text`).

Every string reaches rich as :class:`~rich.text.Text`, never as markup: a member's name
(``serial_loop[vegf_source=PV]``) or a label in brackets must show as written.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pathcheck.families import Family
from pathcheck.render.cells import (
    CHOICES_TITLE,
    FAMILY_HEADER,
    PENDING_TITLE,
    READINGS_HEADER,
    READINGS_TITLE,
    ROW_HEADER,
    SUMMARY_HEADER,
    bayes_factor_note,
    choice_lines,
    family_notes,
    family_rows,
    footnotes,
    header,
    legend,
    pending_lines,
    readings_rows,
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
        table = Table(title=Text(section.title), title_justify="left", box=box.SIMPLE_HEAD)
        for i, name in enumerate(header(result)):
            centred = i >= len(ROW_HEADER) or name in CENTRED
            table.add_column(Text(name), justify="center" if centred else "left")
        table.columns[2].max_width = 60
        for line in section.lines:
            hinging = line.hinging or (False,) * len(line.cells)
            cells = [
                Text(c, style="bold magenta" if h else STYLES[v])
                for c, v, h in zip(line.cells, line.verdicts, hinging, strict=True)
            ]
            table.add_row(*map(Text, line.fixed), *cells)
        parts.append(table)
    parts += [Text(line, style="dim") for line in legend(result)]
    parts += [*(Text(n) for n in footnotes(result)), Text("")]
    summary = Table(title=summary_title(result), title_justify="left", box=box.SIMPLE_HEAD)
    for name in SUMMARY_HEADER:
        summary.add_column(Text(name), justify="left" if name == "hypothesis" else "right")
    best = max(s.log_likelihood for s in result.summaries)
    for s, row in zip(result.summaries, summary_rows(result), strict=True):
        summary.add_row(*map(Text, row), style="bold" if s.log_likelihood == best else "")
    parts.append(summary)
    parts += [Text(line) for line in bayes_factor_note(result)]
    if result.has_readings:
        readings = Table(title=READINGS_TITLE, title_justify="left", box=box.SIMPLE_HEAD)
        for name in READINGS_HEADER:
            named = name in ("hypothesis", "best reading", "worst reading")
            readings.add_column(
                Text(name),
                justify="right" if name in ("log L", "readings") else "left",
                overflow="fold" if named else "ellipsis",  # a member's name, never cut
            )
        for row in readings_rows(result):
            readings.add_row(*map(Text, row))
        parts += [Text(""), readings, Text(CHOICES_TITLE, style="bold")]
        parts += [Text(line) for line in choice_lines(result)]
    if result.pending:
        parts += [Text(""), Text(PENDING_TITLE, style="bold")]
        parts += [Text(line) for line in pending_lines(result)]
    return Group(*parts)


def prediction(heading: list[str], grids: list[Grid]) -> RenderableType:
    parts: list[RenderableType] = [Text(heading[0], style="bold"), *map(Text, heading[1:])]
    for grid in grids:
        table = Table(title=Text(grid.title), title_justify="left", box=box.SIMPLE_HEAD)
        for name in grid.header:
            table.add_column(Text(name), justify="center" if grid.header[0] == "" else "left")
        for row in grid.rows:
            table.add_row(*map(Text, row))
        parts.append(table)
    return Group(*parts)


def family(found: Family) -> RenderableType:
    parts: list[RenderableType] = [Text(line) for line in family_notes(found)]
    table = Table(box=box.SIMPLE_HEAD)
    for name in FAMILY_HEADER:
        table.add_column(
            Text(name),
            justify="left" if name == "reading" else "right",
            overflow="fold" if name == "reading" else "ellipsis",  # a member's name, never cut
        )
    for row, scored in zip(family_rows(found), found.scored, strict=True):
        table.add_row(*map(Text, row), style="green" if scored.fits else "")
    parts.append(table)
    return Group(*parts)


def print_(renderable: RenderableType) -> None:
    Console().print(renderable)
