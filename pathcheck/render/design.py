"""What ``design`` shows: the suggested experiments, best first, with what each family
predicts, and the experiments of the record that the search found again; as wrapped
text or Markdown (JSON is the result's own ``to_dict``).

Words a biologist reads first: each suggestion is expected to settle a share of the
uncertainty left after the outcome tables (the bits are in JSON), and costs by the
catalogue's scale. A family's members are not listed one by one where their
predictions follow one or two of its choices: ``serial_loop: 0 where trkb_pyramidal=
present, 1 otherwise``.
"""

from __future__ import annotations

import itertools
import shutil
import textwrap
from collections import defaultdict
from collections.abc import Sequence

from pathcheck.analysis.design import Design, Suggestion, label
from pathcheck.engine.explicit import Predicted
from pathcheck.model import Hypothesis, short_member_name
from pathcheck.render.cells import value_text
from pathcheck.render.escape import markdown as md


def _short(member: Hypothesis) -> str:
    """A member by its options alone, its family named once beside it."""
    return short_member_name(member.family or member.name, member.assignment)


def predictions(found: Design, values: Sequence[Predicted | None]) -> str:
    """Each family's prediction: one value where all its members agree, else where each
    value holds, by the fewest choices that decide it (its members by name otherwise)."""
    families: dict[str, list[tuple[Hypothesis, Predicted | None]]] = {}
    for member, value in zip(found.members, values, strict=True):
        families.setdefault(member.compared_as, []).append((member, value))
    parts = []
    for family, entries in families.items():
        seen = {value_text(v) for _, v in entries}
        if len(seen) == 1:
            every = " (every member)" if len(entries) > 1 else ""
            parts.append(f"{family} {seen.pop()}{every}")
        else:
            parts.append(_split(family, entries))
    return " · ".join(parts)


def _split(family: str, entries: list[tuple[Hypothesis, Predicted | None]]) -> str:
    """Where each value holds in a family: by one choice, or two together, that decide
    it; the commonest value last, 'otherwise'."""
    choices = entries[0][0].choices
    for size in (1, 2):
        for combo in itertools.combinations(range(len(choices)), size):
            decided: dict[tuple[str, ...], str] = {}
            if all(
                decided.setdefault(tuple(m.assignment[i][1] for i in combo), value_text(v))
                == value_text(v)
                for m, v in entries
            ):
                by_value: dict[str, list[tuple[str, ...]]] = defaultdict(list)
                for options, value in decided.items():
                    by_value[value].append(options)
                ordered = sorted(by_value.items(), key=lambda kv: len(kv[1]))
                said = [
                    f"{value} where "
                    + " or ".join(
                        " and ".join(
                            f"{choices[i].name}={o}" for i, o in zip(combo, opts, strict=True)
                        )
                        for opts in keys
                    )
                    for value, keys in ordered[:-1]
                ]
                return f"{family}: {'; '.join([*said, f'{ordered[-1][0]} otherwise'])}"
    return " · ".join(f"{_short(m)} {value_text(v)}" for m, v in entries)


def prior_line(found: Design) -> str:
    """The prior over each family, summed over its members (each member's in JSON)."""
    totals: dict[str, list[float]] = defaultdict(list)
    for member, p in zip(found.members, found.prior, strict=True):
        totals[member.family or member.name].append(p)
    shown = ", ".join(
        f"{family} {sum(ps):.3g}" + (f" over its {len(ps)} members" if len(ps) > 1 else "")
        for family, ps in totals.items()
    )
    return (
        f"prior (the posterior after the outcome tables): {shown}; "
        f"{found.uncertainty:.2f} bits of uncertainty left"
    )


def deciding(found: Design) -> str:
    if found.decide is None:
        return "deciding: which member (each member of each family counts as a hypothesis)"
    return f"deciding: the option of {found.decide}"


def footer(found: Design) -> list[str]:
    catalogue = found.catalogue
    lines = [
        f"{found.considered:,} candidates from {len(catalogue.items)} items of "
        f"{catalogue.file}; {found.informative:,} tell some members apart",
    ]
    if found.equivalent:
        members = {m.name: m for m in found.members}
        differ = sorted(
            {
                c
                for group in found.equivalent
                for c, options in _options(members[n] for n in group).items()
                if len(options) > 1
            }
        )
        lines.append(
            f"{len(found.equivalent)} groups of members are observationally equivalent under "
            "this catalogue (no candidate tells them apart; --format json lists them)"
            + (f": within each, they differ only in {', '.join(differ)}" if differ else "")
        )
    else:
        lines.append("no two members are observationally equivalent under this catalogue")
    return lines + neighbours_lines(found)


FRAGILE = "fragile"
SHOWN_PAIRS = 3  # past this many, the pairs a neighbour no longer tells apart are counted


def fragile_text(found: Design, index: int) -> str | None:
    """Why a suggestion is fragile: the neighbour, fitting as well, in which it no longer
    separates some pair, what is predicted there, and the pairs lost."""
    if found.neighbours is None:
        return None
    fragile = found.neighbours.of(index)
    if fragile is None:
        return None
    readout = found.suggestions[index].readout
    count = fragile.neighbours
    return (
        f"{FRAGILE}: {fragile.hypothesis} one edit away, fitting the data as well "
        f"({'; '.join(fragile.changes)}), predicts {readout}: "
        f"{predictions(found, fragile.predictions)}, and no longer tells "
        f"{_pairs(found, fragile.lost)} ({count} such neighbour{'s' * (count != 1)} in all)"
    )


def _pairs(found: Design, lost: Sequence[tuple[str, str]]) -> str:
    """The pairs no longer told apart, a family named whole where all its members are;
    past SHOWN_PAIRS of them, their count and the first few."""
    family = {m.name: m.family or m.name for m in found.members}
    short = {m.name: _short(m) for m in found.members}
    size = {f: sum(1 for m in found.members if (m.family or m.name) == f) for f in family.values()}
    by: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for a, b in lost:
        by.setdefault((family.get(a, a), family.get(b, b)), []).append((a, b))
    parts = []
    for (f, g), pairs in by.items():
        if f != g and len(pairs) == size[f] * size[g]:
            parts.append(f"{f} from {g}")
        else:
            parts += [f"{short.get(a, a)} from {short.get(b, b)}" for a, b in pairs]
    if len(parts) > SHOWN_PAIRS:  # many members: the count, and the first few
        return f"apart {len(lost)} pairs of members: {'; '.join(parts[:SHOWN_PAIRS])}; ..."
    return "; ".join(parts) + " apart"


def neighbours_lines(found: Design) -> list[str]:
    """How many neighbours each hypothesis has that fit as well, and the fragile count."""
    if found.neighbours is None:
        return []
    counts = ", ".join(
        f"{n.hypothesis.name} {len(n.fitting):,} of {n.space.single():,}"
        for n in found.neighbours.hypotheses
    )
    marked = len(found.neighbours.fragile)
    return [
        f"one-edit neighbours that fit the data as well: {counts}; {marked} of the "
        f"{len(found.suggestions)} suggestions shown are {FRAGILE} in one (marked)"
    ]


def _options(group: object) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for member in group:  # type: ignore[attr-defined]
        for choice, option in member.assignment:
            found[choice].add(option)
    return found


def settles(found: Design, suggestion: Suggestion) -> str:
    return f"expected to settle {found.settles(suggestion):.0%} of the remaining uncertainty"


def _title(found: Design, rank: int, suggestion: Suggestion) -> str:
    c = suggestion.candidate
    cost = found.catalogue.cost_text(c.cost)
    return f"{rank}. {label(suggestion)} ({c.setting}): {settles(found, suggestion)}; cost {cost}"


def _rows(suggestion: Suggestion) -> str:
    """The rows that did these manipulations, with what they observed: ``K2 (behaviour=0)``."""
    return ", ".join(f"{i} ({o})" for i, o in suggestion.record)


def _record(suggestion: Suggestion) -> str:
    return f"   done as {_rows(suggestion)}; this read-out is new"


def done_lines(found: Design) -> list[str]:
    """The candidates the outcome tables hold already, on the read-out they observed."""
    return [
        f"{_rows(s)}: {label(s)} ({s.candidate.setting}); {s.readout} would have settled "
        f"{found.settles(s):.0%}"
        for s in found.done
    ]


DONE_TITLE = "Already in the outcome tables (not ranked):"


def text(found: Design, width: int | None = None) -> str:
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="   ", break_on_hyphens=False)
    out = [*wrap.wrap(prior_line(found)), *wrap.wrap(deciding(found)), ""]
    if not found.suggestions:
        out.append("no candidate of the catalogue tells the members apart")
    for rank, suggestion in enumerate(found.suggestions, start=1):
        out += wrap.wrap(_title(found, rank, suggestion))
        line = f"   {suggestion.readout}: {predictions(found, suggestion.predictions)}"
        out += textwrap.wrap(line, width=width, subsequent_indent="     ")
        why = fragile_text(found, rank - 1)
        if why is not None:
            out += textwrap.wrap(f"   {why}", width=width, subsequent_indent="     ")
        if suggestion.record:
            out += textwrap.wrap(_record(suggestion), width=width, subsequent_indent="     ")
    if found.done:
        out += ["", DONE_TITLE]
        out += [ln for line in done_lines(found) for ln in wrap.wrap(f"   {line}")]
    out += ["", *(ln for line in footer(found) for ln in wrap.wrap(line))]
    return "\n".join(out) + "\n"


def markdown(found: Design) -> str:
    out = [f"{md(prior_line(found))}  ", f"{md(deciding(found))}", ""]
    near = found.neighbours is not None
    out += [
        "| # | experiment | setting | read-out | predictions | settles | cost (scale) |"
        + " fragile |" * near
    ]
    out += ["|---|---|---|---|---|---|---|" + "---|" * near]
    for rank, s in enumerate(found.suggestions, start=1):
        c = s.candidate
        done = f" (done as {_rows(s)}; a new read-out)"
        cells = [
            str(rank),
            label(s) + (done if s.record else ""),
            c.setting,
            s.readout,
            predictions(found, s.predictions),
            f"{found.settles(s):.0%}",
            found.catalogue.cost_text(c.cost),
        ]
        if near:
            cells.append((fragile_text(found, rank - 1) or "").removeprefix(f"{FRAGILE}: "))
        out.append("| " + " | ".join(md(cell) for cell in cells) + " |")
    if found.done:
        out += ["", md(DONE_TITLE), "", *(f"- {md(line)}" for line in done_lines(found))]
    out += ["", *(f"{md(line)}  " for line in footer(found))]
    return "\n".join(out) + "\n"
