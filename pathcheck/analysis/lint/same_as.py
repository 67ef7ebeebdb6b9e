"""A row ``same_as`` a row no outcome table has, or a chain of them that closes on itself.

``same_as`` says two rows may record one experiment, so the likelihood counts them once
(:mod:`pathcheck.analysis.evidence`). A name that matches no row would leave the row
counted as independent evidence while its file says it is not; a cycle names no row the
group ends at. Both are errors, and compare refuses them.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import did_you_mean

ID = "same-as"


def check(corpus: Corpus) -> Iterator[Lint]:
    rows = {e.id: e for table in corpus.tables for e in table.experiments}
    for experiment in rows.values():
        if experiment.same_as is None:
            continue
        where = experiment.same_as_location or experiment.location
        if experiment.same_as not in rows:
            yield Lint(
                where,
                Severity.ERROR,
                ID,
                f"{experiment.id} is 'same_as' '{experiment.same_as}', which no outcome table "
                f"has{did_you_mean(experiment.same_as, rows)}",
            )
            continue
        other = rows[experiment.same_as]
        shared = {o.readout for o in experiment.observations} & {
            o.readout for o in other.observations
        }
        if other.setting != experiment.setting or not shared:
            why = (
                f"is run {experiment.setting}, {other.id} {other.setting}"
                if other.setting != experiment.setting
                else f"observes no read-out {other.id} does"
            )
            yield Lint(
                where,
                Severity.WARNING,
                ID,
                f"{experiment.id} is 'same_as' {other.id}, but {why}: are they one experiment?",
            )
        seen = [experiment.id]
        current = rows[experiment.same_as]
        while current.same_as in rows and current.id not in seen:
            seen.append(current.id)
            current = rows[current.same_as]
        if current.id in seen and current.id == experiment.id:
            yield Lint(
                where,
                Severity.ERROR,
                ID,
                f"'same_as' closes a cycle ({' -> '.join([*seen, experiment.id])}): one row of "
                "a group must name no other",
            )
