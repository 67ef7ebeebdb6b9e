"""The CI gate: pathcheck check against a project's declared expectations."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from junitparser import Attr, Failure, IntAttr, JUnitXml, Skipped, TestCase
from typer.testing import CliRunner

from pathcheck.cli import app
from pathcheck.formats.experiments import load_experiment_files
from tests.repository import HYPOTHESES, ROOT, TABLE_FILES, Writer

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

runner = CliRunner()
GATED = tuple(tomllib.loads((ROOT / "pathcheck.toml").read_text())["must-fit"])
# every bundled observation, and every hypothesis found with each member gated apart
OBSERVATIONS = sum(
    len(e.observations) for t in load_experiment_files(TABLE_FILES) for e in t.experiments
)
EITHER = "serial_loop[vegf_source=either,trkb_pyramidal=absent,ketamine_trigger=pyramidal_AMPA]"
SUITES = len({p.stem for p in HYPOTHESES.glob("*.yaml")} | set(GATED))


class LocatedCase(TestCase):
    """junitparser's test case with the file and line attributes pathcheck writes."""

    file = Attr()
    line = IntAttr()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this repository's hypotheses, tables and project file, as cwd."""
    for folder in ("hypotheses", "experiments"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "pathcheck.toml", tmp_path / "pathcheck.toml")
    (tmp_path / ".git").mkdir()  # stop the project-file search here
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def flip(path: Path, experiment: str, readout: str) -> int:
    """Flip one observed value in place; return its line."""
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if f"id: {experiment}\n" in line)
    for i in range(start, len(lines)):
        if "observed:" in lines[i] and readout in lines[i]:
            for old, new in (
                (f"{readout}: true", f"{readout}: false"),
                (f"{readout}: false", f"{readout}: true"),
            ):
                if old in lines[i]:
                    lines[i] = lines[i].replace(old, new)
                    path.write_text("".join(lines))
                    return i + 1
    raise AssertionError("no such observation")


def test_the_repository_passes_its_own_gate(repo: Path) -> None:
    code, out, _ = run()
    assert code == 0
    n = OBSERVATIONS
    assert f"parallel: {n} passed, 0 failed, 0 known failures" in out
    assert f"serial_loop: {n - 2} passed, 0 failed, 2 known failures" in out
    for member in (m for m in GATED if "[" in m):
        assert f"{member}: {n} passed, 0 failed, 0 known failures" in out
    assert "serial: not gated" in out


def test_a_flipped_observation_fails_and_points_at_its_line(repo: Path) -> None:
    table = Path("experiments/deyama2019.yaml")
    line = flip(table, "D5", "behaviour")
    junit = repo / "report.xml"
    code, out, _ = run("--junit", str(junit), env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert f"FAILED  {table}:{line}:" in out
    annotations = [x for x in out.splitlines() if x.startswith("::error ")]
    assert annotations and all(f"file={table},line={line}," in a for a in annotations)
    hypotheses = {a.split("::")[2].split(" predicts")[0] for a in annotations}
    assert hypotheses == set(GATED)

    xml = JUnitXml.fromfile(str(junit))
    failed = [
        (suite.name, case.name, located.file, located.line)
        for suite in xml
        for case in suite
        for located in (LocatedCase.fromelem(case),)  # type: ignore[no-untyped-call]
        if any(isinstance(r, Failure) for r in case.result)
    ]
    assert sorted(failed) == sorted((h, "D5 behaviour", str(table), line) for h in GATED)
    assert xml.failures == len(GATED)


def test_junit_marks_known_failures_and_ungated_hypotheses_skipped(repo: Path) -> None:
    run("--junit", "report.xml")
    xml = JUnitXml.fromfile("report.xml")
    suites = {suite.name: suite for suite in xml}
    k2 = next(c for c in suites["serial_loop"] if c.name == "K2 behaviour")
    (skipped,) = k2.result
    assert isinstance(skipped, Skipped)
    assert skipped.message.startswith("known failure: serial_loop predicts behaviour=1 for K2")
    assert "observed 0: Read with PV cells as the only source of VEGF" in skipped.message
    assert suites["serial"].skipped == suites["serial"].tests == OBSERVATIONS
    assert xml.tests == SUITES * OBSERVATIONS


def test_broken_yaml_exits_2_with_its_place(repo: Path) -> None:
    Path("experiments/lepack2015.yaml").write_text("source: {citation: x}\nexperiments: [\n")
    code, out, err = run()
    assert code == 2
    assert err.startswith("experiments/lepack2015.yaml:3:1: YAML syntax")
    assert out == ""


def test_output_is_byte_identical_across_runs(repo: Path) -> None:
    run("--junit", "a.xml")
    first_json = run("--format", "json")[1]
    run("--junit", "b.xml")
    assert Path("a.xml").read_bytes() == Path("b.xml").read_bytes()
    assert first_json == run("--format", "json")[1]
    payload = json.loads(first_json)
    assert payload["exit_code"] == 0 and payload["must_fit"] == list(GATED)


def test_a_stale_known_failure_is_reported(repo: Path, write: Writer) -> None:
    text = Path("pathcheck.toml").read_text() + 'D1 = "claimed, but D1 matches"\n'
    Path("pathcheck.toml").write_text(text)
    code, out, _ = run(env={"GITHUB_ACTIONS": "true"})
    assert code == 0
    line = text.splitlines().index('D1 = "claimed, but D1 matches"') + 1
    assert f"stale   pathcheck.toml:{line}:1: serial_loop no longer fails D1" in out
    assert f"::warning file=pathcheck.toml,line={line}," in out


def bistable_switch(write: Writer) -> None:
    """A project whose one must-fit hypothesis predicts its one observation ambiguous."""
    write(
        "only/ketamine.yaml",
        """
        source: {citation: "Test 2025"}
        experiments:
          - {id: K1, label: ketamine, setting: in_vivo, on: [ketamine],
             observed: {behaviour: true}, source: t}
    """,
    )
    write(
        "hypotheses/switch.yaml",
        """
        name: switch
        title: A bistable switch
        source: a test
        inputs: [ketamine]
        nodes:
          A: ketamine & ~B
          B: ketamine & ~A
        readouts:
          behaviour: A
    """,
    )
    Path("pathcheck.toml").write_text('must-fit = ["switch"]\nexperiments = "only"\n')


def test_strict_counts_ambiguous_predictions(repo: Path, write: Writer) -> None:
    bistable_switch(write)
    code, out, _ = run()
    assert code == 0
    code, out, _ = run("--strict")
    assert code == 1
    assert "FAILED" in out and "switch predicts behaviour=? for K1" in out


PROJECT_PROBLEMS = [
    ('must-fit = ["paralel"]\n', "1:1: must-fit names 'paralel', which is no hypothesis found"),
    (
        'mustfit = ["parallel"]\n',
        "1:1: unknown key 'mustfit' in the project file (did you mean 'must-fit'?)",
    ),
    (
        'must-fit = ["parallel"]\n[known-failures.parallel]\nZ9 = "no such row"\n',
        "3:1: known failure 'Z9' is no experiment id",
    ),
    ("error-rate = 0.7\n", "1:1: 'error-rate' must be a number strictly between 0 and 0.5"),
    ("must-fit = [\n", "2:1: TOML syntax"),
    ('must-fit = [\n  "serial",\n  "nope",\n]\n', "3:1: must-fit names 'nope'"),
]


@pytest.mark.parametrize(("toml", "message"), PROJECT_PROBLEMS)
def test_project_file_problems_exit_2_with_their_line(repo: Path, toml: str, message: str) -> None:
    Path("pathcheck.toml").write_text(toml)
    code, _, err = run()
    assert code == 2
    assert err.startswith(f"pathcheck.toml:{message}"), err


def test_the_project_table_in_pyproject(repo: Path) -> None:
    Path("pathcheck.toml").unlink()
    Path("pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.pathcheck]\nmust-fit = ["parallel"]\n'
    )
    code, out, _ = run()
    assert code == 0
    assert "pyproject.toml · must fit: parallel" in out


def test_without_a_project_file_nothing_is_gated_and_the_gate_fails(repo: Path) -> None:
    Path("pathcheck.toml").unlink()
    code, out, _ = run()
    assert code == 1
    assert "must fit: none declared" in out
    assert "FAILED  (no project file): must-fit names no hypothesis" in out


def test_an_empty_must_fit_is_not_ok(repo: Path) -> None:
    Path("pathcheck.toml").write_text("must-fit = []\n")
    code, out, _ = run("--junit", "report.xml", env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert "FAILED: 0 failed checks; the gate held nothing to the data" in out
    assert "::error file=pathcheck.toml,line=1,col=1,title=pathcheck::must-fit names no" in out
    (failed,) = [c for suite in JUnitXml.fromfile("report.xml") for c in suite if c.is_failure]
    assert "must-fit names no hypothesis" in failed.result[0].message
    payload = json.loads(run("--format", "json")[1])
    assert payload["exit_code"] == 1 and payload["held_nothing"][0]["file"] == "pathcheck.toml"


def test_a_must_fit_hypothesis_scored_on_nothing_fails_the_gate(repo: Path) -> None:
    """Tables with no observation at all (every row pending, or none): the gate checked
    nothing, and says so, with each must-fit hypothesis's count."""
    for table in Path("experiments").glob("*.yaml"):
        if table.name != "catalogue.yaml":
            table.unlink()
    Path("experiments/empty.yaml").write_text("source: {citation: x}\nexperiments: []\n")
    Path("pathcheck.toml").write_text('must-fit = ["parallel", "serial"]\n')
    code, out, _ = run()
    assert code == 1
    assert "pathcheck.toml:1:1: parallel was scored on no observation" in out
    assert "parallel: 0 passed, 0 failed, 0 known failures (0 of 0 observations scored)" in out
    payload = json.loads(run("--format", "json")[1])
    assert payload["scored"] == {"parallel": 0, "serial": 0}


def test_the_gate_says_how_many_observations_it_scored(repo: Path) -> None:
    code, out, _ = run()
    assert code == 0
    assert "parallel: 34 passed, 0 failed, 0 known failures (34 of 34 observations scored)" in out
    assert json.loads(run("--format", "json")[1])["scored"]["parallel"] == 34


def test_an_observation_a_must_fit_hypothesis_cannot_score_fails_the_gate(
    repo: Path, write: Writer
) -> None:
    """A read-out only an ungated hypothesis has: the must-fit ones cannot score it, and a
    gate that called that 'passed' would be green on an observation nobody checked."""
    text = (HYPOTHESES := repo / "hypotheses" / "serial.yaml").read_text()
    HYPOTHESES.write_text(
        text.replace("  BDNF_release:", "  FST: plasticity@pyramidal\n  BDNF_release:")
    )
    table = Path("experiments/lepack2015.yaml")
    table.write_text(
        table.read_text()
        + "\n  - {id: T1, label: swim, setting: in_vivo, on: [ketamine], observed: {FST: true},"
        + " source: t}\n"
    )
    line = len(table.read_text().splitlines())
    code, out, _ = run("--junit", "report.xml", env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert (
        f"FAILED  {table}:{line}:72: parallel has no read-out 'FST', so T1 (swim) cannot be scored"
        in out
    )
    assert f"::error file={table},line={line},col=72,title=pathcheck::parallel has no" in out
    payload = json.loads(run("--format", "json")[1])
    statuses = {(c["hypothesis"], c["status"]) for c in payload["cases"] if c["experiment"] == "T1"}
    assert statuses == {
        *((h, "failed") for h in GATED),
        ("serial", "not gated"),
        ("serial_disinhibition", "not gated"),
        ("shared_pathway", "not gated"),
    }
    xml = JUnitXml.fromfile("report.xml")
    t1 = [c for suite in xml for c in suite if c.name == "T1 FST"]
    assert all(not c.is_passed for c in t1) and len(t1) == SUITES
    code, _, _ = run("--strict")
    assert code == 1


def test_an_ambiguous_prediction_is_undecided_never_passed(repo: Path, write: Writer) -> None:
    bistable_switch(write)
    code, out, _ = run("--junit", "report.xml", env={"GITHUB_ACTIONS": "true"})
    assert code == 0
    assert "switch: 0 passed, 0 failed, 1 undecided, 0 known failures" in out
    assert "undecided  only/ketamine.yaml:4:" in out
    assert "::warning file=only/ketamine.yaml,line=4," in out
    cases = json.loads(run("--format", "json")[1])["cases"]
    (case,) = [c for c in cases if c["hypothesis"] == "switch"]
    assert case["status"] == "undecided" and case["verdict"] == "ambiguous"
    (suite,) = [s for s in JUnitXml.fromfile("report.xml") if s.name == "switch"]
    (k1,) = list(suite)
    assert isinstance(k1.result[0], Skipped) and k1.result[0].message.startswith("undecided:")


def test_past_the_explicit_bound_the_verdicts_are_the_same(repo: Path) -> None:
    """parallel's loops need more than 5 states for ketamine: BDDs answer, exactly."""
    bounded = ["compare", "parallel", "serial", "--format", "json"]
    default = json.loads(runner.invoke(app, bounded).stdout)
    symbolic = json.loads(runner.invoke(app, [*bounded, "--max-states", "5"]).stdout)
    assert symbolic["hypotheses"] == default["hypotheses"]
    assert default["hypotheses"]["parallel"]["summary"]["unknown"] == 0


def test_a_hypothesis_past_every_bound_is_unknown_and_sinks_nothing_else(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the BDD bound lowered to one node, parallel's loops pass both engines' bounds;
    serial is acyclic and needs neither."""
    monkeypatch.setattr("pathcheck.engine.symbolic.MAX_NODES", 1)
    result = runner.invoke(
        app, ["compare", "parallel", "serial", "--max-states", "5", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    parallel, serial = payload["hypotheses"]["parallel"], payload["hypotheses"]["serial"]
    k1 = parallel["experiments"]["K1"]["readouts"]["behaviour"]
    assert k1["verdict"] == "unknown" and k1["predicted"] == "unknown"
    assert "passed 5 states (--max-states), and symbolically" in k1["unknown_because"]
    assert "more than 1 BDD nodes" in k1["unknown_because"]
    summary = parallel["summary"]
    assert summary["unknown"] > 0 and summary["matched"] + summary["unknown"] == OBSERVATIONS
    normal = json.loads(runner.invoke(app, ["compare", "serial", "--format", "json"]).stdout)
    matched = normal["hypotheses"]["serial"]["summary"]["matched"]  # none the worse for it
    assert serial["summary"] == {**serial["summary"], "matched": matched, "unknown": 0}
    text = runner.invoke(app, ["compare", "parallel", "serial", "--max-states", "5"]).stdout
    assert "! K1, parallel: the state graph passed 5 states" in text

    code, out, _ = run("--max-states", "5")
    assert code == 0
    found = re.search(r"serial_loop: (\d+) passed, 0 failed, (\d+) undecided, (\d) known", out)
    assert found is not None, out
    passed, undecided, known = map(int, found.groups())
    assert undecided > 0 and passed + undecided + known == OBSERVATIONS
    assert "stale" not in out  # K2 is unknown now, not known to pass
    code, out, _ = run("--max-states", "5", "--strict")
    assert code == 1
    assert "FAILED  experiments/deyama2019_ketamine.yaml:" in out
    assert "parallel cannot predict behaviour for K1 (systemic ketamine): the state" in out


def test_a_label_cannot_inject_workflow_commands(repo: Path) -> None:
    """A newline in a label or a read-out name, then '::error ...': only pathcheck's own,
    escaped annotations may reach GitHub as commands."""
    table = Path("experiments/lepack2015.yaml")
    payload = "\\n::error file=README.md,line=1::pwned"
    text = table.read_text().replace(
        "label: ketamine (forced swim test, 24 h)", f'label: "swim{payload}"'
    )
    table.write_text(text.replace("observed: {behaviour: true}", "observed: {behaviour: false}", 1))
    code, out, err = run(env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    lines = (out + err).splitlines()
    stop = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[stop].split("::")[2]
    resume = lines.index(f"::{token}::")
    assert stop < resume
    commands = [line for line in lines[resume + 1 :] if line.startswith("::")]
    assert commands and all(c.startswith(f"::error file={table},line=") for c in commands)
    assert all("pwned" not in c or "%0A" in c or " ::error" in c for c in commands)
    outside = [line for line in lines[:stop] + lines[resume + 1 :] if "pwned" in line]
    assert all(line.startswith("::error file=experiments/") for line in outside), outside
    assert not any(line.startswith("::error file=README.md") for line in lines)


def test_csv_cells_cannot_run_as_spreadsheet_formulas(repo: Path) -> None:
    table = Path("experiments/lepack2015.yaml")
    table.write_text(
        table.read_text().replace(
            "label: ketamine (forced swim test, 24 h)", "label: '=HYPERLINK(\"http://x\")'"
        )
    )
    result = runner.invoke(app, ["compare", "parallel", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    labels = {r[3] for r in rows[1:]}
    assert '\'=HYPERLINK("http://x")' in labels
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_the_gate_holds_members_the_project_file_names(repo: Path) -> None:
    Path("pathcheck.toml").write_text(
        f'must-fit = ["{EITHER}"]\n'
        f'[known-failures."{EITHER}"]\n'
        'K2 = "VEGF from PV cells is enough: deleting it in excitatory neurons leaves FLK1 on"\n'
    )
    code, out, _ = run()
    assert code == 1  # D3 is not declared
    assert "FAILED  experiments/deyama2019.yaml:" in out
    assert f"{EITHER} predicts behaviour=1 for D3" in out
    assert f"{EITHER}: {OBSERVATIONS - 2} passed, 1 failed, 1 known failure" in out
    Path("pathcheck.toml").write_text('must-fit = ["serial_loop[vegf_source=eithr]"]\n')
    code, _, err = run()
    assert code == 2
    assert err == (
        "pathcheck.toml:1:1: choice 'vegf_source' has no option 'eithr' (did you mean "
        "'either'?) (options: PV, pyramidal, both_required, either)\n"
    )
