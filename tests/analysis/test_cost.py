"""Every cost bounded, and admitted before the work starts: a family of 2^40 members, a
search of 10^8 combinations, a tabulation of 2^10 predictions, each refused or cut short
within a second, with what to run instead."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck import load_experiments
from pathcheck.analysis.explain import _from
from pathcheck.cli import app
from pathcheck.model import readings
from tests.repository import EXPERIMENTS, HYPOTHESES

runner = CliRunner()


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    """40 gate families: 2^40 members, beside the bundled hypotheses."""
    folder = tmp_path / "hyps"
    folder.mkdir()
    for bundled in HYPOTHESES.glob("*.yaml"):
        (folder / bundled.name).write_text(bundled.read_text())
    edges = "\n".join(f"  - ketamine -> n{i}" for i in range(40))
    nodes = "\n".join(f"  n{i}: {{gate: [and, or]}}" for i in range(40))
    (folder / "huge.yaml").write_text(
        "title: t\nsource: s\ninputs: [ketamine]\nsettings: {in_vivo: {}, culture: {}}\n"
        f"edges:\n{edges}\nnodes:\n{nodes}\n  behaviour: n0\nreadouts: {{behaviour: behaviour}}\n"
    )
    return folder


@pytest.mark.parametrize(
    ("args", "refusal"),
    [
        (["compare", "huge"], "more than compare scores (--max-readings 4,096)"),
        (["report", "huge", "-o", "r.html"], "more than compare scores (--max-readings 4,096)"),
        (["design", "huge", "parallel"], "more than design scores (--max-readings 4,096)"),
        (["family", "huge"], "more than family scores (--max-readings 1,000,000)"),
    ],
)
def test_a_family_of_2_to_the_40_is_refused_at_once_by_every_command(
    huge: Path, args: list[str], refusal: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    start = time.process_time()
    result = runner.invoke(app, [*args, "--hypotheses", str(huge), "--allow-unknown"])
    assert time.process_time() - start < 2, args
    assert result.exit_code == 2, result.stdout
    data = len(list(readings(load_experiments([EXPERIMENTS]))))
    assert f"{huge / 'huge.yaml'}: 'huge' has {2**40 * data:,} readings" in result.stderr
    assert f"(1,099,511,627,776 members x {data} readings of the data)" in result.stderr
    assert refusal in result.stderr


def test_explain_on_a_cyclic_network_of_ten_inputs_does_not_tabulate_them(
    tmp_path: Path,
) -> None:
    """predict answers in half a second; explain used to make 2^10 predictions (minutes)."""
    n = 10
    lines = [
        "name: cyc",
        "title: t",
        "source: s",
        f"inputs: [{', '.join(f'i{k}' for k in range(n))}]",
    ]
    lines.append("nodes:")
    for k in range(n):
        lines += [f"  a{k}: i{k} | b{(k + 1) % n}", f"  b{k}: a{k} & ~b{(k + 2) % n}"]
    lines.append("readouts: {r: a0}")
    path = tmp_path / "cyc.yaml"
    path.write_text("\n".join(lines) + "\n")
    start = time.process_time()
    result = runner.invoke(app, ["explain", str(path), "--setting", "any"])
    assert time.process_time() - start < 10
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "their 1,024 assignments would each need a prediction" in said


def test_the_walk_along_causal_paths_is_bounded_on_a_dense_graph() -> None:
    """Every node linked to every other, the goal reached from none: the partial paths
    number in the factorials, and the walk stops after its bound."""
    nodes = [f"n{i}" for i in range(30)]
    links = {n: [(m, "+") for m in nodes if m != n] for n in nodes}
    links["goal"] = []
    start = time.process_time()
    assert list(_from("n0", "goal", links)) == []
    assert time.process_time() - start < 5
