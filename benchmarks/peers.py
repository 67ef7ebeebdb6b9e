"""pathcheck against mpbn and AEON on pyboolnet's 30 models, cold, in-process, CPU time.

Regime (printed with every table, see :data:`REGIME`): each measurement runs in a new
interpreter, which imports every tool (pathcheck with each of its modules, dd with CUDD,
python-sat, mpbn with clingo, biodivine_aeon); each tool then loads the model (not
timed: pathcheck parses the ``.bnet`` into its network, mpbn and AEON into theirs) and
makes its first call, timed by ``time.process_time``: the CPU time of that call alone,
with no cache of an earlier call to help and no import to pay. AEON's
symbolic graph is built inside its timed call, as pathcheck's BDDs are inside its own.
Each round runs every model once, the tools in a rotated order; a figure is the median of
the rounds, and a ratio is the median of the per-round ratios.

Usage: ``python benchmarks/peers.py [--rounds N] [MODEL...]`` prints the per-model table
and the summary rows; ``benchmarks/run.py`` prints the summary among its other figures.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import math
import pkgutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

T = TypeVar("T")
LISTABLE = 100_000  # fixed points: above this, every tool counts them instead of listing
REGIME = (
    "cold: each tool's first call in a new interpreter, after every import, models "
    "loaded untimed; in-process CPU time (process_time); medians of {rounds} "
    "interleaved rounds"
)


PEERS = {"fixed": ("mpbn", "biodivine_aeon"), "attractors": ("biodivine_aeon",)}


def import_everything(figure: str) -> None:
    """Every module a timed call could import on first use, imported before the timed
    calls: a measurement then pays for the call alone, as the peers' compiled modules
    do. pathcheck imports dd (CUDD) and python-sat lazily; they are imported here."""
    import dd.cudd  # noqa: F401
    import pysat.solvers  # noqa: F401

    import pathcheck

    for peer in PEERS.get(figure, ()):
        importlib.import_module(peer)
    for module in pkgutil.walk_packages(pathcheck.__path__, "pathcheck."):
        if not module.name.startswith(("pathcheck.__main__", "pathcheck.cli")):
            importlib.import_module(module.name)
    logging.disable(logging.INFO)  # AEON and dd log each step at INFO


def in_fresh_process(figure: str, path: Path, turn: int) -> dict[str, float]:
    """One figure's measurement in a new interpreter (not a fork: a forked child pays
    copy-on-write faults on its parent's pages, tripling a 1 ms first call)."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", figure, str(path), str(turn)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{figure} on {path.stem} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def models() -> list[Path]:
    import pyboolnet

    return sorted((Path(pyboolnet.__file__).parent / "repository").glob("*/*.bnet"))


def cpu(call: Callable[[], T]) -> tuple[float, T]:
    began = time.process_time()
    result = call()
    return time.process_time() - began, result


def rotated(calls: dict[str, Callable[[], object]], turn: int) -> dict[str, float]:
    """Each call's CPU time, the calls made in an order rotated by ``turn``."""
    names = list(calls)
    names = names[turn % len(names) :] + names[: turn % len(names)]
    return {name: cpu(calls[name])[0] for name in names}


def fixed_points_task(path: Path, turn: int) -> dict[str, float]:
    """Fixed points listed (counted, past :data:`LISTABLE`) by each tool, first calls."""
    import biodivine_aeon as aeon
    import mpbn

    from pathcheck.analysis.outcomes import network_of
    from pathcheck.engine.bdd import count_fixed_points
    from pathcheck.engine.explicit import fixed_points
    from pathcheck.formats.bnet import load_bnet_hypothesis

    network = network_of(load_bnet_hypothesis(path))
    theirs = mpbn.MPBooleanNetwork(str(path))
    model = aeon.BooleanNetwork.from_file(str(path))
    many = path.stem == "jaoude_thdiff"  # 5,875,504 fixed points: counted by all three
    found: dict[str, int] = {}

    def ours() -> None:
        found["pathcheck"] = count_fixed_points(network) if many else len(fixed_points(network))

    def mpbns() -> None:
        found["mpbn"] = theirs.count_fixedpoints() if many else len(list(theirs.fixedpoints()))

    def aeons() -> None:
        points = aeon.FixedPoints.symbolic_vertices(aeon.AsynchronousGraph(model))
        found["aeon"] = int(points.cardinality()) if many else len(list(points.items()))

    times = rotated({"pathcheck": ours, "mpbn": mpbns, "aeon": aeons}, turn)
    if len(set(found.values())) != 1:
        raise AssertionError(f"{path.stem}: fixed points differ: {found}")
    return times


def attractors_task(path: Path, turn: int) -> dict[str, float]:
    """The attractors reachable from the all-zero state: pathcheck's engine (explicit
    or symbolic, as it chooses) against AEON's reachability and attractor search."""
    import biodivine_aeon as aeon

    from pathcheck.analysis.outcomes import network_of
    from pathcheck.engine.prediction import predict
    from pathcheck.formats.bnet import load_bnet_hypothesis

    network = network_of(load_bnet_hypothesis(path))
    model = aeon.BooleanNetwork.from_file(str(path))
    names = [model.get_variable_name(v) for v in model.variables()]
    found: dict[str, list[int]] = {}

    def ours() -> None:
        attractors = predict(network, {}, {}).attractors
        assert attractors is not None
        found["pathcheck"] = sorted(a.size for a in attractors)

    def aeons() -> None:
        graph = aeon.AsynchronousGraph(model)
        reached = aeon.Reachability.reach_fwd(graph, graph.mk_subspace(dict.fromkeys(names, 0)))
        found["aeon"] = sorted(
            int(a.cardinality()) for a in aeon.Attractors.attractors(graph, reached)
        )

    times = rotated({"pathcheck": ours, "aeon": aeons}, turn)
    if found["pathcheck"] != found["aeon"]:
        raise AssertionError(f"{path.stem}: attractor sizes differ: {found}")
    return times


def api_task(path: Path, turn: int) -> dict[str, float]:
    """``pathcheck.predict`` on a loaded hypothesis: everything it returns."""
    import pathcheck
    from pathcheck.formats.bnet import load_bnet_hypothesis

    hypothesis = load_bnet_hypothesis(path)
    return {"api": cpu(lambda: pathcheck.predict(hypothesis))[0]}


def engine_task(path: Path, turn: int) -> dict[str, float]:
    """The engine alone, answering what ``pathcheck.predict`` shows: the attractors, the
    fixed points listed to the same limit, their count and those reachability excludes."""
    from pathcheck.analysis.outcomes import network_of
    from pathcheck.base.defaults import DEFAULT_FIXED_POINT_LIMIT
    from pathcheck.engine.prediction import predict
    from pathcheck.formats.bnet import load_bnet_hypothesis

    network = network_of(load_bnet_hypothesis(path))

    def engine() -> object:
        found = predict(network, {}, {}, fixed_point_limit=DEFAULT_FIXED_POINT_LIMIT)
        return found.fixed_points, found.fixed_point_count, found.excluded_fixed_points

    return {"engine": cpu(engine)[0]}


TASKS: dict[str, Callable[[Path, int], dict[str, float]]] = {
    "fixed": fixed_points_task,
    "attractors": attractors_task,
    "api": api_task,
    "engine": engine_task,
}


Key = tuple[str, str]  # (figure, tool)


class Timings(NamedTuple):
    """Per model, per figure, per tool: the CPU seconds of every round."""

    models: list[Path]
    rounds: int
    samples: dict[tuple[str, str, str], list[float]]  # (model, figure, tool) -> seconds

    def median(self, model: str, figure: str, tool: str) -> float:
        return statistics.median(self.samples[(model, figure, tool)])

    def ratios(self, ours: Key, theirs: Key) -> dict[str, float]:
        """Per model, the median of the per-round ratios: load that hits one round hits
        both sides of it."""
        found = {}
        for path in self.models:
            a, b = self.samples[(path.stem, *ours)], self.samples[(path.stem, *theirs)]
            found[path.stem] = statistics.median(x / y for x, y in zip(a, b, strict=True))
        return found


def measure(paths: Sequence[Path], rounds: int, figures: Sequence[str] = tuple(TASKS)) -> Timings:
    samples: dict[tuple[str, str, str], list[float]] = {}
    for turn in range(rounds):
        for path in paths:
            for figure in figures:
                times = in_fresh_process(figure, path, turn)
                for tool, seconds in times.items():
                    samples.setdefault((path.stem, figure, tool), []).append(seconds)
    return Timings(list(paths), rounds, samples)


def geomean(values: Sequence[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


class Figure(NamedTuple):
    """One row of the issue's table: a ratio on every model, its target, and whether it
    is met."""

    label: str
    ratios: dict[str, float]
    target: str
    geomean_limit: float  # the geometric mean's bound (inf: none)
    worst_limit: float  # every model's bound (inf: none)

    @property
    def geomean(self) -> float:
        return geomean(list(self.ratios.values()))

    @property
    def worst(self) -> list[tuple[str, float]]:
        return sorted(self.ratios.items(), key=lambda item: -item[1])[:3]

    @property
    def met(self) -> bool:
        return self.geomean <= self.geomean_limit and self.worst[0][1] <= self.worst_limit

    def measured(self) -> str:
        worst = ", ".join(f"{m} {r:.2f}x" for m, r in self.worst)
        return f"geomean {self.geomean:.2f}x; worst {worst}"


def figures(timings: Timings) -> list[Figure]:
    """The issue's rows that pyboolnet's models answer, from one run's timings."""
    n = len(timings.models)
    return [
        Figure(
            f"reachable attractors / AEON, {n} models",
            timings.ratios(("attractors", "pathcheck"), ("attractors", "aeon")),
            "<= 2x geomean, <= 4x worst",
            2.0,
            4.0,
        ),
        Figure(
            f"fixed points / mpbn, listing, {n} models",
            timings.ratios(("fixed", "pathcheck"), ("fixed", "mpbn")),
            "<= 1x on every model",
            math.inf,
            1.0,
        ),
        Figure(
            f"fixed points / AEON, listing, {n} models",
            timings.ratios(("fixed", "pathcheck"), ("fixed", "aeon")),
            "<= 2x geomean",
            2.0,
            math.inf,
        ),
        Figure(
            f"pathcheck.predict / the engine alone, {n} models",
            timings.ratios(("api", "api"), ("engine", "engine")),
            "<= 1.2x on every model",
            math.inf,
            1.2,
        ),
    ]


def table(timings: Timings) -> list[str]:
    """One line per model: milliseconds per tool and figure, medians."""
    head = (
        f"{'model':<30} {'nodes':>5} | {'fixed points: ours':>18} {'mpbn':>8} {'aeon':>8} | "
        f"{'attractors: ours':>16} {'aeon':>8} | {'api':>8} {'engine':>8}"
    )
    lines = [head]
    for path in timings.models:
        m = path.stem

        def ms(figure: str, tool: str, model: str = m) -> str:
            key = (model, figure, tool)
            return f"{timings.median(*key) * 1e3:8.1f}" if key in timings.samples else f"{'-':>8}"

        nodes = sum(1 for line in path.read_text().splitlines() if "," in line)
        lines.append(
            f"{m:<30} {nodes:>5} | {ms('fixed', 'pathcheck'):>18} {ms('fixed', 'mpbn')} "
            f"{ms('fixed', 'aeon')} | {ms('attractors', 'pathcheck'):>16} "
            f"{ms('attractors', 'aeon')} | {ms('api', 'api')} {ms('engine', 'engine')}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("model", nargs="*", help="model names (default: all 30)")
    args = parser.parse_args()
    if args.child:
        figure, path, turn = args.child
        import_everything(figure)
        print(json.dumps(TASKS[figure](Path(path), int(turn))))
        return
    paths = [p for p in models() if not args.model or p.stem in args.model]
    timings = measure(paths, args.rounds)
    print(REGIME.format(rounds=args.rounds), end="\n\n")
    print("\n".join(table(timings)), end="\n\n")
    for row in figures(timings):
        met = "yes" if row.met else "NO"
        print(f"{row.label:<48} {row.target:<26} {met:<4} {row.measured()}")


if __name__ == "__main__":
    main()
