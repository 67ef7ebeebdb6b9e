"""A regulator, declared as an edge or named in a rule, that the rule does not depend on."""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.logic.dependence import Dependence, dependence

ID = "unused-regulator"


def check(corpus: Corpus) -> Iterator[Lint]:
    for hypothesis in corpus.hypotheses:
        for edge in hypothesis.declared_edges:
            rule = hypothesis.rules.get(edge.target)
            if rule is not None and dependence(rule, edge.source) is Dependence.NONE:
                yield Lint(
                    edge.location,
                    Severity.WARNING,
                    ID,
                    f"{edge} is declared, but the rule of {edge.target} does not depend on "
                    f"{edge.source}",
                )
        for node, rule in hypothesis.rules.items():
            # the names as written: sympy has already dropped some (A ^ A ^ B is B)
            named = {s.name for s in rule.free_symbols} | set(hypothesis.named.get(node, ()))
            for name in sorted(named):
                if dependence(rule, name) is Dependence.NONE:
                    yield Lint(
                        hypothesis.locations[node],
                        Severity.WARNING,
                        ID,
                        f"the rule of {node} names {name} but does not depend on it",
                    )
