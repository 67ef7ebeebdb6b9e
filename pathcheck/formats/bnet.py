"""The ``.bnet`` format that PyBoolNet, mpbn, BoNesis, BoolNet and trappist read.

One line per node, ``name, rule``, with ``!``, ``&``, ``|``, parentheses and ``0``/``1``;
``#`` starts a comment; an optional ``targets, factors`` header. A node whose rule is its
own name (``A, A``) is bnet's free input: it keeps whatever value it has, so both of its
values appear among the fixed points; pathcheck keeps it as such a node.

Reading: the ``# pathcheck`` comments that :mod:`pathcheck.formats.bnet` writes (name,
title, source, inputs, settings, read-outs, and how names with ``@cell`` were spelt) give
back the same hypothesis. A foreign file imports with every node as a read-out of its
own name and its comments as the description.

Writing a hypothesis as ``.bnet``, for PyBoolNet, mpbn, BoNesis, BoolNet and trappist.

bnet has ``!``, ``&``, ``|`` and names of letters, digits and ``_``. pathcheck's own facts,
which bnet cannot say (name, title, source, inputs, settings, read-outs, and how names
with ``@cell`` were spelt), go in ``# pathcheck`` comments, so that importing the file
back (:mod:`pathcheck.formats.bnet`) gives the same hypothesis; other tools read them
as comments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from sympy import Symbol
from sympy.logic.boolalg import Boolean

from pathcheck.base.files import provenance
from pathcheck.base.problems import InputError, Location, Problem, one_line
from pathcheck.formats.notes import Note, name_of_file, read_facts
from pathcheck.formats.writing import legal_names
from pathcheck.formats.yamlsource import Limits, read_text
from pathcheck.logic.formula import Size, fold
from pathcheck.logic.rules import PLAIN_NAME, RuleSyntaxError, name_problem, parse_rule
from pathcheck.model import Hypothesis

META = "# pathcheck "
_LINE = re.compile(r"\s*(?P<name>[^,\s]+)\s*,\s*(?P<rule>.*?)\s*\Z")


class BnetModel(NamedTuple):
    """A ``.bnet`` file as read: rules as written (in the file's names), with places."""

    file: str
    rules: dict[str, str]  # node -> rule text, pathcheck's names
    locations: dict[str, Location]
    comments: tuple[str, ...]
    meta: dict[str, list[Note]]  # "# pathcheck KEY: VALUE" lines, by key, with their place


def _meta(line: str) -> tuple[str, str] | None:
    if not line.startswith(META) or ":" not in line:
        return None
    key, value = line[len(META) :].split(":", 1)
    return key.strip(), value.strip()


def read_bnet(path: Path, limits: Limits | None = None) -> BnetModel:
    """Read a ``.bnet`` file; every unreadable line is reported as ``file:line:col``."""
    file = str(path)
    text = read_text(path, limits or Limits())
    problems: list[Problem] = []
    raw: dict[str, tuple[str, Location, int]] = {}  # bnet name -> rule, place, rule column
    comments: list[str] = []
    meta: dict[str, list[Note]] = {}
    node_facts: list[tuple[str, Location]] = []  # "# pathcheck node: BNET = NAME", placed
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            fact = _meta(stripped)
            if fact is not None:
                meta.setdefault(fact[0], []).append((fact[1], Location(file, number, 1)))
                if fact[0] == "node":
                    node_facts.append((fact[1], Location(file, number, 1)))
            else:
                comments.append(stripped.lstrip("#").strip())
            continue
        if stripped.replace(" ", "").lower() == "targets,factors":
            continue
        match = _LINE.match(line)
        here = Location(file, number, 1)
        if match is None:
            problems.append(Problem(here, "expected 'name, rule'"))
            continue
        name, rule = match["name"], match["rule"]
        if not PLAIN_NAME.match(name):
            problems.append(Problem(here, f"'{name}' is not a bnet name: letters, digits, '_'"))
            continue
        if name in raw:
            problems.append(
                Problem(here, f"'{name}' has a rule already (line {raw[name][1].line})")
            )
            continue
        raw[name] = (rule, Location(file, number, match.start("name") + 1), match.start("rule"))
    renames = _renames(node_facts, raw, problems)
    for name, (_, where, _) in raw.items():
        problem = None if name in renames else name_problem(name)
        if problem:
            problems.append(Problem(where, f"{problem}: rename it in the file"))
    if problems:  # a bad name would make every rule that uses it read wrongly
        raise InputError(problems)
    rules: dict[str, str] = {}
    locations: dict[str, Location] = {}
    for name, (rule, where, column) in raw.items():
        try:
            parsed = parse_rule(rule)
        except RuleSyntaxError as error:
            at = Location(file, where.line, column + error.offset + 1)
            problems.append(Problem(at, f"rule of '{name}': {error.message}"))
            continue
        for used, offset in parsed.name_offsets.items():
            if used not in raw:
                at = Location(file, where.line, column + offset + 1)
                problems.append(Problem(at, f"rule of '{name}' names '{used}', which has no rule"))
        new = renames.get(name, name)
        rules[new] = _rename(rule, renames)
        locations[new] = where
    if not raw and not problems:
        problems.append(Problem(Location(file), "no 'name, rule' line: not a bnet file"))
    if problems:
        raise InputError(problems)
    return BnetModel(file, rules, locations, tuple(comments), meta)


def _renames(
    facts: list[tuple[str, Location]],
    raw: Mapping[str, object],
    problems: list[Problem],
) -> dict[str, str]:
    """The names export spelt legally for bnet (``FLK1_at_pyramidal = FLK1@pyramidal``),
    each checked: a rename onto a name the file already uses would silently replace that
    node's rule and drop a node."""
    renames: dict[str, str] = {}
    placed: dict[str, Location] = {}
    for entry, where in facts:
        bnet_name, equals, original = (part.strip() for part in entry.partition("="))
        if not (equals and bnet_name and original):
            problems.append(Problem(where, "expected '# pathcheck node: BNET_NAME = NAME'"))
        elif bnet_name not in raw:
            problems.append(Problem(where, f"renames '{bnet_name}', which has no rule"))
        elif bnet_name in renames:
            problems.append(Problem(where, f"'{bnet_name}' is renamed twice"))
        elif name_problem(original):
            problems.append(Problem(where, f"{name_problem(original)}: rename it in the file"))
        else:
            renames[bnet_name] = original
            placed[bnet_name] = where
    named: dict[str, str] = {}
    for bnet_name, original in renames.items():
        where = placed[bnet_name]
        if original in named:
            problems.append(
                Problem(
                    where,
                    f"'{named[original]}' and '{bnet_name}' are both renamed '{original}'",
                )
            )
        elif original in raw and original not in renames:
            problems.append(
                Problem(
                    where,
                    f"renames '{bnet_name}' to '{original}', which the file names already: "
                    f"it would replace the rule of '{original}'",
                )
            )
        named.setdefault(original, bnet_name)
    return renames


def _rename(rule: str, renames: Mapping[str, str]) -> str:
    if not renames:
        return rule
    return re.sub(r"[A-Za-z0-9_]+", lambda m: renames.get(m[0], m[0]), rule)


def to_hypothesis(model: BnetModel) -> Hypothesis:
    """The model as a hypothesis, its ``# pathcheck`` notes kept where the file bears them
    out (:mod:`pathcheck.formats.notes`); what was not kept is in ``dropped``."""
    at = {n: f"line {where.line}" for n, where in model.locations.items()}
    facts, dropped = read_facts(model.meta, model.rules, tuple(model.rules), at)
    inputs = facts.inputs
    parsed = {n: parse_rule(r) for n, r in model.rules.items() if n not in inputs}
    return Hypothesis(
        name=facts.name or name_of_file(model.file),
        title=facts.title or f"Imported from {Path(model.file).name}",
        file=model.file,
        source=facts.source or model.file,
        description=" ".join(model.comments),
        inputs=inputs,
        rules={n: rule.expr for n, rule in parsed.items()},
        readouts=facts.readouts or {n: n for n in model.rules},
        settings=facts.settings,
        locations=model.locations,
        named={n: tuple(rule.name_offsets) for n, rule in parsed.items()},
        dropped=tuple(dropped),
    )


def load_bnet_hypothesis(path: Path, limits: Limits | None = None) -> Hypothesis:
    return to_hypothesis(read_bnet(path, limits))


MAX_BNET_RULE = 100_000  # symbols in one rule once exclusive or is written out


def bnet_rule(expr: Boolean, names: Mapping[str, str]) -> str:
    """A sympy rule in bnet's operators, ``!``, ``&``, ``|``: bnet has no exclusive or, so
    ``a ^ b`` is written ``(a & !b) | (!a & b)``, a long parity as a balanced tree of those.
    Raise ``ValueError`` when that would make the rule too long to be worth writing."""
    size = fold(expr, Size())
    if size > MAX_BNET_RULE:
        raise ValueError(
            f"written without exclusive or, as .bnet needs, this rule would have {size:,} "
            f"symbols (limit {MAX_BNET_RULE:,})"
        )
    return fold(expr, _Bnet(names)).text


class _Written(NamedTuple):
    text: str
    atomic: bool  # needs no parentheses as an operand


class _Bnet:
    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def constant(self, value: bool) -> _Written:
        return _Written("1" if value else "0", True)

    def variable(self, name: str) -> _Written:
        return _Written(self.names[name], True)

    def negation(self, operand: _Written) -> _Written:
        return _Written(f"!{self._operand(operand)}", True)

    def conjunction(self, operands: Sequence[_Written]) -> _Written:
        return _Written(" & ".join(sorted(self._operand(o) for o in operands)), False)

    def disjunction(self, operands: Sequence[_Written]) -> _Written:
        return _Written(" | ".join(sorted(self._operand(o) for o in operands)), False)

    def parity(self, operands: Sequence[_Written]) -> _Written:
        if len(operands) == 1:
            return operands[0]
        half = len(operands) // 2
        left, right = self.parity(operands[:half]), self.parity(operands[half:])
        return self.disjunction(
            [
                self.conjunction([left, self.negation(right)]),
                self.conjunction([self.negation(left), right]),
            ]
        )

    @staticmethod
    def _operand(written: _Written) -> str:
        return written.text if written.atomic else f"({written.text})"


def write_bnet(hypothesis: Hypothesis) -> str:
    names = legal_names(hypothesis.nodes, PLAIN_NAME)
    facts = [("exported-from", provenance(hypothesis.file)), ("name", hypothesis.name)]
    facts += [("title", hypothesis.title), ("source", hypothesis.source)]
    facts += [("input", name) for name in hypothesis.inputs]
    for setting, values in hypothesis.settings.items():
        pairs = " ".join(f"{k}={int(v)}" for k, v in values.items())
        facts.append(("setting", f"{setting} {pairs}"))
    facts += [("readout", f"{r} = {n}") for r, n in hypothesis.readouts.items()]
    facts += [("node", f"{b} = {n}") for n, b in names.items() if b != n]
    # each fact one comment line: a line break in a title would start a rule of its own
    lines = [f"{META}{key}: {one_line(value)}" for key, value in facts]
    if hypothesis.description:
        lines += ["", *(f"# {line}" for line in _wrap(hypothesis.description))]
    lines += ["", "targets, factors"]
    width = max(len(b) for b in names.values()) + 1
    for node in hypothesis.nodes:
        rule = hypothesis.rules.get(node, Symbol(node))
        try:
            written = bnet_rule(rule, names)
        except ValueError as error:
            where = hypothesis.locations.get(node, Location(hypothesis.file))
            raise InputError.at(where, f"rule of '{node}': {error}") from None
        lines.append(f"{names[node] + ',':<{width + 1}} {written}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 86) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines
