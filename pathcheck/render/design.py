"""What ``design`` shows: the suggested experiments, best first, with what each member
predicts, as wrapped text, Markdown or (through :mod:`pathcheck.analysis.payload`) JSON."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

from pathcheck.analysis.design import Design, Suggestion
from pathcheck.engine.explicit import Predicted
from pathcheck.model import Hypothesis, short_member_name
from pathcheck.render.cells import value_text


def _short(member: Hypothesis) -> str:
    """A member by its options alone, its family named once beside it."""
    return short_member_name(member.family or member.name, member.assignment)


def predictions(found: Design, values: Sequence[Predicted | None]) -> str:
    """Each family's prediction, collapsed where all its members agree."""
    families: dict[str, list[tuple[Hypothesis, Predicted | None]]] = {}
    for member, value in zip(found.members, values, strict=True):
        families.setdefault(member.family or member.name, []).append((member, value))
    parts = []
    for family, found_values in families.items():
        seen = {value_text(v) for _, v in found_values}
        if len(seen) == 1:
            every = " (every member)" if len(found_values) > 1 else ""
            parts.append(f"{family} {seen.pop()}{every}")
        else:
            parts += [f"{_short(m)} {value_text(v)}" for m, v in found_values]
    return " · ".join(parts)


def prior_line(found: Design) -> str:
    shown = ", ".join(
        f"{_short(m)} {p:.3g}" for m, p in zip(found.members, found.prior, strict=True)
    )
    return f"prior (the posterior after the outcome tables): {shown}"


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
        lines += [
            "observationally equivalent under this catalogue (no candidate tells them apart): "
            + "; ".join(", ".join(group) for group in found.equivalent)
        ]
    else:
        lines.append("no two members are observationally equivalent under this catalogue")
    return lines + neighbours_lines(found)


FRAGILE = "fragile"


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
        f"{_pairs(found, fragile.lost)} apart ({count} such neighbour{'s' * (count != 1)} "
        "in all)"
    )


def _pairs(found: Design, lost: Sequence[tuple[str, str]]) -> str:
    """The pairs no longer told apart, a family named whole where all its members are."""
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
    return "; ".join(parts)


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


def _title(rank: int, suggestion: Suggestion) -> str:
    c = suggestion.candidate
    return f"{rank}. {c.label} ({c.setting}): {suggestion.gain:.3f} bits, cost {c.cost:g}"


def text(found: Design, width: int | None = None) -> str:
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="   ", break_on_hyphens=False)
    out = [*wrap.wrap(prior_line(found)), *wrap.wrap(deciding(found)), ""]
    if not found.suggestions:
        out.append("no candidate of the catalogue tells the members apart")
    for rank, suggestion in enumerate(found.suggestions, start=1):
        out += wrap.wrap(_title(rank, suggestion))
        line = f"   {suggestion.readout}: {predictions(found, suggestion.predictions)}"
        out += textwrap.wrap(line, width=width, subsequent_indent="     ")
        why = fragile_text(found, rank - 1)
        if why is not None:
            out += textwrap.wrap(f"   {why}", width=width, subsequent_indent="     ")
    out += ["", *(ln for line in footer(found) for ln in wrap.wrap(line))]
    return "\n".join(out) + "\n"


def markdown(found: Design) -> str:
    out = [f"{prior_line(found)}  ", f"{deciding(found)}", ""]
    near = found.neighbours is not None
    out += [
        "| # | experiment | setting | read-out | predictions | bits | cost |" + " fragile |" * near
    ]
    out += ["|---|---|---|---|---|---|---|" + "---|" * near]
    for rank, s in enumerate(found.suggestions, start=1):
        c = s.candidate
        cells = [
            str(rank),
            c.label,
            c.setting,
            s.readout,
            predictions(found, s.predictions),
            f"{s.gain:.3f}",
            f"{c.cost:g}",
        ]
        if near:
            cells.append((fragile_text(found, rank - 1) or "").removeprefix(f"{FRAGILE}: "))
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    out += ["", *(f"{line}  " for line in footer(found))]
    return "\n".join(out) + "\n"
