"""Counting fixed points with binary decision diagrams, for models with too many to list.

A model with many free inputs has as many fixed points as their combinations (one of
PyBoolNet's repository models has 5,875,504): enumerating them, as the SAT query does,
cannot finish, but a BDD of AND(x <-> f(x)) counts them at once. ``dd`` provides the
BDDs, with the CUDD library where its wheel carries it (0.3 s for that model) and its
own pure-Python BDDs elsewhere (far slower on large models).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from typing import Any

from pathcheck.engine.explicit import Network
from pathcheck.logic.formula import fold


def new_manager() -> Any:
    """A BDD manager: CUDD where the wheel has it. CUDD's default memory target (1 GB)
    costs 13 ms to set up, more than most of the questions asked here; tables grow
    past a smaller target as needed, so start at 64 MB (2 ms)."""
    try:
        from dd.cudd import BDD
    except ImportError:  # pragma: no cover - platforms without CUDD in the wheel
        from dd.autoref import BDD

        return BDD()
    return BDD(memory_estimate=1 << 26, initial_cache_size=1 << 12)


def count_fixed_points(network: Network) -> int:
    bdd = new_manager()
    bdd.declare(*network.nodes)
    algebra = Diagrams(bdd)
    fixed = bdd.true
    for name in network.nodes:
        fixed &= bdd.var(name).equiv(fold(network.rules[name], algebra))
    return int(bdd.count(fixed, nvars=len(network.nodes)))


class Diagrams:
    """Formulas as BDDs of one manager."""

    def __init__(self, bdd: Any, names: dict[str, str] | None = None) -> None:
        self.bdd = bdd
        self.names = names or {}  # node -> BDD variable, where they differ

    def constant(self, value: bool) -> Any:
        return self.bdd.true if value else self.bdd.false

    def variable(self, name: str) -> Any:
        return self.bdd.var(self.names.get(name, name))

    def negation(self, operand: Any) -> Any:
        return ~operand

    def conjunction(self, operands: Sequence[Any]) -> Any:
        return functools.reduce(operator.and_, operands)

    def disjunction(self, operands: Sequence[Any]) -> Any:
        return functools.reduce(operator.or_, operands)

    def parity(self, operands: Sequence[Any]) -> Any:
        return functools.reduce(xor, operands)


def xor(a: Any, b: Any) -> Any:
    """Exclusive or of two BDDs (CUDD's functions in ``dd`` have no ``^``)."""
    return (a & ~b) | (~a & b)
