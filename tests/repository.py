"""The repository as the tests see it: its bundled data, and the type of the ``write``
fixture (``conftest.py``) that makes small files for a test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HYPOTHESES = ROOT / "hypotheses"
EXPERIMENTS = ROOT / "experiments"
CATALOGUE = EXPERIMENTS / "catalogue.yaml"  # beside the tables, and no table
TABLE_FILES = sorted(p for p in EXPERIMENTS.glob("*.yaml") if p != CATALOGUE)

Writer = Callable[[str, str], Path]
