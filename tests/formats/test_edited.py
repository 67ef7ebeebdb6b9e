"""A hypothesis file with rules rewritten: every other line as written, and a file that
loads and passes the linter."""

from __future__ import annotations

from pathlib import Path

from pathcheck.analysis.validate import validate
from pathcheck.formats.edited import Rewrite, edited_text
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.formats.yamlsource import Limits
from pathcheck.logic.rules import parse_rule
from pathcheck.model import member
from tests.repository import Writer

SOURCE = """
    # yaml-language-server: $schema=../pathcheck/formats/schemas/hypothesis.schema.json
    # a comment that cites a source
    name: small
    title: t
    source: s
    inputs: [u]
    edges:
      - a -> b  # declared
      - u -> a
    choices:
      where:
        question: q
        source: s
        options:
          one: {nodes: {c: a}}
          two:
            nodes:
              c: b  # option two's rule
    nodes:
      a: u   # the rule of a
      b:
        gate: or
    readouts:
      r: c
"""


def rule(text: str) -> object:
    return parse_rule(text).expr


def rewrite(write: Writer, *rewrites: Rewrite) -> tuple[str, Path]:
    path = write("small.yaml", SOURCE)
    text = edited_text(path, "small_repair1", rewrites, ["made by a test", "  a -> b"], Limits())
    out = path.with_name("small_repair1.yaml")
    out.write_text(text, encoding="utf-8")
    return text, out


def test_a_rule_is_replaced_where_it_stands_and_every_other_line_kept(write: Writer) -> None:
    text, out = rewrite(
        write,
        Rewrite("a", None, rule("u & ~d"), (("d", rule("u")),)),
        Rewrite("c", ("where", "one"), rule("a | b")),
    )
    assert text.startswith("# made by a test\n#   a -> b\n# a comment that cites a source\n")
    assert "yaml-language-server" not in text  # its relative path would point nowhere
    assert 'name: "small_repair1"' in text
    assert 'a: "u & ~d"   # the rule of a' in text
    assert 'd: "u"  # by pathcheck repair' in text
    assert 'one: {nodes: {c: "a | b"}}' in text
    assert "c: b  # option two's rule" in text
    loaded = load_hypothesis(out)
    assert loaded.name == "small_repair1"
    assert loaded.rules["a"] == rule("u & ~d") and loaded.rules["c"] == rule("a | b")


def test_a_gate_becomes_a_rule_and_an_edge_the_rule_now_contradicts_turns(
    write: Writer,
) -> None:
    text, out = rewrite(write, Rewrite("b", None, rule("~a")))
    assert "- a -| b  # declared" in text
    report = validate([out], [out], [], Limits())
    assert report.exit_code == 0, [str(f) for f in report.findings]
    assert load_hypothesis(out).rules["b"] == rule("~a")


def test_a_rule_of_the_files_nodes_written_into_one_option_overrides_it_there(
    write: Writer,
) -> None:
    _, out = rewrite(
        write,
        Rewrite("a", ("where", "two"), rule("u | d"), (("d", rule("u")),)),
        Rewrite("a", ("where", "one"), rule("0")),
    )
    loaded = load_hypothesis(out)
    assert loaded.rules["a"] == rule("0")  # the default member takes option one
    two = member(loaded, "small_repair1[where=two]")
    assert two.rules["a"] == rule("u | d") and two.rules["d"] == rule("u")
