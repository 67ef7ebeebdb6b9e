"""The verdict of a comparison, in words, first: who fits, by how much, and which
verdicts hinge on what.

A reader of ``pathcheck compare`` wants the answer before the evidence. These few
sentences are built from the comparison alone, the same in every format, and they
never claim more than the scores do: a family's fit is given over every reading of it
(and of the data) whenever it was scored in more than one, and a Bayes factor with its
range over those readings.
"""

from __future__ import annotations

from pathcheck.analysis.score import Comparison, Readings, Summary, Verdict
from pathcheck.base.problems import one_line
from pathcheck.model import short_member_name
from pathcheck.render.cells import HINGING


def verdict(result: Comparison) -> list[str]:
    """One sentence per hypothesis on its fit, then one on how the data weigh them, then
    what the mismatches rest on."""
    if not result.rows:
        return ["No observation was scored."]
    lines = [_fit(result, column) for column in range(len(result.hypotheses))]
    if len(result.hypotheses) > 1:
        lines.append(_weight(result))
    lines += evidence(result)
    lines += _grounds(result)
    return [one_line(line) for line in lines]


def _fit(result: Comparison, column: int) -> str:
    summary = result.summaries[column]
    name, total = summary.hypothesis.name, summary.total
    if total == 0:
        return f"{name} was scored on no observation: nothing here tells for or against it."
    family = result.readings[column] if result.readings else None
    if family is None or len(family.readings) == 1:
        if summary.matched == total:
            return f"{name} fits all {total} observations."
        return f"{name} fits {summary.matched} of {total} observations{_undecided(summary)}."
    count = len(family.readings)
    matched = [r.matched for r in family.readings]
    low, high = min(matched), max(matched)
    if family.fitting == count:
        return f"{name} fits all {total} observations in every one of its {count} readings."
    default = f"{summary.matched} in its default reading"
    if family.open_choices:  # the default is only the options listed first: say so
        default += ", which no source favours"
    if family.fitting:
        fits = next(r for r in family.readings if r.fits)
        example = short_member_name(summary.hypothesis.family or name, fits.options)
        return (
            f"{name} fits all {total} observations in {family.fitting} of its {count} "
            f"readings ({example} among them); {low} at worst, {default}."
        )
    if low == high:
        return (
            f"{name} fits {low} of {total} observations in every one of its {count} "
            "readings: none fits them all."
        )
    return (
        f"{name} fits {low} to {high} of {total} observations over its {count} readings "
        f"({default}): none fits them all."
    )


def _undecided(summary: Summary) -> str:
    parts = []
    if summary.mismatched:
        parts.append(f"{summary.mismatched} contradicted")
    undecided = summary.ambiguous + summary.unknown
    if undecided:
        parts.append(f"{undecided} undecided")
    if summary.not_applicable:
        parts.append(f"{summary.not_applicable} it has no read-out for")
    return f" ({', '.join(parts)})" if parts else ""


def _weight(result: Comparison) -> str:
    """How far the best-scoring hypothesis leads each other, in log10 Bayes factors: over
    every reading where readings were scored, so that a lead some reading takes away is
    said to hinge on it, never stated as won."""
    best = max(result.summaries, key=lambda s: s.log_likelihood)
    ranges: dict[str, Readings] = {r.hypothesis.name: r for r in result.readings}
    won: list[str] = []
    hinging: list[str] = []
    level: list[str] = []  # no lead at all, as far as the figures show
    for summary in result.summaries:
        if summary is best:
            continue
        name = summary.hypothesis.name
        family = ranges.get(name)
        if family is None or not result.has_readings:
            lead = _number(-summary.log10_bayes_factor)
            (won if float(lead) > 0 else level).append(f"{name} by {lead}")
            continue
        low, high = family.log10_bayes_factor_range  # the other's, against the best
        lead = _number(-high) if -high == -low else f"{_number(-high)} to {_number(-low)}"
        (won if -high > 0 else hinging).append(f"{name} by {lead}")
    text = f"In log10 Bayes factors (error rate {result.error_rate:g}), {best.hypothesis.name}"
    if level and not won and not hinging:
        others = ", ".join(entry.partition(" by ")[0] for entry in level)
        return (
            f"In log10 Bayes factors (error rate {result.error_rate:g}), the data do not "
            f"tell {best.hypothesis.name} and {others} apart (0.0)."
        )
    won += level
    every = " in every reading" if result.has_readings else ""
    parts = [f"{', '.join(won)}{every}"] if won else []
    parts += [f"{lead}, a lead that hinges on a reading" for lead in hinging]
    return f"{text} leads {'; and '.join(parts)}."


def evidence(result: Comparison) -> list[str]:
    """How many observations are not plain, stated, independent ones: inferred, resting on
    one secondary source, or possibly one experiment recorded twice (counted once)."""
    found = result.independence
    parts = []
    if found.inferred:
        parts.append(
            f"{found.inferred_observations} {_are(found.inferred_observations)} inferred "
            f"({_ids([i for i, _ in found.inferred])})"
        )
    if found.secondary:
        parts.append(
            f"{found.secondary_observations} "
            f"rest{'s' * (found.secondary_observations == 1)} on one secondary source "
            f"({_ids([i for i, _ in found.secondary])})"
        )
    if found.groups:
        together = "; ".join(" = ".join(g) for g in found.groups)
        parts.append(f"{found.grouped} may be one experiment recorded twice ({together})")
    lines = []
    if parts:
        counted = ", counted once" if found.groups else ""
        many = "observation" if found.observations == 1 else "observations"
        lines.append(f"Of the {found.observations} {many}, {'; '.join(parts)}{counted}.")
    if found.excluded_inferred:
        lines.append(
            f"{found.excluded_inferred} observations of inferred rows are left out "
            "(--exclude-inferred)."
        )
    return lines


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def _number(value: float) -> str:
    """One decimal, never a negative zero."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _grounds(result: Comparison) -> list[str]:
    """Per hypothesis, the experiments it contradicts in every reading, and those whose
    verdict hinges on a choice (with the choices)."""
    lines = []
    for column, hypothesis in enumerate(result.hypotheses):
        robust: list[str] = []
        hinging: dict[str, set[str]] = {}
        for index, row in enumerate(result.rows):
            cell = row.cells[column]
            found = result.robustness[index][column] if result.robustness else None
            if found is not None and not found.robust:
                hinging.setdefault(row.experiment.id, set()).update(found.hinges_on)
            elif cell.verdict is Verdict.MISMATCH:
                robust.append(row.experiment.id)
        parts = []
        if robust:
            every = " in every reading" if result.robustness else ""
            parts.append(f"contradicts {_ids(robust)}{every}")
        if hinging:
            choices = sorted({c for cs in hinging.values() for c in cs})
            parts.append(
                f"{HINGING} {_ids(list(hinging))} hinge{'s' * (len(hinging) == 1)} on "
                f"{', '.join(choices)}"
            )
        if parts:
            lines.append(f"{hypothesis.name}: {'; '.join(parts)}.")
    return lines


def _ids(ids: list[str]) -> str:
    unique = list(dict.fromkeys(ids))
    return ", ".join(unique)
