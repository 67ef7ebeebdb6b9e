"""Counting fixed points with binary decision diagrams, for models with too many to list.

A model with many free inputs has as many fixed points as their combinations (one of
PyBoolNet's repository models has 5,875,504): enumerating them, as the SAT query does,
cannot finish, but a BDD of AND(x <-> f(x)) counts them at once. ``dd`` provides the
BDDs, with the CUDD library where its wheel carries it (0.3 s for that model) and its
own pure-Python BDDs elsewhere (far slower on large models).
"""

from __future__ import annotations

from typing import Any

from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, BooleanFalse, BooleanTrue, Not, Or, Xor

from pathcheck.semantics import Network


def _bdd_class() -> Any:
    try:
        from dd.cudd import BDD
    except ImportError:  # pragma: no cover - platforms without CUDD in the wheel
        from dd.autoref import BDD
    return BDD


def count_fixed_points(network: Network) -> int:
    bdd = _bdd_class()()
    bdd.declare(*network.nodes)

    def build(expr: Boolean) -> Any:
        if isinstance(expr, BooleanTrue):
            return bdd.true
        if isinstance(expr, BooleanFalse):
            return bdd.false
        if isinstance(expr, Symbol):
            return bdd.var(expr.name)
        if isinstance(expr, Not):
            return ~build(expr.args[0])
        if not isinstance(expr, (And, Or, Xor)):
            return build(expr.to_nnf())
        parts = [build(arg) for arg in expr.args]
        result = parts[0]
        for part in parts[1:]:
            if isinstance(expr, And):
                result = result & part
            elif isinstance(expr, Or):
                result = result | part
            else:
                result = result ^ part
        return result

    fixed = bdd.true
    for name in network.nodes:
        fixed &= bdd.var(name).equiv(build(network.rules[name]))
    return int(bdd.count(fixed, nvars=len(network.nodes)))
