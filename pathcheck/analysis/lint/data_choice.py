"""A reading of the data that means one thing in one table and another elsewhere, or
that a misspelling empties.

A name read two ways (a cell group, a preparation) is one choice across every table: in
each reading of the data it takes one option everywhere. Two tables that give it other
options, another default or other contents would have the same reading mean different
things, table by table; a name a hypothesis gives one of its own choices would merge
two questions into one. Both are errors. So is a preparation that lacks, in some
reading, a node no hypothesis has (a misspelling would leave the reading doing nothing),
or that names a setting no hypothesis declares: checked as a row's selectors and setting
are (:mod:`~pathcheck.analysis.lint.unmatched_selector`).
"""

from __future__ import annotations

from collections.abc import Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.analysis.lint.unmatched_selector import misspelt
from pathcheck.base.problems import did_you_mean
from pathcheck.model import Choice, ExperimentFile

ID = "data-choice"

Contents = tuple[tuple[str, frozenset[str]], ...]


def check(corpus: Corpus) -> Iterator[Lint]:
    first: dict[str, tuple[Choice, Contents | None]] = {}
    modelled = {c.name: h.name for h in corpus.hypotheses for c in h.choices}
    for table in corpus.tables:
        contents = _contents(table)
        for choice in table.choices:
            if choice.name in modelled:
                yield Lint(
                    choice.location,
                    Severity.ERROR,
                    ID,
                    f"'{choice.name}' is a reading of the data here and a choice of "
                    f"{modelled[choice.name]}: give the reading another name",
                )
            mine = contents.get(choice.name)
            seen, theirs = first.setdefault(choice.name, (choice, mine))
            if seen is choice:
                continue
            differs = _differs(seen, choice, theirs, mine)
            if differs:
                yield Lint(
                    choice.location,
                    Severity.ERROR,
                    ID,
                    f"'{choice.name}' is read two ways here and at {seen.location}, but "
                    f"{differs}: a name read two ways must mean the same in every table",
                )
        yield from _preparations(corpus, table)


def _differs(
    seen: Choice, choice: Choice, theirs: Contents | None, mine: Contents | None
) -> str | None:
    if set(seen.options) != set(choice.options):
        return (
            f"with the readings {', '.join(choice.options)} here, {', '.join(seen.options)} there"
        )
    if seen.default != choice.default:
        return f"with the default '{choice.default}' here, '{seen.default}' there"
    if theirs is not None and mine is not None and dict(theirs) != dict(mine):
        (option, _) = next((o, s) for o, s in mine if dict(theirs).get(o) != s)
        return f"its reading '{option}' names other cells or nodes"
    return None


def _contents(table: ExperimentFile) -> dict[str, Contents]:
    """What each of the table's names means in each reading: a cell group's members, a
    preparation's selectors."""
    found: dict[str, Contents] = {
        g.name: tuple(sorted(g.readings.items())) for g in table.cell_groups if g.readings
    }
    for preparation in table.preparations:
        found[preparation.name] = tuple(
            sorted(
                (o, frozenset(i.selector.text for i in lacks)) for o, lacks in preparation.readings
            )
        )
    return found


def _preparations(corpus: Corpus, table: ExperimentFile) -> Iterator[Lint]:
    if not corpus.hypotheses:
        return
    for preparation in table.preparations:
        setting = preparation.setting
        refusing = [h for h in corpus.hypotheses if h.undeclared_setting(setting)]
        if refusing:
            declared = sorted({s for h in refusing for s in h.settings})
            yield Lint(
                preparation.location,
                Severity.ERROR,
                ID,
                f"preparation '{preparation.name}': setting '{setting}' is not declared by "
                f"{', '.join(h.name for h in refusing)}{did_you_mean(setting, declared)}",
            )
        reported: set[str] = set()
        for option, lacks in preparation.readings:
            for intervention in lacks:
                selector = intervention.selector
                if selector.base in table.unmodelled or selector.text in reported:
                    continue
                hint = misspelt(selector, corpus)
                if hint is None:
                    continue
                reported.add(selector.text)
                reading = f" (in the reading {preparation.name}={option})" if option else ""
                yield Lint(
                    intervention.location,
                    Severity.ERROR,
                    ID,
                    f"preparation '{preparation.name}'{reading} lacks '{selector.text}', "
                    f"which matches a node in no hypothesis{hint}",
                )
