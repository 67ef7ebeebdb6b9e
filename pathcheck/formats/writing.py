"""Hypotheses written for other tools and as YAML: the way out of pathcheck.

Two things every writer here needs: a YAML scalar that reads back as written, and node
names made legal in a format that allows fewer characters than pathcheck does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence


def quoted(text: str) -> str:
    """A YAML scalar that reads back as ``text``: a JSON string is a YAML one, with the
    characters YAML refuses in a file (DEL and the C1 controls) escaped too."""
    written = json.dumps(text, ensure_ascii=False)
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m[0]):04x}", written)


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_@.-]*\Z")


def scalar(text: str) -> str:
    """``text`` as a YAML scalar, plain where YAML reads it back as that very string (a
    node name), quoted otherwise (``null``, ``yes``, ``1e3``, ``a: b``): what a writer
    puts in a list or a key."""
    if _PLAIN.match(text) and _resolves_to_text(text):
        return text
    return quoted(text)


def _resolves_to_text(text: str) -> bool:
    import yaml

    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold at all removed (a control
    character in a title would make the whole file unreadable); the markup characters
    are the XML writer's to escape."""
    return _XML_ILLEGAL.sub("", text)


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
