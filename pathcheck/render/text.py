"""Aligned plain text: what ``--format table`` prints when the output is not a terminal.

No colour, no box drawing, no rich: a pipe, a log file or ``grep`` gets columns that
line up, and the command does not pay for importing and laying out rich tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pathcheck.analysis.score import Comparison
from pathcheck.render.cells import (
    CHOICES_TITLE,
    FAMILY_HEADER,
    FAMILY_LEGEND,
    NEIGHBOURS_HEADER,
    NEIGHBOURS_TITLE,
    PENDING_TITLE,
    RANGE_HEADER,
    READINGS_HEADER,
    READINGS_TITLE,
    SUMMARY_HEADER,
    choice_lines,
    coverage_note,
    disagreements,
    family_notes,
    family_rows,
    footnotes,
    header,
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
    from pathcheck.analysis.family import Family
    from pathcheck.analysis.predict import Prediction
    from pathcheck.project.discovery import Inventory

RIGHT_ALIGNED = frozenset(SUMMARY_HEADER[1:] + RANGE_HEADER[1:])


def grid(
    head: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[str] = frozenset()
) -> list[str]:
    """Columns padded to their widest cell, two spaces apart, a rule under the header."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        padded = (
            c.rjust(w) if name in right else c.ljust(w)
            for c, w, name in zip(cells, widths, head, strict=True)
        )
        return "  ".join(padded).rstrip()

    return [line(head), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def comparison(result: Comparison, *, brief: bool = False) -> str:
    """The verdict first, then where the hypotheses disagree and their scores; then, unless
    ``brief``, every experiment, the readings and the open choices."""
    out = [title(result), "", *verdict(result), ""]
    split = disagreements(result)
    if split.lines:
        out += [split.title, *grid(header(result), [ln.texts for ln in split.lines])]
        out += [*footnotes(result, disagreeing=True), ""]
    out += [
        summary_title(result),
        *grid(summary_header(result), summary_rows(result), RIGHT_ALIGNED),
    ]
    out += [summary_legend(result), *coverage_note(result), ""]
    if result.neighbours is not None:
        numbers = frozenset(NEIGHBOURS_HEADER[1:])
        out += [NEIGHBOURS_TITLE, *grid(NEIGHBOURS_HEADER, neighbours_rows(result), numbers), ""]
    if brief:
        return "\n".join(out)
    for section in sections(result):
        out += [section.title, *grid(header(result), [ln.texts for ln in section.lines]), ""]
    out += [*legend(result), *footnotes(result, disagreeing=False)]
    if result.has_readings:
        out += ["", READINGS_TITLE, *grid(READINGS_HEADER, readings_rows(result))]
        out += ["", CHOICES_TITLE, *choice_lines(result)]
    if result.pending:
        out += ["", PENDING_TITLE, *pending_lines(result)]
    return "\n".join(out) + "\n"


def summary(result: Comparison) -> str:
    """``compare --summary``: the verdict, the disagreements and the scores alone."""
    return comparison(result, brief=True)


def prediction(found: Prediction) -> str:
    out = [*heading(found), ""]
    for g in grids(found):
        out += [g.title, *grid(g.header, g.rows), ""]
    return "\n".join(out)


def inventory(found: Inventory) -> str:
    """The hypotheses found, each with its title, and the outcome tables."""
    out = [f"Hypotheses in {terminal(str(found.folder))}:"]
    out += [f"  {h.name:<24} {terminal(h.title)}" for h in found.hypotheses]
    out.append("Outcome tables:")
    out += [
        f"  {terminal(t.file)}: {terminal(t.title)} ({len(t.experiments)} experiments)"
        for t in found.tables
    ]
    return "\n".join(out) + "\n"


def family(found: Family) -> str:
    out = [*family_notes(found), ""]
    out += grid(FAMILY_HEADER, family_rows(found), frozenset(FAMILY_HEADER[2:6]) | {"rank"})
    out.append(FAMILY_LEGEND)
    return "\n".join(out) + "\n"
