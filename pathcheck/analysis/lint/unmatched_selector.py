"""A selector that matches a node in no hypothesis: most likely a misspelt entity, unless
its table declares the entity ``unmodelled`` (an unrelated factor of a specificity
control), which a hypothesis modelling it after all is warned of."""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import Location, did_you_mean
from pathcheck.model import Hypothesis, split_name

ID = "unmatched-selector"


def check(corpus: Corpus) -> Iterator[Lint]:
    nodes = [n for h in corpus.hypotheses for n in h.known_nodes]
    bases = {split_name(n)[0] for n in nodes}
    if not corpus.hypotheses:
        return
    for table in corpus.tables:
        for entity in sorted(set(table.unmodelled) & bases):
            modelling = sorted(h.name for h in corpus.hypotheses if entity in _bases(h))
            yield Lint(
                table.experiments[0].location if table.experiments else Location(table.file),
                Severity.WARNING,
                ID,
                f"'{entity}' is declared unmodelled in {table.file}, but "
                f"{', '.join(modelling)} model{'s' * (len(modelling) == 1)} it",
            )
        for experiment in table.experiments:
            for intervention in experiment.interventions:
                selector = intervention.selector
                if selector.base in table.unmodelled:
                    continue
                if not any(selector.matches(n) for n in nodes):
                    yield Lint(
                        intervention.location,
                        Severity.ERROR,
                        ID,
                        f"'{selector.text}' in {experiment.id} matches a node in no hypothesis"
                        f"{did_you_mean(selector.base, bases)}",
                    )


def _bases(hypothesis: Hypothesis) -> set[str]:
    return {split_name(n)[0] for n in hypothesis.known_nodes}
