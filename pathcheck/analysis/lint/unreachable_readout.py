"""A read-out that no intervention in any experiment can reach along the causal graph:
no experiment could ever tell the hypothesis' prediction for it apart from rest."""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import Location
from pathcheck.model import Hypothesis

ID = "unreachable-readout"


def _downstream(hypothesis: Hypothesis, starts: set[str]) -> set[str]:
    targets: dict[str, set[str]] = {}
    for source, target in hypothesis.edges:
        targets.setdefault(source, set()).add(target)
    seen, frontier = set(starts), list(starts)
    while frontier:
        for nxt in targets.get(frontier.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def check(corpus: Corpus) -> Iterator[Lint]:
    selectors = [
        i.selector
        for t in corpus.tables
        for e in t.experiments
        for _, interventions in e.readings_of_clamps
        for i in interventions
    ]
    for hypothesis in corpus.hypotheses:
        clamped = {n for n in hypothesis.nodes if any(s.matches(n) for s in selectors)}
        reached = _downstream(hypothesis, clamped)
        for readout, node in hypothesis.readouts.items():
            if node not in reached:
                yield Lint(
                    hypothesis.readout_locations.get(readout, Location(hypothesis.file)),
                    Severity.WARNING,
                    ID,
                    f"read-out '{readout}' ({node}) is reached by no intervention of any "
                    "experiment",
                )
