"""Start-up latency of the two commands a user meets first, against their floors.

Measured side by side in one run, interleaved so that machine load hits all alike:

* ``pathcheck compare serial parallel`` against ``python -c "import sympy"``: the rules
  are sympy objects, so importing sympy is the floor (target ratio at most 1.3);
* ``pathcheck --help`` against ``python -c "import typer"`` (target at most 1.5):
  ``--help`` must import neither sympy nor rich.

Usage: ``python benchmarks/latency.py [--runs N]`` with pathcheck installed in the
interpreter's environment. Output goes to a pipe, as in a script or CI. Not a test:
it prints numbers and exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def console_script() -> str:
    beside = Path(sys.executable).with_name("pathcheck")
    found = str(beside) if beside.exists() else shutil.which("pathcheck")
    if found is None:
        sys.exit("pathcheck is not installed in this environment: pip install .")
    return found


def startup_pairs(script: str) -> list[tuple[str, list[str], list[str], float]]:
    """Each start-up figure: its label, our command, the floor's, and the target ratio."""
    return [
        (
            "compare serial parallel / import sympy",
            [script, "compare", "serial", "parallel"],
            [sys.executable, "-c", "import sympy"],
            1.3,
        ),
        ("--help / import typer", [script, "--help"], [sys.executable, "-c", "import typer"], 1.5),
    ]


def timed(command: list[str], cwd: str) -> float:
    """Wall time of one run, with byte code cached as an installed package has it
    (PYTHONDONTWRITEBYTECODE, where set, would compile every module on every run)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    script = console_script()
    pairs = startup_pairs(script)
    # An empty folder: no ./hypotheses there, so the installed tool uses its bundled data.
    with tempfile.TemporaryDirectory() as cwd:
        commands = [cmd for _, ours, floor, _ in pairs for cmd in (ours, floor)]
        for command in commands:  # warm the file cache
            timed(command, cwd)
        samples: dict[int, list[float]] = {i: [] for i in range(len(commands))}
        for _ in range(runs):
            for i, command in enumerate(commands):
                samples[i].append(timed(command, cwd))
    print(f"{'comparison':<42} {'ours':>9} {'floor':>9} {'ratio':>7} {'target':>7}")
    for n, (label, _, _, target) in enumerate(pairs):
        ours = statistics.median(samples[2 * n])
        floor = statistics.median(samples[2 * n + 1])
        ratio = ours / floor
        verdict = "ok" if ratio <= target else "over"
        print(
            f"{label:<42} {ours * 1000:>7.0f}ms {floor * 1000:>7.0f}ms "
            f"{ratio:>7.2f} {target:>6.1f} {verdict}"
        )
    print(f"medians of {runs} interleaved runs; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
