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
from pathcheck.project.scaffold import contents
from tests.repository import ROOT

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
    workflow = yaml.safe_load(made[".github/workflows/pathcheck.yml"])
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[-1]["run"].startswith("pathcheck check")
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
    repo = tmp_path / "hyps"
    assert runner.invoke(app, ["init", str(repo)]).exit_code == 0
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "pathcheck", "--all-files"],
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
