"""Hypothesis files: a mechanism as nodes with Boolean rules, inputs and read-outs."""

from __future__ import annotations

import re
from pathlib import Path

from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, Or

from pathcheck.loading.fields import Fields
from pathcheck.loading.yamlsource import Limits, YMap, YScalar
from pathcheck.model import Edge, Hypothesis
from pathcheck.problems import InputError, Location, did_you_mean
from pathcheck.rules import RuleSyntaxError, is_valid_name, parse_rule

REQUIRED = ("title", "source", "nodes", "readouts")
OPTIONAL = ("name", "description", "inputs", "settings", "edges")
EDGE = re.compile(r"\s*(?P<source>\S+)\s*(?P<arrow>->|-\|)\s*(?P<target>\S+)\s*\Z")


def load_hypothesis(path: Path, limits: Limits | None = None) -> Hypothesis:
    """Read and check one hypothesis file (YAML, or ``.bnet``); raise :class:`InputError`
    with every problem."""
    if path.suffix == ".bnet":
        from pathcheck.bnet import load_bnet_hypothesis

        return load_bnet_hypothesis(path, limits)
    fields = Fields()
    top = fields.top_mapping(path, "a hypothesis file", REQUIRED, OPTIONAL, limits)
    at = top.location

    def text(key: str) -> str:
        value = top.get(key)
        return (fields.text(value, f"'{key}'", at) or "") if value is not None else ""

    name = text("name") or path.stem
    name_value = top.get("name")
    if isinstance(name_value, YScalar) and not is_valid_name(name):
        fields.error(name_value.location, f"hypothesis name '{name}' must be a plain name")

    inputs: list[str] = []
    for item in fields.texts(top.get("inputs"), "'inputs'", at) if "inputs" in top.entries else ():
        if _check_name(fields, item, "input"):
            if item.text in inputs:
                fields.error(item.location, f"input '{item.text}' is listed twice")
            inputs.append(item.text)

    nodes = fields.mapping(top.get("nodes"), "'nodes'", at=at)
    node_entries = nodes.entries if nodes is not None else {}
    if nodes is not None and not node_entries:
        fields.error(nodes.location, "'nodes' is empty: a hypothesis needs at least one node")
    declared_nodes = set(inputs) | set(node_entries)
    edges = _read_edges(fields, top, declared_nodes) if "edges" in top.entries else []

    rules: dict[str, Boolean] = {}
    locations: dict[str, Location] = {}
    for node, (key, value) in node_entries.items():
        locations[node] = key.location
        if not _check_name(fields, key, "node"):
            continue
        if node in inputs:
            fields.error(key.location, f"'{node}' is declared both as an input and a node")
        if isinstance(value, YMap):
            expr = _gate_rule(fields, value, node, edges)
        else:
            expr = _read_rule(fields, value, node, declared_nodes, key.location)
        if expr is not None:
            rules[node] = expr

    readouts: dict[str, str] = {}
    readout_locations: dict[str, Location] = {}
    readout_map = fields.mapping(top.get("readouts"), "'readouts'", at=at)
    if readout_map is not None:
        for readout, (key, value) in readout_map.entries.items():
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
    return Hypothesis(
        name=name,
        title=text("title"),
        file=str(path),
        source=text("source"),
        description=text("description"),
        inputs=tuple(inputs),
        rules=rules,
        readouts=readouts,
        settings=settings,
        locations=locations,
        declared_edges=tuple(edges),
        readout_locations=readout_locations,
    )


def _check_name(fields: Fields, scalar: YScalar, what: str) -> bool:
    if is_valid_name(scalar.text):
        return True
    fields.error(
        scalar.location,
        f"'{scalar.text}' is not a valid {what} name: use letters, digits and '_', "
        "optionally '@' and a cell type; not a reserved word (and, or, not, true, false)",
    )
    return False


def _read_rule(
    fields: Fields, value: object, node: str, declared: set[str], at: Location
) -> Boolean | None:
    if not isinstance(value, YScalar) or value.value is None:
        fields.error(at, f"the rule of '{node}' must be a formula such as 'A & ~B'")
        return None
    try:
        rule = parse_rule(value.text)
    except RuleSyntaxError as error:
        fields.error(value.offset_location(error.offset), f"rule of '{node}': {error.message}")
        return None
    for name, offset in rule.name_offsets.items():
        if name not in declared:
            fields.error(
                value.offset_location(offset),
                f"rule of '{node}' names '{name}', which is neither a node nor an input"
                f"{did_you_mean(name, declared)}",
            )
    return rule.expr


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


def _gate_rule(fields: Fields, value: YMap, node: str, edges: list[Edge]) -> Boolean | None:
    """A rule from the node's declared incoming edges: ``{gate: and}`` or ``{gate: or}``,
    an inhibitor entering negated."""
    if (
        fields.mapping(value, f"node '{node}'", required=("gate",), optional=(), at=value.location)
        is None
    ):
        return None
    gate = fields.text(value.get("gate"), f"the gate of '{node}'", value.location)
    if gate not in ("and", "or"):
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
