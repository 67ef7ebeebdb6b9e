"""An observed read-out, or one a pending experiment would measure, that no hypothesis
has: most likely a misspelt name.

No hypothesis could ever score it, and the gate fails every must-fit hypothesis on it, so
it is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import did_you_mean

ID = "unknown-readout"


def check(corpus: Corpus) -> Iterator[Lint]:
    known = {r for h in corpus.naming for r in h.readouts}
    if not corpus.hypotheses:
        return
    for table in corpus.tables:
        for experiment in table.experiments:
            named = [(o.readout, o.location) for o in experiment.observations]
            named += zip(experiment.measure, experiment.measure_locations, strict=True)
            for readout, location in named:
                if readout not in known:
                    yield Lint(
                        location,
                        Severity.ERROR,
                        ID,
                        f"no hypothesis has the read-out '{readout}'{did_you_mean(readout, known)}",
                    )
