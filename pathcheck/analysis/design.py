"""Which experiment to run next: catalogue items combined, ranked by what they would teach.

The hypotheses are the members of the compared hypotheses' families (a hypothesis
without choices is its own single member). Their prior is the posterior after the
existing data: equal prior weight for each compared hypothesis, shared equally among
its members, times each member's likelihood averaged over every reading of the data.

A candidate is a combination of up to ``max_combined`` catalogue items that can be done
in one setting and that set no node both on and off. For each candidate and read-out,
each member predicts 0, 1 or neither (ambiguous, unknown or no such read-out); the
observation is wrong with the probability ``error_rate``, as in ``compare``, and a
prediction that is neither gives each value probability 1/2. The **expected
information gain** is the prior entropy of what is being decided (which member, or with
``decide`` which option of a choice) less its expected entropy once the read-out is
seen, in bits. Candidates on which no two members predict different values teach
nothing and are dropped; the rest are ranked by gain, then cost, then fewer items.

A catalogue may say which read-outs can be measured in each setting (``measures``);
a candidate is scored on those alone.

Members that predict the same for every candidate and read-out are **observationally
equivalent** under this catalogue: no experiment it allows tells them apart.

Work is not repeated: a member's prediction depends only on its rules, the setting and
the clamps it resolves to, so predictions are cached on those (a clamp on a node a
member does not have changes nothing for it, and many candidates resolve alike).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pathcheck.analysis.outcomes import PredictionCache, Predictor, plain_value, resolve
from pathcheck.analysis.score import compare
from pathcheck.base import html
from pathcheck.base.defaults import DEFAULT_ERROR_RATE, DEFAULT_MAX_STATES
from pathcheck.base.problems import COMMAND_LINE, InputError
from pathcheck.engine.explicit import Predicted
from pathcheck.formats.catalogue import Catalogue, Item
from pathcheck.model import ExperimentFile, Hypothesis, members, readings

if TYPE_CHECKING:
    from pathcheck.analysis.neighbours import DesignNeighbours

Progress = Callable[[int, int], None]


class Candidate(NamedTuple):
    items: tuple[Item, ...]
    setting: str

    @property
    def cost(self) -> float:
        """Costs are ordinal: a candidate costs what its most demanding item costs."""
        return max(item.cost for item in self.items)

    @property
    def label(self) -> str:
        return " + ".join(item.label for item in self.items)


class Suggestion(NamedTuple):
    candidate: Candidate
    readout: str
    predictions: tuple[Predicted | None, ...]  # per member, in Design.members' order
    gain: float  # expected information gain, bits


class Design(NamedTuple):
    members: tuple[Hypothesis, ...]
    prior: tuple[float, ...]
    classes: tuple[str, ...]  # per member, what is decided: its name, or its option
    decide: str | None
    suggestions: tuple[Suggestion, ...]  # best first, at most ``top``
    informative: int  # candidates (with their best read-out) that tell some members apart
    considered: int  # candidates evaluated
    equivalent: tuple[tuple[str, ...], ...]  # groups of members no candidate tells apart
    catalogue: Catalogue
    neighbours: DesignNeighbours | None = None  # with --neighbours: fragile suggestions

    def __repr__(self) -> str:
        best = self.suggestions[0].candidate.label if self.suggestions else "none"
        return (
            f"<Design over {len(self.members)} members: {len(self.suggestions)} suggestions "
            f"of {self.considered} candidates; first: {best}>"
        )

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """The suggestions, best first: what to do, where, what to read, what it teaches."""
        head = ("rank", "experiment", "setting", "read-out", "bits", "cost")
        rows = [
            (
                str(rank),
                s.candidate.label,
                s.candidate.setting,
                s.readout,
                f"{s.gain:.3f}",
                f"{s.candidate.cost:g}",
            )
            for rank, s in enumerate(self.suggestions, start=1)
        ]
        return head, rows

    def _repr_html_(self) -> str:
        return html.of(self)

    def to_dict(self) -> dict[str, Any]:
        """The members, their prior and the suggestions, as plain data: what ``design
        --format json`` prints."""
        from pathcheck import __version__

        members = [m.name for m in self.members]
        return {
            "pathcheck": __version__,
            "catalogue": self.catalogue.file,
            "deciding": self.decide,
            "members": [
                {"name": m.name, "class": c, "prior": round(p, 6)}
                for m, c, p in zip(self.members, self.classes, self.prior, strict=True)
            ],
            "considered": self.considered,
            "informative": self.informative,
            "suggestions": [
                {
                    "items": [i.id for i in s.candidate.items],
                    "label": s.candidate.label,
                    "setting": s.candidate.setting,
                    "on": [i.selector.text for i in s.candidate.items if i.value],
                    "off": [i.selector.text for i in s.candidate.items if not i.value],
                    "readout": s.readout,
                    "predicted": {
                        name: plain_value(v) for name, v in zip(members, s.predictions, strict=True)
                    },
                    "expected_information_gain_bits": round(s.gain, 6),
                    "cost": s.candidate.cost,
                }
                for s in self.suggestions
            ],
            "observationally_equivalent": [list(group) for group in self.equivalent],
            **({"neighbours": self.neighbours.to_dict()} if self.neighbours is not None else {}),
        }


def candidates(catalogue: Catalogue, max_combined: int) -> Iterator[Candidate]:
    """Every combination of up to ``max_combined`` items, in each setting all of them
    allow, that sets no node both on and off."""
    items = catalogue.items
    for size in range(1, max_combined + 1):
        for chosen in itertools.combinations(items, size):
            if not _compatible(chosen):
                continue
            shared = set(chosen[0].settings).intersection(*(i.settings for i in chosen[1:]))
            for setting in (s for s in chosen[0].settings if s in shared):
                yield Candidate(chosen, setting)


def _compatible(items: Sequence[Item]) -> bool:
    """No selector twice, and none that could reach a node another sets the other way
    (stricter than :func:`~pathcheck.model.clashes`: no narrower selector may win), but
    for a preparation that lacks a cell type (``@PV``) and a factor applied to it, which
    is still applied there."""
    for a, b in itertools.combinations(items, 2):
        if a.selector.text == b.selector.text:
            return False  # the same node twice: one of them is redundant or contradictory
        lacking = bool(a.selector.base) != bool(b.selector.base)  # the entity wins
        if a.value != b.value and a.selector.overlaps(b.selector) and not lacking:
            return False
    return True


def priors(
    hypotheses: Sequence[Hypothesis],
    tables: Sequence[ExperimentFile],
    error_rate: float,
    max_states: int,
    cache: PredictionCache,
) -> tuple[list[Hypothesis], list[float]]:
    """Every member and its posterior after the tables, as the module says."""
    chosen: list[Hypothesis] = []
    weights: list[float] = []
    for hypothesis in hypotheses:
        family = list(members(hypothesis))
        chosen += family
        weights += [1 / len(hypotheses) / len(family)] * len(family)
    totals = [0.0] * len(chosen)
    data = list(readings(list(tables)))
    for _, files in data:
        if not any(f.experiments for f in files):
            continue
        result = compare(chosen, files, error_rate, max_states, cache)
        for i, summary in enumerate(result.summaries):
            totals[i] += math.exp(summary.log_likelihood) / len(data)
    if not any(f.experiments for _, files in data for f in files):
        totals = [1.0] * len(chosen)
    unnormalised = [w * t for w, t in zip(weights, totals, strict=True)]
    scale = sum(unnormalised)
    return chosen, [u / scale for u in unnormalised]


def entropy(probabilities: Sequence[float]) -> float:
    return -sum(p * math.log2(p) for p in probabilities if p > 0)


def gain(
    prior: Sequence[float],
    classes: Sequence[str],
    predictions: Sequence[Predicted | None],
    error_rate: float,
) -> float:
    """Expected information gain, in bits, about the class, of observing the read-out."""

    def by_class(weights: Sequence[float]) -> list[float]:
        total: dict[str, float] = defaultdict(float)
        for c, w in zip(classes, weights, strict=True):
            total[c] += w
        return list(total.values())

    before = entropy(by_class(prior))
    after = 0.0
    for observed in (True, False):
        likelihood = [
            (1 - error_rate if p == observed else error_rate) if p in (True, False) else 0.5
            for p in predictions
        ]
        joint = [q * lk for q, lk in zip(prior, likelihood, strict=True)]
        chance = sum(joint)
        if chance > 0:
            after += chance * entropy(by_class([j / chance for j in joint]))
    return max(0.0, before - after)


def design(
    hypotheses: Sequence[Hypothesis],
    tables: Sequence[ExperimentFile],
    catalogue: Catalogue,
    max_combined: int = 2,
    top: int = 10,
    readout: str | None = None,
    decide: str | None = None,
    error_rate: float = DEFAULT_ERROR_RATE,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Progress | None = None,
) -> Design:
    cache: PredictionCache = {}
    chosen, prior = priors(hypotheses, tables, error_rate, max_states, cache)
    classes = _classes(chosen, decide)
    readouts = [readout] if readout else list(dict.fromkeys(r for h in chosen for r in h.readouts))
    predictors = [Predictor(h, max_states, cache) for h in chosen]
    every = list(candidates(catalogue, max_combined))
    best: list[Suggestion] = []
    signatures: list[list[Predicted | None]] = [[] for _ in chosen]
    for done, candidate in enumerate(every, start=1):
        values = _predictions(predictors, candidate, readouts)
        for i, row in enumerate(zip(*values.values(), strict=True)):
            signatures[i].extend(row)
        options = []
        allowed = catalogue.measures.get(candidate.setting)
        for name, predicted in values.items():
            if allowed is not None and name not in allowed:
                continue
            definite = {p for p in predicted if p in (True, False)}
            if len(definite) == 2:
                score = gain(prior, classes, predicted, error_rate)
                options.append(Suggestion(candidate, name, tuple(predicted), score))
        if options:
            best.append(max(options, key=lambda s: s.gain))
        if progress is not None:
            progress(done, len(every))
    best.sort(
        key=lambda s: (
            -round(s.gain, 9),
            s.candidate.cost,
            len(s.candidate.items),
            s.candidate.label,
            s.candidate.setting,
        )
    )
    return Design(
        members=tuple(chosen),
        prior=tuple(prior),
        classes=tuple(classes),
        decide=decide,
        suggestions=tuple(best[:top]),
        informative=len(best),
        considered=len(every),
        equivalent=_equivalent(chosen, signatures),
        catalogue=catalogue,
    )


def _classes(chosen: Sequence[Hypothesis], decide: str | None) -> list[str]:
    if decide is None:
        return [h.name for h in chosen]
    having = [h for h in chosen if any(c.name == decide for c in h.choices)]
    if not having:
        offered = sorted({c.name for h in chosen for c in h.choices})
        raise InputError.at(
            COMMAND_LINE,
            f"no compared hypothesis has the choice '{decide}'"
            + (f" (they have: {', '.join(offered)})" if offered else " (they have none)"),
        )
    return [
        f"{decide}={dict(h.assignment)[decide]}" if h in having else f"{h.name} (no {decide})"
        for h in chosen
    ]


def _predictions(
    predictors: Sequence[Predictor], candidate: Candidate, readouts: Sequence[str]
) -> dict[str, list[Predicted | None]]:
    values: dict[str, list[Predicted | None]] = {r: [] for r in readouts}
    for predictor in predictors:
        hypothesis = predictor.hypothesis
        if hypothesis.undeclared_setting(candidate.setting):
            for r in readouts:
                values[r].append(None)
            continue
        prediction = predictor.predict(candidate.setting, candidate_clamps(hypothesis, candidate))
        for r in readouts:
            node = hypothesis.readouts.get(r)
            values[r].append(None if node is None else prediction.value(node))
    return values


def candidate_clamps(hypothesis: Hypothesis, candidate: Candidate) -> dict[str, bool]:
    """The nodes a candidate sets in a hypothesis: its items' clamps, which add up (the
    items of a candidate are compatible)."""
    clamps: dict[str, bool] = {}
    for item in candidate.items:
        clamps.update(resolve(hypothesis, (item.intervention,)).values)
    return clamps


def _equivalent(
    chosen: Sequence[Hypothesis], signatures: Sequence[Sequence[Predicted | None]]
) -> tuple[tuple[str, ...], ...]:
    groups: dict[tuple[Predicted | None, ...], list[str]] = defaultdict(list)
    for hypothesis, signature in zip(chosen, signatures, strict=True):
        groups[tuple(signature)].append(hypothesis.name)
    return tuple(tuple(g) for g in groups.values() if len(g) > 1)
