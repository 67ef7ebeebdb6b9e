"""Which observations are not independent, and how the likelihood counts them once.

A row of an outcome table may say it is ``same_as`` another: possibly one experiment
recorded twice, say a secondary source's account of a row the primary source states.
Such rows form a **group** (a row, the row it names, the row that one names, ...), and a
group contributes to a hypothesis's likelihood the probability that *one* of its rows is
the faithful record of the experiment, each row equally likely to be it::

    L(group) = (L(row_1) + ... + L(row_n)) / n     L(row): the product over its observations

This is the rule because it is the likelihood of the group under what ``same_as`` says
(one experiment, recorded n ways, and no telling which record is right), and so:

- a group whose rows a hypothesis predicts alike counts as one observation, not n;
- a group of two rows a hypothesis gets one right and one wrong weighs 1/2 for it,
  like an undecided observation, rather than as one match and one mismatch;
- it lies between the likelihoods of the group's best and worst rows.

The alternatives were weighed and set aside: the best-supported row alone throws away
the other account, which may be the one that records the experiment right; the mean
log-likelihood (a geometric mean of the rows' likelihoods) is the probability of no
event, and it charges a hypothesis for the disagreement between two accounts of one
experiment as if it were evidence against it.

Rows marked ``inferred`` (not stated by their source) and ``secondary`` (resting on one
secondary source) count in full; :class:`Independence` says how many there are, and
``--exclude-inferred`` leaves the inferred ones out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from pathcheck.model import Experiment


def groups(experiments: Iterable[Experiment]) -> dict[str, str]:
    """Each experiment's group, named by the row its ``same_as`` chain ends at among
    these experiments (a row whose partner is not among them stands alone)."""
    present = {e.id: e for e in experiments}
    roots = {}
    for experiment in present.values():
        current, seen = experiment, {experiment.id}
        while current.same_as in present and current.same_as not in seen:
            seen.add(current.same_as)
            current = present[current.same_as]
        roots[experiment.id] = current.id
    return roots


def grouped_log_likelihood(by_row: Mapping[str, float], roots: Mapping[str, str]) -> float:
    """The log-likelihood of the rows (id -> log L of its observations), each group
    counted once, as the module says."""
    members: dict[str, list[float]] = defaultdict(list)
    for identifier, value in by_row.items():
        members[roots.get(identifier, identifier)].append(value)
    total = 0.0
    for values in members.values():
        top = max(values)
        if len(values) == 1 or top == -math.inf:
            total += top
        else:
            total += top + math.log(sum(math.exp(v - top) for v in values) / len(values))
    return total


class Independence(NamedTuple):
    """How many of the scored observations are not plain, stated, independent ones."""

    observations: int
    inferred: tuple[tuple[str, int], ...]  # (row, its observations), inferred
    secondary: tuple[tuple[str, int], ...]  # resting on one secondary source
    groups: tuple[tuple[str, ...], ...]  # rows possibly recording one experiment
    grouped: int  # observations in those groups
    excluded_inferred: int = 0  # observations of inferred rows left out

    @property
    def inferred_observations(self) -> int:
        return sum(n for _, n in self.inferred)

    @property
    def secondary_observations(self) -> int:
        return sum(n for _, n in self.secondary)

    def to_dict(self) -> dict[str, Any]:
        return {
            "observations": self.observations,
            "inferred": {"observations": self.inferred_observations, "rows": _ids(self.inferred)},
            "secondary": {
                "observations": self.secondary_observations,
                "rows": _ids(self.secondary),
            },
            "groups": [list(g) for g in self.groups],
            "grouped_observations": self.grouped,
            "excluded_inferred_observations": self.excluded_inferred,
        }


def independence(experiments: Sequence[Experiment], excluded_inferred: int = 0) -> Independence:
    """The counts for the scored experiments (pending ones observe nothing)."""
    scored = [e for e in experiments if e.observations]
    roots = groups(scored)
    sizes: dict[str, list[str]] = defaultdict(list)
    for experiment in scored:
        sizes[roots[experiment.id]].append(experiment.id)
    shared = [ids for ids in sizes.values() if len(ids) > 1]
    in_groups = {i for ids in shared for i in ids}
    return Independence(
        observations=sum(len(e.observations) for e in scored),
        inferred=tuple((e.id, len(e.observations)) for e in scored if not e.verified),
        secondary=tuple((e.id, len(e.observations)) for e in scored if e.secondary),
        groups=tuple(tuple(ids) for ids in shared),
        grouped=sum(len(e.observations) for e in scored if e.id in in_groups),
        excluded_inferred=excluded_inferred,
    )


def _ids(rows: tuple[tuple[str, int], ...]) -> list[str]:
    return [identifier for identifier, _ in rows]
