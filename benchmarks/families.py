"""Families at scale: members scored per second, in one process and in two workers.

The family: the bundled ``parallel`` hypothesis with 16 open choices added, 2^16 = 65,536
members, scored against the 29 bundled observations in both readings of the data. Each
choice gives a side node one of two rules under which it stays at rest (``m: m``, a
free node, or ``m: m & glutamate``), so every member's state graph is the base model's
(a side node that moved would multiply the asynchronous state space by two: that is the
engine's cost, not the map's), yet every member differs in its rules, so the prediction
cache shares nothing between members: the worst case for the map.

Measured side by side in one run, on the same stream of members (the first ``--members``
of the family, default 4,096; ``--full`` scores all 65,536 through ``score_family``):

* members per second in this process, and with 2 worker processes;
* the parallel efficiency of 2 workers (rate at 2 over twice the rate at 1);
* the projected time for 2^24 members on 100 workers of this speed, at that efficiency
  (at most 1).

Each figure is the median of three rounds, the one-process and two-worker runs
interleaved, each round on members not scored before (so no cache is warm).

Usage: ``python benchmarks/families.py [--members N] [--full]``. Not a test.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pathcheck.analysis.family import CHUNK, _Task, score_chunk, score_family
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.model import family_size, readings
from pathcheck.project.discovery import bundled, load_hypotheses

CHOICES = 16


def family_file(folder: Path) -> Path:
    base = (bundled("hypotheses") / "parallel.yaml").read_text()
    choices = ["choices:"]
    for i in range(CHOICES):
        choices += [
            f"  side_{i}:",
            f"    question: what regulates side node {i}?",
            "    source: a benchmark",
            "    options:",
            f"      free: {{nodes: {{m{i}: m{i}}}}}",
            f"      gated: {{nodes: {{m{i}: m{i} & glutamate}}}}",
        ]
    text = base.replace("name: parallel", "name: wide_family").replace(
        "\nnodes:\n", "\n" + "\n".join(choices) + "\nnodes:\n", 1
    )
    path = folder / "wide_family.yaml"
    path.write_text(text)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1024, help="per round and run")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    tables = load_experiment_files(sorted(bundled("experiments").glob("*.yaml")))
    observations = sum(len(e.observations) for t in tables for e in t.experiments)
    data = tuple((a, tuple(t)) for a, t in readings(tables))
    with tempfile.TemporaryDirectory() as name:
        (hypothesis,) = load_hypotheses([str(family_file(Path(name)))], Path(name))
    size = family_size(hypothesis)
    print(
        f"family: {size:,} members ({CHOICES} binary choices), {observations} observations, "
        f"{len(data)} readings of the data"
    )

    def tasks(count: int) -> list[_Task]:
        names = [c.name for c in hypothesis.choices]
        assignments = (
            tuple(zip(names, options, strict=True))
            for options in itertools.product(*(c.options for c in hypothesis.choices))
        )
        chunks = []
        for _ in range(count // CHUNK):
            chunk = tuple(itertools.islice(assignments, CHUNK))
            chunks.append(
                _Task(hypothesis.spec, None, hypothesis.choices, chunk, data, 0.05, 50_000)
            )
        return chunks

    rounds = 3
    work = tasks(args.members * rounds * 2)
    per_round = len(work) // (rounds * 2)
    members = per_round * CHUNK
    ones, twos = [], []
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(score_chunk, tasks(2 * CHUNK)))  # start the workers before timing
        for r in range(rounds):  # interleaved, each on members not scored before
            alone = work[2 * r * per_round : (2 * r + 1) * per_round]
            pooled = work[(2 * r + 1) * per_round : (2 * r + 2) * per_round]
            start = time.perf_counter()
            for task in alone:
                score_chunk(task)
            ones.append(members / (time.perf_counter() - start))
            start = time.perf_counter()
            list(pool.map(score_chunk, pooled))
            twos.append(members / (time.perf_counter() - start))
    one, two = statistics.median(ones), statistics.median(twos)
    efficiency = min(1.0, two / (2 * one))
    projected = 2**24 / (one * 100 * efficiency)
    print(f"{'workers':<10} {'members/s':>10} {'vs 1 worker':>12}")
    print(f"{1:<10} {one:>10.0f} {1.0:>12.2f}")
    print(f"{2:<10} {two:>10.0f} {two / one:>12.2f}")
    print(f"parallel efficiency at 2 workers: {two / (2 * one):.2f}")
    print(
        f"projected: 2^24 members on 100 workers at that efficiency: {projected / 60:.1f} min "
        f"(medians of {rounds} interleaved rounds of {members:,} members each; "
        f"python {sys.version.split()[0]})"
    )
    if args.full:
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=2) as pool:
            found = score_family(hypothesis, tables, executor=pool, keep=10)
        elapsed = time.perf_counter() - start
        print(
            f"full family, 2 workers: {found.total:,} readings in {elapsed:.1f} s, "
            f"{size / elapsed:.0f} members/s, {found.fitting:,} fit every observation"
        )


if __name__ == "__main__":
    main()
