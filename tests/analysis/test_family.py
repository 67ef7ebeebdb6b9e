"""Hypotheses with open choices: a family of members, each as good as its own file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck.base.problems import InputError
from pathcheck.cli import app
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.model import family_size, member, members, readings
from tests.repository import HYPOTHESES, TABLE_FILES, Writer
from tests.samples import FAMILY

runner = CliRunner()

# the same four members, each written out by hand
MEMBERS = {
    "fam": ("L@a: drug\n  R@a: L@a\n  L@b: drug\n  out: R@a & L@b", "L@b"),
    "fam[source_cell=b,out=and]": ("L@b: drug\n  R@a: L@b\n  out: R@a & L@b", "L@b"),
    "fam[source_cell=a,out=or]": ("L@a: drug\n  R@a: L@a\n  L@b: drug\n  out: R@a | L@b", "L@b"),
    "fam[source_cell=b,out=or]": ("L@b: drug\n  R@a: L@b\n  out: R@a | L@b", "L@b"),
}

TABLE = """
    source: {citation: "Test 2025"}
    experiments:
      - {id: E1, label: drug, setting: in_vivo, on: [drug], observed: {r: true}, source: t}
      - {id: E2, label: no L in a, setting: in_vivo, on: [drug], off: [L@a],
         observed: {r: false}, source: t}
      - {id: E3, label: no L in b, setting: in_vivo, on: [drug], off: [L@b],
         observed: {r: false}, source: t}
      - {id: E4, label: R on, setting: in_vivo, on: [R],
         observed: {r: true, ligand: false}, source: t}
"""


def test_members_are_the_product_of_the_options(write: Writer) -> None:
    default = load_hypothesis(write("fam.yaml", FAMILY))
    assert default.name == "fam" and default.is_default
    assert [c.name for c in default.choices] == ["source_cell", "out"]
    assert family_size(default) == 4
    names = [m.full_name for m in members(default)]
    assert names == [
        "fam[source_cell=a,out=and]",
        "fam[source_cell=a,out=or]",
        "fam[source_cell=b,out=and]",
        "fam[source_cell=b,out=or]",
    ]
    b_or = member(default, "fam[source_cell=b,out=or]")
    assert b_or.name == "fam[source_cell=b,out=or]" and not b_or.is_default
    assert str(b_or.rules["out"]) == "L@b | R@a"
    assert "L@a" not in b_or.rules and b_or.readouts["ligand"] == "L@b"
    assert member(default, "fam[out=or]").full_name == "fam[source_cell=a,out=or]"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("fam[source=a]", "'fam' has no choice 'source' (did you mean 'source_cell'?)"),
        ("fam[source_cell=c]", "choice 'source_cell' has no option 'c' (options: a, b)"),
        ("fam[out]", "'out' is not CHOICE=OPTION"),
    ],
)
def test_a_misspelt_member_is_refused(write: Writer, written: str, message: str) -> None:
    path = write("hyps/fam.yaml", FAMILY)
    with pytest.raises(ValueError, match=re.escape(message)):
        member(load_hypothesis(path), written)
    result = runner.invoke(app, ["predict", written, "--hypotheses", str(path.parent)])
    assert result.exit_code == 2
    assert result.stderr == f"command line: {message}\n"


def test_each_member_predicts_what_its_own_file_does(write: Writer, tmp_path: Path) -> None:
    """The family's verdicts, member by member, equal those of the members written out."""
    family_dir = tmp_path / "family"
    family_dir.mkdir()
    (family_dir / "fam.yaml").write_text(FAMILY.replace("\n    ", "\n"))
    table = write("e.yaml", TABLE)
    separate = tmp_path / "separate"
    separate.mkdir()
    for n, (nodes, ligand) in enumerate(MEMBERS.values()):
        (separate / f"m{n}.yaml").write_text(
            f"name: m{n}\ntitle: t\nsource: s\ninputs: [drug]\nsettings: {{in_vivo: {{}}}}\n"
            f"nodes:\n  {nodes}\nreadouts: {{r: out, ligand: {ligand}}}\n"
        )
    verdicts = {}
    for folder, names in ((family_dir, list(MEMBERS)), (separate, [f"m{n}" for n in range(4)])):
        result = runner.invoke(
            app,
            [
                "compare",
                *names,
                "--hypotheses",
                str(folder),
                "--experiments",
                str(table),
                "--format",
                "json",
            ],
        )
        assert result.exit_code == 0, result.stderr
        payload = json.loads(result.stdout)["hypotheses"]
        verdicts[folder.name] = [
            {
                e: {r: v["verdict"] for r, v in x["readouts"].items()}
                for e, x in h["experiments"].items()
            }
            for h in payload.values()
        ]
    assert verdicts["family"] == verdicts["separate"]
    assert len({json.dumps(v, sort_keys=True) for v in verdicts["family"]}) > 1  # they differ


OTHER_CHOICE = """
      other:
        question: q
        source: s
        options:
          x: {nodes: {R@a: drug}}
          y: {}
"""
B_OPTION = (
    "          b:\n            nodes: {L@b: drug, R@a: L@b}\n            readouts: {ligand: L@b}\n"
)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "            readouts: {ligand: L@b}\n",
            "            readouts: {ligand: L@b}" + OTHER_CHOICE,
            "node 'R@a' is set by options of both 'source_cell' and 'other'",
        ),
        (B_OPTION, "", "choice 'source_cell' needs at least two options"),
        (
            "{gate: [and, or]}",
            "{gate: [and, xor]}",
            "the gate family of 'out' must list two or more of and, or",
        ),
        (
            "nodes: {L@b: drug, R@a: L@b}",
            "nodes: {L@b: drug, R@a: L@c}",
            "rule of 'R@a' names 'L@c'",
        ),
    ],
)
def test_malformed_choices_are_located(write: Writer, old: str, new: str, message: str) -> None:
    assert old in FAMILY
    with pytest.raises(InputError) as caught:
        load_hypothesis(write("fam.yaml", FAMILY.replace(old, new)))
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_family_lists_every_reading_and_what_the_data_say() -> None:
    code, out, _ = run("family", "serial_loop")
    assert code == 0
    lines = out.splitlines()
    serial_loop = load_hypothesis(HYPOTHESES / "serial_loop.yaml")
    members, data = (
        family_size(serial_loop),
        len(list(readings(load_experiment_files(TABLE_FILES)))),
    )
    assert lines[0].startswith(
        f"serial_loop: {members * data} readings ({members} members x {data} readings of the "
        "data); "
    )
    # the science: only VEGF from pyramidal neurons, or from both sources required, fits
    assert "No reading that fits every observation takes vegf_source=PV, vegf_source=either" in out
    code, out, _ = run("family", "serial_loop", "--format", "json")
    payload = json.loads(out)
    assert payload["readings"] == members * data and len(payload["scored"]) == members * data
    fitting = [s for s in payload["scored"] if s["fits_every_observation"]]
    assert payload["fitting"] == len(fitting) > 0
    assert {s["options"]["vegf_source"] for s in fitting} == {"pyramidal", "both_required"}
    ranked = [s["log_likelihood"] for s in payload["scored"]]
    assert ranked == sorted(ranked, reverse=True)
    assert payload["scored"][: len(fitting)] == fitting  # those that fit come first
    code, out, _ = run("family", "serial_loop", "--format", "json", "--top", "3")
    assert len(json.loads(out)["scored"]) == 3


def test_a_gate_family_and_the_option_the_data_force(write: Writer, tmp_path: Path) -> None:
    folder = tmp_path / "hyps"
    folder.mkdir()
    (folder / "fam.yaml").write_text(FAMILY.replace("\n    ", "\n"))
    table = write("e.yaml", TABLE)
    code, out, _ = run(
        "family",
        "fam",
        "--hypotheses",
        str(folder),
        "--experiments",
        str(table),
        "--format",
        "json",
    )
    assert code == 0
    payload = json.loads(out)
    # a+and misses only E4 (R on without drug leaves L@b off); b+or misses only E2 (it has
    # no L@a to delete); the other two miss two each
    mismatches = {s["member"]: s["mismatched"] for s in payload["scored"]}
    assert mismatches == {
        "fam[source_cell=a,out=and]": 1,
        "fam[source_cell=b,out=or]": 1,
        "fam[source_cell=a,out=or]": 2,
        "fam[source_cell=b,out=and]": 2,
    }
    assert payload["fitting"] == 0 and payload["unused_by_fitting"] == []
    assert payload["forced"] == []  # the two best differ in both choices
    table_two = write(
        "e2.yaml", TABLE.replace("observed: {r: true, ligand: false}", "observed: {ligand: false}")
    )
    code, out, _ = run(
        "family",
        "fam",
        "--hypotheses",
        str(folder),
        "--experiments",
        str(table_two),
        "--format",
        "json",
    )
    forced = json.loads(out)["forced"]
    assert forced == [{"choice": "source_cell", "option": "a"}, {"choice": "out", "option": "and"}]


@pytest.mark.slow
def test_worker_processes_and_a_dask_cluster_score_alike(write: Writer) -> None:
    distributed = pytest.importorskip("distributed")
    from pathcheck.analysis.family import process_pool, score_family
    from pathcheck.formats.experiments import load_experiment_files
    from pathcheck.project.discovery import load_hypotheses
    from tests.repository import HYPOTHESES

    (hypothesis,) = load_hypotheses(["serial_loop"], HYPOTHESES)
    tables = load_experiment_files(TABLE_FILES)
    here = score_family(hypothesis, tables)
    with process_pool(2) as pool:
        pooled = score_family(hypothesis, tables, executor=pool)
    with (
        distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        dasked = score_family(hypothesis, tables, executor=client.get_executor())
        code, out, err = run(
            "family", "serial_loop", "--scheduler", cluster.scheduler_address, "--format", "json"
        )
    assert here == pooled == dasked
    assert code == 0, err
    assert [s["name"] for s in json.loads(out)["scored"]] == [s.name for s in here.scored]
    code, _, err = run("family", "serial_loop", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and "scheduler tcp://127.0.0.1:9: cannot connect" in err


def test_compare_refuses_a_family_too_large_to_score_and_says_what_to_run(
    write: Writer, tmp_path: Path
) -> None:
    """40 gate families: 2^40 members. compare must not start on them, nor drop them
    silently; the default readings alone stay available."""
    edges = "\n".join(f"  - drug -> n{i}" for i in range(40))
    nodes = "\n".join(f"  n{i}: {{gate: [and, or]}}" for i in range(40))
    folder = tmp_path / "hyps"
    folder.mkdir()
    (folder / "huge.yaml").write_text(
        f"title: t\nsource: s\ninputs: [drug]\nsettings: {{in_vivo: {{}}}}\nedges:\n{edges}\n"
        f"nodes:\n{nodes}\n  r: n0\nreadouts: {{r: r}}\n"
    )
    table = write(
        "e.yaml",
        TABLE.replace("R@a", "n1").replace("L@a", "n2").replace("L@b", "n3").replace("[R]", "[n4]"),
    )
    table.write_text(
        table.read_text().replace("ligand: false", "r: true").replace(", r: true}", "}")
    )
    args = ["compare", "--hypotheses", str(folder), "--experiments", str(table)]
    code, _, err = run(*args)
    assert code == 2
    assert (
        f"{folder / 'huge.yaml'}: 'huge' has 1,099,511,627,776 readings (1,099,511,627,776 "
        "members x 1 reading of the data), more than compare scores (--max-readings 4,096)"
    ) in err
    code, out, _ = run(*args, "--readings", "default")
    assert code == 0 and "E1" in out
