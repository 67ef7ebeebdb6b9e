"""An observed read-out that no hypothesis has: every verdict on it is 'not applicable'."""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.lint import Corpus, Lint, Severity
from pathcheck.loading.fields import did_you_mean

ID = "unknown-readout"


def check(corpus: Corpus) -> Iterator[Lint]:
    known = {r for h in corpus.hypotheses for r in h.readouts}
    if not corpus.hypotheses:
        return
    for table in corpus.tables:
        for experiment in table.experiments:
            for observation in experiment.observations:
                if observation.readout not in known:
                    yield Lint(
                        observation.location,
                        Severity.WARNING,
                        ID,
                        f"no hypothesis has the read-out '{observation.readout}'"
                        f"{did_you_mean(observation.readout, known)}",
                    )
