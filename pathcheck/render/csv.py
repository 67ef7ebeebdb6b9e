"""CSV, one line per hypothesis, experiment and read-out: the long format for R and pandas."""

from __future__ import annotations

import csv
import io

from pathcheck.analysis.family import Family
from pathcheck.analysis.outcomes import plain_value
from pathcheck.analysis.score import Comparison
from pathcheck.render.escape import csv_cell

COLUMNS = [
    "hypothesis",
    "file",
    "experiment",
    "label",
    "setting",
    "readout",
    "observed",
    "predicted",
    "verdict",
    "unmatched_selectors",
    "verified",
    "robust",
    "hinges_on",
]


def comparison(result: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for column, hypothesis in enumerate(result.hypotheses):
        for index, row in enumerate(result.rows):
            cell = row.cells[column]
            found = result.robustness[index][column] if result.robustness else None
            experiment = row.experiment
            writer.writerow(
                csv_cell(value)
                for value in [
                    hypothesis.name,
                    experiment.location.file,
                    experiment.id,
                    experiment.label,
                    experiment.setting,
                    row.observation.readout,
                    plain_value(row.observation.value),
                    "" if cell.predicted is None else plain_value(cell.predicted),
                    cell.verdict.value,
                    ";".join(cell.unmatched),
                    str(experiment.verified).lower(),
                    "" if found is None else str(found.robust).lower(),
                    "" if found is None else ";".join(found.hinges_on),
                ]
            )
    return out.getvalue()


def family(found: Family) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [c.name for c in found.choices]
    writer.writerow(
        ["rank", "member", *names, "log_likelihood", "matched", "mismatched", "undecided", "fits"]
    )
    for rank, s in enumerate(found.scored, start=1):
        options = dict(s.assignment)
        writer.writerow(
            csv_cell(v)
            for v in [
                rank,
                s.member,
                *(options[n] for n in names),
                f"{s.log_likelihood:.6f}",
                s.matched,
                s.mismatched,
                s.undecided,
                str(s.fits).lower(),
            ]
        )
    return out.getvalue()
