"""A selector that matches a node in no hypothesis: most likely a misspelt entity."""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import did_you_mean
from pathcheck.model import split_name

ID = "unmatched-selector"


def check(corpus: Corpus) -> Iterator[Lint]:
    nodes = [n for h in corpus.hypotheses for n in h.known_nodes]
    bases = {split_name(n)[0] for n in nodes}
    if not corpus.hypotheses:
        return
    for table in corpus.tables:
        for experiment in table.experiments:
            for intervention in experiment.interventions:
                selector = intervention.selector
                if not any(selector.matches(n) for n in nodes):
                    yield Lint(
                        intervention.location,
                        Severity.ERROR,
                        ID,
                        f"'{selector.text}' in {experiment.id} matches a node in no hypothesis"
                        f"{did_you_mean(selector.base, bases)}",
                    )
