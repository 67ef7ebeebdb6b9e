"""Hostile and broken input: refused fast and clearly, never a traceback, nothing run.

The fuzz test mutates the bundled files the ways people and tools break YAML (bytes,
keys, values, indentation, truncation) and runs the gate on each mutant: the exit code
is 0, 1 or 2, nothing escapes as a traceback, and every refusal names the file.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pathcheck.base.defaults import DEFAULT_MAX_FILE_SIZE
from pathcheck.cli import app
from pathcheck.formats.yamlsource import Limits
from tests.repository import EXPERIMENTS, HYPOTHESES, ROOT, TABLE_FILES

runner = CliRunner()

BILLION_LAUGHS = (
    "\n".join(
        ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        + [
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
            for i in range(9)
        ]
    )
    + "\n"
)


def test_the_loader_reads_its_default_limit_where_the_cli_does() -> None:
    assert Limits().max_bytes == DEFAULT_MAX_FILE_SIZE


def refuse(path: Path, *extra: str) -> str:
    start = time.perf_counter()
    result = runner.invoke(app, ["validate", str(path), *extra])
    elapsed = time.perf_counter() - start
    assert result.exit_code == 2, result.stdout
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout + result.stderr


def test_billion_laughs(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(BILLION_LAUGHS)
    assert f"{path}:" in refuse(path) and "once aliases are expanded" in refuse(path)


def test_a_50_mb_file_and_the_flag_that_raises_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    out = refuse(path)
    assert f"{path}:1:1: error: file is 50,000,000 bytes, over the limit of 5,000,000" in out
    small = tmp_path / "small.yaml"
    small.write_text("source: {citation: x}\nexperiments: []\n" + "# pad\n" * 20)
    assert "over the limit of 50" in refuse(small, "--max-file-size", "50")
    result = runner.invoke(app, ["validate", str(small), "--max-file-size", "60000000"])
    assert "over the limit" not in result.stdout


def test_a_python_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "tag.yaml"
    path.write_text(f"!!python/object/apply:os.system ['touch {marker}']\n")
    out = refuse(path)
    assert f"{path}:1:1: error: tag !!python/object/apply:os.system is not allowed" in out
    assert not marker.exists()


def test_a_duplicated_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    text = (EXPERIMENTS / "lepack2015.yaml").read_text()
    path.write_text(text.replace('    figure: "1"\n', '    figure: "1"\n    figure: "2"\n', 1))
    assert "duplicate key 'figure' (first at line" in refuse(path)


# --- fuzzing -------------------------------------------------------------------------

SOURCES = sorted(HYPOTHESES.glob("*.yaml")) + TABLE_FILES


_RULE = re.compile(r"  [A-Za-z_][A-Za-z0-9_]*(@[A-Za-z0-9_]+)?: [^{#]")
_NODE = re.compile(r"^  ([A-Za-z_][A-Za-z0-9_]*(?:@[A-Za-z0-9_]+)?):", re.MULTILINE)


def _same_row(lines: list[str], row: int, n: int) -> bool:
    """Whether line ``n`` belongs to the experiment whose 'setting:' is at ``row``."""
    start = max((k for k in range(row + 1) if lines[k].lstrip().startswith("- id:")), default=0)
    end = next(
        (k for k in range(row + 1, len(lines)) if lines[k].lstrip().startswith("- id:")), len(lines)
    )
    return start <= n < end


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, str]:
    """A bundled file's name and its text, broken one way or a few."""
    source = draw(st.sampled_from(SOURCES))
    text = source.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        lines = text.splitlines(keepends=True) or [""]
        i = draw(st.integers(0, len(lines) - 1))
        kinds = ["byte", "key", "value", "indent", "truncate", "line", "wide", "selectors"]
        kind = draw(st.sampled_from(kinds))
        event(f"mutation: {kind}")
        if kind == "wide" and source.parent.name == "hypotheses":
            # a rule made an OR of many AND'd pairs of the hypothesis's own nodes: the shape
            # that once made the gate exponential
            rule = next((n for n, line in enumerate(lines) if _RULE.match(line)), None)
            if rule is not None:
                names = sorted(set(_NODE.findall(text)))
                k = draw(st.integers(5, 40))
                pairs = [
                    f"({draw(st.sampled_from(names))} & ~{draw(st.sampled_from(names))})"
                    for _ in range(k)
                ]
                key = lines[rule].split(":", 1)[0]
                lines[rule] = f"{key}: {' | '.join(pairs)}\n"
            text = "".join(lines)
            continue
        if kind == "selectors" and source.parent.name == "experiments":
            # an experiment's clamps made of overlapping selectors, some narrower, some tied
            row = next((n for n in range(i, len(lines)) if "setting:" in lines[n]), None)
            if row is not None:
                base = draw(st.sampled_from(["VEGF", "FLK1", "TRKB", "BDNF"]))
                pool = [
                    base,
                    f"{base}@PV",
                    f"{base}@pyramidal",
                    f"{base}@neuron",
                    f"{base}@excitatory",
                ]
                on = draw(st.lists(st.sampled_from(pool), max_size=3))
                off = draw(st.lists(st.sampled_from(pool), max_size=3))
                indent = lines[row][: len(lines[row]) - len(lines[row].lstrip())]
                lines.insert(row + 1, f"{indent}off: [{', '.join(off)}]\n")
                lines.insert(row + 1, f"{indent}on: [{', '.join(on)}]\n")
                lines = [
                    line
                    for n, line in enumerate(lines)
                    if n in (row + 1, row + 2)
                    or not (line.strip().startswith(("on:", "off:")) and _same_row(lines, row, n))
                ]
            text = "".join(lines)
            continue
        if kind == "byte":
            at = draw(st.integers(0, max(len(text) - 1, 0)))
            junk = draw(
                st.sampled_from(
                    ["\x00", "\t", ":", "-", "&a", "*a", "!!", "{", "]", "'", "\ufeff", "é", "\x85"]
                )
            )
            text = text[:at] + junk + text[at + draw(st.integers(0, 2)) :]
            continue
        if kind == "key" and ":" in lines[i]:
            key, rest = lines[i].split(":", 1)
            lines[i] = key.rstrip() + draw(st.sampled_from(["x", "", "s"])) + ":" + rest
            lines[i] = lines[i].replace(
                key.strip(), draw(st.sampled_from([key.strip(), "on", "nodes", "id", "1"])), 1
            )
        elif kind == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = draw(
                st.sampled_from(
                    [
                        "",
                        " ~",
                        " yes",
                        " 0",
                        " [a, b]",
                        " {a: 1}",
                        " '&'",
                        " A & ",
                        " x@y@z",
                        " 1e9",
                        " *ref",
                    ]
                )
            )
            lines[i] = f"{key}:{value}\n"
        elif kind == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "  ", "\t"])) + lines[i].lstrip(" ")
        elif kind == "truncate":
            lines = lines[:i]
        elif kind == "line":
            j = draw(st.integers(0, len(lines) - 1))
            lines.insert(j, lines[i])
        text = "".join(lines)
    return source.parent.name + "/" + source.name, text


@pytest.fixture(scope="module")
def fuzz_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    for folder in ("hypotheses", "experiments"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "pathcheck.toml").write_text((ROOT / "pathcheck.toml").read_text())
    return root


@pytest.mark.slow
@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutants())
def test_fuzzed_files_never_crash_the_gate(fuzz_repo: Path, mutant: tuple[str, str]) -> None:
    relative, text = mutant
    path = fuzz_repo / relative
    original = (ROOT / relative).read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        result = runner.invoke(
            app,
            ["check", "--project", str(fuzz_repo / "pathcheck.toml")],
            env={"GITHUB_ACTIONS": "false"},
        )
    finally:
        path.write_text(original, encoding="utf-8")
    event(f"exit {result.exit_code}")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        assert relative in result.stderr or str(fuzz_repo / "pathcheck.toml") in result.stderr, (
            result.stderr
        )
