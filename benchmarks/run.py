"""Every benchmark from one entry point: each figure beside its target, met or not.

Usage: ``python benchmarks/run.py [--quick] [--bbm MODELS_DIR]`` with pathcheck installed
(the test extra brings the peers: mpbn, biodivine-aeon, pyboolnet). Not a test: it prints
a table and exits 0. Everything is measured side by side in one run, each figure given
as a ratio to its baseline:

* **the engine against its peers** (``benchmarks/peers.py``) on the 30 models of
  pyboolnet's repository, cold: each tool's first call in a new interpreter, every
  module imported and the model loaded before the clock starts, CPU time of the call,
  medians of 5 interleaved rounds (the regime is printed with the table). Reachable
  attractors from the all-zero state against AEON (target: geomean at most 2x, every
  model at most 4x); fixed points listed (counted for jaoude_thdiff's 5.9 million)
  against mpbn (at most 1x on every model) and AEON (geomean at most 2x);
  ``pathcheck.predict`` against the engine alone answering the same (at most 1.2x);
* **the Biodivine Boolean Models benchmark** (``benchmarks/bbm.py``), with ``--bbm``:
  models where AEON answers within 60 s and pathcheck does not (target: none), and
  SBML-qual exports that AEON, libsbml or pathcheck's own import refuse (none);
* **start-up**: ``pathcheck compare serial parallel`` against ``python -c "import
  sympy"`` (target at most 1.3) and ``pathcheck --help`` against ``python -c "import
  typer"`` (at most 1.5), medians of interleaved runs, wall time;
* **design**: the bundled catalogue grown to 30 items, combined up to 3 at a time,
  against four bundled hypotheses (target: under 2 s after loading);
* **ExtLiver**, caspo's largest data set, imported from SIF and MIDAS and compared
  (target: under 1 s after loading);
* **learn** on caspo's LiverDREAM and ExtLiver (and LiverDREAM's 3,670 models within
  ``--fit 0.1 --size 5``) against caspo's own learner on the same files, each a cold
  process, CPU time, medians of rounds taken in turn (target: within 2x of caspo);
* **repair** of ``serial`` within two edits over the default edit space (every member,
  the default reading of the data), and ``compare --neighbours`` on the five bundled
  hypotheses (every member, every reading), each a cold process, CPU time, medians of
  rounds (target: each under 10 s), beside ``compare`` of the same in the same way: no
  peer lists every minimal repair of a given hypothesis, or its neighbours;
* **ladders** of random networks (in-degree 1 to 3) through ``pathcheck.compare``, the
  whole pipeline from YAML: nodes from 10 to 10,000 against 10 experiments, and
  experiments from 10 to 10,000 against 100 nodes, with the growth exponent fitted on
  log-log (target at most 1.2, near-linear, for acyclic networks; peak memory under
  1 GB at 10,000 nodes). Cyclic networks are measured on a shorter ladder, with no
  target: their state graphs may grow exponentially with their size, as they do for
  every asynchronous engine.

``--quick`` takes fewer start-up runs and shorter ladders; the peers' figures keep their
5 rounds.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from latency import console_script, startup_pairs, timed  # noqa: E402


class Row(NamedTuple):
    figure: str
    value: str  # what was measured, with its unit
    target: str
    met: bool | None  # None: no target, reported only
    peak_mb: float | None = None


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM, which a new program starts afresh
    (ru_maxrss would count the parent's pages a forked child started with)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def interleaved(runs: int, calls: list[Callable[[], Any]]) -> list[float]:
    """Medians of ``runs`` rounds, each round calling every contender once in turn, so
    that load on the machine hits them alike."""
    samples: list[list[float]] = [[] for _ in calls]
    for _ in range(runs):
        for i, call in enumerate(calls):
            began = time.perf_counter()
            call()
            samples[i].append(time.perf_counter() - began)
    return [statistics.median(s) for s in samples]


def startup(runs: int) -> list[Row]:
    script = console_script()
    pairs = startup_pairs(script)
    rows = []
    with tempfile.TemporaryDirectory() as cwd:  # no ./hypotheses: the bundled data
        for label, ours, floor, target in pairs:
            timed(ours, cwd), timed(floor, cwd)  # warm the file cache
            a, b = interleaved(runs, [partial(timed, ours, cwd), partial(timed, floor, cwd)])
            rows.append(
                Row(
                    f"start-up: {label}",
                    f"{a * 1000:.0f} / {b * 1000:.0f} ms = {a / b:.2f}x",
                    f"<= {target}x",
                    a / b <= target,
                )
            )
    return rows


def peer_figures(rounds: int) -> tuple[list[Row], list[str]]:
    """The issue's rows on pyboolnet's 30 models, cold (benchmarks/peers.py), and the
    per-model table behind them."""
    import peers

    timings = peers.measure(peers.models(), rounds)
    rows = [Row(f.label, f.measured(), f.target, f.met) for f in peers.figures(timings)]
    summed = sum(timings.median(p.stem, "attractors", "pathcheck") for p in timings.models)
    rows.append(
        Row(
            f"reachable attractors, all {len(timings.models)} models, summed",
            f"{summed:.2f} s",
            "< 10 s",
            summed < 10,
        )
    )
    regime = peers.REGIME.format(rounds=rounds)
    return rows, [f"pyboolnet's models, {regime}", *peers.table(timings)]


def bbm_figures(folder: Path | None) -> tuple[list[Row], list[str]]:
    """The Biodivine Boolean Models benchmark, where a checkout's models folder is given
    (it is no package): models where AEON answers within 60 s and pathcheck does not,
    and exports AEON, libsbml or pathcheck's import refuse."""
    label = "BBM models, 60 s each: pathcheck misses where AEON answers"
    if folder is None:
        return [Row(label, "not measured: --bbm MODELS_DIR (a BBM checkout)", "none", None)], []
    import bbm

    outcomes = bbm.measure(folder, bbm.TIMEOUT)
    found = bbm.tally(outcomes)
    missed, refused = [o.model for o in found.missed], [o.model for o in found.refused]
    rows = [
        Row(
            label,
            f"{len(missed)} of {len(found.answered)} AEON answers"
            + (f": {', '.join(missed)}" if missed else ""),
            "none",
            not missed,
        ),
        Row(
            f"BBM SBML-qual exports refused (AEON, libsbml, re-import), {len(outcomes)} models",
            f"{len(refused)}" + (f": {', '.join(refused)}" if refused else ""),
            "none",
            not refused,
        ),
    ]
    return rows, bbm.summary(outcomes)


def random_model(nodes: int, experiments: int, cyclic: bool, seed: int, folder: Path) -> None:
    """A hypothesis of ``nodes`` nodes (the first five inputs, in-degree 1 to 3) and a
    table of ``experiments`` rows, each clamping one node and observing one read-out."""
    chooser = random.Random(seed)
    names = [f"x{i}" for i in range(nodes)]
    inputs = names[: min(5, nodes - 1)]
    lines = [
        "name: ladder",
        "title: a random network",
        "source: benchmarks/run.py",
        f"inputs: [{', '.join(inputs)}]",
        "nodes:",
    ]
    for i in range(len(inputs), nodes):
        pool = names if cyclic else names[:i]
        regulators = chooser.sample(pool, min(len(pool), chooser.randint(1, 3)))
        rule = chooser.choice(["", "~"]) + regulators[0]
        for other in regulators[1:]:
            rule = f"({rule}) {chooser.choice(['&', '|'])} {chooser.choice(['', '~'])}{other}"
        lines.append(f"  {names[i]}: {rule}")
    readouts = names[-min(10, nodes - len(inputs)) :]
    lines.append("readouts:")
    lines += [f"  r{j}: {node}" for j, node in enumerate(readouts)]
    (folder / "ladder.yaml").write_text("\n".join(lines) + "\n")
    tables = folder / "tables"  # a thousand rows a file: a table is bounded in values
    tables.mkdir()
    for first in range(0, experiments, 1000):
        rows = ['source: {citation: "benchmarks/run.py"}', "experiments:"]
        for k in range(first, min(first + 1000, experiments)):
            node = chooser.choice(names[len(inputs) :])
            value = chooser.choice(["on", "off"])
            readout = chooser.randrange(len(readouts))
            observed = chooser.choice(["true", "false"])
            rows.append(
                f"  - {{id: E{k}, label: e{k}, setting: s, {value}: [{node}], "
                f"observed: {{r{readout}: {observed}}}, source: s}}"
            )
        (tables / f"table{first // 1000}.yaml").write_text("\n".join(rows) + "\n")


def point(nodes: int, experiments: int, cyclic: bool) -> dict[str, float]:
    """One rung, run in a fresh process by :func:`rung`: seconds and peak memory."""
    import pathcheck

    with tempfile.TemporaryDirectory() as folder:
        random_model(nodes, experiments, cyclic, nodes * 7919 + experiments, Path(folder))
        began = time.perf_counter()
        pathcheck.compare(
            [Path(folder) / "ladder.yaml"],
            experiments=[Path(folder) / "tables"],
            readings="default",
        )
        seconds = time.perf_counter() - began
    return {"seconds": seconds, "peak_mb": peak_mb()}


def rung(nodes: int, experiments: int, cyclic: bool, timeout: float) -> dict[str, float] | None:
    command = [
        sys.executable,
        __file__,
        "--point",
        str(nodes),
        str(experiments),
        "cyclic" if cyclic else "acyclic",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The slope of log(time) on log(size), least squares."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def ladders(quick: bool) -> tuple[list[Row], list[str]]:
    rows, detail = [], [f"{'ladder':<34} {'size':>6} {'seconds':>9} {'peak MB':>8}"]
    ladder = [10, 100, 1_000, 10_000]
    plans: list[tuple[str, list[int], list[tuple[int, int]], bool]] = [
        ("acyclic, nodes (10 experiments)", ladder, [(n, 10) for n in ladder], False),
        ("acyclic, experiments (100 nodes)", ladder, [(100, m) for m in ladder], False),
        (
            "cyclic, nodes (10 experiments)",
            [10, 20, 30, 40],
            [(n, 10) for n in (10, 20, 30, 40)],
            True,
        ),
    ]
    for label, sizes, shapes, cyclic in plans:
        done_sizes: list[int] = []
        times: list[float] = []
        peaks: list[float] = []
        for size, (nodes, experiments) in zip(sizes, shapes, strict=True):
            found = rung(nodes, experiments, cyclic, 60 if quick else 300)
            if found is None:
                detail.append(f"{label:<34} {size:>6} {'> limit':>9}")
                break
            done_sizes.append(size)
            times.append(found["seconds"])
            peaks.append(found["peak_mb"])
            detail.append(
                f"{label:<34} {size:>6} {found['seconds']:>9.2f} {found['peak_mb']:>8.0f}"
            )
        slope = exponent(done_sizes, times) if len(done_sizes) > 1 else float("nan")
        finished = len(done_sizes) == len(sizes)
        if cyclic:
            rows.append(
                Row(
                    f"ladder, {label}",
                    f"growth exponent {slope:.2f} over {done_sizes[0]}-{done_sizes[-1]}",
                    "-",
                    None,
                    max(peaks),
                )
            )
            continue
        rows.append(
            Row(
                f"ladder, {label}",
                f"growth exponent {slope:.2f} over {done_sizes[0]}-{done_sizes[-1]}; "
                f"{times[-1]:.1f} s at the top",
                "<= 1.2",
                finished and slope <= 1.2,
                max(peaks),
            )
        )
        if label.startswith("acyclic, nodes"):
            rows.append(
                Row(
                    "ladder, peak memory at 10,000 nodes",
                    f"{peaks[-1]:.0f} MB" if finished else "not reached",
                    "< 1024 MB",
                    finished and peaks[-1] < 1024,
                    peaks[-1],
                )
            )
    return rows, detail


def design_search() -> list[Row]:
    """The bundled catalogue grown to 30 items (each extra item switches on a node of the
    bundled hypotheses), combined up to 3 at a time, against four hypotheses (every
    member of each: their number is in the label): the search alone, after loading."""
    from pathcheck import api
    from pathcheck.analysis.design import design
    from pathcheck.formats.catalogue import load_catalogue
    from pathcheck.formats.experiments import parse_selector
    from pathcheck.project.discovery import bundled

    catalogue = load_catalogue(bundled("experiments") / "catalogue.yaml")
    model = catalogue.items[0]
    extra = []
    for node in (
        "AMPAR@pyramidal",
        "LTCC@pyramidal",
        "glutamate",
        "BDNF@pyramidal",
        "VEGF@pyramidal",
        "FLK1@pyramidal",
        "TRKB@PV",
        "VEGF@PV",
        "plasticity@pyramidal",
        "FLK1",
        "TRKB",
        "AMPAR",
    ):
        selector = parse_selector(node, {})
        assert selector is not None
        extra.append(
            model._replace(
                id=f"on-{node}",
                label=f"{node} on",
                selector=selector,
                value=True,
                settings=("in_vivo", "culture"),
            )
        )
    catalogue = catalogue._replace(items=(*catalogue.items, *extra)[:30])
    names = ("parallel", "serial", "serial_loop", "serial_disinhibition")
    hypotheses = [api.load_hypothesis(n) for n in names]
    tables = api.load_experiments()
    began = time.perf_counter()
    found = design(hypotheses, tables, catalogue, 3, 10)
    seconds = time.perf_counter() - began
    return [
        Row(
            f"design: {len(catalogue.items)} items, up to 3 combined, 4 hypotheses "
            f"({len(found.members)} members)",
            f"{seconds:.2f} s for {found.considered:,} candidates x {len(found.members)} members",
            "< 2 s",
            seconds < 2,
        )
    ]


def ext_liver() -> list[Row]:
    """caspo's ExtLiver (an 82-node prior-knowledge network and its full MIDAS table),
    imported, then compared: the comparison alone, after loading pathcheck."""
    import caspo

    from pathcheck import api

    folder = Path(caspo.__file__).parent / "data" / "ExtLiver"
    with tempfile.TemporaryDirectory() as work:
        hypothesis, table = Path(work) / "ExtLiver.yaml", Path(work) / "data.yaml"
        hypothesis.write_text(api.convert(folder / "pkn.sif").text)
        table.write_text(api.convert(folder / "dataset.csv").text)
        began = time.perf_counter()
        result = api.compare([hypothesis], experiments=[table])
        seconds = time.perf_counter() - began
    nodes = len(result.hypotheses[0].nodes)
    return [
        Row(
            f"compare caspo's ExtLiver ({nodes} nodes, {len(result.rows)} observations)",
            f"{seconds:.2f} s",
            "< 1 s",
            seconds < 1,
        )
    ]


# What `caspo learn` runs (caspo/console/handlers.py, caspo 4.0.3) up to its two CSV
# files, networks.csv (each model's error and size) and stats-networks.csv (each term's
# frequency): everything but the PDF plots, whose libraries (matplotlib, seaborn) the
# test extra does not bring. Its models' errors are computed in this process (n_jobs=1),
# so that their CPU time is counted: joblib's workers would escape RUSAGE_CHILDREN.
CASPO_LEARN = """
import os, sys
import pandas as pd
from caspo import core, learn
pkn, midas, time, fit, size, out = sys.argv[1:]
graph = core.Graph.read_sif(pkn)
dataset = core.Dataset(midas, int(time))
zipped = graph.compress(dataset.setup)
learner = learn.Learner(zipped, dataset, 0, "round", 100)
learner.learn(float(fit), int(size))
learner.networks.weighted_mse(dataset, n_jobs=1)
exclusive, inclusive = learner.networks.combinatorics()
rows = [dict(mapping=str(m), frequency=f) for m, f in learner.networks.frequencies_iter()]
pd.DataFrame(rows).to_csv(os.path.join(out, "stats-networks.csv"), index=False)
frame = learner.networks.to_dataframe(dataset=dataset, size=True, n_jobs=1)
frame.to_csv(os.path.join(out, "networks.csv"), index=False)
"""


def cpu_of(command: list[str]) -> float:
    """The CPU time (user + system) of one fresh process running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def learn_against_caspo(rounds: int) -> list[Row]:
    """pathcheck learn and caspo learn on caspo's LiverDREAM and ExtLiver, each a cold
    process, CPU time, medians of rounds taken in turn (target: within 2x of caspo)."""
    import caspo

    data = Path(caspo.__file__).parent / "data"
    cases = [("LiverDREAM", 30, 0.0, 0), ("ExtLiver", 30, 0.0, 0), ("LiverDREAM", 30, 0.1, 5)]
    rows = []
    with tempfile.TemporaryDirectory() as out:
        for name, when, fit, size in cases:
            pkn, midas = str(data / name / "pkn.sif"), str(data / name / "dataset.csv")
            ours = [sys.executable, "-m", "pathcheck", "learn", pkn, midas, "--format", "csv"]
            ours += ["--fit", str(fit), "--size", str(size)]
            theirs = [sys.executable, "-c", CASPO_LEARN, pkn, midas, str(when), str(fit)]
            theirs += [str(size), out]
            samples: list[list[float]] = [[], []]
            for _ in range(rounds):
                samples[0].append(cpu_of(ours))
                samples[1].append(cpu_of(theirs))
            a, b = (statistics.median(s) for s in samples)
            found = len((Path(out) / "networks.csv").read_text().splitlines()) - 1
            rows.append(
                Row(
                    f"learn caspo's {name} --fit {fit:g} --size {size} ({found:,} models) "
                    "/ caspo learn",
                    f"{a:.2f} / {b:.2f} s CPU = {a / b:.2f}x",
                    "<= 2x",
                    a / b <= 2,
                )
            )
    return rows


def repairs_and_neighbours(rounds: int) -> list[Row]:
    """pathcheck repair serial (two edits, the default edit space) and pathcheck compare
    --neighbours (the five bundled hypotheses), each a cold process as a user runs it,
    CPU time, medians of rounds taken in turn with plain compare for scale."""
    pathcheck = [sys.executable, "-m", "pathcheck"]
    runs = {
        "repair": [*pathcheck, "repair", "serial", "--format", "json"],
        "neighbours": [*pathcheck, "compare", "--neighbours", "--format", "json"],
        "compare": [*pathcheck, "compare", "--format", "json"],
    }
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, command in runs.items():
            samples[name].append(cpu_of(command))
    seconds = {name: statistics.median(s) for name, s in samples.items()}
    found = json.loads(subprocess.run(runs["repair"], capture_output=True, check=True).stdout)
    space = found["edit_space"]
    scale = seconds["compare"]
    return [
        Row(
            f"repair serial, 2 edits: {space['within_bound']:,} variants, every member",
            f"{seconds['repair']:.2f} s CPU ({found['variants_scored']:,} scored whole; "
            f"compare alone {scale:.2f} s)",
            "< 10 s",
            seconds["repair"] < 10,
        ),
        Row(
            "compare --neighbours, the five bundled hypotheses",
            f"{seconds['neighbours']:.2f} s CPU (compare alone {scale:.2f} s)",
            "< 10 s",
            seconds["neighbours"] < 10,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds: under 5 minutes")
    parser.add_argument(
        "--bbm", type=Path, help="a Biodivine Boolean Models checkout's models folder"
    )
    parser.add_argument("--point", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.point:
        nodes, experiments, kind = args.point
        print(json.dumps(point(int(nodes), int(experiments), kind == "cyclic")))
        return
    began = time.perf_counter()
    peer_rows, peer_detail = peer_figures(5)
    bbm_rows, bbm_detail = bbm_figures(args.bbm)
    rows = peer_rows + bbm_rows + startup(7 if args.quick else 21)
    ladder_rows, ladder_detail = ladders(args.quick)
    rows += design_search() + ext_liver() + learn_against_caspo(3 if args.quick else 5)
    rows += repairs_and_neighbours(3 if args.quick else 5)
    rows += ladder_rows
    print("\n".join(peer_detail), end="\n\n")
    if bbm_detail:
        print("\n".join(bbm_detail), end="\n\n")
    print("\n".join(ladder_detail), end="\n\n")
    width = max(len(r.figure) for r in rows)
    print(f"{'figure':<{width}}  {'target':<11} {'met':<4} {'peak MB':>7}  measured")
    for row in rows:
        met = "-" if row.met is None else "yes" if row.met else "NO"
        peak = "" if row.peak_mb is None else f"{row.peak_mb:.0f}"
        print(f"{row.figure:<{width}}  {row.target:<11} {met:<4} {peak:>7}  {row.value}")
    print(
        f"\npeak memory of this process: {peak_mb():.0f} MB; {os.cpu_count()} cores; "
        f"python {sys.version.split()[0]}; {time.perf_counter() - began:.0f} s in all"
    )


if __name__ == "__main__":
    main()
