"""The smallest repairs of a hypothesis that fails the data: every one, within a bound.

A *repair* is a variant of the hypothesis (:mod:`pathcheck.analysis.edits`) within
``max_edits`` edits that makes every target fit every observation: a target is a member
of the hypothesis's family (every member, or the one named) in a reading of the data
(the default one, or every one). A repair is *minimal* when no variant between it and
the written hypothesis (on a shortest path of edits to it: a subset of its edits)
fits; the search returns every minimal repair, ranked by edits, then by the written
regulations they drop. When none fits, it returns instead every minimal variant that
matches the most observations (over every target), if any matches more than the
written hypothesis: minimal, there, meaning that no variant between matches as many.

**Search.** Variants are taken by number of edits. A failing observation none of whose
cone nodes (:mod:`pathcheck.analysis.variants`) a variant rewrites stays failing, so a
variant matches at most what the written hypothesis matches plus the failures its
rewritten nodes reach; and, once a variant one edit short of it has been scored, at
most what that one matches plus the failures the last edit reaches there. A variant
whose bound falls short of the best found is never scored; the others are scored best
bound first, and one with a fitting variant between it and the written hypothesis is
skipped. This prunes only what provably cannot be reported, so the search returns what
scoring every variant would (``tests/analysis/test_repair.py`` holds it to that, on
random hypotheses, against every edit set scored by brute force).

**Checked.** Every variant reported is built again and scored from scratch by
:func:`pathcheck.analysis.score.compare`, in every target it claims, before it is
reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from sympy.logic.boolalg import Boolean

from pathcheck.analysis.edits import EditSpace, Variant
from pathcheck.analysis.score import Verdict, compare
from pathcheck.analysis.variants import Scored, Scorer, Target
from pathcheck.base.files import provenance, write_new
from pathcheck.base.problems import COMMAND_LINE, InputError
from pathcheck.formats.edited import Rewrite, edited_text
from pathcheck.formats.hypothesis import Spec
from pathcheck.formats.yamlsource import Limits
from pathcheck.model import Assignment, ExperimentFile, Hypothesis

Progress = Callable[[int, int], None]
Check = tuple[str, str, str]  # target, experiment id, read-out
Failure = tuple[int, int]  # target index, observation index


class Repair(NamedTuple):
    """One variant reported: its edits as rule diffs, what it fixes and breaks."""

    variant: Variant
    edits: int
    lost: int  # written regulations it drops
    changes: tuple[str, ...]  # each rewritten rule as a diff, each placed node
    matched: int  # observations matched, over every target
    fixed: tuple[Check, ...]  # failed as written, matched here
    broken: tuple[Check, ...]  # matched as written, failed here
    fitting: tuple[str, ...]  # the targets it makes fit every observation
    members: tuple[Hypothesis, ...]  # the repaired members, as checked

    def to_dict(self) -> dict[str, Any]:
        return {
            "edits": self.edits,
            "regulations_dropped": self.lost,
            "changes": list(self.changes),
            "matched": self.matched,
            "fixes": [_check(c) for c in self.fixed],
            "breaks": [_check(c) for c in self.broken],
            "fits": list(self.fitting),
        }


def _rewrites(space: EditSpace, variant: Variant) -> list[Rewrite]:
    """The variant as rules rewritten where they are written, each placed node beside
    the first rule reading it in the file's nodes (else in each option reading it)."""
    readers: dict[str, list[int]] = {}
    for position, (_, rule) in enumerate(variant):
        for symbol in sorted(rule.free_symbols, key=str):
            if symbol.name in space.placements:
                readers.setdefault(symbol.name, []).append(position)
    placed: dict[int, list[tuple[str, Boolean]]] = {}
    for node, positions in readers.items():
        owners: dict[object, int] = {}
        for position in positions:
            owners.setdefault(space.sites[variant[position][0]].site.option, position)
        chosen = [owners[None]] if None in owners else list(owners.values())
        for position in chosen:
            placed.setdefault(position, []).append((node, space.placements[node].rule))
    named = _named_option(space)
    return [
        Rewrite(
            space.sites[i].site.node,
            space.sites[i].site.option or named,
            rule,
            tuple(placed.get(position, ())),
        )
        for position, (i, rule) in enumerate(variant)
    ]


def _named_option(space: EditSpace) -> tuple[str, str] | None:
    """Where a repair of one member named among several writes a rule of the file's
    nodes: into the first option that member takes (overriding the file's rule there, so
    the other members stay as written); ``None`` when the whole family is repaired."""
    if len(space.members) != 1:
        return None
    member = space.members[0]
    gates = member.spec.gates if isinstance(member.spec, Spec) else frozenset()
    return next(((c, o) for c, o in member.assignment if c not in gates), None)


def _check(check: Check) -> dict[str, str]:
    target, experiment, readout = check
    return {"target": target, "experiment": experiment, "readout": readout}


class Repairs(NamedTuple):
    """What ``pathcheck repair`` answers."""

    space: EditSpace
    targets: tuple[str, ...]  # each member in each reading of the data, by name
    checks: int  # observations over every target
    written: int  # of them matched as written
    failing: tuple[Check, ...]  # the written hypothesis's failures
    fits: bool  # whether the repairs fit every observation (else: the best variants)
    repairs: tuple[Repair, ...]  # best first
    scored: int  # variants scored by the search
    predicted: int  # predictions it made

    @property
    def hypothesis(self) -> Hypothesis:
        """The hypothesis repaired."""
        return self.space.hypothesis

    @property
    def already_fits(self) -> bool:
        """Whether the hypothesis as written fits every observation: nothing to repair."""
        return self.written == self.checks

    def __repr__(self) -> str:
        what = "repairs" if self.fits else "best variants"
        return (
            f"<Repairs of {self.hypothesis.name}: {self.written}/{self.checks} as written; "
            f"{len(self.repairs)} {what} within {self.space.max_edits} edits>"
        )

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """Every repair, best first: its edits, its rule diffs, what it fixes and breaks."""
        head = ("rank", "edits", "changes", "matched", "fixes", "breaks")
        rows = [
            (
                str(rank),
                str(r.edits),
                "; ".join(r.changes),
                f"{r.matched}/{self.checks}",
                ", ".join(f"{e} {o}" for _, e, o in dict.fromkeys(r.fixed)),
                ", ".join(f"{e} {o}" for _, e, o in dict.fromkeys(r.broken)),
            )
            for rank, r in enumerate(self.repairs, start=1)
        ]
        return head, rows

    def _repr_html_(self) -> str:
        from pathcheck.base import html

        return html.of(self)

    def write(self, folder: Path, *, limits: Limits | None = None) -> list[Path]:
        """Each repair as a hypothesis file in ``folder`` (``NAME_repairN.yaml``): the
        written file with its rules rewritten, all of them or none, never over a file
        that exists."""
        source = Path(self.hypothesis.file)
        if source.suffix.lower() not in (".yaml", ".yml"):
            raise InputError.at(
                COMMAND_LINE,
                f"write: a repair is written as its hypothesis file rewritten, and "
                f"{source} is no YAML file (pathcheck import turns it into one)",
            )
        family = self.hypothesis.family or self.hypothesis.name
        files = {}
        for number, found in enumerate(self.repairs, start=1):
            name = f"{family}_repair{number}"
            renamed = ", ".join(name + t[len(family) :] for t in self.targets)
            header = [
                f"Repaired by pathcheck from {provenance(str(source))}, {found.edits} edit"
                f"{'s' * (found.edits != 1)}:",
                *(f"  {change}" for change in found.changes),
                f"{renamed}: {found.matched} of {self.checks} observations matched "
                f"({self.written} as written), checked from scratch by the exact engine.",
            ]
            rewrites = _rewrites(self.space, found.variant)
            files[folder / f"{name}.yaml"] = edited_text(
                source, name, rewrites, header, limits or Limits()
            )
        write_new(files)
        return list(files)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: what ``repair --format json`` prints."""
        from pathcheck import __version__

        space = self.space
        return {
            "pathcheck": __version__,
            "hypothesis": space.hypothesis.name,
            "file": space.hypothesis.file,
            "targets": list(self.targets),
            "max_edits": space.max_edits,
            "signs": space.signs,
            "candidates": space.candidates,
            "edit_space": {"one_edit": space.single(), "within_bound": space.size()},
            "observations": self.checks,
            "matched_as_written": self.written,
            "failing_as_written": [_check(c) for c in self.failing],
            "fits": self.fits,
            "repairs": [r.to_dict() for r in self.repairs],
            "variants_scored": self.scored,
            "checked_exactly": True,
        }


def repair(
    space: EditSpace,
    chosen: Sequence[Target],
    tables: Mapping[Assignment, Sequence[ExperimentFile]],
    *,
    max_states: int,
    progress: Progress | None = None,
) -> Repairs:
    """Every minimal repair within the space's bound, or the best variants, each checked
    again from scratch against ``tables`` (each reading of the data the targets name)."""
    scorer = Scorer(space, chosen, max_states)
    written = scorer.rows(scorer.written)
    found, scored = _search(space, scorer, progress)
    names = [_target_name(space, t, chosen) for t in chosen]
    checks = [t.checks for t in chosen]
    repairs = [_report(space, v, scorer.rows(s), written, names, checks) for v, s in found]
    repairs.sort(key=lambda r: (r.edits, r.lost, r.changes))
    for reported in repairs:
        _check_again(reported, chosen, tables, max_states)
    failing = tuple(
        (names[t], e.id, r)
        for t, row in enumerate(written)
        for (e, r, _), v in zip(checks[t], row, strict=True)
        if v is not Verdict.MATCH
    )
    return Repairs(
        space,
        tuple(names),
        scorer.checks,
        scorer.written.matched,
        failing,
        bool(found) and found[0][1].fits,
        tuple(repairs),
        scored,
        scorer.predicted,
    )


def _search(
    space: EditSpace, scorer: Scorer, progress: Progress | None
) -> tuple[list[tuple[Variant, Scored]], int]:
    """The minimal variants matching the most observations, and how many were scored."""
    written = scorer.written
    if written.fits:
        return [], 0
    scored = scorer.scored
    best = written.matched

    def dominated(variant: Variant) -> bool:
        return any(w in scored and scored[w].fits for w in space.between(variant))

    for level in range(1, space.max_edits + 1):
        queue = [(b, v) for v in space.variants(level) if (b := scorer.bound(v)) >= best]
        queue.sort(key=lambda item: -item[0])
        for done, (limit, variant) in enumerate(queue, start=1):
            if limit < best:
                break
            if best == scorer.checks and dominated(variant):
                continue
            # a variant short of the last level is scored whole: it may be a source
            result = scorer.score(variant, floor=best if level == space.max_edits else 0)
            if result is not None:
                best = max(best, result.matched)
            if progress is not None:
                progress(done, len(queue))
        if progress is not None:  # the rest cannot reach the best: done with them too
            progress(len(queue), len(queue))
    if best == written.matched:
        return [], len(scored) - 1
    found = [
        (variant, result)
        for variant, result in scored.items()
        if variant
        and result.matched == best
        and not any(w in scored and scored[w].matched >= best for w in space.between(variant))
    ]
    return found, len(scored) - 1


def _report(
    space: EditSpace,
    variant: Variant,
    rows: list[tuple[Verdict, ...]],
    written: list[tuple[Verdict, ...]],
    names: Sequence[str],
    checks: Sequence[list[tuple[Any, str, bool]]],
) -> Repair:
    fixed, broken, fitting = [], [], []
    for t, (before, after) in enumerate(zip(written, rows, strict=True)):
        for (experiment, readout, _), was, now in zip(checks[t], before, after, strict=True):
            if was is not Verdict.MATCH and now is Verdict.MATCH:
                fixed.append((names[t], experiment.id, readout))
            elif was is Verdict.MATCH and now is not Verdict.MATCH:
                broken.append((names[t], experiment.id, readout))
        if all(v is Verdict.MATCH for v in after):
            fitting.append(names[t])
    return Repair(
        variant,
        space.edits(variant),
        space.lost(variant),
        tuple(space.describe(variant)),
        sum(v is Verdict.MATCH for row in rows for v in row),
        tuple(fixed),
        tuple(broken),
        tuple(fitting),
        tuple(space.member(variant, i) for i in range(len(space.members))),
    )


def _check_again(
    found: Repair,
    chosen: Sequence[Target],
    tables: Mapping[Assignment, Sequence[ExperimentFile]],
    max_states: int,
) -> None:
    """Score the repaired members from scratch with :func:`compare`, in every target, and
    hold the search to it: a disagreement is a bug, never a result."""
    matched = 0
    for target in chosen:
        result = compare([found.members[target.member]], tables[target.data], max_states=max_states)
        matched += sum(row.cells[0].verdict is Verdict.MATCH for row in result.rows)
    if matched != found.matched:
        raise RuntimeError(
            f"repair: the search scored {found.matched} observations matched for "
            f"{'; '.join(found.changes)}, the engine from scratch {matched}"
        )


def _target_name(space: EditSpace, target: Target, chosen: Sequence[Target]) -> str:
    member = space.members[target.member]
    name = member.full_name if member.choices else member.name
    if len({t.data for t in chosen}) > 1 and target.data:
        return f"{name} with {', '.join(f'{c}={o}' for c, o in target.data)}"
    return name
