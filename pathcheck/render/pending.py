"""Suggested experiments written as an outcome table of pending rows, to run and fill in.

Each row keeps its clamps and setting, names what to ``measure`` and is marked
``pending: true``: ``compare`` lists it apart, predicted and unscored, and ``validate``
accepts it. Once the experiment is done, replace ``pending`` and ``measure`` by what was
``observed``.
"""

from __future__ import annotations

from collections.abc import Sequence

from pathcheck.analysis.design import Design, Suggestion
from pathcheck.formats.writing import quoted, scalar


def pending_table(found: Design, chosen: Sequence[Suggestion], command: str) -> str:
    names = ", ".join(dict.fromkeys(h.compared_as for h in found.members))
    lines = [
        f"# Proposed by `{command}`: not yet run. Once an experiment is done, replace its",
        "# `pending` and `measure` by what was `observed`, and its source by the publication.",
        f"title: {quoted(f'Experiments proposed to tell apart {names}')}",
        "source:",
        f"  citation: {quoted('not yet run: proposed by pathcheck design')}",
        "experiments:",
    ]
    ids = _fresh("P", len(chosen), found.recorded)
    for identifier, suggestion in zip(ids, chosen, strict=True):
        candidate = suggestion.candidate
        on = [i.selector.text for i in candidate.items if i.value]
        off = [i.selector.text for i in candidate.items if not i.value]
        why = f"proposed: expected information gain {suggestion.gain:.3f} bits; items " + "; ".join(
            f"{i.id} ({'used: ' + i.used if i.used else 'proposed'})" for i in candidate.items
        )
        lines += [
            f"  - id: {identifier}",
            f"    label: {quoted(candidate.label)}",
            f"    setting: {scalar(candidate.setting)}",
        ]
        lines += [f"    on: [{', '.join(map(scalar, on))}]"] if on else []
        lines += [f"    off: [{', '.join(map(scalar, off))}]"] if off else []
        lines += [
            "    pending: true",
            f"    measure: [{scalar(suggestion.readout)}]",
            f"    source: {quoted(why)}",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _fresh(prefix: str, count: int, taken: frozenset[str]) -> list[str]:
    """``count`` ids ``P1``, ``P2``, ... that the record does not use: a pending row never
    takes the id of a row already there (the tables would then refuse it)."""
    found: list[str] = []
    number = 1
    while len(found) < count:
        identifier = f"{prefix}{number}"
        if identifier not in taken:
            found.append(identifier)
        number += 1
    return found
