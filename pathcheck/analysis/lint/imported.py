"""What an import did not keep: a stale note in another tool's file (a rule the note calls
an input), a read-out mapped to no node, a constant level read as a rule. The file
is still read; the warning says what of it was not."""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity

ID = "imported"


def check(corpus: Corpus) -> Iterator[Lint]:
    for hypothesis in corpus.hypotheses:
        for problem in hypothesis.dropped:
            yield Lint(problem.location, Severity.WARNING, ID, problem.message)
