"""Cell groups: one named like a cell type, or listing a cell type no hypothesis has.

``cell_groups: {PV: [pyramidal]}`` would make ``VEGF@PV`` mean VEGF in pyramidal
neurons in that table and in PV cells everywhere else: an error, which compare refuses
too. A member no hypothesis places is most likely misspelt, and a selector through the
group then silently misses it: a warning, since a table may name cell types that only
later hypotheses place.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import did_you_mean

ID = "cell-group"


def check(corpus: Corpus) -> Iterator[Lint]:
    if not corpus.hypotheses:
        return
    cell_types = frozenset().union(*(h.cell_types for h in corpus.hypotheses))
    for table in corpus.tables:
        for group in table.cell_groups:
            if group.name in cell_types:
                yield Lint(
                    group.location,
                    Severity.ERROR,
                    ID,
                    f"cell group '{group.name}' is named like a cell type of the hypotheses, "
                    f"so '@{group.name}' would mean {', '.join(sorted(group.members))} in this "
                    "table and that cell type elsewhere: rename the group",
                )
            listed = group.members.union(*group.readings.values())  # in any reading
            for member in sorted(listed - cell_types):
                yield Lint(
                    group.location,
                    Severity.WARNING,
                    ID,
                    f"cell group '{group.name}' lists '{member}', a cell type no hypothesis "
                    f"has{did_you_mean(member, cell_types)}",
                )
