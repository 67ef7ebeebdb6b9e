"""Bounded, located, safe YAML: positions, and every refusal a hostile file should meet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pathcheck.base.problems import InputError
from pathcheck.formats.yamlsource import Limits, YMap, YScalar, YSeq, load_yaml, parse_yaml
from tests.repository import Writer


def error(text: str, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "f.yaml", limits)
    return str(caught.value)


def test_values_remember_line_and_column() -> None:
    root = parse_yaml("a: 1\nb:\n  - x\n  - 'y z'\n", "f.yaml")
    assert isinstance(root, YMap)
    b = root.get("b")
    assert isinstance(b, YSeq)
    x, yz = b.items
    assert isinstance(x, YScalar) and isinstance(yz, YScalar)
    assert (x.location.line, x.location.column) == (3, 5)
    assert yz.text == "y z" and yz.quoted
    assert str(yz.offset_location(2)) == "f.yaml:4:8"


def test_keys_stay_as_written_even_when_yaml_would_read_a_boolean() -> None:
    root = parse_yaml("on: [A]\noff: [B]\nyes: no\n", "f.yaml")
    assert isinstance(root, YMap)
    assert list(root.entries) == ["on", "off", "yes"]
    value = root.get("yes")
    assert isinstance(value, YScalar) and value.value is False


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    message = error("experiments: []\nsource: x\nexperiments: [1]\n")
    assert message.startswith("f.yaml:3:1: duplicate key 'experiments' (first at line 1)")


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['touch pwned']",
        "a: !!python/object:os.system {}\n",
        "a: !!python/name:os.system ''\n",
        "a: !custom 1\n",
        "a: !!binary aGVsbG8=\n",
    ],
)
def test_tags_beyond_plain_data_are_refused(text: str, tmp_path: Path) -> None:
    message = error(text)
    assert "is not allowed: only plain YAML data is read" in message
    assert not (tmp_path / "pwned").exists()


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        previous, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    start = time.perf_counter()
    message = error("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert "once aliases are expanded" in message


def test_small_aliases_are_fine() -> None:
    root = parse_yaml("base: &b [A, B]\non: *b\n", "f.yaml")
    assert isinstance(root, YMap) and isinstance(root.get("on"), YSeq)


def test_nesting_past_the_limit_is_refused() -> None:
    assert "nested deeper than 5 levels" in error("a: " + "[" * 6 + "]" * 6, Limits(max_depth=5))
    assert "f.yaml" in error("[" * 100_000 + "]" * 100_000)


def test_syntax_errors_are_located() -> None:
    assert error("a: [1, 2\nb: 3\n").startswith("f.yaml:2:")
    assert "YAML syntax" in error("a: b: c\n")


def test_only_one_document() -> None:
    assert "only one YAML document" in error("a: 1\n---\nb: 2\n")


def test_oversized_file_is_refused_before_reading(write: Writer) -> None:
    path = write("big.yaml", "a: " + "x" * 2000 + "\n")
    with pytest.raises(InputError, match="over the limit of 1,000"):
        load_yaml(path, Limits(max_bytes=1000))


def test_non_utf8_file_is_refused_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: ok\nlabel: caf\xe9\n")
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    assert str(caught.value) == f"{path}:2:11: file is not UTF-8 text"


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        load_yaml(tmp_path / "absent.yaml")


def test_empty_file_is_none(write: Writer) -> None:
    assert load_yaml(write("empty.yaml", "")) is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a:\n\tb: 1\n", "(a tab: YAML indents with spaces only)"),
        ("label: a: b\n", "(a ':' inside a value: put the value in quotes, \"a: b\")"),
        ("a: 1\n  b: 2\n", "(this line is indented deeper than the keys above it)"),
        ("on: [@PV]\n", "(a value that starts with '@' must be put in quotes)"),
        ('label: "open\n', "(a quote is opened and not closed)"),
        ("k: [a, b\n", "(a list [ ] or a mapping { } is not closed)"),
        ("x: 'it's'\n", "(a quote inside a quoted value: double it, 'it''s', or use the other"),
        ("x:\n  - a\n b: 2\n", "(the indentation of this line does not match the lines above it)"),
    ],
)
def test_a_yaml_syntax_error_comes_with_a_plain_hint(text: str, hint: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_yaml(text, "t.yaml")
    (problem,) = raised.value.problems
    assert problem.message.startswith("YAML syntax: ") and hint in problem.message
