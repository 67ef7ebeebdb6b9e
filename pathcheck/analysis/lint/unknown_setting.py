"""An experiment's setting that a hypothesis does not declare: most likely a misspelt name.

A hypothesis that declares settings runs in those alone; predicting the experiment with
every input at 0 instead would be a silent default. Compare refuses it too.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import did_you_mean

ID = "unknown-setting"


def check(corpus: Corpus) -> Iterator[Lint]:
    for table in corpus.tables:
        for experiment in table.experiments:
            setting = experiment.setting
            refusing = [h for h in corpus.hypotheses if h.undeclared_setting(setting)]
            if not refusing:
                continue
            declared = sorted({s for h in refusing for s in h.settings})
            if len(refusing) > 1 and len(refusing) == len(corpus.hypotheses):
                who = f"any hypothesis (they declare {', '.join(declared)})"
            else:  # name the files: the hypothesis may be the one misspelt
                who = ", ".join(
                    f"{h.name} ({h.file} declares {', '.join(h.settings)})" for h in refusing
                )
            yield Lint(
                experiment.setting_location or experiment.location,
                Severity.ERROR,
                ID,
                f"{experiment.id}: setting '{setting}' is not declared by {who}"
                f"{did_you_mean(setting, declared)}",
            )
