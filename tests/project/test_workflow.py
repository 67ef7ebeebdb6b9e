"""The GitHub workflow `pathcheck init` writes: well formed, and its steps, run by hand in
their shell, install pathcheck, gate, annotate and keep the JUnit report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from pathcheck.cli import app
from pathcheck.project import scaffold
from pathcheck.project.scaffold import PLACEHOLDER, contents
from tests.repository import ROOT

runner = CliRunner()
WORKFLOW = ".github/workflows/pathcheck.yml"


def _steps(text: str) -> dict[str, dict[str, Any]]:
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["check"]["steps"]
    return {step.get("name") or step["uses"].split("@")[0]: step for step in steps}


def _run(step: dict[str, Any], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    assert step["shell"] == "bash"
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_workflow_is_well_formed_and_keeps_the_junit_report() -> None:
    text = contents()[WORKFLOW]
    workflow = yaml.safe_load(text)
    assert workflow[True] == ["push", "pull_request"]  # YAML 1.1 reads the key "on" as true
    steps = _steps(text)
    assert list(steps) == [
        "actions/checkout",
        "actions/setup-python",
        "Install pathcheck",
        "pathcheck check",
        "Keep the JUnit report",
    ]
    assert steps["pathcheck check"]["run"] == "pathcheck check --junit pathcheck-junit.xml"
    kept = steps["Keep the JUnit report"]
    assert kept["uses"].startswith("actions/upload-artifact@") and kept["if"] == "always()"
    assert kept["with"]["path"] == "pathcheck-junit.xml"
    for step in steps.values():  # nothing from the event reaches a shell inline
        assert "${{" not in step.get("run", "")
    line = text.splitlines().index(f'  PATHCHECK: "{PLACEHOLDER}"') + 1
    assert f"file={WORKFLOW},line={line}," in steps["Install pathcheck"]["run"]


def test_left_unfilled_the_install_step_fails_with_what_to_do(tmp_path: Path) -> None:
    text = contents()[WORKFLOW]
    env = {**os.environ, "PATHCHECK": yaml.safe_load(text)["env"]["PATHCHECK"]}
    done = _run(_steps(text)["Install pathcheck"], env, tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith(f"::error file={WORKFLOW},line=9,title=pathcheck::Set PATHCHECK")


class _Installed:
    def __init__(self, record: dict[str, Any] | None) -> None:
        self.record = record

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return None if self.record is None else json.dumps(self.record)


@pytest.mark.parametrize(
    ("record", "spec"),
    [
        (
            {
                "url": "https://github.com/lab/pathcheck",
                "vcs_info": {"vcs": "git", "commit_id": "abc123", "requested_revision": "v1"},
            },
            "pathcheck @ git+https://github.com/lab/pathcheck@abc123",
        ),
        (
            {"url": "https://example.org/pathcheck-0.1.tar.gz", "archive_info": {}},
            "pathcheck @ https://example.org/pathcheck-0.1.tar.gz",
        ),
        ({"url": "file:///home/me/pathcheck", "dir_info": {"editable": True}}, None),
        (None, None),  # from an index: its name there may be anybody's
    ],
)
def test_init_fills_in_where_this_pathcheck_came_from(
    record: dict[str, Any] | None, spec: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scaffold, "distribution", lambda name: _Installed(record))
    assert scaffold.install_spec() == spec
    env = yaml.safe_load(contents()[WORKFLOW])["env"]
    assert env["PATHCHECK"] == (spec or PLACEHOLDER)


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "p"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    (folder / ".git").mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_invalid_input_is_annotated_and_reported_in_junit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _project(tmp_path, monkeypatch)
    hypothesis = folder / "hypotheses" / "example.yaml"
    hypothesis.write_text(hypothesis.read_text().replace("receptor: ligand", "receptor: ligand &"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["check", "--junit", "pathcheck-junit.xml"])
    assert result.exit_code == 2
    assert result.stdout.startswith(
        "::error file=hypotheses/example.yaml,line=16,col=21,title=pathcheck::rule of 'receptor'"
    )
    junit = (folder / "pathcheck-junit.xml").read_text()
    assert 'errors="1"' in junit and "hypotheses/example.yaml:16:21: rule of" in junit
    # the next run, fixed, replaces the report pathcheck wrote
    hypothesis.write_text(hypothesis.read_text().replace("receptor: ligand &", "receptor: ligand"))
    again = runner.invoke(app, ["check", "--junit", "pathcheck-junit.xml"])
    assert again.exit_code == 0 and 'failures="0"' in (folder / "pathcheck-junit.xml").read_text()


def test_the_junit_file_of_invalid_input_is_never_written_over_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _project(tmp_path, monkeypatch)
    table = folder / "experiments" / "example.yaml"
    table.write_text(table.read_text() + "  - {id: E1}\n")  # invalid: a duplicate, no label
    before = table.read_text()
    result = runner.invoke(app, ["check", "--junit", str(table), "--force"])
    assert result.exit_code == 2 and table.read_text() == before


@pytest.mark.slow
def test_the_steps_run_by_hand_install_pathcheck_and_gate(tmp_path: Path) -> None:
    """The install step, given a spec pip can reach (this checkout, as a Git URL would be),
    installs pathcheck in a fresh environment; the gate step then runs green and writes
    the report the artefact step keeps."""
    folder = tmp_path / "p"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    (folder / ".git").mkdir()
    environment = tmp_path / "env"
    venv.create(environment, with_pip=True)
    bin_dir = environment / ("Scripts" if sys.platform == "win32" else "bin")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PATHCHECK": f"pathcheck @ {ROOT.as_uri()}",
        "VIRTUAL_ENV": str(environment),
    }
    env.pop("PYTHONPATH", None)
    steps = _steps((folder / WORKFLOW).read_text())
    installed = _run(steps["Install pathcheck"], env, folder)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (bin_dir / "pathcheck").exists()
    gated = _run(steps["pathcheck check"], env, folder)
    assert gated.returncode == 0, gated.stdout + gated.stderr
    assert (folder / steps["Keep the JUnit report"]["with"]["path"]).is_file()
