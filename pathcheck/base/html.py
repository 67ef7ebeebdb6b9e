"""A table as HTML, every cell escaped: what a notebook shows for a result
(``_repr_html_``) and what the report draws its tables with.

It lives at the bottom so that every result can draw itself from its own rows, and the
report (:mod:`pathcheck.render.report`) draws the same rows the same way.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Protocol


def escape(text: object) -> str:
    """Text as HTML: every character that could open markup, escaped (quotes too)."""
    return html.escape(str(text), quote=True)


def table(
    head: Sequence[str],
    rows: Sequence[Sequence[object]],
    caption: str | None = None,
    css_class: str = "pathcheck",
) -> str:
    """One ``<table>``, its caption and every cell escaped."""
    out = [f'<table class="{escape(css_class)}">']
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows]
    out.append("</table>")
    return "\n".join(out)


class Tabular(Protocol):
    """A result that says itself as one table: what a notebook shows."""

    def table(self) -> tuple[Sequence[str], Sequence[Sequence[object]]]:
        """Its header, and one row of text per entry."""
        ...


def of(result: Tabular) -> str:
    """A result's table as HTML, captioned with its short ``repr``."""
    head, rows = result.table()
    return table(head, rows, caption=repr(result))
