"""pathcheck init, the pre-commit hook and the GitHub Action, as other repositories use them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pathcheck.cli import app
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.project.scaffold import contents
from tests.repository import ROOT, TABLE_FILES

runner = CliRunner()


def test_init_makes_a_repository_that_passes_its_own_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.stderr
    made = sorted(
        p.relative_to(tmp_path / "new").as_posix()
        for p in (tmp_path / "new").rglob("*")
        if p.is_file()
    )
    assert made == sorted(contents())
    monkeypatch.chdir(tmp_path / "new")
    (tmp_path / "new" / ".git").mkdir()
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert "example: 3 passed, 0 failed, 0 known failures" in checked.stdout
    validated = runner.invoke(app, ["validate"])
    assert validated.exit_code == 0 and "0 errors, 0 warnings" in validated.stdout


def test_init_overwrites_nothing(tmp_path: Path) -> None:
    (tmp_path / "pathcheck.toml").write_text("# mine\n")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'pathcheck.toml'}: exists already" in result.stderr
    assert (tmp_path / "pathcheck.toml").read_text() == "# mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["pathcheck.toml"]


def test_the_scaffolded_ci_files_and_the_action_are_well_formed() -> None:
    made = contents()
    hooks = yaml.safe_load(made[".pre-commit-config.yaml"])["repos"][0]["hooks"]
    assert hooks[0]["id"] == "pathcheck" and hooks[0]["entry"] == "pathcheck check"
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:  # inputs reach the shell through env, never inline
        assert "${{" not in step.get("run", "")
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert published[0]["id"] == "pathcheck" and published[0]["language"] == "python"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_try_repo_runs_the_hook_green(tmp_path: Path) -> None:
    """pre-commit installs this repository into its own environment and runs the hook."""
    _pre_commit(tmp_path, "try-repo", str(ROOT), "pathcheck", "--all-files")


def _pre_commit(tmp_path: Path, *args: str) -> None:
    """pre-commit run with ``args`` in a new ``pathcheck init`` repository, every file
    staged, this environment's pathcheck on PATH: green, and the hook ran."""
    repo = tmp_path / "hyps"
    assert runner.invoke(app, ["init", str(repo)]).exit_code == 0
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pathcheck check" in done.stdout and "Passed" in done.stdout


def test_the_repositorys_own_pre_commit_runs_what_ci_runs() -> None:
    """ruff, ruff format, mypy and the gate on the bundled data, from the development
    environment's own tools: nothing fetched, every entry a console script it has."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert set(hooks) == {"ruff", "ruff-format", "mypy", "pathcheck"}
    bin_dir = Path(sys.executable).parent
    for hook in hooks.values():
        assert hook["language"] == "system"
        assert (bin_dir / hook["entry"].split()[0]).exists(), hook["entry"]
    assert hooks["pathcheck"]["entry"] == "pathcheck check"
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- the first minutes in a new project: the bundled case within reach ------------------


def _fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> Path:
    """``pathcheck init`` in a new folder, entered as a new user would."""
    folder = tmp_path / "p"
    made = runner.invoke(app, ["init", str(folder), *extra])
    assert made.exit_code == 0, made.stderr
    (folder / ".git").mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_a_new_project_reaches_the_bundled_hypotheses_and_their_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fresh(tmp_path, monkeypatch)
    result = runner.invoke(app, ["compare", "serial", "parallel", "--readings", "default"])
    assert result.exit_code == 0, result.stderr
    n = sum(len(e.observations) for t in load_experiment_files(TABLE_FILES) for e in t.experiments)
    assert f"{n} observations from {len(TABLE_FILES)} sources" in result.stdout  # bundled
    assert "Example outcomes" not in result.stdout
    assert "serial, parallel: not in hypotheses, so the copies bundled with pathcheck" in (
        result.stderr
    )
    named = runner.invoke(app, ["compare", "pathcheck:serial", "--readings", "default"])
    assert named.exit_code == 0 and named.stderr == ""  # named so: nothing to warn of
    own = runner.invoke(app, ["compare", "example", "--readings", "default"])
    assert own.exit_code == 0 and "Example outcomes" in own.stdout
    assert "Deyama" not in own.stdout


def test_an_unknown_name_lists_the_bundled_ones_and_how_to_reach_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fresh(tmp_path, monkeypatch)
    result = runner.invoke(app, ["compare", "serail"])
    assert result.exit_code == 2
    assert result.stderr == (
        "command line: no hypothesis 'serail' in hypotheses (did you mean 'serial'?); in "
        "hypotheses: example; bundled with pathcheck: parallel, serial, serial_disinhibition, "
        "serial_loop, shared_pathway\n"
    )
    table = runner.invoke(app, ["compare", "serial", "--experiments", "pathcheck:deyama"])
    assert table.exit_code == 2 and "(did you mean 'deyama20" in table.stderr
    assert f"bundled: {', '.join(p.stem for p in TABLE_FILES)}" in table.stderr


def test_init_example_copies_the_bundled_case_with_working_schema_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _fresh(tmp_path, monkeypatch, "--example", "deyama2019")
    copied = sorted(folder.glob("*/*.yaml"))
    assert {p.name for p in copied} >= {"serial.yaml", "deyama2019.yaml", "catalogue.yaml"}
    for path in copied:
        modeline = path.read_text().splitlines()[0]
        target = modeline.split("$schema=")[1]
        assert target.startswith("../schemas/") and (path.parent / target).is_file(), path
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    n = sum(len(e.observations) for t in load_experiment_files(TABLE_FILES) for e in t.experiments)
    assert f"parallel: {n} passed, 0 failed" in checked.stdout
    compared = runner.invoke(app, ["compare", "serial", "parallel", "--readings", "default"])
    assert compared.exit_code == 0 and compared.stderr == ""  # the project's own copies now
    validated = runner.invoke(app, ["validate"])
    assert validated.exit_code == 0 and "0 errors, 0 warnings" in validated.stdout


def test_the_example_stays_green_when_the_bundled_case_is_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example answers for its own table ([scope]); a table added with the hypotheses
    it was written for is shown, and gated only for the hypotheses declared to fit it."""
    folder = _fresh(tmp_path, monkeypatch)
    shutil.copy(ROOT / "experiments" / "deyama2019.yaml", folder / "experiments")
    for name in ("serial", "parallel"):
        shutil.copy(ROOT / "hypotheses" / f"{name}.yaml", folder / "hypotheses")
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert "must fit: example (on experiments/example.yaml)" in checked.stdout
    assert "example: 3 passed, 0 failed, 0 known failures, 16 outside its scope" in (checked.stdout)
    compared = runner.invoke(app, ["compare", "--readings", "default"])
    assert "Coverage is the share of observations a hypothesis has the read-out for: " in (
        compared.stdout
    )
    assert "example scores 3 of 19 (no read-out BDNF_release" in compared.stdout
    # without the scope, the gate fails on each observation the example cannot score, and
    # says what to do
    project = folder / "pathcheck.toml"
    project.write_text(project.read_text().split("[scope]")[0])
    failed = runner.invoke(app, ["check"])
    assert failed.exit_code == 1
    assert "example has no read-out 'behaviour', so D1" in failed.stdout
    assert "give it the read-out, or list the tables it answers for under [scope]" in (
        failed.stdout
    )


def test_a_table_no_hypothesis_of_the_project_reads_is_refused_on_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _fresh(tmp_path, monkeypatch)
    shutil.copy(ROOT / "experiments" / "deyama2019.yaml", folder / "experiments")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    lines = (ROOT / "experiments" / "deyama2019.yaml").read_text().splitlines()
    line = (
        lines.index("  - id: D1")
        + 1
        + next(
            i for i, text in enumerate(lines[lines.index("  - id: D1") :]) if "on: [BDNF]" in text
        )
    )
    assert (
        f"experiments/deyama2019.yaml:{line}:10: error: 'BDNF' in D1 matches a node in no "
        "hypothesis [unmatched-selector]"
    ) in result.stderr


def test_a_scope_that_names_nothing_real_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _fresh(tmp_path, monkeypatch)
    project = folder / "pathcheck.toml"
    text = project.read_text().replace("experiments/example.yaml", "experiments/exampel.yaml")
    project.write_text(text + 'other = "experiments/example.yaml"\n')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].endswith(
        "scope of 'example' names experiments/exampel.yaml, which is no outcome table checked"
    )
    assert lines[1].endswith("scope names 'other', which is no hypothesis found")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_run_all_files_passes_in_a_new_project(tmp_path: Path) -> None:
    """The generated config's hook runs the pathcheck installed where one commits."""
    _pre_commit(tmp_path, "run", "--all-files")
