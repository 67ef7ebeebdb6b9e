"""The repository as the tests see it: its bundled data, the published models a test
dependency ships, and the type of the ``write`` fixture (``conftest.py``) that makes
small files for a test."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HYPOTHESES = ROOT / "hypotheses"
EXPERIMENTS = ROOT / "experiments"
CATALOGUE = EXPERIMENTS / "catalogue.yaml"  # beside the tables, and no table
TABLE_FILES = sorted(p for p in EXPERIMENTS.glob("*.yaml") if p != CATALOGUE)

Writer = Callable[[str, str], Path]


def _pyboolnet_models() -> list[Path]:
    """The .bnet models of pyboolnet's repository (30 published ones), found without
    importing pyboolnet; none where it is not installed."""
    spec = importlib.util.find_spec("pyboolnet")
    if spec is None or spec.origin is None:
        return []
    return sorted((Path(spec.origin).parent / "repository").glob("*/*.bnet"))


PYBOOLNET_MODELS = _pyboolnet_models()
