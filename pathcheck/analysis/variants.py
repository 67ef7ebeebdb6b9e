"""The variants of an edit space scored against the data, each observation predicted only
when the edit can change it.

**What a prediction can depend on.** An experiment's prediction of a read-out is read
from the attractors reached, under its clamps, from the basal attractors of its setting
(``docs/semantics.md``). Let *A* be the read-out's node and every node it reaches back
to through the rules of the clamped network (a clamped node's rule is a constant, so the
walk stops there), and *B* every node that the unclamped nodes of *A* reach back to
through the rules of the network before the clamps (inputs hold their setting's value).
The values *A* takes are decided by the rules of *A*'s unclamped nodes, the clamps, and
the states of *B* in the basal attractors; those states by the rules of *B* and the
inputs' values. *A* and *B* are each closed under their regulators, and on such a set
asynchronous dynamics projects exactly: a move of a node outside it changes nothing in
it, and every move inside it is possible whatever lies outside, so the reachable
attractors of the network, seen on the set, are the reachable attractors of the set's
own rules. So a prediction can change only when an edit rewrites the rule of a node of
*A* (unclamped) or of *B*: that set is the experiment's *cone*. Every other observation
keeps its verdict without being predicted again.

**Work shared.** A prediction is cached on what its cone holds: the rules there, the
clamps and the inputs' values there. Variants that differ outside the cone (every edit
elsewhere, and the members of a family that agree there) share it. Variants are built
from the written hypothesis one rewritten rule at a time, the rest of it, and each
compiled rule (:mod:`pathcheck.engine.explicit`), shared.

Nothing here decides a verdict that the engine would not: the predictions are the
engine's own, on the whole variant, and a repair found here is checked again, from
scratch, by :func:`pathcheck.analysis.score.compare` before it is reported.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from sympy.logic.boolalg import Boolean

from pathcheck.analysis.edits import EditSpace, Variant
from pathcheck.analysis.outcomes import network_of, resolve
from pathcheck.analysis.score import Verdict, likelihood, verdict
from pathcheck.base.problems import InputError
from pathcheck.engine.explicit import Network, Predicted
from pathcheck.engine.prediction import Reached, predict
from pathcheck.model import Assignment, Experiment, ExperimentFile, Hypothesis

Cone = frozenset[str]
Key = tuple[frozenset[tuple[str, Boolean]], frozenset[tuple[str, bool]], tuple[str, ...]]


class Target(NamedTuple):
    """A member in one reading of the data: what a variant must fit."""

    member: int  # index into the edit space's members
    data: Assignment  # the reading of the data
    experiments: tuple[Experiment, ...]  # those observed, in the tables' order

    @property
    def checks(self) -> list[tuple[Experiment, str, bool]]:
        """Every observation: the experiment, the read-out, the value observed."""
        return [(e, o.readout, o.value) for e in self.experiments for o in e.observations]


class Scored(NamedTuple):
    """A variant's verdicts on every observation of every target, in order, the ones
    matched as bits, and each experiment's cone in it (per unit of the scorer)."""

    verdicts: tuple[Verdict, ...]
    matched_bits: int
    cones: tuple[Cone, ...]

    @property
    def matched(self) -> int:
        return self.matched_bits.bit_count()

    @property
    def fits(self) -> bool:
        return self.matched == len(self.verdicts)


def targets(
    members: Sequence[Hypothesis],
    data: Sequence[tuple[Assignment, Sequence[ExperimentFile]]],
) -> tuple[Target, ...]:
    """Every member in every reading of the data given, member by member; a setting a
    member does not declare is refused, as compare refuses it."""
    found = []
    for index, member in enumerate(members):
        for assignment, files in data:
            observed = tuple(e for f in files for e in f.experiments if e.observations)
            for experiment in observed:
                problem = member.undeclared_setting(experiment.setting)
                if problem:
                    where = experiment.setting_location or experiment.location
                    raise InputError.at(where, f"{experiment.id}: {problem}")
            found.append(Target(index, assignment, observed))
    return tuple(found)


class _Unit(NamedTuple):
    """One experiment of one target: its observations are checks ``first`` onwards."""

    target: int
    experiment: Experiment
    first: int
    size: int
    bits: int  # its checks, as bits


Source = tuple[Scored, int]  # a scored variant, and the checks whose cone an edit reaches


class Scorer:
    """Scores the variants of one edit space against targets, sharing work between
    them: a variant's verdict on an observation is taken from a scored variant one edit
    closer to the written hypothesis (or from the written one) when the edits between
    them reach nothing in the observation's cone, and predicted otherwise."""

    def __init__(self, space: EditSpace, chosen: Sequence[Target], max_states: int) -> None:
        self.space = space
        self.targets = tuple(chosen)
        self.max_states = max_states
        self.cache: dict[Key, Reached] = {}
        self.predicted = 0  # predictions computed (not found in the cache)
        units = []
        first = 0
        for t, target in enumerate(self.targets):
            for experiment in target.experiments:
                count = len(experiment.observations)
                bits = ((1 << count) - 1) << first
                units.append(_Unit(t, experiment, first, count, bits))
                first += count
        self.units = tuple(units)
        self.checks = first
        self.scored: dict[Variant, Scored] = {}
        self._touch: dict[tuple[Variant, int], int] = {}
        written = self.score(())
        assert written is not None
        self.written = written

    def touch(self, variant: Variant, site: int) -> int:
        """The checks of the scored ``variant`` whose cone there holds the node of
        ``site``, in the targets whose members take that node's rule from it."""
        key = (variant, site)
        found = self._touch.get(key)
        if found is None:
            scored = self.scored[variant]
            space = self.space.sites[site]
            node = space.site.node
            found = 0
            for u, unit in enumerate(self.units):
                if self.targets[unit.target].member in space.users and node in scored.cones[u]:
                    found |= unit.bits
            self._touch[key] = found
        return found

    def sources(self, variant: Variant) -> list[Source]:
        """The scored variants one edit closer, and the written hypothesis, each with the
        checks the edits between it and ``variant`` may change."""
        found = [
            (self.scored[parent], self.touch(parent, site))
            for parent, site in self.space.parents(variant)
            if parent in self.scored
        ]
        if variant:
            reach = 0
            for i, _ in variant:
                reach |= self.touch((), i)
            found.append((self.written, reach))
        return found

    def bound(self, variant: Variant) -> int:
        """At most this many observations matched: those its sources match that no edit
        between reaches, and every one an edit reaches."""
        ones, unknown = _known(self.sources(variant), (1 << self.checks) - 1)
        return ones.bit_count() + unknown.bit_count()

    def score(self, variant: Variant, floor: int = 0) -> Scored | None:
        """The variant's verdicts (kept for the variants it is a source of), or ``None``
        as soon as it cannot match ``floor`` observations."""
        sources = self.sources(variant)
        every = (1 << self.checks) - 1
        ones, unknown = _known(sources, every)
        possible = ones.bit_count() + unknown.bit_count()
        verdicts: list[Verdict] = [Verdict.MATCH] * self.checks
        cones: list[Cone] = [frozenset()] * len(self.units)
        built: dict[int, tuple[Hypothesis, Network]] = {}
        pending = []
        for u, unit in enumerate(self.units):
            end = unit.first + unit.size
            if unit.bits & unknown:
                # the likeliest to fail first: those that fail in most sources
                failing = sum(bool(unit.bits & ~s.matched_bits) for s, _ in sources)
                pending.append((-failing, u))
                continue
            scored = next(s for s, reach in sources if not unit.bits & reach)
            verdicts[unit.first : end] = scored.verdicts[unit.first : end]
            cones[u] = scored.cones[u]
        for _, u in sorted(pending):
            unit = self.units[u]
            index = self.targets[unit.target].member
            if index not in built:
                member = self.space.member(variant, index)
                built[index] = (member, network_of(member))
            values, cones[u] = self._predict(built[index], unit.experiment)
            for k, observation in enumerate(unit.experiment.observations):
                found = verdict(values.get(observation.readout), observation.value)
                verdicts[unit.first + k] = found
                possible -= found is not Verdict.MATCH
            if possible < floor:
                return None
        bits = sum(1 << k for k, v in enumerate(verdicts) if v is Verdict.MATCH)
        result = Scored(tuple(verdicts), bits, tuple(cones))
        self.scored[variant] = result
        return result

    def log_likelihoods(self, scored: Scored, error_rate: float) -> tuple[float, ...]:
        """Per target: the log-likelihood of its observations."""
        totals = [0.0] * len(self.targets)
        for unit in self.units:
            for k in range(unit.first, unit.first + unit.size):
                totals[unit.target] += math.log(likelihood(scored.verdicts[k], error_rate))
        return tuple(totals)

    def rows(self, scored: Scored) -> list[tuple[Verdict, ...]]:
        """The verdicts per target."""
        found: list[list[Verdict]] = [[] for _ in self.targets]
        for unit in self.units:
            found[unit.target] += scored.verdicts[unit.first : unit.first + unit.size]
        return [tuple(row) for row in found]

    def _predict(
        self, built: tuple[Hypothesis, Network], experiment: Experiment
    ) -> tuple[dict[str, Predicted], Cone]:
        """The read-outs the experiment observes, as the member predicts them, and the
        experiment's cone in it."""
        member, network = built
        clamps = resolve(member, experiment.interventions).values
        inputs = member.input_values(experiment.setting)
        readouts = tuple(
            dict.fromkeys(
                member.readouts[o.readout]
                for o in experiment.observations
                if o.readout in member.readouts
            )
        )
        before, after = _cone(network.rules, set(member.inputs), clamps, readouts)
        cone = before | after
        key: Key = (
            frozenset(
                (n, network.rules[n]) for n in (after - clamps.keys()) | before if n not in inputs
            ),
            frozenset(
                [(n, v) for n, v in clamps.items() if n in after]
                + [(n, v) for n, v in inputs.items() if n in cone]
            ),
            readouts,
        )
        prediction = self.cache.get(key)
        if prediction is None:
            self.predicted += 1
            prediction = predict(network, inputs, clamps, self.max_states)
            self.cache[key] = prediction
        values: dict[str, Predicted] = {
            r: prediction.value(n) for r, n in member.readouts.items() if n in readouts
        }
        return values, frozenset(cone)


def _known(sources: Sequence[Source], every: int) -> tuple[int, int]:
    """The checks known matched from the sources (each in the first source whose edits
    do not reach it), and those no source knows."""
    ones = 0
    unknown = every
    for scored, reach in sources:
        ones |= unknown & ~reach & scored.matched_bits
        unknown &= reach
    return ones, unknown


def _cone(
    rules: Mapping[str, Boolean],
    inputs: set[str],
    clamps: Mapping[str, bool],
    readouts: Sequence[str],
) -> tuple[set[str], set[str]]:
    """(B, A) as the module says: the nodes whose basal states matter, and the nodes the
    read-outs reach back to under the clamps."""
    after = _upstream(rules, readouts, stop=clamps.keys() | inputs)
    before = _upstream(rules, [n for n in after if n not in clamps], stop=inputs)
    return before, after


def _upstream(rules: Mapping[str, Boolean], nodes: Sequence[str], stop: object) -> set[str]:
    """``nodes`` and every node they read, through the rules of all but ``stop``."""
    seen = set(nodes)
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if node in stop:  # type: ignore[operator]
            continue
        for name in _reads(rules[node]):
            if name not in seen:
                seen.add(name)
                stack.append(name)
    return seen


@functools.lru_cache(maxsize=65_536)
def _reads(rule: Boolean) -> tuple[str, ...]:
    """The nodes a rule reads, asked again for every variant that keeps the rule."""
    return tuple(s.name for s in rule.free_symbols)
