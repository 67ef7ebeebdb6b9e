"""How a rule depends on one of its regulators, asked of sympy's SAT solver.

``f`` depends on ``x`` when some state makes ``f[x=0]`` and ``f[x=1]`` differ; it does
so positively when raising ``x`` never lowers ``f``, negatively when it never raises it,
and both ways otherwise (``x ^ y``).
"""

from __future__ import annotations

from enum import Enum

from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, false, true
from sympy.logic.inference import satisfiable


class Dependence(str, Enum):
    NONE = "none"
    POSITIVE = "positive"
    NEGATIVE = "negative"
    BOTH = "both ways"


def dependence(rule: Boolean, name: str) -> Dependence:
    symbol = Symbol(name)
    low, high = rule.xreplace({symbol: false}), rule.xreplace({symbol: true})
    rises = bool(satisfiable(And(Not(low), high)))
    falls = bool(satisfiable(And(low, Not(high))))
    if rises and falls:
        return Dependence.BOTH
    if rises:
        return Dependence.POSITIVE
    return Dependence.NEGATIVE if falls else Dependence.NONE
