"""Logic models learned from a prior-knowledge network and a MIDAS data set, as caspo
learns them (``caspo learn``, caspo 4.0.3; Videla et al. 2017, Bioinformatics 33(6)).

**The data.** The rows measured at one time (the latest, unless named). Each row is an
experiment: every stimulus (a ``TR:`` column) is clamped on or off as the row says, an
inhibitor (``TR:NAMEi``) clamped off where the row applies it and left to its rule
elsewhere. Each measured read-out value v (normalised to [0, 1]) is discretised to an
integer d = D(factor x v), D being ``round`` (Python's, half to even), ``floor`` or
``ceil`` and the factor 100 by default.

**The models.** The network is compressed and each node's candidate AND terms built as
:mod:`pathcheck.analysis.pkn` says. A model picks a set of terms; a node's rule is the OR
of its picked terms (a node with none is off). A model must be acyclic; may not pick a
term together with a shorter one of the same node that it contains (which would absorb
it); every regulator it uses must be a stimulus or be reached from one, and every node it
regulates must be a read-out or reach one.

**Its prediction** for an experiment is the logical steady state with the clamps held:
each node after its regulators, on when one of its terms holds. caspo computes it as the
least fixpoint of these rules (in its answer set encoding, and by synchronous iteration
from all-off in Python). pathcheck's own semantics gives the same: a model is acyclic,
so from the basal state with every stimulus at 0, the experiment's clamps lead under
asynchronous updating to one attractor, the unique fixed point, which is that steady
state. Every model reported here is re-predicted so, by :mod:`pathcheck.engine.prediction`,
from its rules, and its error computed from those predictions. The two semantics part
only on a network with a cycle, which no learned model has: there caspo's fixpoint is
the least one (a positive loop stays off; a negative loop has no answer set, and the
Python iteration may not end), while pathcheck's prediction is every attractor reached
from rest, possibly a cycle, read as ambiguous.

**The fit** of a model is its residual sum of squares over the measured values, on the
discretised scale: (factor - d)^2 where it predicts 1, d^2 where 0 (``rss``). Its
**size** is the number of literals in its terms. The optimum minimises the error first,
then the size. Its reported **error** is the mean squared error against the values as
measured (``mse``), as caspo reports it.

**The family** is every model whose rss is at most ``int(rss* + rss* x fit)`` and whose
size is at most ``size* + size``, where rss* and size* are the optimum's (``--fit``
relative to the error, ``--size`` absolute): with both 0, every optimal model. Each is
a model of its own, not a rank: a model within the bounds is listed whatever its place.

The search is clingo's (answer set programming, as caspo's): the program is
``learn.lp`` beside this module, written for pathcheck from the definitions above.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pathcheck.analysis.pkn import Compressed, Term, candidate_terms, compress, term_count
from pathcheck.base.defaults import DEFAULT_MAX_MODELS
from pathcheck.base.problems import COMMAND_LINE, InputError, Location
from pathcheck.formats.midas import Measurement, Midas
from pathcheck.formats.sif import PriorKnowledge as Pkn

if TYPE_CHECKING:
    import clingo

Progress = Callable[[int, int], None]  # (done, total); total 0 while it is unknown
DISCRETIZATIONS = ("round", "floor", "ceil")
MAX_TERMS = 10_000  # candidate terms: grounding grows with terms x experiments
ENCODING = Path(__file__).with_name("learn.lp")


class Condition(NamedTuple):
    """One experiment: the clamps it holds, and each measured read-out's value."""

    clamps: Mapping[str, bool]
    values: tuple[tuple[str, float], ...]
    location: Location


class LearnedModel(NamedTuple):
    """A logic model of the family: its terms, and its fit re-computed by the engine."""

    terms: tuple[Term, ...]  # by node, then literals
    mse: float  # against the values as measured
    rss: int  # on the discretised scale: what the search minimises
    size: int  # literals

    def rules(self) -> dict[str, str]:
        """Each regulated node's rule in pathcheck's language, its terms OR'd."""
        found: dict[str, list[str]] = {}
        for term in self.terms:
            text = term.text()
            found.setdefault(term.target, []).append(text)  # & binds tighter than |
        return {node: " | ".join(parts) for node, parts in found.items()}


@dataclass(frozen=True)
class Learned:
    """``pathcheck learn``'s answer: the family of models within the tolerances, each
    with its error and size, and how often each term occurs across them."""

    pkn: str
    data: str
    time: float
    fit: float
    size: int  # the size tolerance
    discretization: str
    factor: int
    length: int
    stimuli: tuple[str, ...]
    inhibitors: tuple[str, ...]
    readouts: tuple[str, ...]
    network: Compressed
    candidates: int  # candidate terms over the compressed network
    experiments: int
    observations: int
    optimum_mse: float  # of the model the search found first: caspo reports the same
    optimum_rss: int
    optimum_size: int
    bound_rss: int
    bound_size: int
    models: tuple[LearnedModel, ...]

    @cached_property
    def frequencies(self) -> tuple[tuple[Term, float], ...]:
        """Each term some model picks, with the share of models that pick it: most
        frequent first."""
        counts: dict[Term, int] = {}
        for model in self.models:
            for term in model.terms:
                counts[term] = counts.get(term, 0) + 1
        total = len(self.models) or 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], _order(kv[0])))
        return tuple((term, n / total) for term, n in ranked)

    def __repr__(self) -> str:
        return (
            f"<Learned from {Path(self.pkn).name} and {Path(self.data).name}: "
            f"{len(self.models)} models within --fit {self.fit:g} --size {self.size}, "
            f"optimum MSE {self.optimum_mse:.4f}, size {self.optimum_size}>"
        )

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """Every model: its error, rss, size and rules."""
        head = ("model", "MSE", "rss", "size", "rules")
        rows = [
            (
                str(number),
                f"{m.mse:.4f}",
                str(m.rss),
                str(m.size),
                "; ".join(f"{node} = {rule}" for node, rule in m.rules().items()),
            )
            for number, m in enumerate(self.models, start=1)
        ]
        return head, rows

    def _repr_html_(self) -> str:
        from pathcheck.base import html

        return html.of(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, as ``pathcheck learn --format json`` prints it."""
        from pathcheck import __version__

        return {
            "pathcheck": __version__,
            "pkn": self.pkn,
            "data": self.data,
            "time": self.time,
            "tolerances": {"fit": self.fit, "size": self.size},
            "discretization": {"function": self.discretization, "factor": self.factor},
            "length": self.length,
            "stimuli": list(self.stimuli),
            "inhibitors": list(self.inhibitors),
            "readouts": list(self.readouts),
            "network": {
                "nodes": list(self.network.nodes),
                "edges": [
                    {"source": s, "sign": sign, "target": t} for s, sign, t in self.network.edges
                ],
                "compressed_away": list(self.network.removed),
                "candidate_terms": self.candidates,
            },
            "experiments": self.experiments,
            "observations": self.observations,
            "optimum": {
                "mse": self.optimum_mse,
                "rss": self.optimum_rss,
                "size": self.optimum_size,
            },
            "bounds": {"rss": self.bound_rss, "size": self.bound_size},
            "models": [
                {
                    "mse": m.mse,
                    "rss": m.rss,
                    "size": m.size,
                    "rules": m.rules(),
                    "terms": [str(t) for t in m.terms],
                }
                for m in self.models
            ],
            "frequencies": [
                {"node": t.target, "term": t.text(), "frequency": f} for t, f in self.frequencies
            ],
        }

    def hypotheses(self) -> dict[str, str]:
        """Each model as a hypothesis file, by file name: the stimuli its inputs, each
        regulated node's rule the OR of its terms, the inhibitors and read-outs it leaves
        unregulated off, every edge it uses in one sign declared."""
        from pathcheck.base.files import provenance
        from pathcheck.formats.convert import rules_yaml

        stem = re.sub(r"\W", "_", Path(self.pkn).stem) or "model"
        width = len(str(len(self.models)))
        pkn, data = Path(self.pkn).name, Path(self.data).name
        tolerances = f"--fit {self.fit:g} --size {self.size}"
        files = {}
        for i, model in enumerate(self.models, start=1):
            name = f"{stem}_{i:0{width}d}"
            rules = model.rules()
            header = [
                f"Learned by pathcheck from {pkn} (prior-knowledge network) and {data} "
                f"(MIDAS, time {self.time:g}):",
                f"model {i} of {len(self.models)} within {tolerances}; MSE {model.mse:.6g}, "
                f"size {model.size}, rss {model.rss}. Each rule is the OR of the AND terms",
                "the model picks among the compressed network's edges (pathcheck learn --help).",
            ]
            ignored = [n for n in self.stimuli if n in rules]
            if ignored:
                header.append(
                    f"{', '.join(ignored)}: stimuli, so inputs clamped in every experiment; "
                    "the terms the model gives them are left out."
                )
            unregulated = dict.fromkeys((*self.inhibitors, *self.readouts), "0")
            written = {n: r for n, r in {**unregulated, **rules}.items() if n not in self.stimuli}
            signs: dict[tuple[str, str], set[int]] = {}
            for term in model.terms:
                if term.target not in self.stimuli:
                    for source, sign in term.literals:
                        signs.setdefault((source, term.target), set()).add(sign)
            edges = [(s, next(iter(g)), t) for (s, t), g in signs.items() if len(g) == 1]
            files[f"{name}.yaml"] = rules_yaml(
                name,
                f"Logic model {i} of {len(self.models)} learned from {pkn} and {data}",
                f"pathcheck learn {provenance(self.pkn)} {provenance(self.data)} "
                f"--time {self.time:g} {tolerances}",
                header,
                self.stimuli,
                written,
                {r: r for r in self.readouts},
                edges,
            )
        return files

    def write_hypotheses(self, folder: Path) -> list[Path]:
        """Write :meth:`hypotheses` into ``folder`` (made if missing): every file or, when
        one exists already, none."""
        from pathcheck.base.files import write_new

        files = {folder / name: text for name, text in self.hypotheses().items()}
        write_new(files)
        return list(files)


def discretizer(kind: str, factor: int) -> Callable[[float], int]:
    """caspo's discretisation of a measured value onto 0..factor."""
    if kind == "round":
        return lambda value: round(factor * value)
    if kind == "floor":
        return lambda value: math.floor(factor * value)
    if kind == "ceil":
        return lambda value: math.ceil(factor * value)
    raise ValueError(f"'{kind}' is none of {', '.join(DISCRETIZATIONS)}")


def conditions(data: Midas, time: float | None) -> tuple[float, tuple[Condition, ...]]:
    """The experiments at ``time`` (the latest, when not given), each with its clamps."""
    where = Location(data.file, 1, 1)
    if not data.rows:
        raise InputError.at(where, "no row of data")
    both = sorted(set(data.stimuli) & set(data.inhibitors))
    if both:
        raise InputError.at(
            where, f"{', '.join(both)}: both a stimulus and an inhibitor (TR:NAME and TR:NAMEi)"
        )
    chosen = data.times[-1] if time is None else time
    if chosen not in data.times:
        shown = ", ".join(f"{t:g}" for t in data.times)
        raise InputError.at(where, f"no row at time {chosen:g} (the times: {shown})")
    found = []
    for row in (r for r in data.rows if r.time == chosen):
        odd = [f"{readout} {value}" for readout, value in row.values if not math.isfinite(value)]
        if odd:
            raise InputError.at(row.location, f"a value is a finite number, not {odd[0]}")
        found.append(Condition(_clamps(data, row), row.values, row.location))
    return chosen, tuple(found)


def _clamps(data: Midas, row: Measurement) -> dict[str, bool]:
    clamps = {stimulus: stimulus in row.stimuli for stimulus in data.stimuli}
    clamps.update(dict.fromkeys(row.inhibited, False))
    return clamps


def refuse_too_large(pkn: Pkn, network: Compressed, length: int, bound: int = MAX_TERMS) -> None:
    """Refuse, before building anything, a network whose candidate terms pass ``bound``:
    say how many, where they come from, and what would narrow them."""
    counts = term_count(network, length)
    total = sum(counts.values())
    if total <= bound:
        return
    widest = sorted((kv for kv in counts.items() if kv[1]), key=lambda kv: -kv[1])[:3]
    named = ", ".join(f"{node} {n:,}" for node, n in widest)
    fitting = [n for n in range(3, 0, -1) if sum(term_count(network, n).values()) <= bound]
    hint = (
        f"--length {fitting[0]} (at most {fitting[0]} regulators per term) gives "
        f"{sum(term_count(network, fitting[0]).values()):,}"
        if fitting and (length <= 0 or fitting[0] < length)
        else "remove regulators from the widest nodes"
    )
    raise InputError.at(
        Location(pkn.file, 0, 0),
        f"{total:,} candidate terms after compression, past the bound of {bound:,} "
        f"(the most: {named}); narrow it: {hint}",
    )


def learn(
    pkn: Pkn,
    data: Midas,
    *,
    fit: float = 0.0,
    size: int = 0,
    time: float | None = None,
    discretization: str = "round",
    factor: int = 100,
    length: int = 0,
    max_models: int = DEFAULT_MAX_MODELS,
    progress: Progress | None = None,
) -> Learned:
    """The family of logic models over ``pkn`` that fit ``data`` within the tolerances."""
    tick = progress or (lambda done, total: None)
    chosen, rows = conditions(data, time)
    discrete = discretizer(discretization, factor)
    designated = (*data.stimuli, *data.inhibitors, *data.readouts)
    network = compress(pkn.nodes, ((e.source, e.sign, e.target) for e in pkn.edges), designated)
    refuse_too_large(pkn, network, length)
    terms = candidate_terms(network, length)
    names = tuple(dict.fromkeys((*network.nodes, *designated)))
    weights = [
        [
            (e, readout, (factor - d) ** 2, d**2)
            for readout, value in row.values
            for d in [discrete(value)]
        ]
        for e, row in enumerate(rows)
    ]
    facts = _facts(names, terms, data.stimuli, data.readouts, rows, weights)

    def models_of(picked: Iterable[frozenset[int]]) -> tuple[LearnedModel, ...]:
        chosen = (tuple(sorted((terms[t] for t in p), key=_order)) for p in picked)
        return recheck(chosen, data.stimuli, names, rows, discrete, factor, tick)

    search = Search(facts, tick)
    best = search.optimum()
    (optimum,) = models_of([best])
    bounds = bound_rss(optimum.rss, fit), optimum.size + size
    family = search.within(*bounds, max_models)
    if family is None:
        raise InputError.at(
            COMMAND_LINE,
            f"more than {max_models:,} models lie within the tolerances (--fit {fit:g}, "
            f"--size {size}): narrow them, or raise --max-models",
        )
    models = models_of(family)
    outside = [m for m in models if m.rss > bounds[0] or m.size > bounds[1]]
    if best not in family or outside:  # the engine and the search disagree: a bug
        raise RuntimeError(f"the engine re-predicts models outside the bounds {bounds}")
    return Learned(
        pkn=pkn.file,
        data=data.file,
        time=chosen,
        fit=fit,
        size=size,
        discretization=discretization,
        factor=factor,
        length=length,
        stimuli=data.stimuli,
        inhibitors=data.inhibitors,
        readouts=data.readouts,
        network=network,
        candidates=len(terms),
        experiments=len(rows),
        observations=sum(len(w) for w in weights),
        optimum_mse=optimum.mse,
        optimum_rss=optimum.rss,
        optimum_size=optimum.size,
        bound_rss=bounds[0],
        bound_size=bounds[1],
        models=models,
    )


def bound_rss(optimum: int, fit: float) -> int:
    """The largest rss within ``fit`` of the optimum: caspo's ``int(rss + rss * fit)``,
    in the same floating-point steps."""
    return int(optimum + optimum * fit)


def _facts(
    names: Sequence[str],
    terms: Sequence[Term],
    stimuli: Iterable[str],
    readouts: Iterable[str],
    rows: Sequence[Condition],
    weights: Sequence[Sequence[tuple[int, str, int, int]]],
) -> str:
    """The instance, names as numbers (a name is never spliced into the program)."""
    index = {name: i for i, name in enumerate(names)}
    out: list[str] = []
    for t, term in enumerate(terms):
        out.append(f"term({t},{index[term.target]},{term.size}).")
        out += [f"lit({t},{index[source]},{sign})." for source, sign in term.literals]
    out += [f"stimulus({index[s]})." for s in stimuli]
    out += [f"readout({index[r]})." for r in readouts]
    for e, row in enumerate(rows):
        out.append(f"experiment({e}).")
        out += [f"clamp({e},{index[n]},{1 if on else -1})." for n, on in row.clamps.items()]
    for row_weights in weights:
        out += [f"obs({e},{index[r]},{on},{off})." for e, r, on, off in row_weights]
    return "\n".join(out)


def _control(arguments: Sequence[str]) -> clingo.Control:
    try:
        import clingo
    except ImportError:
        raise InputError.at(
            COMMAND_LINE, "learn needs clingo: pip install 'pathcheck[learn]'"
        ) from None
    return clingo.Control([*arguments, "--warn=none"])


def _order(term: Term) -> tuple[str, tuple[tuple[str, int], ...]]:
    return term.target, term.literals


class Search:
    """One grounded program: the optimum asked first, then the family within bounds."""

    def __init__(self, facts: str, tick: Progress) -> None:
        self.control = _control([])
        self.control.add("base", [], facts)
        self.control.load(str(ENCODING))
        self.control.ground([("base", [])])
        self.tick = tick

    def optimum(self) -> frozenset[int]:
        """The terms of a model with the least error, then the least size."""
        best: list[frozenset[int]] = []

        def keep(model: clingo.Model) -> None:
            best[:] = [_picked(model)]

        _run(self.control, keep, self.tick, lambda: 0)
        (picked,) = best  # picking nothing meets every constraint: there is always one
        return picked

    def within(self, rss: int, size: int, max_models: int) -> list[frozenset[int]] | None:
        """Every model of rss and size within the bounds; ``None`` past ``max_models``."""
        from clingo import Configuration, Number

        self.control.ground([("within", [Number(rss), Number(size)])])
        solve = self.control.configuration.solve
        assert isinstance(solve, Configuration)
        solve.opt_mode = "ignore"  # the bounds decide now, not the rank
        solve.models = "0"
        found: list[frozenset[int]] = []

        def keep(model: clingo.Model) -> bool:
            found.append(_picked(model))
            return len(found) <= max_models

        _run(self.control, keep, self.tick, lambda: len(found))
        return found if len(found) <= max_models else None


def _picked(model: clingo.Model) -> frozenset[int]:
    return frozenset(s.arguments[0].number for s in model.symbols(shown=True))


def _run(
    control: clingo.Control,
    on_model: Callable[[clingo.Model], Any],
    tick: Progress,
    done: Callable[[], int],
) -> None:
    """Solve in the background, telling ``tick`` how far it got while it waits."""
    with control.solve(on_model=on_model, async_=True) as handle:
        while not handle.wait(0.2):
            tick(done(), 0)
        handle.get()


def recheck(
    models: Iterable[tuple[Term, ...]],
    stimuli: Sequence[str],
    nodes: Sequence[str],
    rows: Sequence[Condition],
    discrete: Callable[[float], int],
    factor: int,
    tick: Progress,
) -> tuple[LearnedModel, ...]:
    """Each model's error and size from its rules alone: every experiment predicted by
    pathcheck's engine (basal state, clamps, reachable attractors), never taken from the
    search. Best first: by rss, then size, then terms."""
    from sympy.logic.boolalg import Boolean, false

    from pathcheck.engine.explicit import Network
    from pathcheck.engine.prediction import predict
    from pathcheck.logic.rules import parse_rule

    parsed: dict[str, Boolean] = {}
    inputs = dict.fromkeys(stimuli, False)
    observed = sum(len(row.values) for row in rows)
    given = list(models)
    checked = []
    for done, terms in enumerate(given):
        tick(done, len(given))
        texts = LearnedModel(terms, 0.0, 0, 0).rules()
        for text in texts.values():
            if text not in parsed:
                parsed[text] = parse_rule(text).expr
        rules: dict[str, str | Boolean] = {
            node: parsed[texts[node]] if node in texts else false
            for node in nodes
            if node not in inputs
        }
        network = Network.build(rules, inputs)
        squares, rss = 0.0, 0
        for row in rows:
            found = predict(network, inputs, row.clamps)
            for readout, value in row.values:
                on = found.value(readout)
                if not isinstance(on, bool):  # an acyclic network has one fixed point
                    raise RuntimeError(f"a learned model predicts {readout} {on}")
                d = discrete(value)
                squares += (value - on) ** 2
                rss += (factor - d) ** 2 if on else d**2
        size = sum(t.size for t in terms)
        checked.append(LearnedModel(terms, squares / (observed or 1), rss, size))
    return tuple(sorted(checked, key=lambda m: (m.rss, m.size, m.terms)))
