"""Neighbours: the one-edit variants of a hypothesis that fit the data at least as well as
it does, and the verdicts and suggestions that change in one of them.

A written hypothesis makes choices its file does not declare: each rule could be one
edit different (:mod:`pathcheck.analysis.edits`). A *neighbour* is a variant one edit
away whose log-likelihood is at least the written hypothesis's in every reading scored
(each member in each reading of the data): the data do not prefer the hypothesis as
written to it. A hypothesis with many such neighbours is one the data barely constrain.

What that means for the other commands' outputs:

- a verdict of ``compare`` (the default reading's, as the table shows it) that differs
  in some neighbour rests on structure nobody declared, and is marked so, with the edit;
- a suggestion of ``design`` separates some pairs of what it decides (members, or
  options); when, in a neighbour of one compared hypothesis, it no longer separates one
  of those pairs (the members' predictions there no longer differ), the suggestion is
  *fragile*: the experiment would test that undeclared structure, not the hypotheses as
  compared. The edit is named.

Neighbours are scored as repair scores variants (:mod:`pathcheck.analysis.variants`):
each observation predicted again only where the edit reaches its cone. The neighbour a
note names is scored again from scratch, and each fragile suggestion's predictions are
the engine's own on the neighbour's members.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pathcheck.analysis.edits import EditSpace, Variant, edit_space
from pathcheck.analysis.outcomes import PredictionCache, Predictor
from pathcheck.analysis.score import Verdict, compare
from pathcheck.analysis.variants import Scorer, targets
from pathcheck.engine.explicit import Predicted
from pathcheck.model import Assignment, ExperimentFile, Hypothesis, members

if TYPE_CHECKING:
    from pathcheck.analysis.design import Design, Suggestion
    from pathcheck.analysis.score import Comparison

Progress = Callable[[int, int], None]
Data = Sequence[tuple[Assignment, Sequence[ExperimentFile]]]


class Neighbour(NamedTuple):
    """A one-edit variant that fits the data at least as well as the written hypothesis."""

    variant: Variant
    changes: tuple[str, ...]  # the rule diff, and a placed node
    lost: int  # written regulations it drops
    better: bool  # strictly better in some reading
    verdicts: tuple[Verdict, ...]  # in the default reading (the default member's)
    members: tuple[Hypothesis, ...]  # every member, as the neighbour has it


class Neighbours(NamedTuple):
    """A hypothesis's neighbours."""

    hypothesis: Hypothesis  # the default member
    space: EditSpace
    written: tuple[Verdict, ...]  # the default reading's verdicts as written
    fitting: tuple[Neighbour, ...]  # at least as well in every reading; fewest dropped first

    @property
    def better(self) -> int:
        return sum(n.better for n in self.fitting)

    def to_dict(self) -> dict[str, Any]:
        return {
            "hypothesis": self.hypothesis.name,
            "one_edit": self.space.single(),
            "at_least_as_well": len(self.fitting),
            "better": self.better,
            "neighbours": [
                {"changes": list(n.changes), "better": n.better, "regulations_dropped": n.lost}
                for n in self.fitting
            ],
        }


def neighbours(
    hypothesis: Hypothesis,
    data: Data,
    *,
    every_member: bool,
    max_states: int,
    progress: Progress | None = None,
) -> Neighbours:
    """The one-edit neighbours of ``hypothesis`` that fit ``data`` (each reading of the
    data, the default first) at least as well, in each member (``every_member``) or the
    default member alone."""
    group = list(members(hypothesis)) if every_member else [hypothesis]
    space = edit_space(hypothesis, group, max_edits=1)
    assert isinstance(space, EditSpace)  # one edit: no bound to pass
    scorer = Scorer(space, targets(group, data), max_states)
    written = [_fit(row) for row in scorer.rows(scorer.written)]
    found = []
    variants = list(space.variants(1))
    for done, variant in enumerate(variants, start=1):
        scored = scorer.score(variant)
        assert scored is not None  # no floor: scored whole
        rows = scorer.rows(scored)
        fits = [_fit(row) for row in rows]
        if all(m >= wm and x <= wx for (m, x), (wm, wx) in zip(fits, written, strict=True)):
            found.append(
                Neighbour(
                    variant,
                    tuple(space.describe(variant)),
                    space.lost(variant),
                    fits != written,
                    rows[0],
                    tuple(space.member(variant, i) for i in range(len(group))),
                )
            )
        if progress is not None:
            progress(done, len(variants))
    found.sort(key=lambda n: (n.lost, n.changes))
    return Neighbours(hypothesis, space, scorer.rows(scorer.written)[0], tuple(found))


def _fit(row: Sequence[Verdict]) -> tuple[int, int]:
    """Observations matched, and contradicted."""
    return (
        sum(v is Verdict.MATCH for v in row),
        sum(v is Verdict.MISMATCH for v in row),
    )


class Flip(NamedTuple):
    """A verdict of the comparison that differs in a neighbour that fits as well."""

    row: int  # of the comparison's rows
    column: int  # the hypothesis
    verdict: Verdict  # in the first such neighbour
    changes: tuple[str, ...]  # that neighbour's edit
    neighbours: int  # in how many it differs


class Neighbourhood(NamedTuple):
    """The compared hypotheses' neighbours, and the verdicts that differ in one."""

    hypotheses: tuple[Neighbours, ...]
    flips: tuple[Flip, ...]

    def flipped(self, row: int, column: int) -> Flip | None:
        return next((f for f in self.flips if (f.row, f.column) == (row, column)), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "hypotheses": [n.to_dict() for n in self.hypotheses],
            "verdicts_changed": [
                {
                    "row": f.row,
                    "hypothesis": self.hypotheses[f.column].hypothesis.name,
                    "verdict": f.verdict.value,
                    "changes": list(f.changes),
                    "neighbours": f.neighbours,
                }
                for f in self.flips
            ],
        }


def compare_neighbours(
    result: Comparison,
    data: Data,
    *,
    every_member: bool,
    max_states: int,
    progress: Progress | None = None,
) -> Neighbourhood:
    """Each compared hypothesis's neighbours over the comparison's observations (``data``:
    its tables in each reading scored), and each verdict that differs in one."""
    found = []
    flips = []
    done = 0
    sizes = [_size(h, every_member) for h in result.hypotheses]

    def tick(step: int, _: int) -> None:
        if progress is not None:
            progress(done + step, sum(sizes))

    for column, hypothesis in enumerate(result.hypotheses):
        near = neighbours(
            hypothesis,
            data,
            every_member=every_member,
            max_states=max_states,
            progress=tick,
        )
        done += sizes[column]
        found.append(near)
        for row, written in enumerate(near.written):
            differing = [n for n in near.fitting if n.verdicts[row] is not written]
            if differing:
                first = differing[0]
                flips.append(Flip(row, column, first.verdicts[row], first.changes, len(differing)))
    for flip in flips:
        _check_again(flip, found[flip.column], data[0][1], max_states)
    return Neighbourhood(tuple(found), tuple(sorted(flips)))


def _check_again(
    flip: Flip, near: Neighbours, tables: Sequence[ExperimentFile], max_states: int
) -> None:
    """Score the neighbour a note names from scratch with :func:`compare`, and hold the
    shared work to it: a disagreement is a bug, never a mark."""
    neighbour = next(n for n in near.fitting if n.changes == flip.changes)
    result = compare([neighbour.members[0]], tables, max_states=max_states)
    if result.rows[flip.row].cells[0].verdict is not flip.verdict:
        raise RuntimeError(
            f"neighbours: {'; '.join(flip.changes)} scored {flip.verdict.value} on row "
            f"{flip.row} with shared work, the engine from scratch otherwise"
        )


def _size(hypothesis: Hypothesis, every_member: bool) -> int:
    group = list(members(hypothesis)) if every_member else [hypothesis]
    space = edit_space(hypothesis, group, max_edits=1)
    return space.single() if isinstance(space, EditSpace) else 0


class Fragile(NamedTuple):
    """A suggestion of design that no longer separates some pair in a neighbour of one of
    the compared hypotheses that fits as well."""

    suggestion: int  # of the design's suggestions
    hypothesis: str  # whose neighbour
    changes: tuple[str, ...]  # the edit of a neighbour that loses the most pairs
    predictions: tuple[Predicted | None, ...]  # every member's, in that neighbour
    lost: tuple[tuple[str, str], ...]  # the pairs (of what is decided) no longer told apart
    neighbours: int  # of any hypothesis, in which it loses a pair


class DesignNeighbours(NamedTuple):
    """The compared hypotheses' neighbours, and the suggestions fragile in one."""

    hypotheses: tuple[Neighbours, ...]
    fragile: tuple[Fragile, ...]

    def of(self, suggestion: int) -> Fragile | None:
        return next((f for f in self.fragile if f.suggestion == suggestion), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "hypotheses": [n.to_dict() for n in self.hypotheses],
            "fragile": [
                {
                    "suggestion": f.suggestion + 1,
                    "hypothesis": f.hypothesis,
                    "changes": list(f.changes),
                    "no_longer_told_apart": [list(pair) for pair in f.lost],
                    "neighbours": f.neighbours,
                }
                for f in self.fragile
            ],
        }


def design_neighbours(
    found: Design,
    hypotheses: Sequence[Hypothesis],
    data: Data,
    *,
    max_states: int,
    progress: Progress | None = None,
) -> DesignNeighbours:
    """Each compared hypothesis's neighbours (every member, in every reading of the
    data), and each suggestion that one of them keeps from separating a pair."""
    near = []
    done = 0
    sizes = [_size(h, True) for h in hypotheses]

    def tick(step: int, _: int) -> None:
        if progress is not None:
            progress(done + step, sum(sizes))

    for hypothesis, size in zip(hypotheses, sizes, strict=True):
        near.append(
            neighbours(
                hypothesis,
                data,
                every_member=True,
                max_states=max_states,
                progress=tick,
            )
        )
        done += size
    cache: PredictionCache = {}
    fragile = []
    for index, suggestion in enumerate(found.suggestions):
        written = _separated(found.classes, suggestion.predictions)
        first: Fragile | None = None
        count = 0
        for hypothesis, close in zip(hypotheses, near, strict=True):
            family = hypothesis.family or hypothesis.name
            positions = [i for i, m in enumerate(found.members) if (m.family or m.name) == family]
            for neighbour in close.fitting:
                predictions = list(suggestion.predictions)
                for position, member in zip(positions, neighbour.members, strict=True):
                    predictions[position] = _predicted(member, suggestion, max_states, cache)
                lost = written - _separated(found.classes, predictions)
                if not lost:
                    continue
                count += 1
                if first is None or len(lost) > len(first.lost):  # the most it costs
                    first = Fragile(
                        index,
                        family,
                        neighbour.changes,
                        tuple(predictions),
                        tuple(sorted(lost)),
                        0,
                    )
        if first is not None:
            fragile.append(first._replace(neighbours=count))
    return DesignNeighbours(tuple(near), tuple(fragile))


def _separated(
    classes: Sequence[str], predictions: Sequence[Predicted | None]
) -> set[tuple[str, str]]:
    """The pairs of classes some of whose members predict different definite values."""
    pairs = set()
    for (a, p), (b, q) in itertools.combinations(zip(classes, predictions, strict=True), 2):
        if a != b and p in (True, False) and q in (True, False) and p != q:
            pairs.add((min(a, b), max(a, b)))
    return pairs


def _predicted(
    member: Hypothesis, suggestion: Suggestion, max_states: int, cache: PredictionCache
) -> Predicted | None:
    """The member's prediction of the suggestion's read-out, as design predicts it."""
    from pathcheck.analysis.design import candidate_clamps

    node = member.readouts.get(suggestion.readout)
    if node is None or member.undeclared_setting(suggestion.candidate.setting):
        return None
    clamps = candidate_clamps(member, suggestion.candidate)
    return (
        Predictor(member, max_states, cache)
        .predict(suggestion.candidate.setting, clamps)
        .value(node)
    )
