"""An ad-hoc experiment, as ``pathcheck predict`` runs it: the question beside its answer.

The answer is the engine's, as for every experiment of an outcome table; only the
question differs: clamps named on the command line, and a start state that may replace
the setting's basal ones. :class:`Prediction` gives both as plain values, which is what
the Python API returns: states as ``{node: 0 | 1}`` dicts, read-outs as ``True``,
``False``, ``"ambiguous"`` or ``"unknown"`` (the engine passed every bound). Nothing is
converted until it is asked for, so a prediction costs what the engine costs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal, NamedTuple

from pathcheck.analysis.outcomes import Clamps, network_of, plain_value
from pathcheck.base import html
from pathcheck.base.defaults import DEFAULT_FIXED_POINT_LIMIT, DEFAULT_MAX_STATES
from pathcheck.engine import explicit
from pathcheck.engine.prediction import Reached, predict
from pathcheck.model import Hypothesis

ReadoutValue = bool | Literal["ambiguous", "unknown"]
State = dict[str, int]


class Attractor(NamedTuple):
    """An attractor: its size, each node's value in it (``None`` where it varies), and its
    states, unless there are too many to list (more than 1,024)."""

    size: int
    values: dict[str, int | None]
    states: list[State] | None

    def to_dict(self) -> dict[str, Any]:
        """Its states when listed, else its size and each node's value."""
        if self.states is not None:
            return {"size": self.size, "states": self.states}
        return {"size": self.size, "values": self.values}


@dataclass(frozen=True)
class Prediction:
    """What a hypothesis does under an ad-hoc experiment.

    ``basal`` and ``attractors`` are exact: found state by state while the state graph
    stays within ``max_states``, and with BDDs past it (``engine`` says which); ``None``
    only past every bound (``note`` says why, and every read-out is ``"unknown"``). The
    fixed points are listed up to the limit; ``fixed_point_count`` counts them all.
    """

    hypothesis: Hypothesis
    setting: str | None
    resolved: Clamps  # the selectors resolved in the hypothesis
    start: Mapping[str, bool] | None  # the given start state, replacing the basal ones
    reached: Reached  # the engine's answer, in the network's bit-packed states

    def __repr__(self) -> str:
        shown = ", ".join(f"{r}={_word(v)}" for r, v in self.readouts.items())
        return f"<Prediction {self.hypothesis.name}: {shown}>"

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """Each read-out, its node and its predicted value."""
        rows = [(r, n, _word(self.value(n))) for r, n in self.hypothesis.readouts.items()]
        return ("read-out", "node", "predicted"), rows

    def _repr_html_(self) -> str:
        return html.of(self)

    @property
    def nodes(self) -> list[str]:
        """The network's nodes, in the order every state dict follows."""
        return list(self.reached.network.nodes)

    @property
    def clamps(self) -> dict[str, bool]:
        """Each clamped node and the value it is held at."""
        return dict(self.resolved.values)

    @property
    def unmatched(self) -> list[str]:
        """The selectors that match no node of the hypothesis: they change nothing here."""
        return list(self.resolved.unmatched)

    @property
    def readout_nodes(self) -> dict[str, str]:
        """Each read-out's node."""
        return dict(self.hypothesis.readouts)

    @cached_property
    def readouts(self) -> dict[str, ReadoutValue]:
        """Each read-out's predicted value."""
        return {r: self.value(n) for r, n in self.hypothesis.readouts.items()}

    def value(self, node: str) -> ReadoutValue:
        """A node's predicted value: 0 or 1 in every state of every reachable attractor,
        else ``"ambiguous"``; ``"unknown"`` when reachability passed every bound."""
        return self.reached.value(node)

    @property
    def engine(self) -> str:
        """Which search answered: ``explicit`` or ``symbolic``."""
        return self.reached.engine

    @property
    def note(self) -> str | None:
        """How reachability was computed, when not explicitly, or why it is unknown."""
        return self.reached.note or self.reached.unknown

    @cached_property
    def basal(self) -> list[Attractor] | None:
        """The setting's basal attractors (or the given start state alone)."""
        return self._attractors(self.reached.basal)

    @cached_property
    def attractors(self) -> list[Attractor] | None:
        """The attractors reachable once the clamps are set."""
        return self._attractors(self.reached.attractors)

    @cached_property
    def fixed_points(self) -> list[State]:
        """The clamped network's fixed points, up to the listing limit."""
        return [self.reached.network.state_dict(s) for s in self.reached.fixed_points]

    @property
    def fixed_points_complete(self) -> bool:
        """Whether :attr:`fixed_points` lists them all."""
        return self.reached.fixed_points_complete

    @property
    def fixed_point_count(self) -> int:
        """Every fixed point, counted with BDDs past the listing limit."""
        return self.reached.fixed_point_count

    @cached_property
    def excluded_fixed_points(self) -> list[State]:
        """The fixed points no trajectory from the start reaches."""
        network = self.reached.network
        return [network.state_dict(s) for s in self.reached.excluded_fixed_points]

    def _attractors(
        self, found: Sequence[explicit.PackedAttractor] | None
    ) -> list[Attractor] | None:
        if found is None:
            return None
        network = self.reached.network
        return [
            Attractor(
                a.size,
                dict(zip(network.nodes, a.values, strict=True)),
                None if a.states is None else [network.state_dict(s) for s in a.states],
            )
            for a in found
        ]

    def to_dict(self) -> dict[str, Any]:
        """Plain data, as ``pathcheck predict --format json`` prints it: an attractor as
        its states, or as its size and values when too large to list."""

        def listed(found: list[Attractor] | None) -> list[Any] | None:
            if found is None:
                return None
            return [
                a.states if a.states is not None else {"size": a.size, "values": a.values}
                for a in found
            ]

        return {
            "hypothesis": self.hypothesis.name,
            "setting": self.setting,
            "start": None if self.start is None else {n: int(v) for n, v in self.start.items()},
            "clamps": {node: int(v) for node, v in self.clamps.items()},
            "unmatched_selectors": self.unmatched,
            "engine": self.engine,
            "basal": listed(self.basal),
            "fixed_points": self.fixed_points,
            "fixed_points_complete": self.fixed_points_complete,
            "fixed_point_count": self.fixed_point_count,
            "excluded_fixed_points": self.excluded_fixed_points,
            "attractors": listed(self.attractors),
            "readouts": {r: plain_value(v) for r, v in self.readouts.items()},
            "note": self.note,
        }


def _word(value: ReadoutValue) -> str:
    return str(int(value)) if isinstance(value, bool) else value


def run(
    hypothesis: Hypothesis,
    setting: str | None,
    clamps: Clamps,
    start: Mapping[str, bool] | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    fixed_point_limit: int = DEFAULT_FIXED_POINT_LIMIT,
) -> Prediction:
    """Predict, from the setting's basal states or from ``start``."""
    inputs = hypothesis.input_values(setting)
    reached = predict(
        network_of(hypothesis), inputs, clamps.values, max_states, start, fixed_point_limit
    )
    return Prediction(hypothesis, setting, clamps, start, reached)


def parse_state(text: str, nodes: tuple[str, ...]) -> dict[str, bool]:
    """``"A=1,B=0"``: the named nodes' values; nodes not named are 0. Raises ValueError."""
    state: dict[str, bool] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, equals, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or value not in ("0", "1"):
            raise ValueError(f"'{item}' is not NODE=0 or NODE=1")
        if name not in nodes:
            raise ValueError(f"'{name}' is no node of the hypothesis")
        state[name] = value == "1"
    return state
