"""Why a hypothesis predicts what it does for one experiment and one read-out.

Four answers, each computed from the hypothesis's rules and the prediction semantics:

* **the read-out as a formula** of what the experiment sets (its clamped nodes) and the
  setting's inputs. Where the clamped network has no cycle the rules are composed into
  one BDD (linear in the rules, no normal form expanded); with cycles, the prediction
  itself is evaluated for each assignment of those variables (at most
  :data:`~pathcheck.analysis.cost.MAX_TABULATED` predictions, each as costly as
  predict). The truth table is then written as the shorter of a minimal sum or product
  (Quine-McCluskey on at most :data:`MAX_VARIABLES` variables);
* **the signed causal paths** from each clamped node to the read-out's node, in the
  hypothesis as drawn (a clamped node on a path is marked: the experiment holds it);
* **the fixed points reachability excluded**, and what holds them off: in the state
  reached, each node that would differ is kept where it is by its own rule;
* **where a mismatch parts** from the observation (:func:`divergences`), and for an
  ambiguous prediction the attractors that disagree.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sympy import Symbol

from pathcheck.analysis.cost import MAX_PATH_STEPS, tabulated
from pathcheck.analysis.outcomes import Clamps, network_of, plain_value, resolve
from pathcheck.analysis.score import Verdict, verdict
from pathcheck.base import html
from pathcheck.base.defaults import DEFAULT_MAX_STATES
from pathcheck.engine.bdd import Diagrams, new_manager
from pathcheck.engine.explicit import AMBIGUOUS, Network, PackedAttractor, Predicted, Value
from pathcheck.engine.prediction import Reached, predict
from pathcheck.logic.dependence import Dependence, dependence
from pathcheck.logic.formula import Truth, fold, rule_text
from pathcheck.model import Experiment, Hypothesis

MAX_VARIABLES = 10  # a truth table of at most 1,024 rows
MAX_PATHS = 24  # causal paths listed per read-out; more are counted, not listed
SIGNS = {Dependence.POSITIVE: "+", Dependence.NEGATIVE: "-", Dependence.BOTH: "±"}


class CausalPath(NamedTuple):
    """Nodes from a clamped one to the read-out's, each link's sign beside it."""

    nodes: tuple[str, ...]
    signs: tuple[str, ...]  # one per link: "+", "-" or "±"

    @property
    def sign(self) -> str:
        """The path's overall effect: "±" if any link acts both ways, else by parity."""
        if "±" in self.signs:
            return "±"
        return "-" if self.signs.count("-") % 2 else "+"

    def text(self, held: Mapping[str, bool] | None = None) -> str:
        """``A -+-> B -|  C``; a node past the first that the experiment holds is marked
        ``B[held 1]``: the path is cut there."""
        held = held or {}
        parts = [self.nodes[0]]
        for sign, node in zip(self.signs, self.nodes[1:], strict=True):
            shown = f"{node}[held {int(held[node])}]" if node in held else node
            parts.append(f"-{sign}-> {shown}" if sign != "-" else f"-|  {shown}")
        return " ".join(parts)


class Divergence(NamedTuple):
    """On ``path``, the first node whose predicted value differs from the value the
    observation needs there (:func:`divergences`)."""

    path: CausalPath
    node: str
    predicted: bool
    needed: bool
    clamped: bool  # held by the experiment
    bypassed: tuple[CausalPath, ...] = ()  # paths from other clamps that it cuts short


class Held(NamedTuple):
    """A node kept at its value in the reached state by its own rule."""

    node: str
    rule: str
    value: bool
    regulators: tuple[tuple[str, bool], ...]  # their values in that state


class Excluded(NamedTuple):
    """A fixed point of the clamped network that no trajectory from the start reaches."""

    state: int
    differs: tuple[str, ...]  # nodes whose value there differs from the reached state
    held: tuple[Held, ...]  # empty when what is reached is not a single state


class ReadoutExplanation(NamedTuple):
    """Why one read-out is predicted what it is, under one experiment."""

    hypothesis: Hypothesis
    experiment: Experiment
    clamps: Clamps
    readout: str
    node: str
    rule: str  # the read-out node's rule, as the hypothesis has it
    variables: tuple[str, ...]  # the formula's: clamped nodes and the setting's inputs
    formula: str | None  # the read-out as a function of the variables
    how: str  # how the formula was found, or why it was not
    ambiguous_when: str | None  # the assignments under which the read-out is ambiguous
    predicted: Predicted
    observed: bool | None
    verdict: Verdict | None
    paths: tuple[CausalPath, ...]
    more_paths: int  # found past MAX_PATHS, not listed
    prediction: Reached
    excluded: tuple[Excluded, ...]
    divergences: tuple[Divergence, ...]


@dataclass(frozen=True)
class Explanation:
    """Why a hypothesis predicts what it does under one experiment: one
    :class:`ReadoutExplanation` per read-out, which iterating over it gives."""

    hypothesis: Hypothesis
    experiment: Experiment
    clamps: Clamps
    prediction: Reached
    readouts: tuple[ReadoutExplanation, ...]

    def __iter__(self) -> Iterator[ReadoutExplanation]:
        return iter(self.readouts)

    def __len__(self) -> int:
        return len(self.readouts)

    def __getitem__(self, index: int) -> ReadoutExplanation:
        return self.readouts[index]

    def __repr__(self) -> str:
        shown = ", ".join(f"{e.readout}={plain_value(e.predicted)}" for e in self.readouts)
        return f"<Explanation {self.hypothesis.name} · {self.experiment.id}: {shown}>"

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """Per read-out: its rule, its formula of what the experiment sets, the value
        predicted and observed, and the verdict."""
        head = ("read-out", "rule", "as set here", "predicted", "observed", "verdict")
        rows = [
            (
                f"{e.readout} ({e.node})",
                e.rule,
                e.formula or e.how,
                str(plain_value(e.predicted)),
                "–" if e.observed is None else str(int(e.observed)),
                "–" if e.verdict is None else e.verdict.value,
            )
            for e in self.readouts
        ]
        return head, rows

    def _repr_html_(self) -> str:
        return html.of(self)

    def to_dict(self) -> dict[str, Any]:
        """Every read-out's explanation as plain data: what ``explain --format json``
        prints."""
        from pathcheck import __version__

        network = self.prediction.network

        def attractor(a: PackedAttractor) -> dict[str, Any]:
            values = dict(zip(network.nodes, a.values, strict=True))
            states = None if a.states is None else [network.state_dict(s) for s in a.states]
            return {"size": a.size, "values": values, "states": states}

        def one(e: ReadoutExplanation) -> dict[str, Any]:
            found = e.prediction
            return {
                "readout": e.readout,
                "node": e.node,
                "rule": e.rule,
                "variables": list(e.variables),
                "formula": e.formula,
                "how": e.how,
                "ambiguous_when": e.ambiguous_when,
                "predicted": plain_value(e.predicted),
                "observed": None if e.observed is None else int(e.observed),
                "verdict": None if e.verdict is None else e.verdict.value,
                "paths": [
                    {"nodes": list(p.nodes), "signs": list(p.signs), "sign": p.sign}
                    for p in e.paths
                ],
                "more_paths": e.more_paths,
                "engine": found.engine,
                "basal": None if found.basal is None else [attractor(a) for a in found.basal],
                "attractors": None
                if found.attractors is None
                else [attractor(a) for a in found.attractors],
                "by_attractor": [plain_value(v) for v in found.values_by_attractor(e.node)],
                "excluded_fixed_points": [
                    {
                        "state": network.state_dict(x.state),
                        "differs": list(x.differs),
                        "held": [
                            {
                                "node": h.node,
                                "rule": h.rule,
                                "value": int(h.value),
                                "regulators": {n: int(v) for n, v in h.regulators},
                            }
                            for h in x.held
                        ],
                    }
                    for x in e.excluded
                ],
                "divergences": [
                    {
                        "node": d.node,
                        "predicted": int(d.predicted),
                        "needed": int(d.needed),
                        "held_by_the_experiment": d.clamped,
                        "path": list(d.path.nodes),
                        "bypassed_paths": [list(p.nodes) for p in d.bypassed],
                    }
                    for d in e.divergences
                ],
            }

        return {
            "pathcheck": __version__,
            "hypothesis": self.hypothesis.name,
            "experiment": {
                "id": self.experiment.id,
                "label": self.experiment.label,
                "setting": self.experiment.setting or None,
            },
            "clamps": {n: int(v) for n, v in self.clamps.values.items()},
            "unmatched_selectors": list(self.clamps.unmatched),
            "readouts": [one(e) for e in self.readouts],
        }


def explain(
    hypothesis: Hypothesis,
    experiment: Experiment,
    readouts: Sequence[str] = (),
    max_states: int = DEFAULT_MAX_STATES,
) -> Explanation:
    """An explanation per read-out: those named, else the experiment's observed ones,
    else every read-out of the hypothesis. A read-out the hypothesis lacks raises
    ``KeyError`` (the caller names it where the user wrote it)."""
    clamps = resolve(hypothesis, experiment.interventions)
    inputs = hypothesis.input_values(experiment.setting or None)  # '': none given
    base = network_of(hypothesis)
    prediction = predict(base, inputs, clamps.values, max_states)
    observed = {o.readout: o.value for o in experiment.observations}
    chosen = list(readouts) or [r for r in observed if r in hypothesis.readouts]
    chosen = chosen or list(hypothesis.readouts)
    variables = tuple(
        n for n in base.nodes if n in clamps.values or (n in inputs and n not in clamps.values)
    )
    formulas = _Formulas(base, inputs, clamps.values, variables, max_states)
    links = _links(base)  # a SAT question per regulator: asked once, not per read-out
    excluded = _excluded(base, prediction)
    found = []
    for readout in chosen:
        node = hypothesis.readouts[readout]
        formula, how, ambiguous = formulas.of(node)
        predicted = prediction.value(node)
        seen = observed.get(readout)
        paths, more = _paths(links, tuple(clamps.values), node)
        found.append(
            ReadoutExplanation(
                hypothesis=hypothesis,
                experiment=experiment,
                clamps=clamps,
                readout=readout,
                node=node,
                rule=rule_text(base.rules[node]),
                variables=variables,
                formula=formula,
                how=how,
                ambiguous_when=ambiguous,
                predicted=predicted,
                observed=seen,
                verdict=None if seen is None else verdict(predicted, seen),
                paths=paths,
                more_paths=more,
                prediction=prediction,
                excluded=excluded,
                divergences=divergences(base, prediction, paths, clamps.values, seen)
                if seen is not None and predicted not in (seen, AMBIGUOUS, "unknown")
                else (),
            )
        )
    return Explanation(hypothesis, experiment, clamps, prediction, tuple(found))


class _Formulas:
    """Each read-out as a formula of ``variables``: the work shared by every read-out of
    one experiment (the composed BDDs, or the prediction for every assignment) is done
    once, on the first read-out that needs it."""

    def __init__(
        self,
        base: Network,
        inputs: Mapping[str, bool],
        clamps: Mapping[str, bool],
        variables: tuple[str, ...],
        max_states: int,
    ) -> None:
        self.base, self.inputs, self.clamps = base, inputs, clamps
        self.variables, self.max_states = variables, max_states
        self.order = base.clamp(dict.fromkeys(variables, False)).order  # over the rest
        self._composed: tuple[Any, dict[str, str], dict[str, Any]] | None = None
        self._predicted: list[tuple[tuple[bool, ...], Reached]] | None = None

    def of(self, node: str) -> tuple[str | None, str, str | None]:
        """The formula, how it was found, and when the read-out is ambiguous."""
        variables = self.variables
        if node in variables:
            return node, "the read-out's node is itself set by the experiment", None
        if self.order is not None:
            rows = self._rows(node)
            if rows is None:
                return None, f"more than {MAX_VARIABLES} variables: no truth table is written", None
            return _written(variables, rows), "the rules composed, with no cycle to cross", None
        untabulated = tabulated(len(variables))  # a prediction per assignment: bounded
        if untabulated:
            return None, untabulated, None
        on, ambiguous = [], []
        for row, prediction in self._predictions():
            value = prediction.value(node)
            if value is True:
                on.append(row)
            elif value is not False:  # ambiguous, or unknown past every bound
                ambiguous.append(row)
        how = "the prediction evaluated for every assignment (the network has cycles)"
        ambiguous_text = _written(variables, ambiguous) if ambiguous else None
        return _written(variables, on, ambiguous), how, ambiguous_text

    def _predictions(self) -> list[tuple[tuple[bool, ...], Reached]]:
        """The prediction for each assignment of the variables, computed once."""
        if self._predicted is None:
            self._predicted = []
            for row in itertools.product((False, True), repeat=len(self.variables)):
                values = dict(zip(self.variables, row, strict=True))
                # an input the experiment clamps keeps its setting's value in the basal state
                held = {
                    n: values[n] if n in values and n not in self.clamps else v
                    for n, v in self.inputs.items()
                }
                set_here = {n: values[n] for n in self.clamps}
                prediction = predict(self.base, held, set_here, self.max_states)
                self._predicted.append((row, prediction))
        return self._predicted

    def _rows(self, node: str) -> list[tuple[bool, ...]] | None:
        """The rows of the variables where ``node`` is 1, from its composed BDD; ``None``
        when it depends on too many variables to tabulate."""
        bdd, names, done = self._compose()
        result = done[node]
        if len(bdd.support(result)) > MAX_VARIABLES:
            return None
        rows = []
        for row in itertools.product((False, True), repeat=len(self.variables)):
            assignment = {names[v]: b for v, b in zip(self.variables, row, strict=True)}
            if bdd.let(assignment, result) == bdd.true:
                rows.append(row)
        return rows

    def _compose(self) -> tuple[Any, dict[str, str], dict[str, Any]]:
        """Every node's rule composed down to the variables, in one BDD manager, once."""
        if self._composed is None:
            assert self.order is not None
            bdd = new_manager()
            names = {v: f"v{i}" for i, v in enumerate(self.variables)}
            bdd.declare(*names.values())
            done: dict[str, Any] = {v: bdd.var(names[v]) for v in self.variables}

            class Composed(Diagrams):
                def variable(self, name: str) -> Any:
                    return done[name]

            algebra = Composed(bdd)
            for i in self.order:
                name = self.base.nodes[i]
                if name not in done:
                    done[name] = fold(self.base.rules[name], algebra)
            self._composed = (bdd, names, done)
        return self._composed


def _written(
    variables: tuple[str, ...],
    rows: Sequence[tuple[bool, ...]],
    dontcare: Sequence[tuple[bool, ...]] = (),
) -> str:
    """The shorter of the minimal sum and the minimal product of ``rows``."""
    from sympy.logic import POSform, SOPform

    if not rows:
        return "0"
    if len(rows) + len(dontcare) == 2 ** len(variables) and not dontcare:
        return "1"
    symbols = [Symbol(v) for v in variables]
    ones = [[int(b) for b in row] for row in rows]
    unknown = [[int(b) for b in row] for row in dontcare]
    candidates = [SOPform(symbols, ones, unknown), POSform(symbols, ones, unknown)]
    texts = [rule_text(c) for c in candidates]
    return min(texts, key=len)


def _links(base: Network) -> dict[str, list[tuple[str, str]]]:
    """For each node, the nodes its value reaches directly, with the link's sign."""
    out: dict[str, list[tuple[str, str]]] = {n: [] for n in base.nodes}
    for target in base.nodes:
        rule = base.rules[target]
        if rule == Symbol(target):
            continue
        for source in sorted(s.name for s in rule.free_symbols):
            sign = dependence(rule, source)
            if sign is not Dependence.NONE:
                out[source].append((target, SIGNS[sign]))
    return out


def _paths(
    links: Mapping[str, list[tuple[str, str]]], sources: tuple[str, ...], node: str
) -> tuple[tuple[CausalPath, ...], int]:
    """Simple paths from each clamped node to ``node`` in the hypothesis as drawn,
    shortest first; at most :data:`MAX_PATHS` listed, and how many more were found."""
    found: list[CausalPath] = []
    for source in sources:
        found += _from(source, node, links)
    found.sort(key=lambda p: (len(p.nodes), p.nodes))
    return tuple(found[:MAX_PATHS]), max(0, len(found) - MAX_PATHS)


def _from(
    source: str, goal: str, links: Mapping[str, list[tuple[str, str]]], limit: int = 1000
) -> Iterator[CausalPath]:
    """Depth first, iteratively, each node at most once on a path; stops after ``limit``
    paths, or after :data:`~pathcheck.analysis.cost.MAX_PATH_STEPS` partial paths (a
    dense graph has exponentially many that lead nowhere)."""
    if source == goal:
        yield CausalPath((source,), ())
        return
    stack: list[tuple[tuple[str, ...], tuple[str, ...]]] = [((source,), ())]
    count = steps = 0
    while stack and count < limit and steps < MAX_PATH_STEPS:
        steps += 1
        nodes, signs = stack.pop()
        for target, sign in reversed(links[nodes[-1]]):
            if target in nodes:
                continue
            if target == goal:
                count += 1
                yield CausalPath((*nodes, target), (*signs, sign))
            else:
                stack.append(((*nodes, target), (*signs, sign)))


def _single_state(prediction: Reached) -> int | None:
    """The state reached, when the prediction is one fixed point."""
    attractors = prediction.attractors
    if attractors is None or len(attractors) != 1 or attractors[0].size != 1:
        return None
    states = attractors[0].states
    return states[0] if states else None


def divergences(
    base: Network,
    prediction: Reached,
    paths: Sequence[CausalPath],
    clamps: Mapping[str, bool],
    observed: bool,
) -> tuple[Divergence, ...]:
    """Where each path parts from what the observation needs, defined as follows.

    The prediction must be a single state s (one fixed point). Walking back along a path
    from the read-out, whose needed value is the observed one, a node y before z needs
    the value v for which z's rule, in s with y set to v, gives the value z needs; y needs
    nothing when both values of y give the same (z's rule does not turn on y there), and
    nothing before a node the experiment holds is needed. The first node from the
    clamped end whose predicted value differs from the value it needs is where the
    prediction parts from the observation; when the experiment holds that node, the
    chain is bypassed or cut there. One result per node, first paths first."""
    state = _single_state(prediction)
    if state is None:
        return ()
    values = {n: bool(v) for n, v in base.state_dict(state).items()}
    found: dict[str, Divergence] = {}
    for path in paths:
        needed: dict[int, bool] = {len(path.nodes) - 1: observed}
        for j in range(len(path.nodes) - 2, -1, -1):
            y, z = path.nodes[j], path.nodes[j + 1]
            if z in clamps or j + 1 not in needed:
                break
            low = fold(base.rules[z], Truth({**values, y: False}))
            high = fold(base.rules[z], Truth({**values, y: True}))
            if low == high:
                break
            needed[j] = high == needed[j + 1]
        for j, node in enumerate(path.nodes):
            if j in needed and values[node] != needed[j]:
                if node not in found:
                    cut = tuple(p for p in paths if node in p.nodes[1:-1] and node in clamps)
                    found[node] = Divergence(
                        path, node, values[node], needed[j], node in clamps, cut
                    )
                break
    return tuple(found.values())


def _excluded(base: Network, prediction: Reached, limit: int = 5) -> tuple[Excluded, ...]:
    """The first ``limit`` excluded fixed points, each with the nodes that would differ
    and, when one state is reached, what holds each of them there."""
    state = _single_state(prediction)
    network = prediction.network
    found = []
    for point in prediction.excluded_fixed_points[:limit]:
        if state is None:
            found.append(Excluded(point, (), ()))
            continue
        here = {n: bool(v) for n, v in network.state_dict(state).items()}
        there = network.state_dict(point)
        differs = tuple(n for n in network.nodes if there[n] != here[n])
        held = []
        for node in differs:
            rule = network.rules[node]
            regulators = tuple(sorted((s.name, here[s.name]) for s in rule.free_symbols))
            held.append(Held(node, rule_text(rule), here[node], regulators))
        found.append(Excluded(point, differs, tuple(held)))
    return tuple(found)


def attractor_values(explanation: ReadoutExplanation) -> tuple[tuple[int, Value], ...]:
    """Each reachable attractor's size and the read-out's value in it."""
    prediction = explanation.prediction
    if prediction.attractors is None:
        return ()
    values = prediction.values_by_attractor(explanation.node)
    return tuple((a.size, v) for a, v in zip(prediction.attractors, values, strict=True))
