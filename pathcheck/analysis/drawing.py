"""A hypothesis as a picture: nodes in their cell types, signed edges, visible gates, and
(for one experiment) what each node is predicted to do.

Plain data, drawn by :mod:`pathcheck.render.mermaid` and :mod:`pathcheck.render.dot`.
An edge's sign is the rule's dependence on its regulator (a SAT question, as the linter
asks it): ``+`` activates, ``-`` inhibits, ``±`` both. A node whose rule combines two or
more regulators gets a gate: AND or OR when the rule is one of literals, else the rule
itself.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, Or

from pathcheck.analysis.outcomes import plain_value
from pathcheck.engine.explicit import Predicted
from pathcheck.logic.dependence import Dependence, dependence
from pathcheck.logic.formula import rule_text
from pathcheck.model import Experiment, Hypothesis, split_name

SIGNS = {Dependence.POSITIVE: "+", Dependence.NEGATIVE: "-", Dependence.BOTH: "±"}


class Node(NamedTuple):
    name: str
    cell: str | None
    readouts: tuple[str, ...]  # the read-outs that map to it
    value: Predicted | None = None  # with an experiment: its predicted value
    clamped: bool | None = None  # with an experiment: the value it is held at
    mismatch: bool = False  # a read-out here contradicts the observation


class DrawnEdge(NamedTuple):
    source: str
    target: str  # a node, or a gate's id
    sign: str


class Gate(NamedTuple):
    id: str
    target: str
    label: str  # AND, OR, or the rule


class Drawing(NamedTuple):
    """A hypothesis as a graph to draw, kept apart from any picture of it: its nodes (by
    cell type), signed edges and gates; with an experiment, each node's prediction."""

    hypothesis: Hypothesis
    nodes: tuple[Node, ...]
    edges: tuple[DrawnEdge, ...]
    gates: tuple[Gate, ...]
    experiment: Experiment | None = None

    @property
    def cells(self) -> tuple[str, ...]:
        """The cell types the nodes are placed in, in the order first met: the clusters."""
        return tuple(dict.fromkeys(n.cell for n in self.nodes if n.cell))

    def to_dict(self) -> dict[str, Any]:
        """Nodes, gates and signed edges as plain data; with an experiment, each node's
        predicted value and clamp."""
        return {
            "hypothesis": self.hypothesis.name,
            "experiment": None if self.experiment is None else self.experiment.id,
            "nodes": [
                {
                    "name": n.name,
                    "cell": n.cell,
                    "readouts": list(n.readouts),
                    "predicted": plain_value(n.value),
                    "clamped": None if n.clamped is None else int(n.clamped),
                    "mismatch": n.mismatch,
                }
                for n in self.nodes
            ],
            "gates": [{"id": g.id, "target": g.target, "label": g.label} for g in self.gates],
            "edges": [{"source": e.source, "target": e.target, "sign": e.sign} for e in self.edges],
        }


def _gate(rule: Boolean) -> str:
    literals = all(
        isinstance(a, Symbol) or (isinstance(a, Not) and isinstance(a.args[0], Symbol))
        for a in rule.args
    )
    if isinstance(rule, And) and literals:
        return "AND"
    if isinstance(rule, Or) and literals:
        return "OR"
    return rule_text(rule)


def drawing(hypothesis: Hypothesis, experiment: Experiment | None = None) -> Drawing:
    """The hypothesis's graph; with ``experiment``, each node's predicted value, the
    clamps, and the read-outs that contradict the observation."""
    values: dict[str, Predicted] = {}
    clamps: dict[str, bool] = {}
    mismatched: set[str] = set()
    if experiment is not None:
        from pathcheck.analysis.outcomes import Predictor
        from pathcheck.analysis.score import Verdict, verdict

        predictor = Predictor(hypothesis)
        outcome = predictor.outcome(experiment)
        clamps = dict(outcome.clamps.values)
        for name in hypothesis.nodes:
            values[name] = outcome.prediction.value(name)
        for observation in experiment.observations:
            node = hypothesis.readouts.get(observation.readout)
            predicted = outcome.readout(observation.readout)
            if node and verdict(predicted, observation.value) is Verdict.MISMATCH:
                mismatched.add(node)
    readouts: dict[str, list[str]] = {}
    for readout, node in hypothesis.readouts.items():
        readouts.setdefault(node, []).append(readout)
    nodes = tuple(
        Node(
            name,
            split_name(name)[1],
            tuple(readouts.get(name, ())),
            values.get(name),
            clamps.get(name),
            name in mismatched,
        )
        for name in hypothesis.nodes
    )
    edges: list[DrawnEdge] = []
    gates: list[Gate] = []
    for target, rule in hypothesis.rules.items():
        regulators = sorted(s.name for s in rule.free_symbols)
        signed = [(r, dependence(rule, r)) for r in regulators]
        signed = [(r, d) for r, d in signed if d is not Dependence.NONE]
        if len(signed) >= 2:
            gate = Gate(f"gate_{len(gates)}", target, _gate(rule))
            gates.append(gate)
            edges += [DrawnEdge(r, gate.id, SIGNS[d]) for r, d in signed]
            edges.append(DrawnEdge(gate.id, target, "+"))
        else:
            edges += [DrawnEdge(r, target, SIGNS[d]) for r, d in signed]
    return Drawing(hypothesis, nodes, tuple(edges), tuple(gates), experiment)
