"""A selector that matches a node in no hypothesis, in some reading of its table: most
likely a misspelt entity or cell type, unless its table declares the entity
``unmodelled`` (an unrelated factor of a specificity control), which a hypothesis
modelling it after all is warned of.

The one test of a selector against hypotheses, which a table's rows (in every reading)
and a command line's ``--on``/``--off`` both go through: a selector matches when some
member of some hypothesis's family has a node it names; otherwise it is refused, with a
hint at the name meant (whatever its case), or, for ``@mPFC``, that ``@`` names a cell
type, not a region.

One exception, in a row: a selector that names a known entity in cell types that are
known, beside another clamp of the row that matches (``off: [VEGF@pyramidal, VEGF@PV]``,
VEGF deleted in every neuron type, read against a hypothesis that places VEGF in
pyramidal neurons alone). It is no misspelling but a statement about the world that this
hypothesis does not place the entity there, and so, as the semantics say, changes
nothing in it. A cell type is known when a hypothesis places a node in it, or when the
outcome tables name it elsewhere too (in a cell group or another row): a
one-member hypothesis with no PV cell still reads every neuron type's deletion, while
``VEGF@PVV``, named once, is still a misspelling. Alone in its row, the selector would
leave the row scored as though nothing were clamped, and is refused. What a setting's
preparation lacks is the table's statement, not a clamp of the row's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pathcheck.analysis.lint import Corpus, Lint, Severity
from pathcheck.base.problems import Location, did_you_mean
from pathcheck.model import (
    Experiment,
    ExperimentFile,
    Hypothesis,
    Intervention,
    Selector,
    split_name,
)

ID = "unmatched-selector"
UNPLACED = "unplaced-selector"  # the exemption's warning: validate and check show it


def unmatched(selector: Selector, hypotheses: Iterable[Hypothesis]) -> str | None:
    """Why ``selector`` matches no node of any member of ``hypotheses`` (a hint at what
    was meant, or where its entity is), or ``None`` when it matches one."""
    nodes = {n for h in hypotheses for n in h.known_nodes}
    if any(selector.matches(n) for n in nodes):
        return None
    base, _, cell = selector.text.partition("@")
    entities = {split_name(n)[0] for n in nodes}
    cells = {c for n in nodes if (c := split_name(n)[1]) is not None}
    if not base:  # '@PV' alone: every node of a cell type
        known = {f"@{c}" for c in cells}
        return f": no cell type '{cell}' here{did_you_mean(selector.text, known)}"
    if base not in entities:
        return did_you_mean(base, entities)
    placed = sorted({c for b, c in map(split_name, nodes) if b == base and c is not None})
    where = f"{base} is placed in {', '.join(placed)}" if placed else f"{base} has no cell type"
    if cell and selector.cells == frozenset({cell}) and cell not in cells:
        close = did_you_mean(cell, cells)
        region = "" if close else "; '@' names a cell type (or a table's cell group), not a region"
        return f": no cell type '{cell}' here{close}{region}; {where}"
    return f": {where}"


def check(corpus: Corpus) -> Iterator[Lint]:
    if not corpus.hypotheses:
        return
    bases = set().union(*(_bases(h) for h in corpus.hypotheses))
    for table in corpus.tables:
        for entity in sorted(set(table.unmodelled) & bases):
            modelling = sorted(h.name for h in corpus.hypotheses if entity in _bases(h))
            yield Lint(
                table.experiments[0].location if table.experiments else Location(table.file),
                Severity.WARNING,
                ID,
                f"'{entity}' is declared unmodelled in {table.file}, but "
                f"{', '.join(modelling)} model{'s' * (len(modelling) == 1)} it",
            )
        for experiment in table.experiments:
            reported: set[str] = set()
            for label, interventions in experiment.readings_of_clamps:
                for intervention, hint in _unmatched_clamps(
                    experiment, interventions, table, corpus
                ):
                    selector = intervention.selector
                    if selector.text in reported:
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
                for intervention, hint in unplaced_clamps(experiment, interventions, table, corpus):
                    selector = intervention.selector
                    if selector.text in reported:
                        continue
                    reported.add(selector.text)
                    reading = f" (in the reading {label})" if label else ""
                    yield Lint(
                        intervention.location,
                        Severity.WARNING,
                        UNPLACED,
                        f"'{selector.text}' in {experiment.id}{reading} matches a node in no "
                        f"hypothesis{hint}: it changes nothing in them",
                    )


def unmatched_rows(corpus: Corpus) -> frozenset[str]:
    """The ids of the experiments whose clamps, in some reading, name a node no
    hypothesis has (and their table does not declare unmodelled): left unscored with
    ``--allow-unknown``."""
    return frozenset(
        experiment.id
        for table in corpus.tables
        for experiment in table.experiments
        for _, interventions in experiment.readings_of_clamps
        if _unmatched_clamps(experiment, interventions, table, corpus)
    )


def _unmatched_clamps(
    experiment: Experiment,
    interventions: Iterable[Intervention],
    table: ExperimentFile,
    corpus: Corpus,
) -> list[tuple[Intervention, str]]:
    """The row's clamps (in one reading) that match no node, each with its hint, but for
    what the module exempts: an entity the table declares unmodelled, what the setting's
    preparation lacks, and a known entity in known cell types beside a clamp that
    matches (:func:`unplaced_clamps`)."""
    own = [
        i
        for i in interventions
        if i not in experiment.preparation and i.selector.base not in table.unmodelled
    ]
    hints = [(i, unmatched(i.selector, corpus.naming)) for i in own]
    if any(hint is None for _, hint in hints):
        return [
            (i, hint)
            for i, hint in hints
            if hint is not None and misspelt(i.selector, corpus, experiment) is not None
        ]
    return [(i, hint) for i, hint in hints if hint is not None]


def unplaced_clamps(
    experiment: Experiment,
    interventions: Iterable[Intervention],
    table: ExperimentFile,
    corpus: Corpus,
) -> list[tuple[Intervention, str]]:
    """The row's clamps that the module exempts as no misspelling, though they match no
    node of the hypotheses: validate and check warn of each (it changes nothing here)."""
    refused = {id(i) for i, _ in _unmatched_clamps(experiment, interventions, table, corpus)}
    return [
        (i, hint)
        for i in interventions
        if i not in experiment.preparation
        and i.selector.base not in table.unmodelled
        and id(i) not in refused
        and (hint := unmatched(i.selector, corpus.naming)) is not None
    ]


def misspelt(selector: Selector, corpus: Corpus, row: Experiment | None = None) -> str | None:
    """Why ``selector`` is most likely misspelt (the hint), or ``None``: it matches no
    node of the hypotheses, and names an entity none of them has, or a cell type that
    neither they nor the outcome tables (outside ``row``) name."""
    hint = unmatched(selector, corpus.naming)
    if hint is None:
        return None
    nodes = {split_name(n) for h in corpus.naming for n in h.known_nodes}
    entities = {b for b, _ in nodes}
    cells = {c for _, c in nodes if c is not None} | _named_elsewhere(corpus, row)
    known_entity = not selector.base or selector.base in entities
    known_cells = selector.cells is not None and selector.cells <= cells
    return None if known_entity and known_cells else hint


def _named_elsewhere(corpus: Corpus, row: Experiment | None) -> set[str]:
    """The cell types the outcome tables name outside ``row``: their cell groups' members
    (in every reading), and the cells of every other row's clamps (in every reading)."""
    named: set[str] = set()
    for table in corpus.tables:
        for group in table.cell_groups:
            named |= {c for cs in (group.members, *group.readings.values()) for c in cs}
        for other in table.experiments:
            if other is row:
                continue
            for _, interventions in other.readings_of_clamps:
                named |= {c for i in interventions for c in i.selector.cells or ()}
    return named


def _bases(hypothesis: Hypothesis) -> set[str]:
    return {split_name(n)[0] for n in hypothesis.known_nodes}
