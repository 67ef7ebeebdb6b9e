"""Once through the installed console script, as a user's shell runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def installed_script() -> str:
    beside = Path(sys.executable).with_name("pathcheck")
    found = str(beside) if beside.exists() else shutil.which("pathcheck")
    if found is None:
        pytest.fail("the pathcheck console script is not installed: pip install -e '.[test]'")
    return found


@pytest.mark.slow
def test_installed_script_runs_the_main_job_from_any_folder(tmp_path: Path) -> None:
    script = installed_script()
    done = subprocess.run(
        [script, "compare", "serial", "parallel", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert set(payload["hypotheses"]) == {"serial", "parallel"}
    assert payload["hypotheses"]["parallel"]["summary"]["mismatched"] == 0


@pytest.mark.slow
def test_installed_script_help_and_bad_input(tmp_path: Path) -> None:
    script = installed_script()
    helped = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert helped.returncode == 0 and "compare" in helped.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\ntitle: t\nsource: s\nnodes: {A: B &}\nreadouts: {r: A}\n")
    done = subprocess.run(
        [script, "compare", str(bad)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"{bad}:4:")
    assert "Traceback" not in done.stderr
