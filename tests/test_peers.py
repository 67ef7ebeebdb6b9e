"""pathcheck's engine against trusted peers, on published models nobody here wrote.

For every .bnet model in pyboolnet's repository, pathcheck's fixed points equal mpbn's,
unclamped and under knockouts and forced-on nodes (where a model has millions, their
counts). For the models whose asynchronous attractors pyboolnet ships as JSON, starting
from each listed state: a steady state is the one reachable attractor, and a state of a
cyclic attractor reaches exactly one cyclic attractor, which contains it.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

mpbn = pytest.importorskip("mpbn")
pyboolnet = pytest.importorskip("pyboolnet")

from pathcheck.bnet import load_bnet_hypothesis  # noqa: E402
from pathcheck.counting import count_fixed_points  # noqa: E402
from pathcheck.outcomes import network_of  # noqa: E402
from pathcheck.problems import StateSpaceTooLarge  # noqa: E402
from pathcheck.semantics import Network, fixed_points, predict  # noqa: E402

REPOSITORY = Path(os.path.dirname(pyboolnet.__file__)) / "repository"
MODELS = sorted(REPOSITORY.glob("*/*.bnet"))
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
BOUND = 20_000  # states: three of grieco_mapk's cyclic attractors hold millions


def stays_in(network: Network, start: int, trap: dict[str, int], bound: int) -> bool:
    """Whether the first ``bound`` states reachable from ``start`` keep the trap space's
    fixed values: what can be checked of an attractor too large to enumerate."""
    fixed = {network.index[n]: v for n, v in trap.items()}
    seen, frontier = {start}, [start]
    while frontier and len(seen) < bound:
        state = frontier.pop()
        if any(((state >> i) & 1) != v for i, v in fixed.items()):
            return False
        for nxt in network.successors(state):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return True


@pytest.mark.parametrize("name", WITH_ATTRACTORS)
def test_starting_from_pyboolnets_attractors(name: str) -> None:
    hypothesis = load_bnet_hypothesis(REPOSITORY / name / f"{name}.bnet")
    network = network_of(hypothesis)
    listed = json.loads((REPOSITORY / name / f"{name}_attrs_async.json").read_text())
    assert listed["is_complete"] == "yes" and listed["update"] == "asynchronous"
    checked = too_large = 0
    for attractor in listed["attractors"]:
        state = {n: bool(v) for n, v in attractor["state"]["dict"].items()}
        start = network.state_of(state)
        try:
            result = predict(network, {}, {}, max_states=BOUND, start=state)
        except StateSpaceTooLarge:
            assert not attractor["is_steady"]
            assert attractor["min_trap_space"]["is_univocal"] == "yes"
            assert stays_in(network, start, attractor["min_trap_space"]["dict"], BOUND)
            too_large += 1
            continue
        if attractor["is_steady"]:
            assert result.attractors == ((start,),)
        else:
            (reached,) = result.attractors
            assert start in reached and len(reached) > 1
        checked += 1
    assert checked >= len(listed["attractors"]) - 3
    assert too_large == (3 if name == "grieco_mapk" else 0)


@pytest.mark.parametrize("name", WITH_ATTRACTORS)
def test_pyboolnets_attractors_symbolically(name: str) -> None:
    """From each attractor pyboolnet lists, the symbolic engine reaches exactly one
    attractor, which contains the state: a steady state alone, a cyclic one with others."""
    from pathcheck.symbolic import SymbolicTooLarge, reachable_attractors

    network = network_of(load_bnet_hypothesis(REPOSITORY / name / f"{name}.bnet"))
    listed = json.loads((REPOSITORY / name / f"{name}_attrs_async.json").read_text())
    too_large = 0
    for attractor in listed["attractors"]:
        state = {n: bool(v) for n, v in attractor["state"]["dict"].items()}
        try:
            (found,) = reachable_attractors(network, [network.state_of(state)])
        except SymbolicTooLarge:
            assert not attractor["is_steady"]
            too_large += 1
            continue
        for i, node in enumerate(network.nodes):
            assert found.values[i] in (None, int(state[node]))
        trap = attractor["min_trap_space"]["dict"]
        assert all(found.values[network.index[n]] == v for n, v in trap.items())
        if attractor["is_steady"]:
            assert found.size == 1
        else:
            assert found.size > 1
    # grieco_mapk's three largest pass the BDD bound, as they pass the explicit one
    assert too_large == (3 if name == "grieco_mapk" else 0)


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
