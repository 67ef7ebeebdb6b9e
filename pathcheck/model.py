"""The typed objects that files are loaded into: hypotheses, experiments, selectors.

They are immutable and carry the :class:`~pathcheck.problems.Location` of what they came
from, so every later stage (prediction, scoring, rendering, the CI gate) can point a
user back at the line to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from sympy.logic.boolalg import Boolean

from pathcheck.problems import Location


def split_name(node: str) -> tuple[str, str | None]:
    """``"FLK1@pyramidal"`` -> ``("FLK1", "pyramidal")``; ``"BDNF"`` -> ``("BDNF", None)``."""
    base, _, cell = node.partition("@")
    return base, cell or None


class Edge(NamedTuple):
    """A declared regulation, ``A -> B`` (activation, sign 1) or ``A -| B`` (inhibition, -1).

    Rules say what a node does; declared edges say what its author meant, so a linter can
    point out where the two part.
    """

    source: str
    target: str
    sign: int
    location: Location

    def __str__(self) -> str:
        return f"{self.source} {'->' if self.sign > 0 else '-|'} {self.target}"


class Hypothesis(NamedTuple):
    """A mechanism: inputs, nodes with Boolean rules, and read-outs mapped to nodes.

    Inputs hold their value: a setting gives it (0 unless the setting says otherwise),
    an experiment may clamp it.
    """

    name: str
    title: str
    file: str
    source: str
    description: str
    inputs: tuple[str, ...]
    rules: Mapping[str, Boolean]
    readouts: Mapping[str, str]
    # read-only empty defaults: a NamedTuple's defaults are shared by every instance
    settings: Mapping[str, Mapping[str, bool]] = MappingProxyType({})
    locations: Mapping[str, Location] = MappingProxyType({})  # of each node's rule
    declared_edges: tuple[Edge, ...] = ()
    readout_locations: Mapping[str, Location] = MappingProxyType({})

    @property
    def nodes(self) -> tuple[str, ...]:
        return self.inputs + tuple(self.rules)

    @property
    def edges(self) -> frozenset[tuple[str, str]]:
        """(regulator, target) pairs: a node regulates another when its rule names it."""
        return frozenset(
            (symbol.name, target)
            for target, rule in self.rules.items()
            for symbol in rule.free_symbols
        )

    def input_values(self, setting: str | None) -> dict[str, bool]:
        values = dict.fromkeys(self.inputs, False)
        if setting is not None:
            values.update(self.settings.get(setting, {}))
        return values


class Selector(NamedTuple):
    """Names the nodes an intervention acts on.

    ``FLK1`` matches every FLK1 node, whatever its cell type; ``FLK1@pyramidal`` matches
    that cell type only; ``FLK1@neuron``, where the experiment file declares the cell group
    ``neuron``, matches FLK1 in each member cell type.
    """

    text: str
    base: str
    cells: frozenset[str] | None  # None: any cell type, and nodes without one

    def matches(self, node: str) -> bool:
        base, cell = split_name(node)
        if base != self.base:
            return False
        return self.cells is None or cell in self.cells


class Intervention(NamedTuple):
    """Clamp every node the selector matches: ``on`` to 1, ``off`` to 0."""

    selector: Selector
    value: bool
    location: Location


class Observation(NamedTuple):
    readout: str
    value: bool
    location: Location


class Source(NamedTuple):
    """The publication an outcome table records."""

    citation: str
    pmid: str | None = None
    doi: str | None = None


class Experiment(NamedTuple):
    id: str
    label: str
    setting: str
    interventions: tuple[Intervention, ...]
    observations: tuple[Observation, ...]
    evidence: str
    location: Location
    source: Source
    figure: str | None = None
    inferred: str | None = None  # the reason, when the row is inferred rather than stated
    note: str | None = None

    @property
    def verified(self) -> bool:
        return self.inferred is None


class ExperimentFile(NamedTuple):
    file: str
    source: Source
    title: str
    experiments: tuple[Experiment, ...]
