"""Hypotheses written for other tools and as YAML: the way out of pathcheck.

Two things every writer here needs: a YAML scalar that reads back as written, and node
names made legal in a format that allows fewer characters than pathcheck does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence


def quoted(text: str) -> str:
    """A YAML scalar that reads back as ``text``: a JSON string is a YAML one."""
    return json.dumps(text, ensure_ascii=False)


def legal_names(nodes: Sequence[str], legal: re.Pattern[str]) -> dict[str, str]:
    """A name ``legal`` accepts for every node, unique among them all: a legal name is
    kept; otherwise '@' becomes '_at_', a name still refused gets the prefix 'n_' (an
    identifier may not start with a digit), and a clash with any node's name a suffix."""
    taken = set(nodes)
    names: dict[str, str] = {}
    for node in nodes:
        if legal.match(node):
            names[node] = node
            continue
        base = node.replace("@", "_at_")
        base = base if legal.match(base) else f"n_{base}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        taken.add(candidate)
        names[node] = candidate
    return names
