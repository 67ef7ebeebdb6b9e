"""Rich tables for a terminal (piped output goes through :mod:`pathcheck.render.text`).

Every string reaches rich as :class:`~rich.text.Text`, never as markup: a member's name
(``serial_loop[vegf_source=PV]``) or a label in brackets must show as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pathcheck.analysis.family import Family
from pathcheck.analysis.score import Comparison, Verdict
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
from pathcheck.render.states import grids, heading

if TYPE_CHECKING:
    from pathcheck.analysis.predict import Prediction

STYLES = {
    Verdict.MATCH: "green",
    Verdict.MISMATCH: "bold red",
    Verdict.AMBIGUOUS: "yellow",
    Verdict.UNKNOWN: "bold yellow",
    Verdict.NOT_APPLICABLE: "dim",
}
CENTRED = {ROW_HEADER[0], ROW_HEADER[4]}
GAP = 3  # a column's padding and rule in box.SIMPLE_HEAD


LABEL_WIDTH = 40  # an experiment's label wraps within this; every other cell shows whole


def _fits(
    head: Sequence[str], rows: Sequence[Sequence[str]], width: int, wraps: int | None = None
) -> bool:
    """Whether every column can show its widest cell whole within ``width`` (column
    ``wraps`` wrapping its words within :data:`LABEL_WIDTH`)."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    if wraps is not None:
        widths[wraps] = min(widths[wraps], LABEL_WIDTH)
    return sum(widths) + GAP * len(widths) <= width


def _table(
    title: str,
    head: Sequence[str],
    rows: Sequence[Sequence[Text]],
    justify: Sequence[str],
    wraps: int | None = None,
) -> Table:
    table = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD)
    for i, (name, how) in enumerate(zip(head, justify, strict=True)):
        if i == wraps:
            table.add_column(Text(name), justify=how, max_width=LABEL_WIDTH, overflow="fold")  # type: ignore[arg-type]
        else:
            table.add_column(Text(name), justify=how, no_wrap=True)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*row)
    return table


def _stacked(title: str, head: Sequence[str], rows: Sequence[Sequence[Text]]) -> Group:
    """Too wide for the terminal: one block a row, its first cell as a heading and the
    rest as ``column value`` pairs that wrap, so that no name or figure is ever cut."""
    parts: list[RenderableType] = [Text(title, style="bold")] if title else []
    for first, *rest in rows:
        line = Text("  ")
        for i, (name, cell) in enumerate(zip(head[1:], rest, strict=True)):
            if i:
                line.append(" · ", style="dim")
            if name:
                line.append(f"{name} ", style="dim")
            line.append_text(cell)
        parts += [first, line]
    return Group(*parts)


def fitted(
    title: str,
    head: Sequence[str],
    rows: Sequence[Sequence[Text]],
    width: int,
    justify: Sequence[str] | None = None,
) -> RenderableType:
    """A table when every cell fits whole, else the rows stacked: never an ellipsis."""
    plain = [[c.plain for c in row] for row in rows]
    if _fits(head, plain, width):
        return _table(title, head, rows, justify or ["left"] * len(head))
    return _stacked(title, head, rows)


def comparison(result: Comparison, width: int | None = None) -> RenderableType:
    width = width or _width()
    parts: list[RenderableType] = []
    head = header(result)
    justify = [
        "center" if i >= len(ROW_HEADER) or name in CENTRED else "left"
        for i, name in enumerate(head)
    ]
    for section in sections(result):
        rows = []
        for line in section.lines:
            hinging = line.hinging or (False,) * len(line.cells)
            cells = [
                Text(c, style="bold magenta" if h else STYLES[v])
                for c, v, h in zip(line.cells, line.verdicts, hinging, strict=True)
            ]
            rows.append([*map(Text, line.fixed), *cells])
        if _fits(head, [[c.plain for c in r] for r in rows], width, wraps=2):
            parts.append(_table(section.title, head, rows, justify, wraps=2))
        else:
            parts.append(_stacked_observations(section.title, head, rows))
        parts.append(Text(""))
    parts += [Text(line, style="dim") for line in legend(result)]
    parts += [*(Text(n) for n in footnotes(result)), Text("")]
    best = max(s.log_likelihood for s in result.summaries)
    summary = [
        [Text(c, style="bold" if s.log_likelihood == best else "") for c in row]
        for s, row in zip(result.summaries, summary_rows(result), strict=True)
    ]
    right = ["left" if name == "hypothesis" else "right" for name in SUMMARY_HEADER]
    parts.append(fitted(summary_title(result), SUMMARY_HEADER, summary, width, right))
    parts += [Text(line) for line in bayes_factor_note(result)]
    if result.has_readings:
        rows = [list(map(Text, row)) for row in readings_rows(result)]
        how = ["right" if name in ("log L", "readings") else "left" for name in READINGS_HEADER]
        parts += [Text(""), fitted(READINGS_TITLE, READINGS_HEADER, rows, width, how)]
        parts += [Text(CHOICES_TITLE, style="bold")]
        parts += [Text(line) for line in choice_lines(result)]
    if result.pending:
        parts += [Text(""), Text(PENDING_TITLE, style="bold")]
        parts += [Text(line) for line in pending_lines(result)]
    return Group(*parts)


def _stacked_observations(title: str, head: Sequence[str], rows: list[list[Text]]) -> Group:
    """An outcome table too wide to show: per experiment, its id and label, then per
    read-out the observation and each hypothesis's verdict."""
    parts: list[RenderableType] = [Text(title, style="bold")]
    for row in rows:
        disagree, experiment, label, readout, observed, *cells = row
        if experiment.plain:
            parts.append(
                Text.assemble(disagree, " " if disagree.plain else "", experiment, "  ", label)
            )
        line = Text.assemble("    ", readout, "  ", ("observed ", "dim"), observed)
        for name, cell in zip(head[len(ROW_HEADER) :], cells, strict=True):
            line.append(" · ", style="dim")
            line.append(f"{name} ")
            line.append_text(cell)
        parts.append(line)
    return Group(*parts)


def prediction(found: Prediction, width: int | None = None) -> RenderableType:
    width = width or _width()
    lines = heading(found)
    parts: list[RenderableType] = [Text(lines[0], style="bold"), *map(Text, lines[1:])]
    for grid in grids(found):
        rows = [list(map(Text, row)) for row in grid.rows]
        how = ["center" if grid.header[0] == "" else "left"] * len(grid.header)
        parts.append(fitted(grid.title, grid.header, rows, width, how))
    return Group(*parts)


def family(found: Family, width: int | None = None) -> RenderableType:
    width = width or _width()
    parts: list[RenderableType] = [Text(line) for line in family_notes(found)]
    rows = [
        [Text(c, style="green" if scored.fits else "") for c in row]
        for row, scored in zip(family_rows(found), found.scored, strict=True)
    ]
    how = ["left" if name == "reading" else "right" for name in FAMILY_HEADER]
    parts.append(fitted("", FAMILY_HEADER, rows, width, how))
    return Group(*parts)


def _width() -> int:
    """The terminal's width, as rich finds it."""
    return Console().width


def print_(renderable: RenderableType) -> None:
    Console().print(renderable)
