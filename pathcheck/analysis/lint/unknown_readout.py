"""An observed read-out that no hypothesis has: most likely a misspelt name.

No hypothesis could ever score it, and the gate fails every must-fit hypothesis on it, so
it is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import did_you_mean

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
                        Severity.ERROR,
                        ID,
                        f"no hypothesis has the read-out '{observation.readout}'"
                        f"{did_you_mean(observation.readout, known)}",
                    )
