"""An ad-hoc experiment, as ``pathcheck predict`` runs it: the question beside its answer.

The answer is an :class:`~pathcheck.engine.prediction.Prediction`, as for every experiment of an
outcome table; only the question differs: clamps named on the command line, and a start
state that may replace the setting's basal ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from pathcheck.analysis.outcomes import Clamps, network_of
from pathcheck.base.defaults import DEFAULT_FIXED_POINT_LIMIT, DEFAULT_MAX_STATES
from pathcheck.engine.prediction import Prediction, predict
from pathcheck.model import Hypothesis


class AdHoc(NamedTuple):
    hypothesis: Hypothesis
    setting: str | None
    clamps: Clamps
    start: Mapping[str, bool] | None  # the given start state, replacing the basal ones
    prediction: Prediction


def run(
    hypothesis: Hypothesis,
    setting: str | None,
    clamps: Clamps,
    start: Mapping[str, bool] | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    fixed_point_limit: int = DEFAULT_FIXED_POINT_LIMIT,
) -> AdHoc:
    inputs = hypothesis.input_values(setting)
    prediction = predict(
        network_of(hypothesis), inputs, clamps.values, max_states, start, fixed_point_limit
    )
    return AdHoc(hypothesis, setting, clamps, start, prediction)


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
