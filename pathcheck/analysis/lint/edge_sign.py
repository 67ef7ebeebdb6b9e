"""A declared edge whose sign the target's rule contradicts (or uses both ways)."""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.logic.dependence import Dependence, dependence

ID = "edge-sign"


def check(corpus: Corpus) -> Iterator[Lint]:
    for hypothesis in corpus.hypotheses:
        for edge in hypothesis.declared_edges:
            rule = hypothesis.rules.get(edge.target)
            if rule is None:  # an input: its rule is its own value
                continue
            found = dependence(rule, edge.source)
            declared = Dependence.POSITIVE if edge.sign > 0 else Dependence.NEGATIVE
            if found is Dependence.BOTH:
                yield Lint(
                    edge.location,
                    Severity.WARNING,
                    ID,
                    f"{edge} is declared {declared.value}, but the rule of {edge.target} "
                    f"uses {edge.source} both ways",
                )
            elif found not in (declared, Dependence.NONE):
                yield Lint(
                    edge.location,
                    Severity.ERROR,
                    ID,
                    f"{edge} is declared {declared.value}, but the rule of {edge.target} "
                    f"depends on {edge.source} {found.value}ly",
                )
