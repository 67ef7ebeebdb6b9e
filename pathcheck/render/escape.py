"""One escaping per output language, for every string that came from a file.

A label, a read-out, an experiment's id, a title, a file's name: anything a file says
reaches an output only through the function of that output's language here, so that it
shows as written and can never act as the language's syntax: close a Mermaid node, add
a directive or a click handler; start a Markdown heading or pass raw HTML; move a
terminal's cursor or colour it; make a spreadsheet run a formula; issue a GitHub
workflow command; break the XML of a JUnit report. The renderers call these on each
string at the point where they put it into their output; :func:`output` checks each
text output whole, at the boundary (:func:`pathcheck.render.formats.show`).
"""

from __future__ import annotations

import re

from pathcheck.base.html import escape as html
from pathcheck.base.problems import one_line
from pathcheck.formats.writing import xml_text

__all__ = [
    "code",
    "csv_cell",
    "dot",
    "github",
    "github_property",
    "html",
    "json_text",
    "markdown",
    "mermaid",
    "output",
    "svg",
    "terminal",
    "xml",
]


def terminal(text: str) -> str:
    """For a terminal or a log: every control character (an escape sequence's ESC, a
    line break that would start a line of its own) and every invisible format character
    (a right-to-left override) a space."""
    return one_line(text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def output(text: str, *, commands: bool = False) -> str:
    """A whole text output, checked at the boundary: no control character but line breaks
    and tabs, and no line that starts with ``::`` (GitHub reads every line of a job's log
    for workflow commands, standard error too), unless the output is ``commands`` (the
    ``github`` format, whose every line is one pathcheck wrote)."""
    cleaned = _CONTROL.sub(" ", text)
    return cleaned if commands else re.sub(r"(?m)^::", " ::", cleaned)


def json_text(text: str) -> str:
    """JSON text with the characters a terminal would act on (DEL, the C1 controls, the
    invisible direction marks) written as ``\\u`` escapes, as JSON leaves the others:
    the same data, read back exactly, safe to print."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_MARKDOWN = re.compile(r"([\\`*<>\[\]|&~#!])|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def markdown(text: str) -> str:
    """For Markdown text (a table cell, a heading, a list item): one line, and every
    character that could open Markdown or HTML syntax backslash-escaped, so that a label
    holding ``<img ...>`` or ``# heading`` or ``[link](...)`` shows as written. An
    underscore inside a word (``serial_loop``) is left as it is: it emphasises nothing."""
    return _MARKDOWN.sub(lambda m: "\\" + m[0], one_line(text))


def code(text: str) -> str:
    """Markdown inline code: fenced by more backticks than the text holds in a row."""
    flat = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") else flat
    return f"{fence}{padded}{fence}"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: object) -> object:
    """For a CSV cell a spreadsheet will open: text that starts like a formula (``=``,
    ``+``, ``-``, ``@``, a tab or a line break) gets a leading apostrophe, as OWASP
    advises, so ``=HYPERLINK(...)`` in a label is never run; a number (-1.49) stays a
    number. The csv module quotes separators and line breaks."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _number(value):
        return "'" + value
    return value


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def svg(text: object) -> str:
    """For SVG text or an attribute: one line, the characters XML cannot hold removed,
    and every character that could open markup escaped (quotes too)."""
    return html(xml(one_line(str(text))))


def xml(text: str) -> str:
    """For an XML attribute or text node (JUnit, as SBML's writer does): the characters
    XML 1.0 cannot hold at all removed; ElementTree escapes the markup itself."""
    return xml_text(text)


_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 _,.:/()\[\]@+=·\-]")  # plain inside quotes


def mermaid(text: str) -> str:
    """For a Mermaid label in quotes, or a Mermaid comment: one line, and every character
    but letters, digits and plain punctuation as a Mermaid entity (``#35;``), so a label
    can neither close its node (``"]``), nor add a directive (``%%{init: ...}%%``), a
    click handler or HTML, nor use Markdown strings."""
    return "".join(c if _MERMAID_SAFE.fullmatch(c) else f"#{ord(c)};" for c in one_line(text))


def dot(text: str) -> str:
    """For a Graphviz DOT string in double quotes: one line, backslashes and quotes
    escaped, so a label can neither close its string nor use DOT's escapes (``\\N``,
    ``\\l``)."""
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def github(text: str) -> str:
    """For the message of a GitHub workflow command: its line breaks and ``%`` encoded,
    so the message stays one command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """For a property of a GitHub workflow command (``file=``, ``title=``): as a message,
    and ``:`` and ``,`` encoded too, so it cannot end the properties early."""
    return github(text).replace(":", "%3A").replace(",", "%2C")
