"""The single edits of one rule: what "one edit away" means for a Boolean formula.

A rule is held as sympy holds it: And and Or flattened (``a & (b & c)`` is one And of
three arguments), their arguments in sympy's order, constants folded away. A *literal*
is a node's symbol or its negation; a *gate* is an And or an Or of the formula. One edit
of a rule is one of:

- **remove** a literal: it leaves the gate it is an argument of (an And loses a
  condition, an Or an alternative, an exclusive or an operand), that is, it is replaced
  by the gate's neutral value; a rule that is that literal alone becomes ``0``: the node
  is no longer regulated and stays at rest;
- **add** a literal (a regulator the rule does not read yet): as one more argument of a
  gate of the rule, or around the whole rule, ``rule & literal`` or ``rule | literal``
  (both when the rule is a single literal: an added regulator is needed, or suffices);
- **flip** a gate: an And becomes an Or over the same arguments, or the reverse;
- **negate** a literal: ``a`` becomes ``~a`` (only when signs may change).

Each edit is taken on the formula as sympy holds it, and its result is again a formula
in that form, so that edits reaching the same rule are one neighbour: adding ``a`` then
``b`` to an And is adding ``b`` then ``a``. An edit whose result is the rule itself
(adding ``x`` to ``0 & ...``) is no edit.

>>> from pathcheck.logic.rules import parse_rule
>>> from sympy import Symbol
>>> [str(e.rule) for e in single_edits(parse_rule("a & b").expr, [Symbol("c")])]
['b', 'a', 'a | b', 'a & b & c', 'c | (a & b)']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal, NamedTuple

from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, Or, false, true

Kind = Literal["remove", "add", "flip", "negate"]
Path = tuple[int, ...]  # the argument indices from the top of a formula down to a part


class RuleEdit(NamedTuple):
    """One edit of a rule and the rule it leaves."""

    kind: Kind
    rule: Boolean
    literal: Boolean | None  # the literal removed, added or negated; None for a flip


def is_literal(expr: Boolean) -> bool:
    return isinstance(expr, Symbol) or (isinstance(expr, Not) and isinstance(expr.args[0], Symbol))


def literal_node(literal: Boolean) -> str:
    """The node a literal reads."""
    return (literal if isinstance(literal, Symbol) else literal.args[0]).name  # type: ignore[no-any-return]


def literal_sign(literal: Boolean) -> int:
    return 1 if isinstance(literal, Symbol) else -1


def negated(literal: Boolean) -> Boolean:
    return literal.args[0] if isinstance(literal, Not) else Not(literal)


def single_edits(
    rule: Boolean, additions: Sequence[Boolean], signs: bool = False
) -> list[RuleEdit]:
    """Every rule one edit away from ``rule``, each once: removals, then flips, then
    negations (with ``signs``), then additions of each literal of ``additions`` whose
    node the rule does not read; an edit reaching a rule already listed adds nothing."""
    found: dict[Boolean, RuleEdit] = {}

    def keep(edit: RuleEdit) -> None:
        if edit.rule != rule:
            found.setdefault(edit.rule, edit)

    literals = list(_literals(rule))
    gates = [(path, part) for path, part in _parts(rule) if isinstance(part, (And, Or))]
    for path, literal in literals:
        keep(RuleEdit("remove", _replace(rule, path, _neutral(rule, path)), literal))
    for path, gate in gates:
        flipped = (Or if isinstance(gate, And) else And)(*gate.args)
        keep(RuleEdit("flip", _replace(rule, path, flipped), None))
    if signs:
        for path, literal in literals:
            keep(RuleEdit("negate", _replace(rule, path, negated(literal)), literal))
    read = {s.name for s in rule.free_symbols}
    for literal in additions:
        if literal_node(literal) in read:
            continue
        for path, gate in gates:
            keep(RuleEdit("add", _replace(rule, path, gate.func(*gate.args, literal)), literal))
        if not isinstance(rule, And):
            keep(RuleEdit("add", And(rule, literal), literal))
        if not isinstance(rule, Or):
            keep(RuleEdit("add", Or(rule, literal), literal))
    return list(found.values())


def _parts(expr: Boolean, path: Path = ()) -> Iterator[tuple[Path, Boolean]]:
    """Every sub-formula with its path, the formula first; a literal is not entered."""
    stack = [(path, expr)]
    while stack:
        here, part = stack.pop()
        yield here, part
        if not is_literal(part):
            stack.extend(((*here, i), arg) for i, arg in reversed(list(enumerate(part.args))))


def _literals(expr: Boolean) -> Iterator[tuple[Path, Boolean]]:
    return ((p, part) for p, part in _parts(expr) if is_literal(part))


def _neutral(expr: Boolean, path: Path) -> Boolean:
    """What a literal at ``path`` becomes when removed: its gate's neutral value (1 in an
    And, 0 in an Or or an exclusive or); 0 when it is the whole rule."""
    if not path:
        return false
    parent = expr
    for i in path[:-1]:
        parent = parent.args[i]
    return true if isinstance(parent, And) else false


def _replace(expr: Boolean, path: Path, new: Boolean) -> Boolean:
    """``expr`` with its part at ``path`` replaced, rebuilt (and refolded) by sympy."""
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = _replace(args[path[0]], path[1:], new)
    return expr.func(*args)
