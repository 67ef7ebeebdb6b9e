"""What ``repair`` shows: the repairs, best first, each as rule diffs with what it fixes
and breaks, as wrapped text or Markdown (JSON is the result's ``to_dict``)."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

from pathcheck.analysis.repair import Check, Repair, Repairs
from pathcheck.render.escape import code
from pathcheck.render.escape import markdown as md


def checks_text(checks: Sequence[Check], targets: Sequence[str]) -> str:
    """Observations, each with the targets it holds in (none named when it holds in
    every one, or when there is one target)."""
    by: dict[tuple[str, str], list[str]] = {}
    for target, experiment, readout in checks:
        by.setdefault((experiment, readout), []).append(target)
    parts = []
    for (experiment, readout), where in by.items():
        if len(targets) == 1:
            parts.append(f"{experiment} {readout}")
        elif len(where) == len(targets):
            parts.append(f"{experiment} {readout} (every {_what(targets)})")
        else:
            parts.append(f"{experiment} {readout} ({', '.join(where)})")
    return ", ".join(parts) or "nothing"


def _what(targets: Sequence[str]) -> str:
    return "target" if any(" with " in t for t in targets) else "member"


def heading(found: Repairs) -> list[str]:
    space = found.space
    name = found.hypothesis.name
    if len(found.targets) == 1:
        scope = f"{found.targets[0]}"
    else:
        scope = f"{name}: {len(found.targets)} targets ({', '.join(found.targets)})"
    regulators = (
        f"the regulators {space.candidates} lists"
        if space.candidates
        else "regulators of the same or a linked cell type"
    )
    signs = "signs may change" if space.signs else "no sign changes"
    within = f", {space.size():,} within {space.max_edits} edits" if space.max_edits > 1 else ""
    return [
        f"{scope}: {found.written} of {found.checks} observations matched as written",
        f"failing as written: {checks_text(found.failing, found.targets)}",
        f"edit space: {space.single():,} variants one edit away{within} ({regulators}; {signs})",
    ]


def verdict(found: Repairs) -> str:
    bound = f"at most {found.space.max_edits} edit{'s' * (found.space.max_edits != 1)}"
    if found.already_fits:
        return "It fits every observation as written: there is nothing to repair."
    if not found.repairs:
        return f"No set of {bound} matches more observations than the written hypothesis."
    if found.fits:
        count = len(found.repairs)
        return (
            f"{count} minimal repair{'s' * (count != 1)} within {bound}, best first (fewest "
            "edits, then fewest written regulations dropped), each checked again from "
            "scratch by the exact engine:"
        )
    best = found.repairs[0].matched
    return (
        f"No set of {bound} makes every target fit every observation. The "
        f"{len(found.repairs)} minimal variants that match the most, {best} of "
        f"{found.checks}, each checked again from scratch by the exact engine:"
    )


def _title(rank: int, repair: Repair) -> str:
    dropped = (
        "every written regulation kept"
        if not repair.lost
        else f"{repair.lost} written regulation{'s' * (repair.lost != 1)} dropped"
    )
    return f"{rank}. {repair.edits} edit{'s' * (repair.edits != 1)}, {dropped}"


def _facts(found: Repairs, repair: Repair) -> list[str]:
    lines = [
        f"fixes {checks_text(repair.fixed, found.targets)}; "
        f"breaks {checks_text(repair.broken, found.targets)}"
    ]
    if len(found.targets) > 1:
        lines.append(f"fits: {', '.join(repair.fitting) or 'no target'}")
    return lines


def footer(found: Repairs) -> str:
    best = found.repairs[0].matched if found.repairs else found.written + 1
    return (
        f"Searched: {found.space.size():,} variants; {found.scored:,} scored whole, and "
        f"every other one shown to match fewer than {best} observations by what its edits "
        "can reach, or by the part of it scored."
    )


def text(found: Repairs, width: int | None = None) -> str:
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="   ", break_on_hyphens=False)
    out = [ln for line in heading(found) for ln in wrap.wrap(line)]
    out += ["", *wrap.wrap(verdict(found))]
    inner = textwrap.TextWrapper(
        width=width, initial_indent="   ", subsequent_indent="       ", break_on_hyphens=False
    )
    for rank, repair in enumerate(found.repairs, start=1):
        out += ["", *wrap.wrap(_title(rank, repair))]
        out += [ln for line in (*repair.changes, *_facts(found, repair)) for ln in inner.wrap(line)]
    if not found.already_fits:
        out += ["", *wrap.wrap(footer(found))]
    return "\n".join(out) + "\n"


def markdown(found: Repairs) -> str:
    """The repairs as Markdown, every text from a file escaped (a label may hold
    Markdown, HTML or a GitHub command)."""
    out = [f"{md(line)}  " for line in heading(found)]
    out += ["", md(verdict(found)), ""]
    for rank, repair in enumerate(found.repairs, start=1):
        out += [f"**{md(_title(rank, repair))}**", ""]
        out += [f"- {code(change)}" for change in repair.changes]
        out += [f"- {md(line)}" for line in _facts(found, repair)]
        out.append("")
    if not found.already_fits:
        out.append(md(footer(found)))
    return "\n".join(out).rstrip("\n") + "\n"
