"""The command line through typer's CliRunner: what a user types and sees."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck import __version__
from pathcheck.cli import app
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.model import family_size, readings
from tests.repository import EXPERIMENTS, HYPOTHESES, TABLE_FILES, Writer

runner = CliRunner()
DATA = ["--hypotheses", str(HYPOTHESES), "--experiments", str(EXPERIMENTS)]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def all_experiment_ids() -> set[str]:
    from pathcheck.formats.experiments import load_experiment_files

    tables = load_experiment_files(TABLE_FILES)
    return {e.id for t in tables for e in t.experiments}


def test_compare_serial_parallel_shows_every_experiment_and_both_hypotheses() -> None:
    code, out, _ = run("compare", "serial", "parallel", *DATA)
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("≠  experiment"))
    assert header.split()[-2:] == ["serial", "parallel"]
    for identifier in all_experiment_ids():
        assert f" {identifier} " in out
    assert "Scores (error rate 0.05; equal priors)" in out
    assert "† K2, serial: VEGF@excitatory matches no node of serial" in out


def test_compare_json_holds_every_verdict() -> None:
    code, out, _ = run("compare", "serial", "parallel", "--format", "json", *DATA)
    assert code == 0
    payload = json.loads(out)
    assert set(payload["hypotheses"]) == {"serial", "parallel"}
    ids = all_experiment_ids()
    for name, entry in payload["hypotheses"].items():
        assert set(entry["experiments"]) == ids, name
        for experiment in entry["experiments"].values():
            for readout in experiment["readouts"].values():
                assert readout["observed"] in (0, 1)
                assert readout["predicted"] in (0, 1, "ambiguous", None)
                assert readout["verdict"] in ("match", "mismatch", "ambiguous", "not applicable")
        summary = entry["summary"]
        assert summary["scored"] + summary["not_applicable"] == summary["total"]
    d8 = payload["hypotheses"]["serial"]["experiments"]["D8"]["readouts"]["BDNF_release"]
    assert d8 == {**d8, "observed": 1, "predicted": 0, "verdict": "mismatch", "robust": True}
    serial = load_hypothesis(HYPOTHESES / "serial.yaml")
    data = len(list(readings(load_experiment_files(TABLE_FILES))))
    assert len(d8["by_reading"]) == family_size(serial) * data  # every member, every reading
    assert "D6" in payload["disagreements"]


def test_compare_json_is_deterministic() -> None:
    first = run("compare", "--format", "json", *DATA)[1]
    assert first == run("compare", "--format", "json", *DATA)[1]


def test_compare_without_names_takes_every_hypothesis() -> None:
    code, out, _ = run("compare", "--format", "json", *DATA)
    assert code == 0
    names = {p.stem for p in HYPOTHESES.glob("*.yaml")}
    assert set(json.loads(out)["hypotheses"]) == names


def test_compare_markdown_and_csv() -> None:
    code, out, _ = run("compare", "serial", "parallel", "--format", "markdown", *DATA)
    assert code == 0
    assert "| ≠ | experiment | intervention | read-out | obs | serial | parallel |" in out
    code, out, _ = run("compare", "serial", "parallel", "--format", "csv", *DATA)
    assert code == 0
    records = list(csv.DictReader(io.StringIO(out)))
    observations = len(records) // 2
    assert len(records) == 2 * observations and observations >= len(all_experiment_ids())
    assert {r["hypothesis"] for r in records} == {"serial", "parallel"}


def test_a_hypothesis_may_be_named_by_its_file(write: Writer) -> None:
    path = write(
        "drafts/mine.yaml",
        (HYPOTHESES / "parallel.yaml").read_text().replace("name: parallel", "name: mine"),
    )
    code, out, _ = run("compare", str(path), "serial", "--format", "json", *DATA)
    assert code == 0
    assert list(json.loads(out)["hypotheses"]) == ["mine", "serial"]


def test_unknown_hypothesis_name_suggests_the_closest() -> None:
    code, _, err = run("compare", "seral", *DATA)
    assert code == 2
    assert "no hypothesis 'seral'" in err and "(did you mean 'serial'?)" in err


def test_python_in_a_rule_is_refused_and_nothing_runs(write: Writer, tmp_path: Path) -> None:
    marker = tmp_path / "x"
    text = (
        (HYPOTHESES / "serial.yaml")
        .read_text()
        .replace("glutamate: ketamine", f"glutamate: __import__('os').system('touch {marker}')")
    )
    path = write("evil.yaml", text)
    code, out, err = run("compare", str(path), *DATA)
    assert code == 2
    assert out == ""
    assert err.startswith(f"{path}:") and "unexpected character" in err
    assert "Traceback" not in err
    assert not marker.exists()


def test_broken_yaml_gives_file_line_col_and_exit_2(write: Writer) -> None:
    broken = write("broken.yaml", "source: {citation: x}\nexperiments: [\n")
    code, _, err = run(
        "compare", "serial", "--hypotheses", str(HYPOTHESES), "--experiments", str(broken)
    )
    assert code == 2
    assert err.startswith(f"{broken}:3:1: YAML syntax")


def test_error_rate_bounds() -> None:
    code, _, err = run("compare", "--error-rate", "0.5", *DATA)
    assert code == 2 and "strictly between 0 and 0.5" in err
    code, out, _ = run("compare", "serial", "--error-rate", "0.2", "--format", "json", *DATA)
    assert code == 0 and json.loads(out)["error_rate"] == 0.2


def test_predict_parallel_vehicle_shows_the_excluded_all_on_fixed_point() -> None:
    code, out, _ = run("predict", "parallel", "--setting", "in_vivo", "--format", "json", *DATA[:2])
    assert code == 0
    payload = json.loads(out)
    assert payload["readouts"]["behaviour"] == 0
    excluded = payload["excluded_fixed_points"]
    assert len(excluded) == 1
    on = {n for n, v in excluded[0].items() if v}
    assert on == {
        "BDNF@pyramidal",
        "VEGF@pyramidal",
        "TRKB@pyramidal",
        "FLK1@pyramidal",
        "plasticity@pyramidal",
    }
    assert excluded[0] in payload["fixed_points"]
    assert (
        len(payload["attractors"]) == 1 and payload["attractors"][0][0]["plasticity@pyramidal"] == 0
    )


def test_predict_with_clamps_and_text_output() -> None:
    code, out, _ = run("predict", "parallel", "--on", "BDNF", "--off", "VEGF", *DATA[:2])
    assert code == 0
    assert "clamps: BDNF@pyramidal=1, VEGF@pyramidal=0" in out
    assert "Fixed points under the clamps" in out
    readouts = out[out.index("Read-outs") :]
    assert "behaviour        plasticity@pyramidal  0" in readouts


def test_predict_reports_a_selector_matching_nothing() -> None:
    code, out, _ = run(
        "predict", "serial", "--off", "VEGF@pyramidal", "--format", "json", *DATA[:2]
    )
    assert code == 0
    assert json.loads(out)["unmatched_selectors"] == ["VEGF@pyramidal"]


@pytest.mark.parametrize("args", [["--on", "BDNF", "--off", "BDNF"], ["--on", "12"]])
def test_predict_bad_clamps_exit_2(args: list[str]) -> None:
    code, _, err = run("predict", "parallel", *args, *DATA[:2])
    assert code == 2
    assert "Traceback" not in err and err.strip()


def test_list_names_hypotheses_and_tables() -> None:
    code, out, _ = run("list", *DATA)
    assert code == 0
    assert "serial_loop" in out and "deyama2019.yaml" in out and "experiments)" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"pathcheck {__version__}"


def test_defaults_fall_back_to_the_bundled_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./hypotheses or ./experiments here
    code, out, _ = run("compare", "serial", "parallel", "--format", "json")
    assert code == 0
    assert "D1" in json.loads(out)["hypotheses"]["serial"]["experiments"]


def test_local_folders_take_precedence(
    write: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        "hypotheses/only.yaml",
        (HYPOTHESES / "serial.yaml").read_text().replace("name: serial", "name: only"),
    )
    write(
        "experiments/one.yaml",
        """
        source: {citation: "Local 2025"}
        experiments:
          - {id: X1, label: ketamine, setting: in_vivo, on: [ketamine],
             observed: {behaviour: true}, source: local}
    """,
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("compare", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert list(payload["hypotheses"]) == ["only"]
    assert list(payload["hypotheses"]["only"]["experiments"]) == ["X1"]


SWITCH = """
    name: switch
    title: A bistable switch that the drug flips either way
    source: a test
    inputs: [drug]
    nodes:
      A: drug & ~B
      B: drug & ~A
    readouts:
      r: A
"""


def test_an_ambiguous_prediction_shows_how_the_attractors_split(write: Writer) -> None:
    hypothesis = write("switch.yaml", SWITCH)
    table = write(
        "e.yaml",
        """
        source: {citation: "Test 2025"}
        experiments:
          - {id: E1, label: drug, setting: in_vivo, on: [drug], observed: {r: true}, source: t}
    """,
    )
    args = ["compare", str(hypothesis), "--experiments", str(table)]
    code, out, _ = run(*args)
    assert code == 0
    assert "? ?" in out.replace("  ", " ")
    assert (
        "? E1, switch: r differs between its 2 reachable attractors (1 in 1, 0 in 1); "
        "`pathcheck predict switch --on drug --setting in_vivo` shows them"
    ) in out
    code, out, _ = run(*args, "--format", "json")
    readout = json.loads(out)["hypotheses"]["switch"]["experiments"]["E1"]["readouts"]["r"]
    assert readout == {
        "observed": 1,
        "predicted": "ambiguous",
        "verdict": "ambiguous",
        "by_attractor": [1, 0],
        "robust": True,
        "hinges_on": [],
        "by_reading": {"switch": "ambiguous"},
    }


def test_compare_refuses_a_misspelt_readout_and_selector_as_validate_does(
    write: Writer,
) -> None:
    """A node or read-out no compared hypothesis has is refused, as validate and check
    refuse it, with the same line; --allow-unknown makes it a warning and leaves the row
    that clamps the unknown node unscored, never a mismatch for every hypothesis."""
    table = write(
        "e.yaml",
        """
        source: {citation: "Test 2025"}
        experiments:
          - {id: T1, label: t, setting: in_vivo, on: [ketamine], off: [AMPR],
             observed: {behavior: true}, source: t}
          - {id: T2, label: t, setting: in_vivo, on: [ketamine], observed: {behaviour: true},
             source: t}
        """,
    )
    refused = [
        f"{table}:3:64: error: 'AMPR' in T1 matches a node in no hypothesis (did you mean "
        "'AMPAR'?) [unmatched-selector]",
        f"{table}:4:17: error: no hypothesis has the read-out 'behavior' (did you mean "
        "'behaviour'?) [unknown-readout]",
    ]
    args = ["--hypotheses", str(HYPOTHESES), "--experiments", str(table)]
    code, out, err = run("compare", "serial", *args)
    assert code == 2 and err.splitlines() == refused
    code, out, _ = run("validate", str(table), "--hypotheses", str(HYPOTHESES))
    assert code == 2 and out.splitlines()[:2] == refused
    code, out, err = run("compare", "serial", *args, "--allow-unknown")
    assert code == 0 and " T2 " in out and " T1 " not in out
    assert err.splitlines() == [line.replace(" error: ", " warning: ") for line in refused]
    code, out, err = run("compare", *DATA)
    assert code == 0 and err == ""


def test_what_users_reached_for() -> None:
    """-h; list as JSON; --on with commas; predict re-running a recorded row with its
    table's cell groups; an export naming no installation path."""
    assert run("-h")[0] == 0 and "Usage:" in run("-h")[1]
    assert "compare [OPTIONS]" in run("compare", "-h")[1]
    code, out, _ = run("list", "--format", "json", "--hypotheses", str(HYPOTHESES))
    listed = json.loads(out)
    assert code == 0 and "parallel" in [h["name"] for h in listed["hypotheses"]]
    assert "catalogue" not in out
    base = ["predict", "parallel", "--hypotheses", str(HYPOTHESES), "--format", "json"]
    both = json.loads(run(*base, "--on", "ketamine,VEGF", "--setting", "in_vivo")[1])
    assert both["clamps"] == {"ketamine": 1, "VEGF@pyramidal": 1}
    row = json.loads(run(*base, "--experiment", "D3", "--experiments", str(EXPERIMENTS))[1])
    assert row["clamps"] == {"BDNF@pyramidal": 1, "VEGF@pyramidal": 0}  # VEGF@neuron, read
    assert row["setting"] == "in_vivo" and row["readouts"]["behaviour"] == 0
    code, _, err = run(*base, "--experiment", "D3", "--on", "BDNF")
    assert code == 2 and "name an experiment of the outcome tables, or give" in err
    exported = run("export", "parallel", "--to", "bnet", "--hypotheses", str(HYPOTHESES))[1]
    first = exported.splitlines()[0]
    assert first.startswith("# pathcheck exported-from: ")
    assert not first.split(": ")[1].startswith("/")  # relative, or the name alone


def test_compare_scores_the_experiments_named_alone() -> None:
    base = ["compare", "parallel", "serial_loop", "--hypotheses", str(HYPOTHESES)]
    code, out, _ = run(*base, "--experiment", "D3", "--experiment", "K2", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    for scored in payload["hypotheses"].values():
        assert set(scored["experiments"]) == {"D3", "K2"}
        assert scored["summary"]["total"] == 2
    # the hinge on vegf_source is found in every reading of those rows alone
    d3 = payload["hypotheses"]["serial_loop"]["experiments"]["D3"]["readouts"]["behaviour"]
    assert "vegf_source" in d3["hinges_on"]
    code, _, err = run(*base, "--experiment", "D33")
    assert code == 2 and "no experiment 'D33' in the outcome tables (did you mean 'D3'?)" in err


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_a_misspelt_selector_fails_loudly(command: str) -> None:
    """A selector that matches no node of any member of the family is refused, as a
    table's is: with the closest name (whatever its case), or for a cell type it does
    not have, where its entity is placed. --allow-unknown keeps it, with a warning and
    the note that it changes nothing."""
    base = [command, "serial", "--setting", "in_vivo", "--hypotheses", str(HYPOTHESES)]
    for selector, hint in (
        ("ketamin", " (did you mean 'ketamine'?)"),
        ("bdnf", " (did you mean 'BDNF'?)"),
        ("VEGF@pyramdal", ": no cell type 'pyramdal' here (did you mean 'pyramidal'?); VEGF is"),
        ("BDNF@mPFC", ": no cell type 'mPFC' here; '@' names a cell type (or a table's cell"),
    ):
        code, _, err = run(*base, "--off", selector)
        assert code == 2, selector
        assert err.startswith(f"command line: '{selector}' matches no node of serial{hint}"), err
    parallel = [command, "parallel", "--setting", "in_vivo", "--hypotheses", str(HYPOTHESES)]
    code, _, err = run(*parallel, "--off", "TRKB@PV")
    assert code == 2 and "TRKB is placed in pyramidal" in err
    code, out, err = run(*parallel, "--off", "TRKB@PV", "--allow-unknown")
    assert code == 0 and "'TRKB@PV' matches no node of parallel" in err
    if command == "predict":
        assert "† TRKB@PV matches no node of parallel: it changes nothing here" in out


def test_a_tie_is_said_to_be_one_and_one_observation_is_singular(write: Writer) -> None:
    """Two hypotheses that predict alike: no 'leads by 0.0', but that the data do not
    tell them apart; and 'Of the 1 observation', not 'observations'."""
    text = (HYPOTHESES / "parallel.yaml").read_text()
    folder = write("h/parallel.yaml", text).parent
    write("h/twin.yaml", text.replace("name: parallel", "name: twin", 1))
    data = ["--hypotheses", str(folder), "--experiments", str(EXPERIMENTS)]
    result = runner.invoke(app, ["compare", "parallel", "twin", "--readings", "default", *data])
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "the data do not tell parallel and twin apart (0.0)" in said and "leads" not in said
    one = runner.invoke(app, ["compare", "parallel", "--experiment", "D4", *data])
    assert "Of the 1 observation, 1 rests on one secondary source" in " ".join(one.stdout.split())
