"""One self-contained HTML page a lab can share: nothing is fetched to view it.

The summary, the comparison with its disagreements marked, each hypothesis drawn inline
as SVG (laid out by pathcheck: nothing to install), with its legend, scaled to the page
or scrolled within it, never cut; each experiment's source, linked to PubMed and the DOI,
and the words it rests on; and the verdicts that hinge on a reading. Every string from
the files is escaped: a label cannot inject markup. The page carries a mark, so that
``report -o`` may replace a page it wrote before.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from pathcheck import __version__
from pathcheck.analysis.drawing import Drawing
from pathcheck.analysis.report import Report
from pathcheck.analysis.score import Verdict
from pathcheck.base import html
from pathcheck.render.cells import (
    coverage_note,
    footnotes,
    header,
    legend,
    pending_lines,
    sections,
    summary_header,
    summary_legend,
    summary_rows,
    summary_title,
)
from pathcheck.render.graph import svg
from pathcheck.render.verdict import verdict

# how every page pathcheck writes begins: a re-run may replace such a page, and no other
PROLOGUE = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
REPORT_MARK = '<meta name="generator" content="pathcheck report">'
NARROW = 640  # px: a wider drawing is scaled down to this at most, then scrolled
CLASSES = {
    Verdict.MATCH: "match",
    Verdict.MISMATCH: "mismatch",
    Verdict.AMBIGUOUS: "ambiguous",
    Verdict.UNKNOWN: "unknown",
    Verdict.NOT_APPLICABLE: "na",
}
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 76em; color: #222;
       padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; }
.verdict { border-left: 4px solid #446; padding: 0.2em 1em; background: #f4f4f8; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; }
td.match { color: #1b5e20; } td.mismatch { color: #b71c1c; font-weight: bold; }
td.ambiguous, td.unknown { color: #8d6e00; } td.na { color: #888; }
td.hinging { background: #f3e5f5; }
tr.disagree td:first-child { font-weight: bold; color: #b71c1c; }
.graph { overflow-x: auto; border: 1px solid #eee; padding: 0.5em; margin: 1em 0; }
.graph svg { display: block; height: auto; max-width: 100%; }
.scroll { overflow-x: auto; }
.note { color: #555; font-size: 0.9em; }
blockquote { margin: 0.3em 0 0.8em 1em; color: #444; font-size: 0.92em; }
"""


_e = html.escape  # every string from a file, escaped


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [html.table(head, rows)]


def _graph(found: Drawing) -> list[str]:
    """The drawing inline, scaled to the page's width down to ``NARROW`` pixels, and
    scrolled past that: never cut."""
    drawn = svg(found)
    width = float(drawn.split('width="', 1)[1].split('"', 1)[0])
    fitted = drawn.replace("<svg ", f'<svg style="min-width:{min(width, NARROW):.0f}px" ', 1)
    name = _e(found.hypothesis.name)
    return [f'<div class="graph" data-hypothesis="{name}">', fitted.rstrip(), "</div>"]


def _links(pmid: str | None, doi: str | None) -> str:
    """A source's PMID and DOI as links to PubMed and doi.org."""
    links = []
    if pmid:
        url = f"https://pubmed.ncbi.nlm.nih.gov/{quote(pmid.strip(), safe='')}/"
        links.append(f'<a href="{_e(url)}">PMID {_e(pmid)}</a>')
    if doi:
        url = f"https://doi.org/{quote(doi.strip(), safe='/:;()._-')}"
        links.append(f'<a href="{_e(url)}">doi:{_e(doi)}</a>')
    return ", ".join(links)


def is_report(path: Path) -> bool:
    """Whether ``path`` holds a page pathcheck wrote, told by its structure: pathcheck's
    prologue, then pathcheck's generator as the head's next element, and the end pathcheck
    writes. A file that only quotes the mark (notes about a report) is a user's."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PAGE + 1)
    except OSError:
        return False
    text = data.decode("utf-8", errors="replace")
    return (
        len(data) <= MAX_PAGE
        and text.startswith(PROLOGUE + REPORT_MARK + "\n")
        and text.endswith("</body></html>\n")
        and text.count("<head>") == 1
    )


MAX_PAGE = 200_000_000  # larger than any page pathcheck writes


def report(found: Report) -> str:
    """The page: every string from a file escaped, nothing fetched to view it."""
    result, drawings = found.comparison, found.drawings
    names = ", ".join(h.name for h in result.hypotheses)
    when = datetime.date.today().isoformat()
    out = [
        PROLOGUE + REPORT_MARK,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>pathcheck: {_e(names)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{_e(names)} against the published experiments</h1>",
        f'<p class="note">pathcheck {_e(__version__)}, {when}. Each observation is wrong '
        f"with probability {result.error_rate:g}; posteriors assume equal priors.</p>",
        '<div class="verdict">',
        *(f"<p>{_e(line)}</p>" for line in verdict(result)),
        "</div>",
        f"<h2>{_e(summary_title(result))}</h2>",
        '<div class="scroll">',
        *_table(summary_header(result), summary_rows(result)),
        "</div>",
        f'<p class="note">{_e(summary_legend(result))}</p>',
        *(f'<p class="note">{_e(line)}</p>' for line in coverage_note(result)),
        "<h2>Every experiment</h2>",
    ]
    head = header(result)
    for section in sections(result):
        out += [f"<h3>{_e(section.title)}</h3>", '<div class="scroll">']
        out.append('<table class="comparison">')
        out.append("<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>")
        for line in section.lines:
            disagree = ' class="disagree"' if line.fixed[0] else ""
            cells = "".join(f"<td>{_e(c)}</td>" for c in line.fixed)
            hinging = line.hinging or (False,) * len(line.cells)
            for text, mark, hinges in zip(line.cells, line.verdicts, hinging, strict=True):
                kind = CLASSES[mark] + (" hinging" if hinges else "")
                cells += f'<td class="{kind}">{_e(text)}</td>'
            out.append(f"<tr{disagree}>{cells}</tr>")
        out.append("</table></div>")
    out += ['<p class="note">' + "<br>".join(_e(line) for line in legend(result)) + "</p>"]
    notes = footnotes(result)
    if notes:
        out += ["<h2>Notes, and the verdicts that hinge on a reading</h2>", "<ul>"]
        out += [f"<li>{_e(note)}</li>" for note in notes]
        out.append("</ul>")
    if result.pending:
        out += ["<h2>Pending experiments</h2>", "<ul>"]
        out += [f"<li>{_e(line)}</li>" for line in pending_lines(result)]
        out.append("</ul>")
    out.append("<h2>The hypotheses</h2>")
    for drawn in drawings:
        hypothesis = drawn.hypothesis
        out += [
            f"<h3>{_e(hypothesis.name)}: {_e(hypothesis.title)}</h3>",
            f'<p class="note">Source: {_e(hypothesis.source)}</p>',
        ]
        if hypothesis.description:
            out.append(f"<p>{_e(hypothesis.description)}</p>")
        out += _graph(drawn)
    out.append("<h2>Sources</h2>")
    for table in result.files:
        out.append(f"<h3>{_e(table.source.citation)}</h3>")
        links = _links(table.source.pmid, table.source.doi)
        if links:
            out.append(f'<p class="note">{links}</p>')
        for experiment in table.experiments:
            inferred = f" (inferred: {experiment.inferred})" if experiment.inferred else ""
            out += [
                f"<p><b>{_e(experiment.id)}</b> {_e(experiment.label)}{_e(inferred)}</p>",
                f"<blockquote>{_e(experiment.evidence)}</blockquote>",
            ]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
