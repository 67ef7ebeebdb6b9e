"""pathcheck: compare mechanistic hypotheses, written as Boolean causal graphs, with experiments.

The Python API (:mod:`pathcheck.api`) and the notebook's ``show`` and ``graph``
(:mod:`pathcheck.notebook`) are re-exported here lazily, so ``import pathcheck`` costs
nothing until a function is used, and ``dir(pathcheck)`` (what tab completion offers)
lists exactly the public names::

    import pathcheck
    parallel = pathcheck.load_hypothesis("parallel")
    pathcheck.predict(parallel, on=["ketamine"], off=["VEGF"], setting="in_vivo").readouts
"""

# ruff: noqa: F405
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The public names reach type checkers through the star imports, and __all__ lists them
# for the run time, where __getattr__ imports them on first use (F405: ruff cannot see
# that the star imports define them; a test holds __all__ to the two modules').
if TYPE_CHECKING:
    from pathcheck.api import *  # noqa: F403
    from pathcheck.notebook import *  # noqa: F403

NOTEBOOK = frozenset({"graph", "show"})

__all__ = [
    "DEFAULT_ERROR_RATE",
    "DEFAULT_FIXED_POINT_LIMIT",
    "DEFAULT_MAX_EDITS",
    "DEFAULT_MAX_FAMILY_READINGS",
    "DEFAULT_MAX_FILE_SIZE",
    "DEFAULT_MAX_MODELS",
    "DEFAULT_MAX_READINGS",
    "DEFAULT_MAX_STATES",
    "Attractor",
    "CheckResult",
    "Comparison",
    "Converted",
    "Design",
    "Drawing",
    "ExperimentFile",
    "Explanation",
    "Family",
    "Hypothesis",
    "InputError",
    "Inventory",
    "Learned",
    "PathcheckWarning",
    "Prediction",
    "Repairs",
    "Report",
    "Validation",
    "__version__",
    "check",
    "compare",
    "convert",
    "design",
    "draw",
    "explain",
    "family",
    "from_bnet",
    "from_midas",
    "from_sbml",
    "from_sif",
    "graph",
    "hypotheses_folder",
    "init",
    "inventory",
    "learn",
    "load_experiments",
    "load_hypotheses",
    "load_hypothesis",
    "predict",
    "repair",
    "report",
    "schema",
    "show",
    "to_bnet",
    "to_sbml",
    "validate",
    "writable",
    "write",
]


def __getattr__(name: str) -> Any:
    """The public names, imported on first use."""
    if name in NOTEBOOK:
        from pathcheck import notebook

        return getattr(notebook, name)
    if name in __all__ and name != "__version__":
        from pathcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'pathcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names only: what tab completion in a notebook offers."""
    return sorted(__all__)
