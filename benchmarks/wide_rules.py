"""Wide rules: an OR of k AND'd pairs, the shape that made sympy's CNF conversion blow up.

Two tables, each measured side by side in one run:

* in-process, the dependence question the linter asks (does ``response`` depend on
  ``a0``?) answered by pathcheck's Tseitin clauses and by ``sympy.satisfiable`` on the
  cofactors, as pathcheck did before: the ratio is sympy's time over ours (sympy is given
  k up to 11 only; at k = 13 it took 13 s, at 15, 170 s);
* whole commands, ``pathcheck validate`` on one rule of k pairs and ``pathcheck predict``
  on the cycle ``aI, bI: stim | out`` with ``out`` the OR of k pairs (at 20 pairs it once
  took 3.9 GB, then a MemoryError), at k = 40 against the same command at k = 1: the
  difference is the time the width costs after start-up (target: well under a second).

Usage: ``python benchmarks/wide_rules.py [--runs N]`` with pathcheck installed. Not a
test: it prints numbers and exits 0.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from latency import console_script


def wide(k: int) -> str:
    return "receptor | " + " | ".join(f"(a{i} & b{i})" for i in range(k))


def sympy_dependence(text: str) -> bool:
    from sympy import Symbol
    from sympy.logic.boolalg import And, Not, false, true
    from sympy.logic.inference import satisfiable

    from pathcheck.logic.rules import parse_rule

    rule, a0 = parse_rule(text).expr, Symbol("a0")
    low, high = rule.xreplace({a0: false}), rule.xreplace({a0: true})
    rises = bool(satisfiable(And(Not(low), high)))
    falls = bool(satisfiable(And(low, Not(high))))  # the query whose CNF blows up
    return rises or falls


def ours(text: str) -> bool:
    from pathcheck.logic.dependence import Dependence, dependence
    from pathcheck.logic.rules import parse_rule

    return dependence(parse_rule(text).expr, "a0") is not Dependence.NONE


def best(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def write_files(folder: Path, k: int) -> tuple[Path, Path, Path]:
    pairs = " | ".join(f"(a{i} & b{i})" for i in range(k))
    inputs = ", ".join([*(f"a{i}, b{i}" for i in range(k)), "receptor"])
    head = "title: t\nsource: s\n"
    flat = folder / "wide.yaml"
    flat.write_text(
        f"{head}inputs: [{inputs}]\nnodes:\n  response: receptor | {pairs}\n"
        "readouts: {r: response}\n"
    )
    loop = folder / "loop.yaml"
    nodes = "\n".join(f"  a{i}: stim | out\n  b{i}: stim | out" for i in range(k))
    loop.write_text(
        f"{head}inputs: [stim]\nnodes:\n{nodes}\n  out: {pairs}\nreadouts: {{r: out}}\n"
    )
    table = folder / "empty.yaml"
    table.write_text("source: {citation: none}\nexperiments: []\n")
    return flat, loop, table


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    print(f"{'k':>4} {'sympy CNF':>11} {'Tseitin':>10} {'sympy/ours':>11}")
    for k in (4, 8, 10, 11, 40, 200):
        text = wide(k)
        assert ours(text)
        mine = best(functools.partial(ours, text), runs)
        if k <= 11:
            theirs = best(functools.partial(sympy_dependence, text), 1)
            print(f"{k:>4} {theirs * 1000:>9.1f}ms {mine * 1000:>8.2f}ms {theirs / mine:>11.0f}")
        else:
            print(f"{k:>4} {'(skipped)':>11} {mine * 1000:>8.2f}ms {'':>11}")

    script = console_script()
    with tempfile.TemporaryDirectory() as name:
        files = {}
        for k in (1, 40):
            folder = Path(name) / str(k)
            folder.mkdir()
            files[k] = write_files(folder, k)
        commands = {
            (label, k): command
            for k, (flat, loop, table) in files.items()
            for label, command in (
                (
                    "validate, one rule",
                    [script, "validate", str(flat), "--experiments", str(table)],
                ),
                ("predict, the cycle", [script, "predict", str(loop)]),
            )
        }
        samples: dict[tuple[str, int], list[float]] = {key: [] for key in commands}
        for _ in range(runs):
            for key, command in commands.items():
                samples[key].append(timed(command))
    print(f"\n{'whole command':<20} {'k = 1':>8} {'k = 40':>8} {'k = 40 after start-up':>22}")
    for label in dict.fromkeys(label for label, _ in commands):
        one = statistics.median(samples[(label, 1)])
        forty = statistics.median(samples[(label, 40)])
        after = forty - one
        verdict = "ok" if after < 0.5 else "over"
        print(
            f"{label:<20} {one * 1000:>6.0f}ms {forty * 1000:>6.0f}ms {after * 1000:>13.0f}ms "
            f"(target < 500ms) {verdict}"
        )
    print(f"medians of {runs} interleaved runs; start-up is the same command at k = 1")


if __name__ == "__main__":
    main()
