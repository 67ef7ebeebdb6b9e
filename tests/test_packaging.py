"""The wheel carries the bundled data, so an installed pathcheck works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.repository import EXPERIMENTS, HYPOTHESES, ROOT


@pytest.mark.slow
def test_wheel_carries_every_bundled_file(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("pathcheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, kind in ((HYPOTHESES, "hypotheses"), (EXPERIMENTS, "experiments")):
        for path in folder.glob("*.yaml"):
            assert f"pathcheck/bundled/{kind}/{path.name}" in names
    assert "pathcheck/bundled/pathcheck.toml" in names  # init --example copies it
    assert "pathcheck/engine/explicit.py" in names
    assert "pathcheck/formats/schemas/hypothesis.schema.json" in names
    assert "pathcheck/formats/schemas/experiments.schema.json" in names
    assert "pathcheck/analysis/learn.lp" in names  # learn's program, read beside its module
    assert "pathcheck/py.typed" in names  # a user's mypy sees the API's types
