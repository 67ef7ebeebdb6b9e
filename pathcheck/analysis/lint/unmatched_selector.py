"""A selector that matches a node in no hypothesis, in some reading of its table: most
likely a misspelt entity or cell type.

The one test of a selector against hypotheses, which a table's rows (in every reading)
and a command line's ``--on``/``--off`` both go through: a selector matches when some
member of some hypothesis's family has a node it names; otherwise it is refused, with a
hint at the name meant (whatever its case), or, for ``@mPFC``, that ``@`` names a cell
type, not a region.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import did_you_mean
from pathcheck.model import Hypothesis, Selector, split_name

ID = "unmatched-selector"


def unmatched(selector: Selector, hypotheses: Iterable[Hypothesis]) -> str | None:
    """Why ``selector`` matches no node of any member of ``hypotheses`` (a hint at what
    was meant, or where its entity is), or ``None`` when it matches one."""
    nodes = {n for h in hypotheses for n in h.known_nodes}
    if any(selector.matches(n) for n in nodes):
        return None
    base, _, cell = selector.text.partition("@")
    entities = {split_name(n)[0] for n in nodes}
    if base not in entities:
        return did_you_mean(base, entities)
    placed = sorted({c for b, c in map(split_name, nodes) if b == base and c is not None})
    where = f"{base} is placed in {', '.join(placed)}" if placed else f"{base} has no cell type"
    cells = {c for n in nodes if (c := split_name(n)[1]) is not None}
    if cell and selector.cells == frozenset({cell}) and cell not in cells:
        close = did_you_mean(cell, cells)
        region = "" if close else "; '@' names a cell type (or a table's cell group), not a region"
        return f": no cell type '{cell}' here{close}{region}; {where}"
    return f": {where}"


def check(corpus: Corpus) -> Iterator[Lint]:
    if not corpus.hypotheses:
        return
    for table in corpus.tables:
        for experiment in table.experiments:
            reported: set[str] = set()
            for label, interventions in experiment.readings_of_clamps:
                for intervention in interventions:
                    selector = intervention.selector
                    hint = unmatched(selector, corpus.hypotheses)
                    if hint is None or selector.text in reported:
                        continue
                    reported.add(selector.text)
                    reading = f" (in the reading {label})" if label else ""
                    yield Lint(
                        intervention.location,
                        Severity.ERROR,
                        ID,
                        f"'{selector.text}' in {experiment.id}{reading} matches a node in no "
                        f"hypothesis{hint}",
                    )


def unmatched_rows(corpus: Corpus) -> frozenset[str]:
    """The ids of the experiments whose clamps, in some reading, name a node no
    hypothesis has: left unscored with ``--allow-unknown``."""
    return frozenset(
        experiment.id
        for table in corpus.tables
        for experiment in table.experiments
        for _, interventions in experiment.readings_of_clamps
        if any(unmatched(i.selector, corpus.hypotheses) is not None for i in interventions)
    )
