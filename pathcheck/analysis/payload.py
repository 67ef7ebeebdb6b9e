"""Results as plain data: what ``to_dict()`` returns and ``--format json`` prints.

One builder per result, in a stable order (same input, same dict), free of any output
format: :mod:`pathcheck.render.json` only dumps what is built here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pathcheck import __version__
from pathcheck.analysis.score import Comparison, Summary, Verdict
from pathcheck.engine.explicit import AMBIGUOUS, UNKNOWN, Attractor, Predicted
from pathcheck.model import Choice, Experiment

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pathcheck.analysis.check import GateResult
    from pathcheck.analysis.design import Design
    from pathcheck.analysis.explain import Explanation
    from pathcheck.analysis.family import Family
    from pathcheck.analysis.validate import Report


def value_json(value: Predicted | bool | None) -> int | str | None:
    """1, 0, "ambiguous", "unknown", or None where there is no value."""
    if value is None:
        return None
    if value in (AMBIGUOUS, UNKNOWN):
        return str(value)
    return 1 if value else 0


def _experiment(experiment: Experiment) -> dict[str, Any]:
    return {
        "id": experiment.id,
        "label": experiment.label,
        "file": experiment.location.file,
        "line": experiment.location.line,
        "setting": experiment.setting,
        "on": [i.selector.text for i in experiment.interventions if i.value],
        "off": [i.selector.text for i in experiment.interventions if not i.value],
        "source": experiment.evidence,
        "figure": experiment.figure,
        "verified": experiment.verified,
        "inferred_because": experiment.inferred,
    }


def _summary(summary: Summary) -> dict[str, Any]:
    return {
        "matched": summary.matched,
        "mismatched": summary.mismatched,
        "ambiguous": summary.ambiguous,
        "unknown": summary.unknown,
        "not_applicable": summary.not_applicable,
        "scored": summary.scored,
        "total": summary.total,
        "coverage": round(summary.coverage, 6),
        "log_likelihood": round(summary.log_likelihood, 6),
        "posterior": round(summary.posterior, 6),
        "log10_bayes_factor_vs_best": round(summary.log10_bayes_factor, 6),
        "nodes": summary.nodes,
        "edges": summary.edges,
    }


def _choice(choice: Choice) -> dict[str, Any]:
    return {
        "name": choice.name,
        "question": choice.question,
        "source": choice.source,
        "options": list(choice.options),
        "default": choice.default,
        "file": choice.location.file,
        "line": choice.location.line,
    }


def comparison_payload(result: Comparison) -> dict[str, Any]:
    hypotheses: dict[str, Any] = {}
    for column, (hypothesis, summary) in enumerate(
        zip(result.hypotheses, result.summaries, strict=True)
    ):
        experiments: dict[str, Any] = {}
        family = result.readings[column] if result.readings else None
        for index, row in enumerate(result.rows):
            cell = row.cells[column]
            entry = experiments.setdefault(
                row.experiment.id, {"unmatched_selectors": list(cell.unmatched), "readouts": {}}
            )
            readout: dict[str, Any] = {
                "observed": value_json(row.observation.value),
                "predicted": value_json(cell.predicted),
                "verdict": cell.verdict.value,
            }
            if cell.verdict is Verdict.AMBIGUOUS:
                readout["by_attractor"] = [value_json(v) for v in cell.by_attractor]
            if cell.verdict is Verdict.UNKNOWN:
                readout["unknown_because"] = cell.unknown
            if family is not None:
                found = result.robustness[index][column]
                readout["robust"] = found.robust
                readout["hinges_on"] = list(found.hinges_on)
                readout["by_reading"] = {
                    r.name: v.value for r, v in zip(family.readings, found.verdicts, strict=True)
                }
            entry["readouts"][row.observation.readout] = readout
        hypotheses[hypothesis.name] = {
            "title": hypothesis.title,
            "file": hypothesis.file,
            "choices": [_choice(c) for c in hypothesis.choices],
            "summary": _summary(summary),
            "experiments": experiments,
        }
        if family is not None:
            hypotheses[hypothesis.name]["readings"] = {
                "log10_bayes_factor_range": [round(x, 6) for x in family.log10_bayes_factor_range],
                "fitting": family.fitting,
                "scored": [
                    {
                        "name": r.name,
                        "member": r.member,
                        "data": dict(r.data),
                        "log_likelihood": round(r.log_likelihood, 6),
                        "fits_every_observation": r.fits,
                    }
                    for r in family.readings
                ],
            }
    experiments_seen: dict[str, Any] = {}
    for row in result.rows:
        experiments_seen.setdefault(row.experiment.id, _experiment(row.experiment))
    payload = {
        "pathcheck": __version__,
        "error_rate": result.error_rate,
        "sources": [
            {"file": t.file, "title": t.title, "citation": t.source.citation, "pmid": t.source.pmid}
            for t in result.files
        ],
        "experiments": list(experiments_seen.values()),
        "readings_scored": bool(result.readings),
        "data_choices": [_choice(c) for c in result.data_choices],
        "hypotheses": hypotheses,
        "disagreements": sorted(
            {r.experiment.id for r in result.rows if r.disagreement},
            key=list(experiments_seen).index,
        ),
    }
    if result.pending:  # only when there are some: the payload of a table of results stays
        payload["pending"] = [
            {
                **_experiment(p.experiment),
                "measure": list(p.experiment.measure),
                "predicted": {
                    readout: {
                        h.name: value_json(v)
                        for h, v in zip(result.hypotheses, values, strict=True)
                    }
                    for readout, values in p.predictions
                },
            }
            for p in result.pending
        ]
    return payload


def gate_payload(result: GateResult) -> dict[str, Any]:
    cases = [
        {
            "hypothesis": c.hypothesis.name,
            "experiment": c.experiment.id,
            "readout": c.observation.readout,
            "file": c.observation.location.file,
            "line": c.observation.location.line,
            "observed": value_json(c.observation.value),
            "predicted": value_json(c.cell.predicted),
            "verdict": c.cell.verdict.value,
            "status": c.status.value,
            "reason": c.reason,
        }
        for c in result.cases
    ]
    payload = {
        "pathcheck": __version__,
        "project": result.project.file,
        "strict": result.strict,
        "must_fit": list(result.project.must_fit),
        "exit_code": result.exit_code,
        "failed": len(result.failures),
        "stale_known_failures": [
            {
                "hypothesis": k.hypothesis,
                "experiment": k.experiment,
                "file": k.location.file,
                "line": k.location.line,
            }
            for k in result.stale
        ],
        "cases": cases,
    }
    return payload


def findings_payload(report: Report) -> dict[str, Any]:
    payload = {
        "pathcheck": __version__,
        "files": list(report.files),
        "errors": report.errors,
        "warnings": report.warnings,
        "findings": [
            {
                "file": f.location.file,
                "line": f.location.line,
                "column": f.location.column,
                "severity": f.severity.value,
                "rule": f.rule,
                "message": f.message,
            }
            for f in report.findings
        ],
    }
    return payload


def family_payload(found: Family) -> dict[str, Any]:
    payload = {
        "pathcheck": __version__,
        "hypothesis": found.hypothesis.family or found.hypothesis.name,
        "file": found.hypothesis.file,
        "choices": [_choice(c) for c in found.choices],
        "readings": found.readings,
        "fitting": found.fitting,
        "forced": [{"choice": c, "option": o} for c, o in found.forced],
        "unused_by_fitting": [{"choice": c, "option": o} for c, o in found.unused],
        "scored": [
            {
                "name": s.name,
                "member": s.member,
                "options": dict(s.options),
                "data": dict(s.data),
                "log_likelihood": round(s.log_likelihood, 6),
                "matched": s.matched,
                "mismatched": s.mismatched,
                "undecided": s.undecided,
                "fits_every_observation": s.fits,
            }
            for s in found.scored
        ],
    }
    return payload


def explanation_payload(explanations: Sequence[Explanation]) -> dict[str, Any]:
    """Every explanation of one experiment: what ``explain --format json`` prints."""
    first = explanations[0]
    experiment = first.experiment
    network = first.prediction.network

    def attractor(a: Attractor) -> dict[str, Any]:
        values = dict(zip(network.nodes, a.values, strict=True))
        states = None if a.states is None else [network.state_dict(s) for s in a.states]
        return {"size": a.size, "values": values, "states": states}

    def one(e: Explanation) -> dict[str, Any]:
        found = e.prediction
        return {
            "readout": e.readout,
            "node": e.node,
            "rule": e.rule,
            "variables": list(e.variables),
            "formula": e.formula,
            "how": e.how,
            "ambiguous_when": e.ambiguous_when,
            "predicted": value_json(e.predicted),
            "observed": None if e.observed is None else int(e.observed),
            "verdict": None if e.verdict is None else e.verdict.value,
            "paths": [
                {"nodes": list(p.nodes), "signs": list(p.signs), "sign": p.sign} for p in e.paths
            ],
            "more_paths": e.more_paths,
            "engine": found.engine,
            "basal": None if found.basal is None else [attractor(a) for a in found.basal],
            "attractors": None
            if found.attractors is None
            else [attractor(a) for a in found.attractors],
            "by_attractor": [value_json(v) for v in found.values_by_attractor(e.node)],
            "excluded_fixed_points": [
                {
                    "state": network.state_dict(x.state),
                    "differs": list(x.differs),
                    "held": [
                        {
                            "node": h.node,
                            "rule": h.rule,
                            "value": int(h.value),
                            "regulators": {n: int(v) for n, v in h.regulators},
                        }
                        for h in x.held
                    ],
                }
                for x in e.excluded
            ],
            "divergences": [
                {
                    "node": d.node,
                    "predicted": int(d.predicted),
                    "needed": int(d.needed),
                    "held_by_the_experiment": d.clamped,
                    "path": list(d.path.nodes),
                    "bypassed_paths": [list(p.nodes) for p in d.bypassed],
                }
                for d in e.divergences
            ],
        }

    return {
        "pathcheck": __version__,
        "hypothesis": first.hypothesis.name,
        "experiment": {
            "id": experiment.id,
            "label": experiment.label,
            "setting": experiment.setting or None,
        },
        "clamps": {n: int(v) for n, v in first.clamps.values.items()},
        "unmatched_selectors": list(first.clamps.unmatched),
        "readouts": [one(e) for e in explanations],
    }


def design_payload(found: Design) -> dict[str, Any]:
    """What ``design --format json`` prints."""
    members = [m.name for m in found.members]
    return {
        "pathcheck": __version__,
        "catalogue": found.catalogue.file,
        "deciding": found.decide,
        "members": [
            {"name": m.name, "class": c, "prior": round(p, 6)}
            for m, c, p in zip(found.members, found.classes, found.prior, strict=True)
        ],
        "considered": found.considered,
        "informative": found.informative,
        "suggestions": [
            {
                "items": [i.id for i in s.candidate.items],
                "label": s.candidate.label,
                "setting": s.candidate.setting,
                "on": [i.selector.text for i in s.candidate.items if i.value],
                "off": [i.selector.text for i in s.candidate.items if not i.value],
                "readout": s.readout,
                "predicted": {
                    name: value_json(v) for name, v in zip(members, s.predictions, strict=True)
                },
                "expected_information_gain_bits": round(s.gain, 6),
                "cost": s.candidate.cost,
            }
            for s in found.suggestions
        ],
        "observationally_equivalent": [list(group) for group in found.equivalent],
    }
