"""The Biodivine Boolean Models benchmark (BBM): pathcheck against AEON on every model.

BBM is not a package: point this at a checkout's ``models`` folder (each model a folder
with ``model.bnet``). For each model, in a new process each, with a time limit:

* **reachable attractors**, the same question to both: the inputs (nodes with no rule
  line) held at 0, from the all-zero state. pathcheck reads the ``.bnet`` (its free
  inputs as inputs) and predicts with its engine; AEON reads it with its regulations
  repaired (``repair_graph``: a ``.bnet`` says nothing of them), each input's unknown
  function set to ``false``, then reaches forward and searches attractors. CPU time of
  the call, the model loaded untimed;
* **SBML-qual export**: pathcheck's export of the model, which libsbml's validation must
  pass (pathcheck checks that before it returns), AEON must read (to its
  ``AsynchronousGraph``, which checks regulations against functions), and pathcheck must
  import back to the same number of fixed points.

Usage: ``python benchmarks/bbm.py MODELS_DIR [--timeout S] [--min-nodes N]``; also a
row of ``benchmarks/run.py --bbm MODELS_DIR``. Not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

TIMEOUT = 60.0


class Outcome(NamedTuple):
    model: str
    ours: float | str  # seconds, or why not ("timeout", "unreadable: ...")
    aeon: float | str
    export: str  # "ok", or what refused it


def child(path: Path, task: str) -> dict[str, object]:
    """One model, one task, in this process (the parent runs it in a new one)."""
    import logging
    import warnings

    logging.disable(logging.INFO)
    if task == "aeon":
        import biodivine_aeon as aeon

        model = aeon.BooleanNetwork.from_bnet(path.read_text(), repair_graph=True)
        for variable in model.variables():
            if model.get_update_function(variable) is None:  # a free input, held at 0
                model.set_update_function(variable, "false")
        names = [model.get_variable_name(v) for v in model.variables()]
        began = time.process_time()
        graph = aeon.AsynchronousGraph(model)
        reached = aeon.Reachability.reach_fwd(graph, graph.mk_subspace(dict.fromkeys(names, 0)))
        found = aeon.Attractors.attractors(graph, reached)
        return {"seconds": time.process_time() - began, "attractors": len(found)}
    import dd.cudd  # noqa: F401 - imported before the clock starts, as AEON's code is
    import pysat.solvers  # noqa: F401

    from pathcheck.analysis.outcomes import network_of
    from pathcheck.base.problems import FreeInputWarning, InputError
    from pathcheck.engine.prediction import predict
    from pathcheck.formats.bnet import load_bnet_hypothesis

    warnings.simplefilter("ignore", FreeInputWarning)
    try:
        hypothesis = load_bnet_hypothesis(path)
    except InputError as error:
        return {"unreadable": error.problems[0].message}
    if task == "export":
        return {"export": export_problem(hypothesis)}
    network = network_of(hypothesis)
    began = time.process_time()
    prediction = predict(network, dict.fromkeys(hypothesis.inputs, False), {})
    seconds = time.process_time() - began
    if prediction.attractors is None:
        return {"unknown": prediction.unknown}
    return {
        "seconds": seconds,
        "attractors": len(prediction.attractors),
        "engine": prediction.engine,
    }


def export_problem(hypothesis: object) -> str:
    """``"ok"``, or which of libsbml, AEON and pathcheck's import refused the export."""
    import tempfile

    import biodivine_aeon as aeon

    from pathcheck.analysis.outcomes import network_of
    from pathcheck.base.problems import InputError
    from pathcheck.engine.bdd import count_fixed_points
    from pathcheck.formats.convert import sbml_yaml
    from pathcheck.formats.hypothesis import load_hypothesis
    from pathcheck.formats.sbml import read_sbml, write_sbml
    from pathcheck.model import Hypothesis

    assert isinstance(hypothesis, Hypothesis)
    try:
        text = write_sbml(hypothesis)  # libsbml's validation inside
    except InputError as error:
        return f"libsbml: {error.problems[0].message}"
    try:
        aeon.AsynchronousGraph(aeon.BooleanNetwork.from_sbml(text))
    except Exception as error:  # AEON raises RuntimeError or ValueError
        return f"AEON: {str(error).splitlines()[0]}"
    with tempfile.TemporaryDirectory() as folder:
        sbml, yaml = Path(folder) / "model.sbml", Path(folder) / "model.yaml"
        sbml.write_text(text)
        yaml.write_text(sbml_yaml(read_sbml(sbml))[0])
        back = load_hypothesis(yaml)
    if count_fixed_points(network_of(back)) != count_fixed_points(network_of(hypothesis)):
        return "re-import: other fixed points"
    return "ok"


def run_child(path: Path, task: str, timeout: float) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", task, str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return {"failed": lines[-1] if lines else f"exit {done.returncode}"}
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def status(result: dict[str, object]) -> float | str:
    if "seconds" in result:
        return float(result["seconds"])  # type: ignore[arg-type]
    if "timeout" in result:
        return "timeout"
    key = next(iter(result))
    return f"{key}: {result[key]}"


def measure(models: Path, timeout: float, min_nodes: int = 0) -> list[Outcome]:
    outcomes = []
    for folder in sorted(p for p in models.iterdir() if (p / "model.bnet").exists()):
        path = folder / "model.bnet"
        if nodes(path) < min_nodes:
            continue
        ours = run_child(path, "ours", timeout)
        aeon = run_child(path, "aeon", timeout)
        export = run_child(path, "export", timeout)
        outcomes.append(
            Outcome(
                folder.name, status(ours), status(aeon), str(export.get("export", status(export)))
            )
        )
    return outcomes


def nodes(path: Path) -> int:
    return sum(
        1 for line in path.read_text().splitlines() if "," in line and not line.startswith("#")
    )


class Tally(NamedTuple):
    answered: list[Outcome]  # by AEON within the limit
    missed: list[Outcome]  # answered by AEON, not by pathcheck
    refused: list[Outcome]  # exports AEON, libsbml or pathcheck's import refused
    unreadable: list[Outcome]  # by pathcheck (a rule past its length bound)


def tally(outcomes: Sequence[Outcome]) -> Tally:
    answered = [o for o in outcomes if isinstance(o.aeon, float)]
    return Tally(
        answered,
        [o for o in answered if not isinstance(o.ours, float)],
        [o for o in outcomes if o.export != "ok" and not o.export.startswith("unreadable")],
        [o for o in outcomes if str(o.ours).startswith("unreadable")],
    )


def summary(outcomes: Sequence[Outcome]) -> list[str]:
    """What the issue's rows ask: models where AEON answers and pathcheck does not, and
    exports refused; with the counts behind them."""
    found = tally(outcomes)
    both = [(o.ours, o.aeon) for o in found.answered if isinstance(o.ours, float)]
    lines = [
        f"{len(outcomes)} models; AEON answers {len(found.answered)}, pathcheck {len(both)} of "
        f"those; pathcheck cannot read {len(found.unreadable)} (a rule past its length bound)",
        "where AEON answers and pathcheck does not: "
        + (", ".join(f"{o.model} ({o.ours})" for o in found.missed) or "none"),
        f"exports refused: {len(found.refused)}"
        + "".join(f"; {o.model}: {o.export}" for o in found.refused),
    ]
    ratios = sorted(a / b for a, b in both if isinstance(a, float) and isinstance(b, float) and b)
    if ratios:
        lines.append(f"pathcheck / AEON where both answer: median {ratios[len(ratios) // 2]:.2f}x")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=Path, nargs="?", help="a BBM checkout's models folder")
    parser.add_argument("--timeout", type=float, default=TIMEOUT)
    parser.add_argument("--min-nodes", type=int, default=0)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task, path = args.child
        print(json.dumps(child(Path(path), task)))
        return
    if args.models is None:
        parser.error("the models folder of a BBM checkout is needed")
    outcomes = measure(args.models, args.timeout, args.min_nodes)
    for o in outcomes:
        ours = f"{o.ours:.2f} s" if isinstance(o.ours, float) else o.ours
        aeon = f"{o.aeon:.2f} s" if isinstance(o.aeon, float) else o.aeon
        print(
            f"{o.model[:48]:<48} pathcheck {ours[:40]:<40} AEON {aeon[:30]:<30} "
            f"export {o.export[:60]}"
        )
    print()
    print("\n".join(summary(outcomes)))


if __name__ == "__main__":
    main()
