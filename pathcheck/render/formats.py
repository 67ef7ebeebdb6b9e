"""The one table of output formats: which renderer shows each kind of result in each
format, the default first.

The command line offers a command's formats from here and asks for its result's format
by name, and nothing else: a new format is one line of this table. ``table`` draws a
rich table on a terminal and aligned plain text when the output is piped; every other
format is the same wherever it goes. Renderers are imported only when one is asked for,
so reading the table costs nothing.
"""

from __future__ import annotations

import importlib
from typing import Any

# kind -> format -> "module:function", or (on a terminal, piped) for those that differ
Entry = str | tuple[str, str]
FORMATS: dict[str, dict[str, Entry]] = {
    "comparison": {
        "table": ("table:comparison", "text:comparison"),
        "json": "json:result",
        "markdown": "markdown:comparison",
        "csv": "csv:comparison",
    },
    "summary": {  # compare --summary: the verdict, the disagreements, the scores
        "table": ("table:summary", "text:summary"),
        "json": "json:result",
        "markdown": "markdown:summary",
        "csv": "csv:comparison",
    },
    "prediction": {
        "table": ("table:prediction", "text:prediction"),
        "json": "json:result",
    },
    "explanation": {
        "table": "explain:text",
        "json": "json:result",
        "markdown": "explain:markdown",
    },
    "design": {
        "table": "design:text",
        "json": "json:result",
        "markdown": "design:markdown",
    },
    "family": {
        "table": ("table:family", "text:family"),
        "json": "json:result",
        "csv": "csv:family",
    },
    "check": {"text": "checks:gate", "json": "json:result"},
    "validation": {
        "text": "checks:findings",
        "json": "json:result",
        "github": "github:validation",
    },
    "inventory": {"text": "text:inventory", "json": "json:result"},
    "drawing": {
        "mermaid": "graph:mermaid",
        "dot": "graph:dot",
        "svg": "graph:svg",
        "png": "graph:png",
    },
    "report": {"html": "report:report"},
    "learn": {"table": "learn:text", "json": "json:result", "csv": "learn:csv_text"},
    "repair": {"table": "repair:text", "json": "json:result", "markdown": "repair:markdown"},
}


IMAGES = frozenset({("drawing", "png")})  # bytes, for a file and never a terminal


def names(kind: str) -> list[str]:
    """The formats a kind of result can be shown in, the default first."""
    return list(FORMATS[kind])


def show(kind: str, result: Any, format: str, *, terminal: bool = False) -> Any:
    """The result in the format: text, bytes (an image), or a rich renderable to print
    when ``terminal`` and the format draws one."""
    entry = FORMATS[kind][format]
    if isinstance(entry, tuple):
        entry = entry[0] if terminal else entry[1]
    module, _, function = entry.partition(":")
    renderer = getattr(importlib.import_module(f"pathcheck.render.{module}"), function)
    shown = renderer(result)
    if isinstance(shown, str):  # every text output, checked whole at the boundary
        from pathcheck.render.escape import output

        return output(shown, commands=format == "github")
    return shown
