"""pathcheck's own facts, as written into another tool's file, read back and checked
against what the file itself says.

A ``.bnet`` export carries them in ``# pathcheck KEY: VALUE`` comments, an SBML-qual
export in its model's notes: the hypothesis's name, title, source, inputs, settings and
read-outs, which those formats have no place for. Another tool may edit the model and
leave the notes as they were, so a note is a claim to check, never an order: a note
that says a node is an input while the file gives that node a rule is stale, and the
rule is kept; a read-out mapped to no node, a setting of something that is no input,
a name that is no name are left out. Each is reported, at its line, as what the
import did not keep, and the hypothesis read is always one the loader accepts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from pathcheck.base.problems import Location, Problem, one_line
from pathcheck.logic.rules import PLAIN_NAME, name_problem

KEYS = ("name", "title", "source", "exported-from", "input", "setting", "readout", "node")
Note = tuple[str, Location]  # a note's value, and where it is written


class Facts(NamedTuple):
    """The notes that hold against the file."""

    name: str | None
    title: str | None
    source: str | None
    inputs: tuple[str, ...]
    settings: dict[str, dict[str, bool]]
    readouts: dict[str, str]


def read_facts(
    notes: Mapping[str, Sequence[Note]],
    rules: Mapping[str, str],
    nodes: Sequence[str],
    given: Mapping[str, str],
) -> tuple[Facts, list[Problem]]:
    """The facts ``notes`` state about a model whose ``nodes`` are as listed and whose
    ``rules`` (node -> rule text) the file gives, and what was not kept. A node whose
    rule is its own name (a free node) may be read as an input; ``given`` says where
    each rule is written, for the messages ("line 7", "a transition")."""
    dropped: list[Problem] = []

    def drop(where: Location, message: str) -> None:
        dropped.append(Problem(where, f"not kept: {message}"))

    for key, entries in notes.items():
        if key not in KEYS:
            for _, where in entries:
                drop(where, f"'pathcheck {key}' is no fact pathcheck writes")
    single: dict[str, str | None] = {}
    for key in ("name", "title", "source"):
        entries = list(notes.get(key, ()))
        for _, where in entries[1:]:
            drop(where, f"a second '{key}': the first is kept")
        single[key] = entries[0][0] if entries else None
    name = single["name"]
    if name is not None and not PLAIN_NAME.match(name):
        drop(notes["name"][0][1], f"the name '{name}' is no plain name: the file's is used")
        name = None
    inputs: list[str] = []
    for node, where in notes.get("input", ()):
        rule = rules.get(node)
        if node not in nodes:
            drop(where, f"'{node}' is named an input, but the file has no such node")
        elif rule is not None and rule.strip() != node:
            drop(
                where,
                f"a stale note: '{node}' is named an input, but the file gives it a rule "
                f"({given.get(node, 'in the file')}: {rule}), which is kept",
            )
        elif node not in inputs:
            inputs.append(node)
    settings: dict[str, dict[str, bool]] = {}
    for entry, where in notes.get("setting", ()):
        setting, _, pairs = entry.partition(" ")
        if not setting:
            drop(where, "a setting with no name")
            continue
        values = settings.setdefault(setting, {})
        for pair in pairs.split():
            node, equals, value = pair.partition("=")
            if node not in inputs:
                drop(where, f"setting '{setting}' sets '{node}', which is no input here")
            elif not equals or value not in ("0", "1"):
                drop(where, f"setting '{setting}' gives '{node}' the value '{value}', not 0 or 1")
            else:
                values[node] = value == "1"
    readouts: dict[str, str] = {}
    for entry, where in notes.get("readout", ()):
        readout, equals, node = (part.strip() for part in entry.partition("="))
        if not (equals and readout):
            drop(where, f"'{entry}' is not 'READOUT = NODE'")
        elif node not in nodes:
            drop(where, f"read-out '{readout}' maps to '{node}', which the file has no node of")
        else:
            readouts[readout] = node
    facts = Facts(name, single["title"], single["source"], tuple(inputs), settings, readouts)
    return facts, sorted(dropped)


def name_of_file(file: str) -> str:
    """A hypothesis name from a file's name, made legal (``my-model.bnet`` -> ``my_model``)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", Path(file).stem)
    return name if name and not name_problem(name) else f"imported_{name}"


def comment_lines(dropped: Sequence[Problem]) -> list[str]:
    """What an import did not keep, as comment lines for the file it writes (by line: the
    first comment names the file, and where it lies is this machine's)."""
    return [
        f"# line {p.location.line}: {one_line(p.message)}"
        if p.location.line
        else f"# {one_line(p.message)}"
        for p in dropped
    ]
