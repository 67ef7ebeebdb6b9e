"""What a hypothesis predicts for an experiment.

An experiment names entities (``FLK1``, ``VEGF@neuron``); a hypothesis places nodes in
cell types. Resolving one against the other gives the clamps, and the selectors that
match nothing there: the hypothesis does not place that entity where the experiment
acts, so the intervention changes nothing in it, which the result shows beside the
verdict.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import NamedTuple

from sympy.logic.boolalg import Boolean

from pathcheck.base.defaults import DEFAULT_MAX_STATES
from pathcheck.base.problems import InputError
from pathcheck.engine.explicit import AMBIGUOUS, UNKNOWN, Network, Predicted, Value
from pathcheck.engine.prediction import Reached, predict
from pathcheck.model import Experiment, Hypothesis, Intervention, clashes, most_specific


def plain_value(value: Predicted | bool | None) -> int | str | None:
    """A value as plain data: 1, 0, "ambiguous", "unknown", or None where there is none
    (the hypothesis has no such read-out, or nothing was observed)."""
    if value is None:
        return None
    if value in (AMBIGUOUS, UNKNOWN):
        return str(value)
    return 1 if value else 0


class Clamps(NamedTuple):
    values: Mapping[str, bool]  # read-only: resolved once, shared by every caller
    unmatched: tuple[str, ...]  # selectors that match no node of the hypothesis


def resolve(hypothesis: Hypothesis, interventions: Sequence[Intervention]) -> Clamps:
    """The node values the interventions set, the narrowest selector winning for each node
    (:func:`~pathcheck.model.most_specific`); a clash is an error."""
    return _resolve(hypothesis.nodes, tuple(interventions))


@functools.lru_cache(maxsize=4096)
def _resolve(nodes: tuple[str, ...], interventions: tuple[Intervention, ...]) -> Clamps:
    """Cached: every member of a family, in every reading, resolves the same experiments
    against (mostly) the same nodes."""
    problems = clashes(interventions)
    if problems:
        raise InputError(problems)
    setters: dict[str, list[Intervention]] = {}
    unmatched = []
    for intervention in interventions:
        matched = [n for n in nodes if intervention.selector.matches(n)]
        if not matched:
            unmatched.append(intervention.selector.text)
        for node in matched:
            setters.setdefault(node, []).append(intervention)
    values = {
        node: (found[0] if len(found) == 1 else most_specific(found, node)[0]).value
        for node, found in setters.items()
    }
    return Clamps(MappingProxyType(values), tuple(unmatched))


def network_of(hypothesis: Hypothesis) -> Network:
    return Network.build(hypothesis.rules, hypothesis.inputs)


PredictionCache = dict[
    tuple[
        tuple[tuple[str, Boolean], ...],
        tuple[tuple[str, bool], ...],
        tuple[tuple[str, bool], ...],
        int,
    ],
    Reached,
]

__all__ = ["UNKNOWN", "Clamps", "Outcome", "Predicted", "Predictor", "network_of", "resolve"]


class Outcome(NamedTuple):
    """A hypothesis' prediction for one experiment, read out."""

    hypothesis: Hypothesis
    experiment: Experiment
    clamps: Clamps
    prediction: Reached

    @property
    def unknown(self) -> str:
        """Why the engines could not decide reachability; empty when they did."""
        return self.prediction.unknown or ""

    def readout(self, name: str) -> Predicted | None:
        """The predicted read-out; ``None`` when the hypothesis has no read-out of that name."""
        node = self.hypothesis.readouts.get(name)
        return None if node is None else self.prediction.value(node)

    def readout_by_attractor(self, name: str) -> tuple[Value, ...]:
        node = self.hypothesis.readouts.get(name)
        return () if node is None else self.prediction.values_by_attractor(node)


@dataclass
class Predictor:
    """Predicts experiments for one hypothesis, reusing work across experiments that
    share a setting and clamps (vehicle rows, unmatched selectors)."""

    hypothesis: Hypothesis
    max_states: int = DEFAULT_MAX_STATES
    # shared by the predictors of a family's members and readings: a prediction is a
    # function of the network's rules, the inputs and the clamps, whoever asks
    cache: PredictionCache = field(default_factory=dict)

    @cached_property
    def network(self) -> Network:
        return network_of(self.hypothesis)

    @cached_property
    def _rules(self) -> tuple[tuple[str, Boolean], ...]:
        network = self.network
        return tuple((name, network.rules[name]) for name in network.nodes)

    def predict(self, setting: str | None, clamps: Mapping[str, bool]) -> Reached:
        inputs = self.hypothesis.input_values(setting)
        key = (
            self._rules,
            tuple(sorted(inputs.items())),
            tuple(sorted(clamps.items())),
            self.max_states,
        )
        if key not in self.cache:
            self.cache[key] = predict(self.network, inputs, clamps, self.max_states)
        return self.cache[key]

    def outcome(self, experiment: Experiment) -> Outcome:
        clamps = resolve(self.hypothesis, experiment.interventions)
        problem = self.hypothesis.undeclared_setting(experiment.setting)
        if problem:
            where = experiment.setting_location or experiment.location
            raise InputError.at(where, f"{experiment.id}: {problem}")
        return Outcome(
            self.hypothesis, experiment, clamps, self.predict(experiment.setting, clamps.values)
        )
