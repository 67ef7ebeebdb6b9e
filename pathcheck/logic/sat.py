"""Rules as SAT clauses, one auxiliary variable per operator (the Tseitin encoding).

sympy's ``satisfiable`` converts its whole formula to conjunctive normal form first, which
is exponential for the commonest shape of a biological rule, an OR of ANDs: a rule with
15 OR'd pairs took minutes and a cycle of such rules gigabytes. Here every sub-formula
gets a variable that is constrained to equal it, so the clauses grow linearly with the
formula, and a solver from python-sat (CaDiCaL, compiled) answers the queries: the fixed
points of a network, and whether a rule depends on a regulator.

>>> from pathcheck.logic.rules import parse_rule
>>> cnf = Clauses()
>>> rule = cnf.literal(parse_rule("(a & b) | (c & d)").expr)
>>> with cnf.solver() as solver:
...     solver.solve(assumptions=[rule, -cnf.variable("a"), -cnf.variable("c")])
False
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sympy.logic.boolalg import Boolean

from pathcheck.logic.formula import fold

if TYPE_CHECKING:
    from pysat.solvers import Solver

SOLVER = "cadical195"


class Clauses:
    """A growing set of clauses over named variables and Tseitin auxiliaries.

    Literals are non-zero integers, negative for negation, as in DIMACS and python-sat.
    """

    def __init__(self) -> None:
        self.clauses: list[list[int]] = []
        self.names: dict[str, int] = {}
        self._count = 0
        self._true = self._fresh()
        self.clauses.append([self._true])
        self._made: dict[tuple[str, tuple[int, ...]], int] = {}  # shared gates, made once

    def _fresh(self) -> int:
        self._count += 1
        return self._count

    def variable(self, name: str) -> int:
        if name not in self.names:
            self.names[name] = self._fresh()
        return self.names[name]

    def literal(self, expr: Boolean, rename: Mapping[str, int] | None = None) -> int:
        """A literal equal to ``expr``; ``rename`` gives some names other literals."""
        return fold(expr, _Tseitin(self, rename or {}))

    def gate(self, kind: str, operands: Sequence[int]) -> int:
        """A literal equal to the AND, OR or XOR of ``operands``."""
        if len(operands) == 1:
            return operands[0]
        key = (kind, tuple(sorted(operands)) if kind != "xor" else tuple(operands))
        if key in self._made:
            return self._made[key]
        if kind == "xor":
            result = operands[0]
            for operand in operands[1:]:
                result = self._xor(result, operand)
        else:
            result = self._fresh()
            sign = 1 if kind == "and" else -1
            # and: result -> each operand, all operands -> result (or: the dual)
            for operand in operands:
                self.clauses.append([-sign * result, sign * operand])
            self.clauses.append([sign * result, *(-sign * o for o in operands)])
        self._made[key] = result
        return result

    def _xor(self, a: int, b: int) -> int:
        out = self._fresh()
        self.clauses += [[-out, a, b], [-out, -a, -b], [out, -a, b], [out, a, -b]]
        return out

    def equal(self, a: int, b: int) -> None:
        self.clauses += [[-a, b], [a, -b]]

    def solver(self) -> Solver:
        from pysat.solvers import Solver

        return Solver(name=SOLVER, bootstrap_with=self.clauses)

    def true(self) -> int:
        return self._true


class _Tseitin:
    def __init__(self, clauses: Clauses, rename: Mapping[str, int]) -> None:
        self.cnf = clauses
        self.rename = rename

    def constant(self, value: bool) -> int:
        return self.cnf.true() if value else -self.cnf.true()

    def variable(self, name: str) -> int:
        return self.rename.get(name) or self.cnf.variable(name)

    def negation(self, operand: int) -> int:
        return -operand

    def conjunction(self, operands: Sequence[int]) -> int:
        return self.cnf.gate("and", operands)

    def disjunction(self, operands: Sequence[int]) -> int:
        return self.cnf.gate("or", operands)

    def parity(self, operands: Sequence[int]) -> int:
        return self.cnf.gate("xor", operands)


def models(
    cnf: Clauses, over: Sequence[str], limit: int | None = None
) -> Iterator[dict[str, bool]]:
    """The satisfying assignments of ``over`` (every auxiliary and other variable is
    determined by them or projected away), at most ``limit`` of them."""
    variables = [cnf.variable(name) for name in over]
    found = 0
    with cnf.solver() as solver:
        while (limit is None or found < limit) and solver.solve():
            model: Any = solver.get_model()
            true = {literal for literal in model if literal > 0}  # a variable in no clause is
            values = {v: v in true for v in variables}  # absent: taken as 0, then blocked
            yield {name: values[v] for name, v in zip(over, variables, strict=True)}
            found += 1
            if not variables:
                return
            solver.add_clause([-v if values[v] else v for v in variables])
