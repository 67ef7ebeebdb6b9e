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

**Experiments already done.** A candidate whose manipulations and setting are those of
a row of the outcome tables (in some reading of the data) is that experiment: on a
read-out the row observed it is **done**, listed apart with the row's id and observed
value and never ranked; on another read-out it is ranked, saying which row did the same
manipulation. **Co-applied agonists.** Candidates that differ only in the factor or
drug applied with the same manipulations (ketamine, BDNF or VEGF with TRKB blocked in
PV cells), and that split the members the same way, are one suggestion, listed once
with its alternatives. The gain is also given as the share of the uncertainty left
after the outcome tables (the prior entropy of what is decided) that the read-out is
expected to settle.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pathcheck.analysis.outcomes import PredictionCache, Predictor, plain_value, resolve
from pathcheck.analysis.score import compare
from pathcheck.base import html
from pathcheck.base.defaults import DEFAULT_ERROR_RATE, DEFAULT_MAX_STATES
from pathcheck.base.problems import COMMAND_LINE, InputError, Location, Problem, did_you_mean
from pathcheck.engine.explicit import Predicted
from pathcheck.formats.catalogue import Catalogue, Item
from pathcheck.model import ExperimentFile, Hypothesis, Intervention, members, readings

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
    # the same manipulations with another co-applied agonist, splitting the members alike
    alternatives: tuple[Candidate, ...] = ()
    # rows of the outcome tables that did these manipulations: (id, what they observed)
    record: tuple[tuple[str, str], ...] = ()


Manipulation = frozenset[tuple[str, frozenset[str] | None, bool]]  # (entity, cells, on)


class Design(NamedTuple):
    """What ``pathcheck design`` found: the members it tells apart with their prior (the
    posterior after the outcome tables), the suggestions ranked by expected information
    gain, those the tables already hold (``done``), and the groups no candidate splits."""

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
    recorded: frozenset[str] = frozenset()  # the ids the outcome tables use already
    uncertainty: float = 0.0  # the prior entropy of what is decided, bits
    # candidates equal to rows of the outcome tables, on a read-out those rows observed
    done: tuple[Suggestion, ...] = ()

    def settles(self, suggestion: Suggestion) -> float:
        """The share of the remaining uncertainty the suggestion is expected to settle."""
        return suggestion.gain / self.uncertainty if self.uncertainty > 0 else 0.0

    def __repr__(self) -> str:
        best = self.suggestions[0].candidate.label if self.suggestions else "none"
        return (
            f"<Design over {len(self.members)} members: {len(self.suggestions)} suggestions "
            f"of {self.considered} candidates; first: {best}>"
        )

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """The suggestions, best first: what to do, where, what to read, what it teaches."""
        head = ("rank", "experiment", "setting", "read-out", "settles", "cost")
        rows = [
            (
                str(rank),
                label(s),
                s.candidate.setting,
                s.readout,
                f"{self.settles(s):.0%}",
                self.catalogue.cost_text(s.candidate.cost),
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
            "uncertainty_bits": round(self.uncertainty, 6),
            "cost_scale": list(self.catalogue.cost_scale),
            "suggestions": [self._suggestion_dict(s, members) for s in self.suggestions],
            "done": [self._suggestion_dict(s, members) for s in self.done],
            "observationally_equivalent": [list(group) for group in self.equivalent],
            **({"neighbours": self.neighbours.to_dict()} if self.neighbours is not None else {}),
        }

    def _suggestion_dict(self, s: Suggestion, members: list[str]) -> dict[str, Any]:
        return {
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
            "share_of_uncertainty_settled": round(self.settles(s), 6),
            "cost": s.candidate.cost,
            "cost_level": self.catalogue.cost_text(s.candidate.cost),
            "alternatives": [
                {"items": [i.id for i in c.items], "label": c.label, "cost": c.cost}
                for c in s.alternatives
            ],
            "record": [{"id": i, "observed": o} for i, o in s.record],
        }


AGONISTS = ("systemic drug", "infusion")  # what is applied, as the catalogue's kinds say


def label(suggestion: Suggestion) -> str:
    """What to do: the candidate, its co-applied agonists joined where they are grouped
    (``ketamine, BDNF or VEGF + TRKB deleted in PV interneurons``)."""
    if not suggestion.alternatives:
        return suggestion.candidate.label
    every = (suggestion.candidate, *suggestion.alternatives)
    applied = [" + ".join(i.label for i in c.items if _agonist(i)) for c in every]
    rest = [i.label for i in suggestion.candidate.items if not _agonist(i)]
    return " + ".join([f"{', '.join(applied[:-1])} or {applied[-1]}", *rest])


def _agonist(item: Item) -> bool:
    return item.value and item.kind in AGONISTS


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


def _by_class(weights: Sequence[float], classes: Sequence[str]) -> list[float]:
    total: dict[str, float] = defaultdict(float)
    for c, w in zip(classes, weights, strict=True):
        total[c] += w
    return list(total.values())


def idle_items(catalogue: Catalogue, hypotheses: Sequence[Hypothesis]) -> list[Problem]:
    """The catalogue's items that can tell the hypotheses nothing, each at its line: a
    selector no member of any of them has (most likely misspelt, as a table's would be),
    and a read-out a setting measures that none of them has. The hypotheses are the ones
    the catalogue is written for (the project's, not only those compared)."""
    from pathcheck.analysis.lint.unmatched_selector import unmatched

    found = []
    for item in catalogue.items:
        hint = unmatched(item.selector, hypotheses)
        if hint is not None:
            message = (
                f"catalogue item '{item.id}': '{item.selector.text}' matches a node in no "
                f"hypothesis{hint}; it can tell them nothing"
            )
            found.append(Problem(item.location, message))
    known = {r for h in hypotheses for r in h.readouts}
    for setting, readouts in catalogue.measures.items():
        for readout in sorted(set(readouts) - known):
            message = (
                f"the catalogue measures '{readout}' in {setting}, which no hypothesis "
                f"has{did_you_mean(readout, known)}"
            )
            found.append(Problem(Location(catalogue.file, 0, 0), message))
    return found


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
        return _by_class(weights, classes)

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
    *,
    record: Sequence[ExperimentFile] | None = None,
) -> Design:
    """The suggestions, as the module says; ``record`` (the tables unless given: all of
    them where ``tables`` leaves the inferred rows out) says which experiments are done."""
    cache: PredictionCache = {}
    chosen, prior = priors(hypotheses, tables, error_rate, max_states, cache)
    classes = _classes(chosen, decide)
    readouts = [readout] if readout else list(dict.fromkeys(r for h in chosen for r in h.readouts))
    predictors = [Predictor(h, max_states, cache) for h in chosen]
    every = list(candidates(catalogue, max_combined))
    memo: Memo = {}
    experiments = done_experiments(tables if record is None else record)
    best: list[Suggestion] = []
    done: list[Suggestion] = []
    signatures: list[list[Predicted | None]] = [[] for _ in chosen]
    for count, candidate in enumerate(every, start=1):
        values = _predictions(predictors, candidate, readouts, memo)
        for i, row in enumerate(zip(*values.values(), strict=True)):
            signatures[i].extend(row)
        rows = experiments.get((candidate.setting, manipulation(candidate)), {})
        options: list[Suggestion] = []
        repeated: list[Suggestion] = []
        allowed = catalogue.measures.get(candidate.setting)
        for name, predicted in values.items():
            if allowed is not None and name not in allowed:
                continue
            definite = {p for p in predicted if p in (True, False)}
            if len(definite) == 2:
                score = gain(prior, classes, predicted, error_rate)
                observed = tuple(
                    (i, _observed(name, v[name])) for i, v in rows.items() if name in v
                )
                found = Suggestion(candidate, name, tuple(predicted), score, record=observed)
                (repeated if observed else options).append(found)
        if options:
            seen = tuple(
                (i, ", ".join(_observed(r, x) for r, x in v.items())) for i, v in rows.items()
            )
            best.append(max(options, key=lambda s: s.gain)._replace(record=seen))
        done += repeated
        if progress is not None:
            progress(count, len(every))
    grouped = _grouped(sorted(best, key=_rank))
    return Design(
        members=tuple(chosen),
        prior=tuple(prior),
        classes=tuple(classes),
        decide=decide,
        suggestions=tuple(grouped[:top]),
        informative=len(best),
        considered=len(every),
        equivalent=_equivalent(chosen, signatures),
        catalogue=catalogue,
        uncertainty=entropy(_by_class(prior, classes)),
        done=tuple(sorted(done, key=_rank)),
        recorded=frozenset(
            e.id for t in (tables if record is None else record) for e in t.experiments
        ),
    )


def _rank(s: Suggestion) -> tuple[Any, ...]:
    """By gain, then cost, then fewer items (then the label, for a stable order)."""
    c = s.candidate
    return (-round(s.gain, 9), c.cost, len(c.items), c.label, c.setting, s.readout)


def manipulation(candidate: Candidate) -> Manipulation:
    """What a candidate switches, as an outcome table's row would say it."""
    return _switched(i.intervention for i in candidate.items)


def _switched(interventions: Iterable[Intervention]) -> Manipulation:
    return frozenset((i.selector.base, i.selector.cells, i.value) for i in interventions)


def done_experiments(
    tables: Sequence[ExperimentFile],
) -> dict[tuple[str, Manipulation], dict[str, dict[str, bool | None]]]:
    """The experiments of the outcome tables, in every reading of the data, by setting
    and manipulation: each row's id with what it observed, or, for a pending row (one
    written to be run, by ``design --write`` say), what it would measure (``None``)."""
    found: dict[tuple[str, Manipulation], dict[str, dict[str, bool | None]]] = defaultdict(dict)
    for _, files in readings(list(tables)):
        for table in files:
            for e in table.experiments:
                key = (e.setting, _switched(e.manipulations))
                if e.observations:
                    found[key][e.id] = {o.readout: o.value for o in e.observations}
                elif e.pending:
                    found[key][e.id] = dict.fromkeys(e.measure)
    return found


def _observed(readout: str, value: bool | None) -> str:
    return f"{readout}=pending" if value is None else f"{readout}={int(value)}"


def _grouped(ranked: Sequence[Suggestion]) -> list[Suggestion]:
    """Suggestions that differ only in the co-applied agonist and split the members
    alike, as one: the best-ranked, with the others as its alternatives."""
    first: dict[tuple[Any, ...], int] = {}
    kept: list[Suggestion] = []
    for suggestion in ranked:
        c = suggestion.candidate
        applied = [i for i in c.items if _agonist(i)]
        rest = frozenset(i.id for i in c.items if not _agonist(i))
        key = (c.setting, rest, suggestion.readout, suggestion.predictions)
        if len(applied) != 1 or not rest or key not in first:
            if len(applied) == 1 and rest:
                first[key] = len(kept)
            kept.append(suggestion)
            continue
        lead = kept[first[key]]
        kept[first[key]] = lead._replace(
            alternatives=(*lead.alternatives, c), record=(*lead.record, *suggestion.record)
        )
    return kept


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


Memo = dict[tuple[int, str, frozenset[tuple[str, bool]]], tuple[Predicted | None, ...]]


def _predictions(
    predictors: Sequence[Predictor], candidate: Candidate, readouts: Sequence[str], memo: Memo
) -> dict[str, list[Predicted | None]]:
    """Each member's read-outs for the candidate; a member's are computed once for each
    set of clamps the candidates resolve to (``memo``), since many resolve alike."""
    values: dict[str, list[Predicted | None]] = {r: [] for r in readouts}
    for index, predictor in enumerate(predictors):
        hypothesis = predictor.hypothesis
        if hypothesis.undeclared_setting(candidate.setting):
            for r in readouts:
                values[r].append(None)
            continue
        clamps = candidate_clamps(hypothesis, candidate)
        key = (index, candidate.setting, frozenset(clamps.items()))
        found = memo.get(key)
        if found is None:
            prediction = predictor.predict(candidate.setting, clamps)
            nodes = [hypothesis.readouts.get(r) for r in readouts]
            by_node = {n: prediction.value(n) for n in set(nodes) if n is not None}
            found = memo[key] = tuple(None if n is None else by_node[n] for n in nodes)
        for r, value in zip(readouts, found, strict=True):
            values[r].append(value)
    return values


def candidate_clamps(hypothesis: Hypothesis, candidate: Candidate) -> dict[str, bool]:
    """The nodes a candidate sets in a hypothesis: its items' clamps, which add up (the
    items of a candidate are compatible), but where an item names no entity (a culture
    lacking PV cells): then resolved together, so a factor applied still reaches the PV
    nodes it names (the narrower selector wins)."""
    if not all(i.selector.base for i in candidate.items):
        return dict(resolve(hypothesis, tuple(i.intervention for i in candidate.items)).values)
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
