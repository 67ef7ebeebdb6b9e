"""Hypothesis files: a mechanism as nodes with Boolean rules, inputs and read-outs.

A file may leave modelling choices open. ``choices:`` names each one with its question,
the sentence of the source that leaves it open, and its options, each a partial
``nodes:`` (and optionally ``readouts:``) that replaces or adds rules; a node may also
take its rule from its declared edges through a gate family, ``{gate: [and, or]}``.
The file then describes a family whose members are the product of the options. Each
member is built from the file's located YAML (:class:`Spec`), so its problems point at
the lines that made it, and the default member (every choice at its first option)
stands for the file wherever one hypothesis is wanted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, Or

from pathcheck.base.problems import InputError, Location, did_you_mean
from pathcheck.formats.fields import Fields
from pathcheck.formats.yamlsource import Limits, YMap, YScalar, YSeq, YValue
from pathcheck.logic.rules import PLAIN_NAME, Rule, RuleSyntaxError, is_valid_name, parse_rule
from pathcheck.model import Assignment, Choice, Edge, Hypothesis, member_name

REQUIRED = ("title", "source", "nodes", "readouts")
OPTIONAL = ("name", "description", "inputs", "settings", "edges", "choices")
CHOICE_KEYS = ("question", "source", "options")
CHOICE_OPTIONAL = ("default_because",)  # why a source favours the first option
OPTION_KEYS = ("nodes", "readouts", "description")
GATES = ("and", "or")
EDGE = re.compile(r"\s*(?P<source>\S+)\s*(?P<arrow>->|-\|)\s*(?P<target>\S+)\s*\Z")

Entries = dict[str, tuple[YScalar, YValue]]


class Spec(NamedTuple):
    """What every member of a hypothesis file is built from: the file's located YAML, and
    for each choice, each option's node and read-out entries."""

    path: str
    top: YMap
    options: Mapping[tuple[str, str], tuple[Entries, Entries]]  # (choice, option) -> entries
    gates: frozenset[str]  # nodes whose gate is a choice of their own

    def build(self, choices: tuple[Choice, ...], assignment: Assignment) -> Hypothesis:
        """The member taking ``assignment``'s options; raise :class:`InputError`."""
        return build_member(self, choices, assignment)


def load_hypothesis(
    path: Path, limits: Limits | None = None, *, text: str | None = None
) -> Hypothesis:
    """Read and check one hypothesis file (YAML, or ``.bnet``), and return its default
    member; raise :class:`InputError` with every problem. With ``text``, that YAML is read
    as the file's.

    Each option is checked in the member that differs from the default by that option
    alone; a problem that only a combination of options makes is reported when that
    member is built.
    """
    if path.suffix == ".bnet" and text is None:
        from pathcheck.formats.bnet import load_bnet_hypothesis

        return load_bnet_hypothesis(path, limits)
    fields = Fields()
    top = fields.top_mapping(path, "a hypothesis file", REQUIRED, OPTIONAL, limits, text)
    spec, choices = _read_choices(fields, top, str(path))
    if fields.problems:
        raise InputError(fields.problems)
    default = tuple((c.name, c.default) for c in choices)
    hypothesis = build_member(spec, choices, default)
    problems = []
    for choice in choices:
        for option in choice.options[1:]:
            try:
                build_member(spec, choices, _with(default, choice.name, option))
            except InputError as error:
                problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return hypothesis


def _with(assignment: Assignment, choice: str, option: str) -> Assignment:
    return tuple((c, option if c == choice else o) for c, o in assignment)


_BUILT: dict[tuple[int, Assignment], tuple[Spec, Hypothesis]] = {}
_BUILT_LIMIT = 1024  # loading checks each option's member; scoring wants them again


def build_member(spec: Spec, choices: tuple[Choice, ...], assignment: Assignment) -> Hypothesis:
    """The member taking ``assignment``'s options; raise :class:`InputError`."""
    key = (id(spec), assignment)
    found = _BUILT.get(key)
    if found is not None and found[0] is spec:
        return found[1]
    member = _build_member(spec, choices, assignment)
    if len(_BUILT) >= _BUILT_LIMIT:
        _BUILT.clear()
    _BUILT[key] = (spec, member)
    return member


def _build_member(spec: Spec, choices: tuple[Choice, ...], assignment: Assignment) -> Hypothesis:
    fields = Fields()
    top, path = spec.top, spec.path
    at = top.location

    def text(key: str) -> str:
        value = top.get(key)
        return (fields.text(value, f"'{key}'", at) or "") if value is not None else ""

    family = text("name") or Path(path).stem
    name_value = top.get("name")
    if isinstance(name_value, YScalar) and not is_valid_name(family):
        fields.error(name_value.location, f"hypothesis name '{family}' must be a plain name")

    inputs: list[str] = []
    for item in fields.texts(top.get("inputs"), "'inputs'", at) if "inputs" in top.entries else ():
        if _check_name(fields, item, "input"):
            if item.text in inputs:
                fields.error(item.location, f"input '{item.text}' is listed twice")
            inputs.append(item.text)

    nodes = fields.mapping(top.get("nodes"), "'nodes'", at=at)
    node_entries: Entries = dict(nodes.entries) if nodes is not None else {}
    if nodes is not None and not node_entries:
        fields.error(nodes.location, "'nodes' is empty: a hypothesis needs at least one node")
    readout_map = fields.mapping(top.get("readouts"), "'readouts'", at=at)
    readout_entries: Entries = dict(readout_map.entries) if readout_map is not None else {}
    gate_kinds: dict[str, str] = {}
    for choice, option in assignment:
        if choice in spec.gates:
            gate_kinds[choice] = option
            continue
        extra_nodes, extra_readouts = spec.options[(choice, option)]
        node_entries.update(extra_nodes)
        readout_entries.update(extra_readouts)

    declared_nodes = set(inputs) | set(node_entries)
    edges = _read_edges(fields, top, declared_nodes) if "edges" in top.entries else []

    rules: dict[str, Boolean] = {}
    named: dict[str, tuple[str, ...]] = {}
    locations: dict[str, Location] = {}
    for node, (key, value) in node_entries.items():
        locations[node] = key.location
        if not _check_name(fields, key, "node"):
            continue
        if node in inputs:
            fields.error(key.location, f"'{node}' is declared both as an input and a node")
        if isinstance(value, YMap):
            expr = _gate_rule(fields, value, node, edges, gate_kinds.get(node))
        else:
            parsed = _read_rule(fields, value, node, declared_nodes, key.location)
            expr = None if parsed is None else parsed.expr
            if parsed is not None:
                named[node] = tuple(parsed.name_offsets)
        if expr is not None:
            rules[node] = expr

    readouts: dict[str, str] = {}
    readout_locations: dict[str, Location] = {}
    for readout, (key, value) in readout_entries.items():
        readout_locations[readout] = key.location
        target = fields.text(value, f"read-out '{readout}'", key.location)
        if target is None:
            continue
        if target not in declared_nodes:
            where = value.location if isinstance(value, YScalar) else key.location
            hint = did_you_mean(target, declared_nodes)
            fields.error(where, f"read-out '{readout}' maps to '{target}', no node{hint}")
            continue
        readouts[readout] = target

    settings = _read_settings(fields, top, inputs) if "settings" in top.entries else {}
    if fields.problems:
        raise InputError(fields.problems)
    default = all(o == c.default for c, (_, o) in zip(choices, assignment, strict=True))
    return Hypothesis(
        name=family if default else member_name(family, assignment),
        title=text("title"),
        file=path,
        source=text("source"),
        description=text("description"),
        inputs=tuple(inputs),
        rules=rules,
        readouts=readouts,
        settings=settings,
        locations=locations,
        named=named,
        declared_edges=tuple(edges),
        readout_locations=readout_locations,
        family=family,
        choices=choices,
        assignment=assignment,
        spec=spec if choices else None,
        family_nodes=frozenset(inputs)
        | frozenset(nodes.entries if nodes is not None else ())
        | frozenset(n for entries, _ in spec.options.values() for n in entries),
    )


def _read_choices(fields: Fields, top: YMap, path: str) -> tuple[Spec, tuple[Choice, ...]]:
    """The file's choices: those under ``choices:``, then the nodes' gate families."""
    choices: list[Choice] = []
    options: dict[tuple[str, str], tuple[Entries, Entries]] = {}
    setters: dict[str, str] = {}  # node -> the choice whose options set it
    table = (
        fields.mapping(top.get("choices"), "'choices'", at=top.location)
        if "choices" in top.entries
        else None
    )
    for name, (key, value) in (table.entries if table else {}).items():
        if not PLAIN_NAME.match(name):
            fields.error(key.location, f"choice name '{name}': use letters, digits and '_'")
        body = fields.mapping(
            value,
            f"choice '{name}'",
            required=CHOICE_KEYS,
            optional=CHOICE_OPTIONAL,
            at=key.location,
        )
        if body is None:
            continue
        question = fields.text(body.get("question"), f"the question of '{name}'", key.location)
        source = fields.text(body.get("source"), f"the source of '{name}'", key.location)
        listed = fields.mapping(body.get("options"), f"the options of '{name}'", at=key.location)
        names: list[str] = []
        for option, (option_key, option_body) in (listed.entries if listed else {}).items():
            entries = _read_option(fields, name, option, option_key, option_body, setters)
            if entries is not None:
                options[(name, option)] = entries
                names.append(option)
        if listed is not None and len(names) < 2:
            fields.error(listed.location, f"choice '{name}' needs at least two options")
        because = (
            fields.text(body.get("default_because"), f"'default_because' of '{name}'", key.location)
            if "default_because" in body.entries
            else None
        )
        if question and source and len(names) >= 2:
            choices.append(Choice(name, question, source, tuple(names), key.location, because))
    gates = _gate_families(fields, top, setters)
    return Spec(path, top, options, frozenset(c.name for c in gates)), (*choices, *gates)


def _read_option(
    fields: Fields,
    choice: str,
    option: str,
    key: YScalar,
    body: YValue,
    setters: dict[str, str],
) -> tuple[Entries, Entries] | None:
    """An option's node and read-out entries; each node belongs to one choice."""
    if not PLAIN_NAME.match(option):
        fields.error(key.location, f"option name '{option}': use letters, digits and '_'")
        return None
    what = f"option '{option}' of '{choice}'"
    spelt = fields.mapping(body, what, optional=OPTION_KEYS, at=key.location)
    parts = []
    for part in ("nodes", "readouts"):
        value = spelt.get(part) if spelt else None
        found = fields.mapping(value, f"the {part} of {what}", at=key.location) if value else None
        parts.append(dict(found.entries) if found else {})
    nodes, readouts = parts
    for node, (node_key, node_value) in nodes.items():
        if isinstance(node_value, YMap) and isinstance(node_value.get("gate"), YSeq):
            fields.error(node_key.location, "a gate family cannot stand inside an option")
        owner = setters.setdefault(node, choice)
        if owner != choice:
            fields.error(
                node_key.location,
                f"node '{node}' is set by options of both '{owner}' and '{choice}': a node "
                "belongs to one choice",
            )
    return nodes, readouts


def _gate_families(fields: Fields, top: YMap, setters: dict[str, str]) -> list[Choice]:
    """A node written ``{gate: [and, or]}`` takes each listed gate in some member."""
    gates: list[Choice] = []
    nodes = top.get("nodes")
    for node, (key, value) in (nodes.entries if isinstance(nodes, YMap) else {}).items():
        kinds = value.get("gate") if isinstance(value, YMap) else None
        if not isinstance(kinds, YSeq):
            continue
        listed = [k.text for k in kinds.items if isinstance(k, YScalar)]
        if len(listed) != len(kinds.items) or set(listed) - set(GATES) or len(set(listed)) < 2:
            fields.error(
                kinds.location,
                f"the gate family of '{node}' must list two or more of {', '.join(GATES)}",
            )
            continue
        if node in setters:
            fields.error(key.location, f"'{node}' is a gate family and set by '{setters[node]}'")
        gates.append(
            Choice(
                node,
                f"Which gate combines the declared incoming edges of {node}?",
                f"the gate family declared at {key.location}",
                tuple(dict.fromkeys(listed)),
                key.location,
            )
        )
    return gates


def _check_name(fields: Fields, scalar: YScalar, what: str) -> bool:
    if is_valid_name(scalar.text):
        return True
    fields.error(
        scalar.location,
        f"'{scalar.text}' is not a valid {what} name: use letters, digits and '_', "
        "optionally '@' and a cell type; not a reserved word (and, or, not, true, false)",
    )
    return False


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> Rule | RuleSyntaxError:
    """A rule parsed once however many members of a family use it."""
    try:
        return parse_rule(text)
    except RuleSyntaxError as error:
        return error


def _read_rule(
    fields: Fields, value: object, node: str, declared: set[str], at: Location
) -> Rule | None:
    if not isinstance(value, YScalar) or value.value is None:
        fields.error(at, f"the rule of '{node}' must be a formula such as 'A & ~B'")
        return None
    rule = _parsed(value.text)
    if isinstance(rule, RuleSyntaxError):
        fields.error(value.offset_location(rule.offset), f"rule of '{node}': {rule.message}")
        return None
    for name, offset in rule.name_offsets.items():
        if name not in declared:
            fields.error(
                value.offset_location(offset),
                f"rule of '{node}' names '{name}', which is neither a node nor an input"
                f"{did_you_mean(name, declared)}",
            )
    return rule


def _read_settings(fields: Fields, top: YMap, inputs: list[str]) -> dict[str, dict[str, bool]]:
    settings: dict[str, dict[str, bool]] = {}
    table = fields.mapping(top.get("settings"), "'settings'", at=top.location)
    for setting, (key, value) in (table.entries if table else {}).items():
        values = fields.mapping(value, f"setting '{setting}'", optional=inputs, at=key.location)
        if values is None:
            continue
        settings[setting] = {}
        for name, (input_key, flag) in values.entries.items():
            parsed = fields.boolean(
                flag, f"input '{name}' in setting '{setting}'", input_key.location
            )
            if parsed is not None and name in inputs:
                settings[setting][name] = parsed
    return settings


def _read_edges(fields: Fields, top: YMap, declared: set[str]) -> list[Edge]:
    """``A -> B`` (A activates B) and ``A -| B`` (A inhibits B), each once."""
    edges: list[Edge] = []
    for item in fields.texts(top.get("edges"), "'edges'", top.location):
        match = EDGE.match(item.text)
        if match is None:
            fields.error(item.location, f"'{item.text}' is not an edge: write 'A -> B' or 'A -| B'")
            continue
        for end in ("source", "target"):
            if match[end] not in declared:
                fields.error(
                    item.offset_location(match.start(end)),
                    f"edge names '{match[end]}', which is neither a node nor an input"
                    f"{did_you_mean(match[end], declared)}",
                )
        edge = Edge(
            match["source"], match["target"], 1 if match["arrow"] == "->" else -1, item.location
        )
        if any(e.source == edge.source and e.target == edge.target for e in edges):
            fields.error(item.location, f"edge {edge.source} to {edge.target} is declared twice")
        edges.append(edge)
    return edges


def _gate_rule(
    fields: Fields, value: YMap, node: str, edges: list[Edge], chosen: str | None
) -> Boolean | None:
    """A rule from the node's declared incoming edges: ``{gate: and}`` or ``{gate: or}``,
    an inhibitor entering negated; ``chosen`` is the member's gate of a gate family."""
    if (
        fields.mapping(value, f"node '{node}'", required=("gate",), optional=(), at=value.location)
        is None
    ):
        return None
    gate = chosen or fields.text(value.get("gate"), f"the gate of '{node}'", value.location)
    if gate not in GATES:
        if gate is not None:
            fields.error(value.location, f"the gate of '{node}' must be 'and' or 'or'")
        return None
    terms = [
        Symbol(e.source) if e.sign > 0 else Not(Symbol(e.source)) for e in edges if e.target == node
    ]
    if not terms:
        fields.error(value.location, f"'{node}' has a gate but no declared incoming edge")
        return None
    return And(*terms) if gate == "and" else Or(*terms)
