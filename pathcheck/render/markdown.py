"""Markdown tables, for pull-request comments, lab notebooks and the README."""

from __future__ import annotations

from collections.abc import Sequence

from pathcheck.analysis.score import Comparison
from pathcheck.render.cells import (
    CHOICES_TITLE,
    NEIGHBOURS_HEADER,
    NEIGHBOURS_TITLE,
    PENDING_TITLE,
    READINGS_HEADER,
    READINGS_TITLE,
    choice_lines,
    coverage_note,
    disagreements,
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
from pathcheck.render.escape import markdown as md
from pathcheck.render.verdict import verdict


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(md(c) for c in cells) + " |"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_row(head), "|" + "---|" * len(head), *(_row(r) for r in rows)]


def comparison(result: Comparison, *, brief: bool = False) -> str:
    """The verdict first, then where the hypotheses disagree and their scores; then, unless
    ``brief``, every experiment, the readings and the open choices."""
    lines = [f"## {md(title(result))}", "", *(f"{md(line)}  " for line in verdict(result)), ""]
    split = disagreements(result)
    if split.lines:
        lines += [f"### {md(split.title)}", ""]
        lines += _table(header(result), [line.texts for line in split.lines])
        lines += ["", *(f"{md(note)}  " for note in footnotes(result, disagreeing=True)), ""]
    lines += [f"### {md(summary_title(result))}", ""]
    lines += _table(summary_header(result), summary_rows(result))
    lines += ["", md(summary_legend(result)), *(md(line) for line in coverage_note(result)), ""]
    if result.neighbours is not None:
        lines += [f"### {md(NEIGHBOURS_TITLE)}", ""]
        lines += [*_table(NEIGHBOURS_HEADER, neighbours_rows(result)), ""]
    if brief:
        return "\n".join(lines)
    for section in sections(result):
        lines += [f"### {md(section.title)}", ""]
        lines += _table(header(result), [line.texts for line in section.lines])
        lines.append("")
    lines += [f"{md(line)}  " for line in legend(result)] + [""]
    lines += [f"{md(note)}  " for note in footnotes(result, disagreeing=False)]
    if result.has_readings:
        lines += ["", f"### {md(READINGS_TITLE)}", ""]
        lines += _table(READINGS_HEADER, readings_rows(result))
        lines += ["", f"### {md(CHOICES_TITLE)}", ""]
        lines += [f"- {md(line)}" for line in choice_lines(result)]
    if result.pending:
        lines += ["", f"### {md(PENDING_TITLE)}", ""]
        lines += [f"- {md(line)}" for line in pending_lines(result)]
    return "\n".join(lines) + "\n"


def summary(result: Comparison) -> str:
    """``compare --summary``: the verdict, the disagreements and the scores alone."""
    return comparison(result, brief=True)
