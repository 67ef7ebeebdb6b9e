"""A hypothesis file with some of its rules rewritten, every other line as written.

A repaired hypothesis is the user's file with a few rules changed, so it is written as
that file: the text is patched where each rule stands (found by PyYAML's composer, on a
file the bounded loader has read already), and the comments that cite the sources, the
choices and everything else stay. A node placed anew goes in beside the rule that reads
it; a declared edge whose sign a rewritten rule now contradicts is turned around (the
linter would refuse it otherwise); the file takes a new name, and its first lines say
what was changed and why.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import yaml
from sympy.logic.boolalg import Boolean

from pathcheck.formats.writing import quoted
from pathcheck.formats.yamlsource import Limits, read_text
from pathcheck.logic.dependence import Dependence, dependence
from pathcheck.logic.formula import rule_text

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MODELINE = "# yaml-language-server:"  # names the schema by a path relative to the original


class Rewrite(NamedTuple):
    """A rule written into the file's ``nodes:`` (``option`` None) or one option's;
    ``placed``, the new nodes it reads, with their rules, written beside it."""

    node: str
    option: tuple[str, str] | None
    rule: Boolean
    placed: tuple[tuple[str, Boolean], ...] = ()


def edited_text(
    path: Path, name: str, rewrites: Sequence[Rewrite], header: Sequence[str], limits: Limits
) -> str:
    """The file at ``path`` named ``name``, with ``rewrites`` made, under ``header``: a
    rule replaced where it stands, or, for a node an option's ``nodes:`` does not name,
    added there (the option then overrides the file's rule for its members)."""
    text = read_text(path, limits)
    root = yaml.compose(text, Loader=_Loader)
    assert root is not None  # the loader has read this file: it is a mapping
    patches: list[tuple[int, int, str]] = []
    top = _entries(root)
    if "name" in top:
        _, value = top["name"]
        patches.append((value.start_mark.index, value.end_mark.index, quoted(name)))
    rules: dict[str, Boolean] = {}
    for rewrite in rewrites:
        mapping = _nodes(root, rewrite.option)
        entries = _entries(mapping)
        added = [(node, rule) for node, rule in rewrite.placed]
        if rewrite.node in entries:
            key, value = entries[rewrite.node]
            start = value.start_mark.index
            end = start + len(text[start : value.end_mark.index].rstrip())
            patches.append((start, end, quoted(rule_text(rewrite.rule))))
            column = key.start_mark.column
        else:  # a rule of the file's nodes, rewritten for the members of one option
            added.insert(0, (rewrite.node, rewrite.rule))
            last = mapping.value[-1][1] if mapping.value else None
            end = (
                mapping.end_mark.index - 1
                if mapping.flow_style or last is None
                else last.start_mark.index
                + len(text[last.start_mark.index : last.end_mark.index].rstrip())
            )
            column = mapping.value[0][0].start_mark.column if mapping.value else 0
        entries_text = [f"{node}: {quoted(rule_text(rule))}" for node, rule in added]
        if entries_text and mapping.flow_style:
            lead = ", " if mapping.value else ""
            patches.append((end, end, lead + ", ".join(entries_text)))
        elif entries_text:
            line_end = text.find("\n", end)
            at = len(text) if line_end < 0 else line_end + 1
            lines = "".join(f"{' ' * column}{e}  # by pathcheck repair\n" for e in entries_text)
            patches.append((at, at, lines))
        if rewrite.option is None:
            rules[rewrite.node] = rewrite.rule
    patches += _turned_edges(text, top, rules)
    for start, end, new in sorted(patches, key=lambda p: (p[0], p[1]), reverse=True):
        text = text[:start] + new + text[end:]
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith(MODELINE)]
    body = "".join(kept)
    if "name" not in top:
        body = f"name: {quoted(name)}\n" + body
    wrapped = [
        part
        for line in header
        for part in textwrap.wrap(line, 86, subsequent_indent="    ", break_on_hyphens=False)
    ]
    return "".join(f"# {line}\n" for line in wrapped) + body


def _entries(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): (k, v) for k, v in node.value}


def _nodes(root: yaml.Node, option: tuple[str, str] | None) -> yaml.MappingNode:
    """The ``nodes:`` mapping of the file, or of one option."""
    where = root
    if option is not None:
        choice, name = option
        where = _entries(_entries(_entries(_entries(root)["choices"][1])[choice][1])["options"][1])[
            name
        ][1]
    found = _entries(where)["nodes"][1]
    assert isinstance(found, yaml.MappingNode)
    return found


def _turned_edges(
    text: str, top: dict[str, tuple[yaml.Node, yaml.Node]], rules: dict[str, Boolean]
) -> list[tuple[int, int, str]]:
    """A declared edge into a rewritten rule that now depends on its source the other way
    round only: its arrow, turned."""
    if "edges" not in top:
        return []
    patches = []
    for item in top["edges"][1].value:
        written = text[item.start_mark.index : item.end_mark.index]
        arrow = "-|" if "-|" in written else "->"
        source, _, target = (part.strip() for part in str(item.value).partition(arrow))
        if target not in rules:
            continue
        found = dependence(rules[target], source)
        declared = Dependence.POSITIVE if arrow == "->" else Dependence.NEGATIVE
        if found in (Dependence.POSITIVE, Dependence.NEGATIVE) and found is not declared:
            at = item.start_mark.index + written.index(arrow)
            patches.append((at, at + 2, "-|" if arrow == "->" else "->"))
    return patches
