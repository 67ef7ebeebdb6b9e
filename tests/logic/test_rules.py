"""The rule parser: precedence, errors with their column, and no code execution."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Symbol
from sympy.logic.boolalg import Boolean

from pathcheck.logic.rules import RuleSyntaxError, is_valid_name, parse_rule


def truth(expr: Boolean, names: list[str]) -> list[bool]:
    table = []
    for values in itertools.product([False, True], repeat=len(names)):
        env = {Symbol(n): v for n, v in zip(names, values, strict=True)}
        table.append(bool(expr.xreplace(env)))
    return table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b & c", "a | (b & c)"),
        ("a ^ b & c", "a ^ (b & c)"),
        ("a | b ^ c", "a | (b ^ c)"),
        ("~a & b", "(~a) & b"),
        ("not a and b or c", "((~a) & b) | c"),
        ("!(a | b)", "~(a | b)"),
        ("a & TRUE", "a"),
        ("a | false", "a"),
        ("1", "1"),
        ("0 | a", "a"),
    ],
)
def test_precedence_follows_python_bitwise_operators(text: str, expected: str) -> None:
    names = ["a", "b", "c"]
    assert truth(parse_rule(text).expr, names) == truth(parse_rule(expected).expr, names)


Tree = str | tuple[str, "Tree"] | tuple[str, "Tree", "Tree"]


def _trees(depth: int) -> st.SearchStrategy[Tree]:
    leaf: st.SearchStrategy[Tree] = st.sampled_from(["a", "b", "c", "0", "1"])
    if depth == 0:
        return leaf
    sub = _trees(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(st.sampled_from(["~", "!", "not", "()"]), sub),
        st.tuples(st.sampled_from(["&", "|", "^", "and", "or"]), sub, sub),
    )


def render(tree: Tree) -> str:
    """Fully parenthesised text, so the tree's structure is the parse's."""
    if isinstance(tree, str):
        return tree
    if len(tree) == 2:
        op, inner = tree
        return f"({render(inner)})" if op == "()" else f"{op} ({render(inner)})"
    op, left, right = tree
    return f"({render(left)}) {op} ({render(right)})"


def evaluate(tree: Tree, env: dict[str, bool]) -> bool:
    """The oracle: Python's own Boolean operators on the tree."""
    if isinstance(tree, str):
        return {"0": False, "1": True}.get(tree, env.get(tree, False))
    if len(tree) == 2:
        op, inner = tree
        value = evaluate(inner, env)
        return value if op == "()" else not value
    op, left, right = tree
    x, y = evaluate(left, env), evaluate(right, env)
    return {"&": x and y, "and": x and y, "|": x or y, "or": x or y, "^": x != y}[op]


@settings(max_examples=300, deadline=None)  # sympy's first calls are slow on a busy machine
@given(_trees(4))
def test_parse_agrees_with_python_operators(tree: Tree) -> None:
    names = ["a", "b", "c"]
    expected = [
        evaluate(tree, dict(zip(names, values, strict=True)))
        for values in itertools.product([False, True], repeat=3)
    ]
    assert truth(parse_rule(render(tree)).expr, names) == expected


def test_names_with_cell_types_and_offsets() -> None:
    rule = parse_rule("glutamate | FLK1@pyramidal")
    assert rule.names == {"glutamate", "FLK1@pyramidal"}
    assert rule.name_offsets == {"glutamate": 0, "FLK1@pyramidal": 12}


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("__import__('os').system('touch x')", 11, "unexpected character"),
        ("a &", 3, "at the end"),
        ("(a | b", 6, "expected ')'"),
        ("a b", 2, "expected an operator"),
        ("a | 2", 4, "needs a letter"),
        ("", 0, "empty"),
        ("a + b", 2, "unexpected character '+'"),
        ("x@y@z", 3, "unexpected character '@'"),
        ("lambda: 1", 6, "unexpected character ':'"),
    ],
)
def test_syntax_errors_carry_their_column(text: str, offset: int, words: str) -> None:
    with pytest.raises(RuleSyntaxError) as caught:
        parse_rule(text)
    assert caught.value.offset == offset
    assert words in caught.value.message


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    with pytest.raises(RuleSyntaxError, match="nested deeper"):
        parse_rule("(" * 4000 + "a" + ")" * 4000)


def test_reserved_words_cannot_name_nodes() -> None:
    assert not is_valid_name("and")
    assert not is_valid_name("True")
    assert not is_valid_name("12")
    assert is_valid_name("5HT2A")
    assert is_valid_name("TRKB@PV")
