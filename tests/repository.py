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

# The bundled data as it stood before issue 17 declared the readings the hypotheses had
# taken without saying so. Issue 19's tests pin the one-edit neighbours and repairs of
# that data: two of its cases (parallel releasing VEGF through TRKB alone, serial_loop
# with TRKB on pyramidal neurons) are now declared choices of the bundled files, so the
# tests that show them being found read this copy, which nothing else changes.
FROZEN = ROOT / "tests" / "data" / "before_issue_17"
FROZEN_HYPOTHESES = FROZEN / "hypotheses"
FROZEN_EXPERIMENTS = FROZEN / "experiments"
FROZEN_CATALOGUE = FROZEN_EXPERIMENTS / "catalogue.yaml"
FROZEN_TABLE_FILES = sorted(p for p in FROZEN_EXPERIMENTS.glob("*.yaml") if p != FROZEN_CATALOGUE)

Writer = Callable[[str, str], Path]
