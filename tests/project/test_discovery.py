"""Discovery reads every file it lists, or the command fails: no gate passes on tables it
never read (a dangling link, a subfolder, a name in capitals)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pathcheck
from pathcheck.cli import app

runner = CliRunner()

# the example's E1 observed the other way: a gate that reads it must fail
CONTRADICTION = """
source: {citation: "Smith 2020"}
experiments:
  - id: S1
    label: ligand alone, seen to do nothing
    setting: in_vivo
    on: [ligand]
    observed: {response: false}
    source: a test
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pathcheck.init(tmp_path)
    (tmp_path / "pathcheck.toml").write_text('must-fit = ["example"]\n')  # every table
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout + result.stderr


def test_the_scaffold_passes_before_anything_is_added(project: Path) -> None:
    assert run("check")[0] == 0


@pytest.mark.parametrize(
    "name", ["smith2020/table.yaml", "deep/er/table.yml", "SMITH.YAML", "smith.Yml"]
)
def test_a_table_anywhere_below_the_folder_is_read(project: Path, name: str) -> None:
    path = project / "experiments" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONTRADICTION)
    code, out = run("check")
    assert code == 1, out
    assert "S1" in out
    assert "S1" in run("compare")[1]
    assert str(path.relative_to(project)) in run("list")[1]


@pytest.mark.parametrize("name", ["dangling.yaml", "submodule", "notes.txt"])
def test_a_link_to_nothing_fails_every_command_that_reads_the_folder(
    project: Path, name: str
) -> None:
    link = project / "experiments" / name
    os.symlink(project / "not-fetched", link)
    message = f"experiments/{name}: a link to {project / 'not-fetched'}, which does not exist"
    for args in (["check"], ["validate"], ["compare"], ["list"], ["family", "example"]):
        code, out = run(*args)
        assert code == 2, (args, out)
        assert message in out, (args, out)
    with pytest.raises(pathcheck.InputError, match="which does not exist"):
        pathcheck.check()


def test_a_table_that_is_not_a_regular_file_fails_the_gate(project: Path) -> None:
    os.mkfifo(project / "experiments" / "pipe.yaml")
    code, out = run("check")
    assert code == 2
    assert "experiments/pipe.yaml:1:1: not a regular file (a pipe)" in out


def test_hidden_names_and_other_suffixes_are_not_tables(project: Path) -> None:
    (project / "experiments" / ".#example.yaml").write_text(CONTRADICTION)  # an editor's
    (project / "experiments" / ".drafts").mkdir()
    (project / "experiments" / ".drafts" / "t.yaml").write_text(CONTRADICTION)
    (project / "experiments" / "README.md").write_text("# notes\n")
    assert run("check")[0] == 0


def test_a_hypothesis_in_a_subfolder_is_found_by_name(project: Path) -> None:
    moved = project / "hypotheses" / "drafts" / "example.yml"
    moved.parent.mkdir()
    (project / "hypotheses" / "example.yaml").rename(moved)
    code, out = run("compare", "example")
    assert code == 0, out
    assert run("check")[0] == 0
