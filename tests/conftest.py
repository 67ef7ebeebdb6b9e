"""Shared fixtures: the repository's data folders and a writer for small YAML files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HYPOTHESES = ROOT / "hypotheses"
EXPERIMENTS = ROOT / "experiments"
CATALOGUE = EXPERIMENTS / "catalogue.yaml"  # beside the tables, and no table
TABLE_FILES = sorted(p for p in EXPERIMENTS.glob("*.yaml") if p != CATALOGUE)

Writer = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write dedented text to a file under tmp_path and return its path."""

    def writer(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return writer
