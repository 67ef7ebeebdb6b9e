"""One walk over a rule's formula, shared by everything that turns a rule into something else.

A rule is a sympy Boolean expression. The engine compiles it into a state test, the
fixed-point search into SAT clauses, the counter into a BDD, the ``.bnet`` writer into
text. Each is an :class:`Algebra`: what a constant, a variable, a negation, a
conjunction, a disjunction and a parity (exclusive or) become. :func:`fold` walks the
formula once, bottom up, computing every shared sub-formula once, and rewrites sympy's
other operators (``Equivalent``, ``Implies``, ``ITE``) into those six without ever
expanding anything into a normal form: its cost is linear in the formula's size.

>>> from pathcheck.logic.rules import parse_rule
>>> fold(parse_rule("a & ~(b | c)").expr, Text())
'(a & ~(b | c))'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Generic, Protocol, TypeVar

from sympy import Symbol
from sympy.logic.boolalg import (
    ITE,
    And,
    Boolean,
    BooleanFalse,
    BooleanTrue,
    Equivalent,
    Implies,
    Not,
    Or,
    Xor,
)

T = TypeVar("T")


class Algebra(Protocol, Generic[T]):
    def constant(self, value: bool) -> T: ...
    def variable(self, name: str) -> T: ...
    def negation(self, operand: T) -> T: ...
    def conjunction(self, operands: Sequence[T]) -> T: ...
    def disjunction(self, operands: Sequence[T]) -> T: ...
    def parity(self, operands: Sequence[T]) -> T: ...


def fold(expr: Boolean, algebra: Algebra[T]) -> T:
    """``expr`` evaluated in ``algebra``; raise ``TypeError`` for what is not a formula.

    Iterative, with no closure that refers to itself: a recursive walk would keep its
    table of results alive in a reference cycle, and when those results are BDD nodes the
    cycle collector may free their manager first, which CUDD answers with an abort.
    """
    done: dict[Boolean, T] = {}
    stack: list[tuple[Boolean, bool]] = [(expr, False)]
    while stack:
        node, expanded = stack.pop()
        if node in done:
            continue
        if isinstance(node, BooleanTrue):
            done[node] = algebra.constant(True)
        elif isinstance(node, BooleanFalse):
            done[node] = algebra.constant(False)
        elif isinstance(node, Symbol):
            done[node] = algebra.variable(node.name)
        elif expanded:
            done[node] = _combine(node, [done[arg] for arg in node.args], algebra)
        else:
            stack.append((node, True))
            stack.extend((arg, False) for arg in node.args)
    return done[expr]


def _combine(node: Boolean, parts: list[T], algebra: Algebra[T]) -> T:
    if isinstance(node, Not):
        return algebra.negation(parts[0])
    if isinstance(node, And):
        return algebra.conjunction(parts)
    if isinstance(node, Or):
        return algebra.disjunction(parts)
    if isinstance(node, Xor):
        return algebra.parity(parts)
    if isinstance(node, Implies):
        antecedent, consequent = parts
        return algebra.disjunction([algebra.negation(antecedent), consequent])
    if isinstance(node, Equivalent):  # all equal: all true, or all false
        return algebra.disjunction(
            [algebra.conjunction(parts), algebra.conjunction([algebra.negation(p) for p in parts])]
        )
    if isinstance(node, ITE):
        test, then, other = parts
        return algebra.disjunction(
            [
                algebra.conjunction([test, then]),
                algebra.conjunction([algebra.negation(test), other]),
            ]
        )
    raise TypeError(f"not a Boolean formula: {node!r}")


class Text:
    """pathcheck's own rule syntax, fully parenthesised: a rule as a user could write it."""

    def constant(self, value: bool) -> str:
        return "1" if value else "0"

    def variable(self, name: str) -> str:
        return name

    def negation(self, operand: str) -> str:
        return f"~{operand}"

    def conjunction(self, operands: Sequence[str]) -> str:
        return "(" + " & ".join(operands) + ")"

    def disjunction(self, operands: Sequence[str]) -> str:
        return "(" + " | ".join(operands) + ")"

    def parity(self, operands: Sequence[str]) -> str:
        return "(" + " ^ ".join(operands) + ")"


class Size:
    """How many symbols a formula has once written without exclusive or, as ``.bnet``
    must: counted before anything is written, so a formula whose expansion would be too
    long is refused instead of built."""

    def constant(self, value: bool) -> int:
        return 1

    def variable(self, name: str) -> int:
        return 1

    def negation(self, operand: int) -> int:
        return operand + 1

    def conjunction(self, operands: Sequence[int]) -> int:
        return sum(operands) + len(operands)

    def disjunction(self, operands: Sequence[int]) -> int:
        return sum(operands) + len(operands)

    def parity(self, operands: Sequence[int]) -> int:
        """Written as a balanced tree of ``(l & !r) | (!l & r)``: each half twice."""
        if len(operands) == 1:
            return operands[0]
        half = len(operands) // 2
        left, right = self.parity(operands[:half]), self.parity(operands[half:])
        return 2 * (left + right) + 8


class Truth:
    """A formula's value in one state: what a rule says there."""

    def __init__(self, values: Mapping[str, bool]) -> None:
        self.values = values

    def constant(self, value: bool) -> bool:
        return value

    def variable(self, name: str) -> bool:
        return self.values[name]

    def negation(self, operand: bool) -> bool:
        return not operand

    def conjunction(self, operands: Sequence[bool]) -> bool:
        return all(operands)

    def disjunction(self, operands: Sequence[bool]) -> bool:
        return any(operands)

    def parity(self, operands: Sequence[bool]) -> bool:
        return sum(operands) % 2 == 1


def rule_text(expr: Boolean) -> str:
    """A formula in pathcheck's rule syntax, parenthesised only where needed."""
    written = fold(expr, Text())
    return written[1:-1] if written.startswith("(") and _balanced(written[1:-1]) else written


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
