"""pathcheck's engine against trusted peers, on published models nobody here wrote.

For every .bnet model in pyboolnet's repository, pathcheck's fixed points equal mpbn's,
unclamped and under knockouts and forced-on nodes (where a model has millions, their
counts). For the models whose asynchronous attractors pyboolnet ships as JSON, starting
from each listed state: a steady state is the one reachable attractor, and a state of a
cyclic attractor reaches exactly one cyclic attractor, which contains it. For every
model, the attractors reachable from the all-zero state equal AEON's.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.peers  # each model against mpbn, AEON and pyboolnet: minutes

mpbn = pytest.importorskip("mpbn")
pyboolnet = pytest.importorskip("pyboolnet")
aeon = pytest.importorskip("biodivine_aeon")

from pathcheck.analysis.outcomes import network_of  # noqa: E402
from pathcheck.base.defaults import DEFAULT_MAX_STATES  # noqa: E402
from pathcheck.engine.bdd import count_fixed_points  # noqa: E402
from pathcheck.engine.explicit import Network, fixed_points  # noqa: E402
from pathcheck.engine.prediction import predict  # noqa: E402
from pathcheck.formats.bnet import load_bnet_hypothesis  # noqa: E402
from tests.repository import PYBOOLNET_MODELS  # noqa: E402

MODELS = PYBOOLNET_MODELS
REPOSITORY = MODELS[0].parent.parent if MODELS else Path()
LISTABLE = 100_000  # above this, counts are compared instead of lists


def clamp_sets(path: Path, network: Network) -> list[dict[str, bool]]:
    """No clamp, a knockout, a forced-on node, and one of each: drawn the same every run."""
    chooser = random.Random(path.stem)
    nodes = sorted(network.nodes)
    a, b, c, d = (chooser.choice(nodes) for _ in range(4))
    both = {c: False, d: True} if c != d else {c: False}
    return [{}, {a: False}, {b: True}, both]


def mpbn_network(path: Path, clamps: dict[str, bool]) -> Any:
    network = mpbn.MPBooleanNetwork(str(path))
    for node, value in clamps.items():
        network[node] = "1" if value else "0"
    return network


def test_the_repository_is_there() -> None:
    assert len(MODELS) >= 29


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_fixed_points_equal_mpbns(path: Path) -> None:
    network = network_of(load_bnet_hypothesis(path))
    for clamps in clamp_sets(path, network):
        clamped = network.clamp(clamps)
        oracle = mpbn_network(path, clamps)
        expected = oracle.count_fixedpoints()
        if expected > LISTABLE:
            assert count_fixed_points(clamped) == expected, clamps
            continue
        ours = {tuple(sorted(clamped.state_dict(s).items())) for s in fixed_points(clamped)}
        theirs = {tuple(sorted(x.items())) for x in oracle.fixedpoints()}
        assert ours == theirs, clamps
        assert count_fixed_points(clamped) == expected


WITH_ATTRACTORS = ["grieco_mapk", "tournier_apoptosis", "dahlhaus_neuroplastoma"]


@pytest.mark.parametrize("name", WITH_ATTRACTORS)
def test_starting_from_pyboolnets_attractors(name: str) -> None:
    """From each attractor pyboolnet lists, exactly one attractor is reached and it holds
    the state: a steady state alone, a cyclic one with others, inside the listed minimal
    trap space. grieco_mapk's three largest (about 10^12 states each) pass the explicit
    bound and are answered symbolically."""
    network = network_of(load_bnet_hypothesis(REPOSITORY / name / f"{name}.bnet"))
    listed = json.loads((REPOSITORY / name / f"{name}_attrs_async.json").read_text())
    assert listed["is_complete"] == "yes" and listed["update"] == "asynchronous"
    engines = []
    for attractor in listed["attractors"]:
        state = {n: bool(v) for n, v in attractor["state"]["dict"].items()}
        result = predict(network, {}, {}, start=state)
        assert result.attractors is not None, result.unknown
        (found,) = result.attractors
        for i, node in enumerate(network.nodes):
            assert found.values[i] in (None, int(state[node]))
        trap = attractor["min_trap_space"]["dict"]
        assert all(found.values[network.index[n]] == v for n, v in trap.items())
        assert (found.size == 1) == attractor["is_steady"]
        if found.states is not None:
            assert network.state_of(state) in found.states
        engines.append(result.engine)
        if found.size > DEFAULT_MAX_STATES:  # past the explicit search's bound
            assert result.engine == "symbolic"
    assert engines.count("symbolic") >= (3 if name == "grieco_mapk" else 0)


def aeon_attractors(path: Path) -> list[tuple[int, dict[str, int | None]]]:
    """AEON's asynchronous attractors reachable from the all-zero state: each one's size
    and each node's value in it (None where it varies)."""
    network = aeon.BooleanNetwork.from_file(str(path))
    graph = aeon.AsynchronousGraph(network)
    names = [network.get_variable_name(v) for v in network.variables()]
    reachable = aeon.Reachability.reach_fwd(graph, graph.mk_subspace({n: 0 for n in names}))
    found = []
    for attractor in aeon.Attractors.attractors(graph, reachable):
        values: dict[str, int | None] = {}
        for name in names:
            never_on = attractor.intersect(graph.mk_subspace({name: 1})).is_empty()
            never_off = attractor.intersect(graph.mk_subspace({name: 0})).is_empty()
            values[name] = 0 if never_on else 1 if never_off else None
        found.append((attractor.cardinality(), values))
    return sorted(found, key=repr)


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_reachable_attractors_equal_aeons(path: Path) -> None:
    """Every reachable attractor from the all-zero state, whichever engine answers:
    the same sizes and node values as AEON's symbolic algorithm."""
    network = network_of(load_bnet_hypothesis(path))
    result = predict(network, {}, {})
    assert result.attractors is not None, result.unknown
    ours = sorted(
        ((a.size, dict(zip(network.nodes, a.values, strict=True))) for a in result.attractors),
        key=repr,
    )
    assert ours == aeon_attractors(path)


def test_every_models_attractors_within_ten_seconds() -> None:
    """The issue's target, timed here in one process: all 30 models, all-zero start."""
    import time

    began = time.perf_counter()
    for path in MODELS:
        assert predict(network_of(load_bnet_hypothesis(path)), {}, {}).attractors is not None
    assert time.perf_counter() - began < 10


def test_jaoude_thdiff_is_answered_exactly() -> None:
    """19 million reachable states from rest, one fixed point: past any explicit bound."""
    import subprocess
    import sys

    path = REPOSITORY / "jaoude_thdiff" / "jaoude_thdiff.bnet"
    done = subprocess.run(
        [sys.executable, "-m", "pathcheck", "predict", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    payload = json.loads(done.stdout)
    assert payload["engine"] == "symbolic"
    (attractor,) = payload["attractors"]
    assert len(attractor) == 1  # a fixed point, listed
    assert payload["fixed_point_count"] == 5_875_504
    assert None not in payload["readouts"].values()
