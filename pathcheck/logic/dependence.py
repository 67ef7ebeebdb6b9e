"""How a rule depends on one of its regulators, asked of a SAT solver.

``f`` depends on ``x`` when some state makes ``f[x=0]`` and ``f[x=1]`` differ; it does
so positively when raising ``x`` never lowers ``f``, negatively when it never raises it,
and both ways otherwise (``x ^ y``). Both cofactors are encoded with auxiliary variables
(:mod:`pathcheck.logic.sat`), sharing every sub-formula without ``x``, so the question costs
clauses linear in the rule, never a normal form.
"""

from __future__ import annotations

from enum import Enum

from sympy import Symbol
from sympy.logic.boolalg import Boolean

from pathcheck.logic.sat import Clauses


class Dependence(str, Enum):
    NONE = "none"
    POSITIVE = "positive"
    NEGATIVE = "negative"
    BOTH = "both ways"


def dependence(rule: Boolean, name: str) -> Dependence:
    if Symbol(name) not in rule.free_symbols:
        return Dependence.NONE
    cnf = Clauses()
    low = cnf.literal(rule, {name: -cnf.true()})
    high = cnf.literal(rule, {name: cnf.true()})
    with cnf.solver() as solver:
        rises = solver.solve(assumptions=[-low, high])
        falls = solver.solve(assumptions=[low, -high])
    if rises and falls:
        return Dependence.BOTH
    if rises:
        return Dependence.POSITIVE
    return Dependence.NEGATIVE if falls else Dependence.NONE
