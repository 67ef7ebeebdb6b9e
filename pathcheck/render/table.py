"""Rich tables for a terminal (piped output goes through :mod:`pathcheck.render.text`).

Every string reaches rich as :class:`~rich.text.Text`, never as markup: a member's name
(``serial_loop[vegf_source=PV]``) or a label in brackets must show as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from pathcheck.analysis.family import Family
from pathcheck.analysis.score import Comparison, Verdict
from pathcheck.render.cells import (
    CHOICES_TITLE,
    FAMILY_HEADER,
    FAMILY_LEGEND,
    NEIGHBOURS_HEADER,
    NEIGHBOURS_TITLE,
    PENDING_TITLE,
    READINGS_HEADER,
    READINGS_TITLE,
    ROW_HEADER,
    Line,
    choice_lines,
    coverage_note,
    disagreements,
    family_notes,
    family_rows,
    footnotes,
    legend,
    neighbours_rows,
    pending_lines,
    readings_rows,
    sections,
    summary_header,
    summary_legend,
    summary_rows,
    summary_title,
    title,
)
from pathcheck.render.escape import terminal
from pathcheck.render.states import grids, heading
from pathcheck.render.verdict import verdict

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


def _text(text: str, style: str = "") -> Text:
    """Every string rich draws, as rich Text (never markup) and through the terminal's
    escaping: a label's escape sequence or line break shows as a space."""
    return Text(terminal(text), style=style)


def _fits(
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    wraps: int | None = None,
    floor: int = 0,
) -> bool:
    """Whether every column can show its widest cell whole within ``width``, column
    ``wraps`` wrapping its words within :data:`LABEL_WIDTH` (and no narrower than
    ``floor``, so that no word of it is cut)."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    if wraps is not None:
        widths[wraps] = min(widths[wraps], max(LABEL_WIDTH, floor))
        spare = width - (sum(widths) - widths[wraps]) - GAP * len(widths)
        return spare >= min(widths[wraps], floor or widths[wraps])
    return sum(widths) + GAP * len(widths) <= width


def _table(
    title: str,
    head: Sequence[str],
    rows: Sequence[Sequence[Text]],
    justify: Sequence[str],
    wraps: int | None = None,
    floor: int = 0,
) -> Table:
    table = Table(title=_text(title), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for i, (name, how) in enumerate(zip(head, justify, strict=True)):
        if i == wraps:
            table.add_column(
                _text(name),
                justify=how,  # type: ignore[arg-type]
                min_width=floor or None,
                max_width=max(LABEL_WIDTH, floor),
                overflow="fold",
            )
        else:
            table.add_column(_text(name), justify=how, no_wrap=True)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*row)
    return table


def _stacked(title: str, head: Sequence[str], rows: Sequence[Sequence[Text]]) -> Group:
    """Too wide for the terminal: one block a row, its first cell as a heading and the
    rest as ``column value`` pairs that wrap, so that no name or figure is ever cut."""
    parts: list[RenderableType] = [_text(title, style="bold")] if title else []
    for first, *rest in rows:
        line = _text("  ")
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
    wraps: int | None = None,
) -> RenderableType:
    """A table when every cell fits whole (column ``wraps`` wrapping between its words),
    else the rows stacked: never an ellipsis."""
    plain = [[c.plain for c in row] for row in rows]
    floor = max((len(w) for r in plain for w in r[wraps].split()), default=0) if wraps else 0
    if _fits(head, plain, width, wraps, floor):
        return _table(title, head, rows, justify or ["left"] * len(head), wraps, floor)
    return _stacked(title, head, rows)


def comparison(
    result: Comparison, width: int | None = None, *, brief: bool = False
) -> RenderableType:
    """The verdict first, then where the hypotheses disagree and their scores; then, unless
    ``brief``, every experiment, the readings and the open choices. Every table fits the
    terminal: an experiment's label wraps in its column, hypotheses become letters with a
    legend when their names would not fit, and only what still cannot fit is stacked."""
    width = width or _width()
    parts: list[RenderableType] = [_text(title(result), style="bold"), _text("")]
    parts += [_text(line) for line in verdict(result)]
    split = disagreements(result)
    if split.lines:
        parts += [_text(""), _observations(split.title, result, split.lines, width)]
        parts += [_text(note) for note in footnotes(result, disagreeing=True)]
    best = max(s.log_likelihood for s in result.summaries)
    summary = [
        [_text(c, style="bold" if s.log_likelihood == best else "") for c in row]
        for s, row in zip(result.summaries, summary_rows(result), strict=True)
    ]
    right = ["left" if name == "hypothesis" else "right" for name in summary_header(result)]
    parts += [
        _text(""),
        fitted(summary_title(result), summary_header(result), summary, width, right),
    ]
    parts.append(_text(summary_legend(result), style="dim"))
    parts += [_text(line, style="dim") for line in coverage_note(result)]
    if result.neighbours is not None:
        rows = [list(map(_text, row)) for row in neighbours_rows(result)]
        how = ["left"] + ["right"] * (len(NEIGHBOURS_HEADER) - 1)
        parts += [_text(""), fitted(NEIGHBOURS_TITLE, NEIGHBOURS_HEADER, rows, width, how)]
    if brief:
        return Group(*parts)
    for section in sections(result):
        parts += [_text(""), _observations(section.title, result, section.lines, width)]
    parts += [_text(line, style="dim") for line in legend(result)]
    parts += [_text(note) for note in footnotes(result, disagreeing=False)]
    if result.has_readings:
        rows = [list(map(_text, row)) for row in readings_rows(result)]
        how = [
            "right" if name in ("log L", "readings", "fit all") else "left"
            for name in READINGS_HEADER
        ]
        parts += [_text(""), fitted(READINGS_TITLE, READINGS_HEADER, rows, width, how, wraps=4)]
        parts += [_text(""), _text(CHOICES_TITLE, style="bold")]
        parts += [_text(line) for line in choice_lines(result)]
    if result.pending:
        parts += [_text(""), _text(PENDING_TITLE, style="bold")]
        parts += [_text(line) for line in pending_lines(result)]
    return Group(*parts)


def summary(result: Comparison, width: int | None = None) -> RenderableType:
    """``compare --summary``: the verdict, the disagreements and the scores alone."""
    return comparison(result, width, brief=True)


MIN_LABEL = 16  # an experiment's label narrower than this is stacked instead


def _observations(
    caption: str, result: Comparison, lines: Sequence[Line], width: int
) -> RenderableType:
    """Observations as a table: each experiment's id and label in one column that wraps,
    then the read-out, the observation and each hypothesis's verdict; the hypotheses as
    letters (with a legend) when their names do not fit."""
    names = [h.name for h in result.hypotheses]
    rows = []
    for line in lines:
        disagree, experiment, label, readout, observed = line.fixed
        hinging = line.hinging or (False,) * len(line.cells)
        cells = [
            _text(c, style="bold magenta" if h else STYLES[v])
            for c, v, h in zip(line.cells, line.verdicts, hinging, strict=True)
        ]
        what = f"{experiment}  {label}" if experiment else ""
        rows.append([_text(disagree), _text(what), _text(readout), _text(observed), *cells])
    longest = max((len(w) for r in rows for w in r[1].plain.split()), default=0)
    floor = max(MIN_LABEL, longest)
    for heads in (names, [_letter(i) for i in range(len(names))]):
        head = ["≠", "experiment", "read-out", "obs", *heads]
        justify = ["center", "left", "left", "center"] + ["center"] * len(heads)
        table = _table(caption, head, rows, justify, wraps=1, floor=floor)
        if _narrowest(table) > width:
            continue
        if heads is names:
            return table
        key = "   ".join(f"{_letter(i)} {n}" for i, n in enumerate(names))
        return Group(table, _text(key, style="dim"))
    stacked = [
        [r[0], _text(line.fixed[1]), _text(line.fixed[2]), *r[2:]]
        for r, line in zip(rows, lines, strict=True)
    ]
    return _stacked_observations(caption, names, stacked)


def _narrowest(table: Table) -> int:
    """The fewest columns ``table`` can be drawn in, as rich measures it."""
    console = Console(width=10_000)
    return Measurement.get(console, console.options, table).minimum


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"H{index + 1}"


def _stacked_observations(title: str, names: Sequence[str], rows: list[list[Text]]) -> Group:
    """An outcome table too wide to show: per experiment, its id and label, then per
    read-out the observation and each hypothesis's verdict."""
    parts: list[RenderableType] = [_text(title, style="bold")]
    for row in rows:
        disagree, experiment, label, readout, observed, *cells = row
        if experiment.plain:
            parts.append(
                Text.assemble(disagree, " " if disagree.plain else "", experiment, "  ", label)
            )
        line = Text.assemble("    ", readout, "  ", ("observed ", "dim"), observed)
        for name, cell in zip(names, cells, strict=True):
            line.append(" · ", style="dim")
            line.append(f"{name} ")
            line.append_text(cell)
        parts.append(line)
    return Group(*parts)


def prediction(found: Prediction, width: int | None = None) -> RenderableType:
    width = width or _width()
    lines = heading(found)
    parts: list[RenderableType] = [_text(lines[0], style="bold"), *map(_text, lines[1:])]
    for grid in grids(found):
        rows = [list(map(_text, row)) for row in grid.rows]
        how = ["center" if grid.header[0] == "" else "left"] * len(grid.header)
        shown = fitted(grid.title, grid.header, rows, width, how)
        if isinstance(shown, Group) and grid.header[0] == "":  # states too wide: nodes down
            shown = _transposed(grid.title, grid.header, rows, width)
        parts.append(shown)
    return Group(*parts)


def _transposed(
    title: str, head: Sequence[str], rows: Sequence[Sequence[Text]], width: int
) -> RenderableType:
    """States as columns and nodes as rows, for a network wider than the terminal; the
    rows stacked only when even that does not fit (many states)."""
    columns = [_text(""), *(row[0] for row in rows)]
    turned = [[_text(node), *(row[i] for row in rows)] for i, node in enumerate(head) if i]
    labels = [c.plain for c in columns]
    return fitted(title, labels, turned, width, ["left"] + ["center"] * len(rows))


def family(found: Family, width: int | None = None) -> RenderableType:
    width = width or _width()
    parts: list[RenderableType] = [_text(line) for line in family_notes(found)]
    rows = [
        [_text(c, style="green" if scored.fits else "") for c in row]
        for row, scored in zip(family_rows(found), found.scored, strict=True)
    ]
    how = ["left" if name == "reading" else "right" for name in FAMILY_HEADER]
    parts.append(fitted("", FAMILY_HEADER, rows, width, how, wraps=1))
    parts.append(_text(FAMILY_LEGEND, style="dim"))
    return Group(*parts)


def _width() -> int:
    """The terminal's width, as rich finds it."""
    return Console().width


def print_(renderable: RenderableType) -> None:
    Console().print(renderable)
