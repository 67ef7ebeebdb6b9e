"""Rules as SAT clauses: equal to the formula on every assignment, linear in its size, and
every command polynomial in the width of a rule."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Symbol
from sympy.logic.boolalg import ITE, And, Boolean, BooleanTrue, Equivalent, Implies, Not, Or, Xor
from sympy.logic.boolalg import false as F
from sympy.logic.boolalg import true as T
from typer.testing import CliRunner

from pathcheck.cli import app
from pathcheck.formats.bnet import bnet_rule
from pathcheck.logic.dependence import Dependence, dependence
from pathcheck.logic.formula import Size, fold
from pathcheck.logic.rules import parse_rule
from pathcheck.logic.sat import Clauses, models
from tests.repository import Writer

NAMES = ["a", "b", "c", "d"]
runner = CliRunner()


def formulas() -> st.SearchStrategy[Boolean]:
    leaves = st.sampled_from([Symbol(n) for n in NAMES] + [T, F])
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            inner.map(Not),
            st.lists(inner, min_size=2, max_size=4).map(lambda xs: And(*xs)),
            st.lists(inner, min_size=2, max_size=4).map(lambda xs: Or(*xs)),
            st.lists(inner, min_size=2, max_size=4).map(lambda xs: Xor(*xs)),
            st.tuples(inner, inner).map(lambda xs: Implies(*xs)),
            st.tuples(inner, inner, inner).map(lambda xs: ITE(*xs)),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: Equivalent(*xs)),
        ),
        max_leaves=12,
    )


def truth(expr: Boolean, values: dict[str, bool]) -> bool:
    env = {Symbol(n): T if v else F for n, v in values.items()}
    return isinstance(expr.xreplace(env), BooleanTrue)


def assignments() -> list[dict[str, bool]]:
    return [
        dict(zip(NAMES, bits, strict=True)) for bits in itertools.product([False, True], repeat=4)
    ]


@settings(max_examples=300, deadline=None)
@given(formulas())
def test_the_encoding_has_exactly_the_formulas_models(expr: Boolean) -> None:
    cnf = Clauses()
    cnf.equal(cnf.variable("out"), cnf.literal(expr))
    found = {tuple(sorted(m.items())) for m in models(cnf, [*NAMES, "out"])}
    expected = {
        tuple(sorted({**values, "out": truth(expr, values)}.items())) for values in assignments()
    }
    assert found == expected


@settings(max_examples=300, deadline=None)
@given(formulas(), st.sampled_from(NAMES))
def test_dependence_equals_the_truth_table(expr: Boolean, name: str) -> None:
    rises = falls = False
    for values in assignments():
        low, high = truth(expr, {**values, name: False}), truth(expr, {**values, name: True})
        rises |= high and not low
        falls |= low and not high
    expected = {
        (True, True): Dependence.BOTH,
        (True, False): Dependence.POSITIVE,
        (False, True): Dependence.NEGATIVE,
        (False, False): Dependence.NONE,
    }[(rises, falls)]
    assert dependence(expr, name) is expected


@settings(max_examples=200, deadline=None)
@given(formulas())
def test_bnet_text_says_what_the_formula_says(expr: Boolean) -> None:
    text = bnet_rule(expr, {n: n for n in NAMES}).replace("!", "~")
    parsed = parse_rule(text).expr
    assert all(truth(parsed, v) == truth(expr, v) for v in assignments())


def wide(k: int) -> str:
    return "receptor | " + " | ".join(f"(a{i} & b{i})" for i in range(k))


def test_clauses_grow_linearly_with_a_wide_rule() -> None:
    sizes = []
    for k in (10, 40, 160):
        cnf = Clauses()
        cnf.literal(parse_rule(wide(k)).expr)
        sizes.append(len(cnf.clauses))
    # a unit clause for 'true', 3 clauses per AND of a pair, k + 2 for the OR of k + 1 terms
    assert sizes == [4 * k + 3 for k in (10, 40, 160)]


def test_a_long_parity_is_written_to_bnet_in_quadratic_size() -> None:
    for n in (8, 32, 128):
        expr = parse_rule(" ^ ".join(f"x{i}" for i in range(n))).expr
        assert fold(expr, Size()) <= 12 * n * n
        assert len(bnet_rule(expr, {f"x{i}": f"x{i}" for i in range(n)})) <= 40 * n * n


def test_a_parity_too_long_for_bnet_is_refused_not_built(write: Writer) -> None:
    rule = " ^ ".join(f"(x{i} & y{i})" for i in range(200))
    inputs = ", ".join(f"x{i}, y{i}" for i in range(200))
    path = write(
        "p.yaml",
        f"title: t\nsource: s\ninputs: [{inputs}]\nnodes:\n  z: {rule}\nreadouts: {{r: z}}\n",
    )
    result = runner.invoke(app, ["export", str(path), "--to", "bnet"])
    assert result.exit_code == 2
    assert f"{path}:5:3: rule of 'z': written without exclusive or, as .bnet needs" in result.stderr


def test_validate_and_predict_on_a_rule_of_forty_pairs(write: Writer, tmp_path: Path) -> None:
    """The shapes of the report: 15 OR'd pairs took 170 s to validate, and 20 pairs in a
    cycle took 3.9 GB before a MemoryError. Timed in benchmarks/wide_rules.py."""
    k = 40
    pairs = " | ".join(f"(a{i} & b{i})" for i in range(k))
    nodes = "\n".join(f"  a{i}: stim | out\n  b{i}: stim | out" for i in range(k))
    head = "title: t\nsource: s\ninputs: [stim]\nnodes:\n"
    loop = write("loop.yaml", f"{head}{nodes}\n  out: {pairs}\nreadouts: {{r: out}}\n")
    table = write("e.yaml", "source: {citation: x}\nexperiments: []\n")
    result = runner.invoke(app, ["validate", str(loop), "--experiments", str(table)])
    assert result.exit_code == 0 and "0 errors" in result.stdout
    result = runner.invoke(app, ["predict", str(loop), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"fixed_point_count": 2' in result.stdout and '"r": 0' in result.stdout
