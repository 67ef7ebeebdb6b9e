"""Files as a user's machine has them: nothing overwritten, nothing half written, nothing
that blocks, and a system failure told in one line, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck.cli import app
from tests.repository import EXPERIMENTS, HYPOTHESES, ROOT

runner = CliRunner()
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _unprivileged_can_run() -> bool:
    """Root ignores permissions, so these tests drop to 'nobody' with setpriv; that user
    must be able to run this interpreter and import pathcheck from where it lies."""
    if not IS_ROOT:
        return True
    if not shutil.which("setpriv"):
        return False
    done = subprocess.run(
        [*DROP, sys.executable, "-c", "import pathcheck"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
        timeout=60,
    )
    return done.returncode == 0


DROP = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
ROOTLESS = pytest.mark.skipif(
    not _unprivileged_can_run(),
    reason="running as root, and no unprivileged user can run this interpreter here "
    "(setpriv missing, or the checkout is private to root)",
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in ("hypotheses", "experiments"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "pathcheck.toml", tmp_path / "pathcheck.toml")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


# --- item 8: every output path follows one rule ----------------------------------------


def test_junit_onto_a_hypothesis_is_refused_and_the_hypothesis_kept(repo: Path) -> None:
    before = Path("hypotheses/parallel.yaml").read_bytes()
    for extra in ([], ["--force"]):
        code, out, err = invoke("check", "--junit", "hypotheses/parallel.yaml", *extra)
        assert code == 2 and out == ""
        assert err == "hypotheses/parallel.yaml: is an input of this command: not overwritten\n"
    assert Path("hypotheses/parallel.yaml").read_bytes() == before


def test_junit_replaces_its_own_report_and_nothing_else_without_force(repo: Path) -> None:
    assert invoke("check", "--junit", "report.xml")[0] == 0
    assert invoke("check", "--junit", "report.xml")[0] == 0  # CI runs it again and again
    Path("notes.xml").write_text("<notes>mine</notes>\n")
    code, _, err = invoke("check", "--junit", "notes.xml")
    assert code == 2
    assert "notes.xml: exists already and pathcheck did not write it" in err
    assert Path("notes.xml").read_text() == "<notes>mine</notes>\n"
    assert invoke("check", "--junit", "notes.xml", "--force")[0] == 0
    assert '<testsuites name="pathcheck"' in Path("notes.xml").read_text()


@pytest.mark.parametrize(
    "text",
    [
        '# Notes\nCI writes <testsuites name="pathcheck" here; keep these notes.\n',
        "<?xml version='1.0' encoding='utf-8'?>\n<testsuites name=\"pathcheck\">"
        "<notes>mine</notes></testsuites>\n",
        "<?xml version='1.0' encoding='utf-8'?>\n<testsuites name=\"pathcheck\" "
        'generator="pathcheck"><testsuite/></testsuites><!-- and my notes after it',
    ],
)
def test_a_file_that_only_looks_like_a_junit_report_is_kept(repo: Path, text: str) -> None:
    """The report is recognised by its structure (the declaration, then a parsed root
    with pathcheck's name and generator holding only test suites), not by a string a
    user's notes may quote."""
    Path("NOTES.md").write_text(text)
    code, _, err = invoke("check", "--junit", "NOTES.md")
    assert code == 2 and "NOTES.md: exists already and pathcheck did not write it" in err
    assert Path("NOTES.md").read_text() == text


def test_export_and_import_outputs_follow_the_same_rule(repo: Path) -> None:
    Path("mine.bnet").write_text("a, a\n")
    code, _, err = invoke("export", "parallel", "--to", "bnet", "-o", "mine.bnet")
    assert code == 2 and "mine.bnet: exists already and pathcheck did not write it" in err
    assert invoke("export", "parallel", "--to", "bnet", "-o", "mine.bnet", "--force")[0] == 0
    code, _, err = invoke("import", "mine.bnet", "-o", "mine.bnet", "--force")
    assert code == 2 and "mine.bnet: is an input of this command" in err
    code, _, err = invoke(
        "export",
        "hypotheses/serial.yaml",
        "--to",
        "bnet",
        "-o",
        "hypotheses/serial.yaml",
        "--force",
    )
    assert code == 2 and "is an input of this command" in err


def test_the_temporary_file_never_takes_a_name_a_user_file_has(repo: Path) -> None:
    """The old writer used '.NAME.pathcheck-tmp', clobbering a user's file of that name."""
    Path(".out.bnet.pathcheck-tmp").write_text("mine\n")
    assert invoke("export", "parallel", "--to", "bnet", "-o", "out.bnet")[0] == 0
    assert Path(".out.bnet.pathcheck-tmp").read_text() == "mine\n"
    leftovers = [p.name for p in Path().iterdir() if p.name.endswith(".pathcheck-tmp")]
    assert leftovers == [".out.bnet.pathcheck-tmp"]


def test_a_write_into_a_missing_folder_is_one_line(repo: Path) -> None:
    code, _, err = invoke("check", "--junit", "no/such/folder/report.xml")
    assert code == 2
    assert err == "no/such/folder/report.xml: cannot write: No such file or directory\n"


# --- item 9: init writes everything or nothing ----------------------------------------


def test_init_with_a_file_where_a_folder_is_needed_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "schemas").write_text("mine\n")
    code, _, err = invoke("init", str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'schemas'}: is in the way: a folder is needed there" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schemas"]


@ROOTLESS
def test_init_in_a_read_only_folder_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "hypotheses").mkdir()
    (folder / "hypotheses").chmod(0o555)  # the first files can be written, not these
    try:
        result = as_user(["init", str(folder)])
    finally:
        (folder / "hypotheses").chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "cannot write: Permission denied; nothing was written" in result.stderr
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["hypotheses"]


def as_user(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The console script, run without root's power over permissions when we are root."""
    command = [sys.executable, "-m", "pathcheck", *args]
    if IS_ROOT:
        command = [*DROP, *command]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the source tree, readable by anyone
    return subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=120, cwd=cwd, env=env
    )


# --- item 10: the system's failures ----------------------------------------------------


@ROOTLESS
def test_unreadable_folders_are_one_line() -> None:
    with tempfile.TemporaryDirectory() as name:  # outside pytest's private tmp, which the
        top = Path(name)  # unprivileged user could not even enter
        top.chmod(0o755)
        folder = top / "hypotheses"  # found as ./hypotheses, as a user meets it
        shutil.copytree(HYPOTHESES, folder)
        folder.chmod(0o300)  # searchable, not listable
        hidden = top / "hidden"
        hidden.mkdir(mode=0o700)
        try:
            listed = as_user(["compare", "--experiments", str(EXPERIMENTS)], cwd=top)
            entered = as_user(["compare", "--experiments", str(hidden / "t.yaml")])
        finally:
            folder.chmod(0o755)
    assert listed.returncode == 2
    assert listed.stderr == "hypotheses: cannot read folder: Permission denied\n"
    assert entered.returncode == 2
    assert entered.stderr == f"{hidden / 't.yaml'}: Permission denied\n"


def test_a_fifo_given_as_a_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "table.yaml"
    os.mkfifo(fifo)
    for args in (
        ["validate", str(fifo)],
        ["compare", "--experiments", str(fifo)],
        ["compare", str(fifo)],
        ["check", "--project", str(fifo)],
        ["import", str(fifo)],
    ):
        code, out, err = invoke(*args)
        assert code == 2, args
        assert f"{fifo}:1:1: " in out + err and "not a regular file (a pipe)" in out + err, args


def test_a_full_standard_output_is_one_line_and_exit_2() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "pathcheck", "compare", "serial", "parallel"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr == "standard output: No space left on device\n"


def test_a_reader_that_leaves_early_gets_no_traceback() -> None:
    done = subprocess.run(
        f"{sys.executable} -m pathcheck compare | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""


def test_a_folder_given_as_a_file_is_one_located_line(tmp_path: Path) -> None:
    import pathcheck

    folder = tmp_path / "model.yaml"
    folder.mkdir()
    expected = f"{folder}:1:1: not a regular file (a folder)"
    for args in (
        ["validate", str(folder)],
        ["compare", str(folder)],
        ["predict", str(folder)],
        ["check", "--project", str(folder)],
        ["import", str(folder)],
        ["design", "parallel", "serial", "--catalogue", str(folder)],
    ):
        code, out, err = invoke(*args)
        assert code == 2, args
        assert f"{folder}:1:1: " in out + err and "not a regular file (a folder)" in out + err
    with pytest.raises(pathcheck.InputError) as raised:
        pathcheck.load_hypothesis(folder)
    assert str(raised.value) == expected
