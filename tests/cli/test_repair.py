"""pathcheck repair as a user runs it: the repairs, their files, and every refusal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pathcheck.cli import app
from tests.repository import FROZEN_EXPERIMENTS, FROZEN_HYPOTHESES, Writer

runner = CliRunner()
# the repairs of serial as bundled before issue 17 declared its readings as choices
EXPERIMENTS = FROZEN_EXPERIMENTS
DATA = ["--hypotheses", str(FROZEN_HYPOTHESES), "--experiments", str(EXPERIMENTS)]
MEMBER = "serial[vegf_source=pyramidal]"
LOOP = [
    "BDNF@pyramidal: LTCC@pyramidal → FLK1@pyramidal | LTCC@pyramidal",
    "plasticity@pyramidal: FLK1@pyramidal → FLK1@pyramidal & TRKB@PV",
]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_repair_lists_the_minimal_repairs_as_rule_diffs() -> None:
    code, out, _ = run("repair", MEMBER, *DATA)
    assert code == 0
    assert out.startswith(f"{MEMBER}: 26 of 29 observations matched as written\n")
    assert "failing as written: D6 behaviour, D8 BDNF_release, D10 dendrite_growth" in out
    assert "minimal repairs within at most 2 edits" in out
    assert all(f"   {line}\n" in out for line in LOOP)
    assert "fixes D6 behaviour, D8 BDNF_release, D10 dendrite_growth; breaks nothing" in out


def test_repair_as_json_and_markdown() -> None:
    rules = ["--rule", "BDNF@pyramidal", "--rule", "plasticity@pyramidal"]
    code, out, _ = run("repair", MEMBER, "--format", "json", *rules, *DATA)
    assert code == 0
    found = json.loads(out)
    assert found["fits"] and found["checked_exactly"]
    assert found["observations"] == 29 and found["matched_as_written"] == 26
    assert LOOP in [r["changes"] for r in found["repairs"]]
    assert {r["edits"] for r in found["repairs"]} == {2}
    code, out, _ = run("repair", MEMBER, "--format", "markdown", *rules, *DATA)
    assert code == 0 and f"- `{LOOP[0]}`" in out


def test_repair_writes_each_repair_as_a_file_validate_accepts(tmp_path: Path) -> None:
    folder = tmp_path / "repaired"
    code, _, err = run("repair", MEMBER, "--write", str(folder), *DATA)
    assert code == 0 and "wrote 24 repaired hypotheses" in err
    written = sorted(folder.glob("*.yaml"))
    assert len(written) == 24
    code, out, _ = run("validate", *map(str, written), "--experiments", str(EXPERIMENTS))
    assert code == 0, out
    # the member repaired fits every observation; the file keeps the source's comments
    code, out, _ = run(
        "compare", f"{written[0]}", "--format", "json", "--experiments", str(EXPERIMENTS)
    )
    (scored,) = json.loads(out)["hypotheses"].values()
    assert "Commentary P7" in written[0].read_text(encoding="utf-8")
    fitting = [r["member"] for r in scored["readings"]["scored"] if r["fits_every_observation"]]
    assert "serial_repair1[vegf_source=pyramidal]" in fitting
    # never over a file that exists: a second run writes nothing
    before = {p: p.read_text(encoding="utf-8") for p in written}
    code, _, err = run("repair", MEMBER, "--write", str(folder), *DATA)
    assert code == 2 and "exists already" in err
    assert {p: p.read_text(encoding="utf-8") for p in written} == before


def test_a_hypothesis_that_fits_has_nothing_to_repair() -> None:
    code, out, _ = run("repair", "parallel", *DATA)
    assert code == 0 and "nothing to repair" in out


def test_too_many_edits_and_too_large_a_space_are_refused_with_what_to_narrow() -> None:
    code, _, err = run("repair", "serial", "--max-edits", "4", *DATA)
    assert code == 2
    assert "max-edits: 4 is not from 1 to 3: serial has 344 variants one edit away" in err
    assert "--rule" in err
    code, _, err = run("repair", "serial", "--max-edits", "3", *DATA)
    assert code == 2
    assert "the edit space of serial holds at least" in err and "within 3 edits" in err
    assert "--rule NODE" in err and "--candidates FILE" in err
    code, _, err = run("repair", "serial", "--max-edits", "0", *DATA)
    assert code == 2 and "a repair makes at least one edit" in err


def test_bad_candidates_and_rules_are_refused_at_their_place(write: Writer) -> None:
    listed = write("pkn.txt", "BDNF@pyramidal -> TRKB@PV\nFLK1@pyramidal => BDNF@pyramidal\n")
    code, _, err = run("repair", MEMBER, "--candidates", str(listed), *DATA)
    assert code == 2 and err.startswith(f"{listed}:2:1: 'FLK1@pyramidal => BDNF@pyramidal'")
    code, _, err = run("repair", MEMBER, "--rule", "plasticty@pyramidal", *DATA)
    assert code == 2 and "did you mean 'plasticity@pyramidal'" in err
    code, _, err = run("repair", "serial[vegf_source=pyramidl]", *DATA)
    assert code == 2 and "did you mean 'pyramidal'" in err


def test_candidates_bound_the_regulators_added(write: Writer) -> None:
    listed = write(
        "pkn.sif",
        "FLK1@pyramidal 1 BDNF@pyramidal\nTRKB@PV 1 plasticity@pyramidal\n",
    )
    code, out, _ = run("repair", MEMBER, "--candidates", str(listed), "--format", "json", *DATA)
    assert code == 0
    found = json.loads(out)
    assert [r["changes"] for r in found["repairs"]] == [LOOP]
    # 8 rules, each a single literal that can go (8 edits), and FLK1 or TRKB@PV added
    # to two of them with & or | (4): 12 one edit away; 60 pairs of them on two rules,
    # and 2 rules two edits away on one (FLK1@pyramidal alone, TRKB@PV alone): 74
    assert found["edit_space"] == {"one_edit": 12, "within_bound": 74}


def test_hostile_candidates_and_write_targets_are_refused(tmp_path: Path) -> None:
    """A candidates file that is a pipe, or names no node; a --write folder that is a
    file: each one line and exit 2, nothing searched or written."""
    import os

    pipe = tmp_path / "pkn.sif"
    os.mkfifo(pipe)
    code, _, err = run("repair", MEMBER, "--candidates", str(pipe), *DATA)
    assert code == 2 and err == f"{pipe}:1:1: not a regular file (a pipe)\n"
    labels = tmp_path / "labels.txt"
    labels.write_text("<script> -> plasticity@pyramidal\n", encoding="utf-8")
    code, _, err = run("repair", MEMBER, "--candidates", str(labels), *DATA)
    assert code == 2 and err.startswith(f"{labels}:1:1: '<script>'")
    occupied = tmp_path / "a-file"
    occupied.write_text("mine\n", encoding="utf-8")
    code, _, err = run("repair", MEMBER, "--write", str(occupied), *DATA)
    assert code == 2 and "is not a folder; nothing was searched" in err
    assert occupied.read_text(encoding="utf-8") == "mine\n"


def test_all_readings_repairs_the_member_in_every_reading_of_the_data() -> None:
    rules = ["--rule", "BDNF@pyramidal", "--rule", "plasticity@pyramidal"]
    code, out, _ = run("repair", MEMBER, "--all-readings", "--format", "json", *rules, *DATA)
    assert code == 0
    found = json.loads(out)
    assert found["targets"] == [
        f"{MEMBER} with neuron=excitatory",
        f"{MEMBER} with neuron=all_neurons",
    ]
    assert found["fits"] and found["observations"] == 58
    assert all(set(r["fits"]) == set(found["targets"]) for r in found["repairs"])


def test_a_bnet_hypothesis_is_repaired_but_not_rewritten(write: Writer) -> None:
    """A .bnet model has no YAML file to rewrite: --write says to import it first, and
    nothing is written or printed (without --write, its repairs are listed)."""
    model = write("m.bnet", "targets, factors\nu, u\nA, u\nB, A\n")
    table = write(
        "t.yaml",
        """
        source: {citation: "t"}
        experiments:
          - {id: E1, label: t, setting: s, on: [u], observed: {B: false}, source: t}
        """,
    )
    out = model.parent / "out"
    code, listed, err = run("repair", str(model), "--experiments", str(table), "--write", str(out))
    assert code == 2 and not listed and not out.exists()
    assert "is no YAML file (pathcheck import turns it into one)" in err
    code, listed, _ = run("repair", str(model), "--experiments", str(table))
    assert code == 0 and "B: A → 0" in listed
