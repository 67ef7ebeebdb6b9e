"""JSON: everything a script needs, in a stable order (same input, same bytes).

The data are built in :mod:`pathcheck.analysis.payload` (what the Python API's ``to_dict``
returns); here they are only dumped.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pathcheck.analysis.payload import (
    comparison_payload,
    design_payload,
    explanation_payload,
    family_payload,
    findings_payload,
    gate_payload,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from pathcheck.analysis.check import GateResult
    from pathcheck.analysis.design import Design
    from pathcheck.analysis.explain import Explanation
    from pathcheck.analysis.family import Family
    from pathcheck.analysis.score import Comparison
    from pathcheck.analysis.validate import Report
    from pathcheck.api import Prediction
    from pathcheck.model import ExperimentFile, Hypothesis


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def comparison(result: Comparison) -> str:
    return dumps(comparison_payload(result))


def prediction(found: Prediction) -> str:
    return dumps(found.to_dict())


def gate(result: GateResult) -> str:
    return dumps(gate_payload(result))


def findings(report: Report) -> str:
    return dumps(findings_payload(report))


def family(found: Family) -> str:
    return dumps(family_payload(found))


def explanation(found: Sequence[Explanation]) -> str:
    return dumps(explanation_payload(found))


def design(found: Design) -> str:
    return dumps(design_payload(found))


def listing(
    folder: Path, hypotheses: Sequence[Hypothesis], tables: Sequence[ExperimentFile]
) -> str:
    return dumps(
        {
            "hypotheses_folder": str(folder),
            "hypotheses": [
                {
                    "name": h.name,
                    "title": h.title,
                    "file": h.file,
                    "choices": [c.name for c in h.choices],
                    "readouts": sorted(h.readouts),
                }
                for h in hypotheses
            ],
            "tables": [
                {
                    "file": t.file,
                    "title": t.title,
                    "experiments": [e.id for e in t.experiments],
                }
                for t in tables
            ],
        }
    )
