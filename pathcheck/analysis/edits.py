"""The edit space of a hypothesis: every variant a few edits away from what was written.

**Where an edit acts.** A rule is written at a *site*: a node of the file's ``nodes:``,
or of one option's ``nodes:`` (then it is the rule of that node in the members taking
that option). An edit changes the rule at one site, so an edit of a shared rule changes
every member that uses it, and a variant is what the file would say with those rules
rewritten. Inputs are not sites (they hold their value), nor is a node whose gate is
itself a declared choice (``{gate: [and, or]}``: both gates are scored already).

**What one edit is** (:mod:`pathcheck.logic.edits`, on the rule as sympy holds it):
remove a literal; add a regulator, as one more argument of a gate of the rule or as
``rule & x`` / ``rule | x``; flip a gate between And and Or; and, only with ``signs``,
negate a literal. Two edits may act on one rule, each on what the other left.

**Which regulators may be added** to a node's rule. By default: any other node of the
members using the site whose cell type is the node's, or one the hypothesis already links
to it (a written regulation runs between a node of the one and a node of the other, in
either direction; a node without ``@cell`` counts as a cell type of its own). An entity
the hypothesis places in one cell type may also be placed in another of its cell types,
where no member has it, as a new node whose rule is the entity's own, as written
(``TRKB@pyramidal: BDNF@pyramidal``, as ``TRKB@PV``), read by a rule of that cell type:
adding it to a rule is one edit, since the new node acts only through that rule. A
regulator enters as an activator, or with the sign a declared edge gives it; with
``signs``, either way. A prior-knowledge
network (``candidates``: a SIF file, or ``A -> B`` / ``A -| B`` lines) replaces all of
this: the edges it lists into a node are the regulators that may be added there, in the
sign listed, whatever their cell types.

**What an edit never touches.** No node is removed, renamed or made an input, and
read-outs keep their nodes: every node an experiment's selector names stays, with its
name and cell type, and every selector clamps what it clamped. The rule of a node some
experiment clamps may be edited: where it is clamped the clamp replaces the rule, as
always, and everywhere else the rule acts. A placed node is new, so selectors naming
its entity clamp it too, as they would in a file written with it: that is part of what
the edit says.

**Distance and minimality.** The sites are independent, so a variant's distance from
the written hypothesis is the sum of each rewritten rule's distance from the written
one (the fewest edits between them). A variant lies *between* the written hypothesis
and another when it is on a shortest path to it, site by site: that is what "a subset of
the edits" means once two edits may act on one rule.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from sympy import Symbol
from sympy.logic.boolalg import Boolean, Not

from pathcheck.base.problems import COMMAND_LINE, InputError, Problem, did_you_mean
from pathcheck.formats.hypothesis import Spec
from pathcheck.formats.sif import PriorKnowledge as Candidates
from pathcheck.logic.edits import RuleEdit, is_literal, literal_node, literal_sign, single_edits
from pathcheck.logic.formula import rule_text
from pathcheck.model import Hypothesis, split_name

Owner = tuple[str, str] | None  # (choice, option) whose nodes: write the rule; None: the file's


class Site(NamedTuple):
    """Where a rule is written: a node of the file's ``nodes:`` or of one option's."""

    node: str
    option: Owner = None

    @property
    def label(self) -> str:
        return self.node if self.option is None else f"{self.node} [{'='.join(self.option)}]"


class Placement(NamedTuple):
    """An entity placed in a cell type where no member has it: a new node, its rule the
    entity's own as written."""

    node: str
    rule: Boolean
    source: str  # the node whose rule it copies


class Reach(NamedTuple):
    """A rule within reach of a site's written rule."""

    depth: int  # the fewest edits from the written rule
    edit: RuleEdit | None  # an edit reaching it from ``parent`` (None for the written rule)
    parent: Boolean | None
    between: frozenset[Boolean]  # the rules on a shortest path to it, itself excluded


class SiteSpace(NamedTuple):
    site: Site
    written: Boolean
    users: frozenset[int]  # the members (indices) whose rule for the node is written here
    pool: tuple[Boolean, ...]  # the literals an edit may add here
    reach: Mapping[Boolean, Reach]  # every rule within the edit bound, the written one at 0


Variant = tuple[tuple[int, Boolean], ...]  # (site index, its rule): the sites rewritten


class SpaceTooLarge(NamedTuple):
    """What the refusal of an edit space says: how large it is, in what."""

    variants: int  # counted so far: at least this many
    single: int  # variants one edit away
    sites: int


class EditSpace(NamedTuple):
    hypothesis: Hypothesis  # the default member, or the member named
    members: tuple[Hypothesis, ...]  # the members the variants are built for
    sites: tuple[SiteSpace, ...]
    placements: Mapping[str, Placement]
    max_edits: int
    signs: bool
    candidates: str | None  # the file bounding the regulators added, when given

    def edits(self, variant: Variant) -> int:
        return sum(self.sites[i].reach[rule].depth for i, rule in variant)

    def variants(self, edits: int) -> Iterator[Variant]:
        """Every variant exactly ``edits`` edits away, each once."""

        def extend(start: int, budget: int, chosen: Variant) -> Iterator[Variant]:
            if budget == 0:
                yield chosen
                return
            for i in range(start, len(self.sites)):
                for rule, reach in self.sites[i].reach.items():
                    if 0 < reach.depth <= budget:
                        yield from extend(i + 1, budget - reach.depth, (*chosen, (i, rule)))

        return extend(0, edits, ())

    def between(self, variant: Variant) -> Iterator[Variant]:
        """Every variant strictly between the written hypothesis and ``variant`` (the
        written one excluded)."""
        choices = [
            [rule for rule in self.sites[i].reach[new].between] + [new] for i, new in variant
        ]
        for picked in itertools.product(*choices):
            inner = tuple(
                (i, rule)
                for (i, _), rule in zip(variant, picked, strict=True)
                if rule != self.sites[i].written
            )
            if inner and inner != variant:
                yield inner

    def member(self, variant: Variant, index: int) -> Hypothesis:
        """Member ``index`` as the variant would have it: its rewritten rules, and the
        placed nodes they read."""
        written = self.members[index]
        rules = dict(written.rules)
        for i, rule in variant:
            space = self.sites[i]
            if index in space.users:
                rules[space.site.node] = rule
        read = {s.name for rule in rules.values() for s in rule.free_symbols}
        for node in sorted(read - set(written.nodes)):
            rules[node] = self.placements[node].rule
        return written._replace(rules=rules)

    def uses(self, sites: Iterable[int], index: int) -> tuple[str, ...]:
        """The nodes of those sites whose rules member ``index`` takes from them."""
        return tuple(self.sites[i].site.node for i in sites if index in self.sites[i].users)

    def lost(self, variant: Variant) -> int:
        """How many written regulations (a regulator in a rule, with its sign) the variant
        drops."""
        return sum(
            len(_regulations(self.sites[i].written) - _regulations(rule)) for i, rule in variant
        )

    def describe(self, variant: Variant) -> list[str]:
        """Each rewritten rule as a diff, and each placed node with where its rule is from."""
        lines = []
        placed: dict[str, None] = {}
        for i, rule in variant:
            space = self.sites[i]
            lines.append(f"{space.site.label}: {rule_text(space.written)} → {rule_text(rule)}")
            for symbol in sorted(rule.free_symbols, key=str):
                if symbol.name in self.placements:
                    placed.setdefault(symbol.name)
        for node in placed:
            placement = self.placements[node]
            lines.append(
                f"+ {node}: {rule_text(placement.rule)} (new, its rule as {placement.source}'s)"
            )
        return lines

    def single(self) -> int:
        """Variants one edit away."""
        return sum(1 for s in self.sites for r in s.reach.values() if r.depth == 1)

    def size(self) -> int:
        """Variants within the edit bound, the written hypothesis left out."""
        return _count([_depths(s.reach, self.max_edits) for s in self.sites], self.max_edits)

    def parents(self, variant: Variant) -> Iterator[tuple[Variant, int]]:
        """Each variant one edit closer to the written hypothesis on a shortest path to
        ``variant``, with the site of the edit between them."""
        for position, (i, rule) in enumerate(variant):
            reach = self.sites[i].reach[rule]
            rest = variant[:position] + variant[position + 1 :]
            if reach.depth == 1:
                yield rest, i
                continue
            for parent in reach.between:
                if self.sites[i].reach[parent].depth == reach.depth - 1:
                    yield tuple(sorted((*rest, (i, parent)), key=lambda pair: pair[0])), i


def _regulations(rule: Boolean) -> set[tuple[str, int]]:
    found = set()
    stack = [rule]
    while stack:
        part = stack.pop()
        if is_literal(part):
            found.add((literal_node(part), literal_sign(part)))
        else:
            stack.extend(part.args)
    return found


def edit_space(
    hypothesis: Hypothesis,
    members: Sequence[Hypothesis],
    *,
    max_edits: int,
    signs: bool = False,
    candidates: Candidates | None = None,
    nodes: Sequence[str] = (),
    bound: int | None = None,
) -> EditSpace | SpaceTooLarge:
    """The variants of ``members`` (all built from ``hypothesis``'s file) within
    ``max_edits`` edits, rewriting only the rules of ``nodes`` when named; past ``bound``
    variants, what was counted instead (the caller refuses it)."""
    sites, users, written = _sites(members)
    if nodes:
        known = {s.node for s in sites}
        unknown = [n for n in nodes if n not in known]
        if unknown:
            raise InputError(
                Problem(
                    COMMAND_LINE,
                    f"'{n}' has no rule that an edit may rewrite in {hypothesis.name}"
                    f"{did_you_mean(n, known)}",
                )
                for n in unknown
            )
        sites = [s for s in sites if s.node in nodes]
    placements = _placements(hypothesis, members)
    pools = (
        _listed(hypothesis, members, sites, users, placements, candidates, signs)
        if candidates is not None
        else _default_pools(members, sites, users, placements, signs)
    )
    first = [[1, len(single_edits(written[s], pools[s], signs))] for s in sites]
    single = sum(c[1] for c in first)
    # a lower bound first, from one edit per rule: a space far past the bound is
    # refused before any rule is explored deeper
    floor = _count([c + [0] * (max_edits - 1) for c in first], max_edits)
    if bound is not None and floor > bound:
        return SpaceTooLarge(floor, single, len(sites))
    spaces: list[SiteSpace] = []
    counts: list[list[int]] = []
    for site in sites:
        reach = _reach(written[site], pools[site], signs, max_edits)
        spaces.append(
            SiteSpace(site, written[site], frozenset(users[site]), tuple(pools[site]), reach)
        )
        counts.append(_depths(reach, max_edits))
        total = _count(counts, max_edits)
        if bound is not None and total > bound:
            return SpaceTooLarge(total, single, len(sites))
    return EditSpace(
        hypothesis,
        tuple(members),
        tuple(spaces),
        placements,
        max_edits,
        signs,
        None if candidates is None else candidates.file,
    )


def _depths(reach: Mapping[Boolean, Reach], max_edits: int) -> list[int]:
    """How many rules lie at each depth, 0 to ``max_edits``."""
    return [sum(1 for r in reach.values() if r.depth == d) for d in range(max_edits + 1)]


def _count(counts: list[list[int]], max_edits: int) -> int:
    """Variants within ``max_edits``: the product of each site's (1 + n1 x + n2 x^2 ...),
    its coefficients summed up to x^max_edits, the written hypothesis left out."""
    poly = [1] + [0] * max_edits
    for per_site in counts:
        poly = [
            sum(poly[k - d] * (per_site[d] if d else 1) for d in range(k + 1))
            for k in range(max_edits + 1)
        ]
    return sum(poly[1:])


def _reach(
    written: Boolean, pool: Sequence[Boolean], signs: bool, depth: int
) -> dict[Boolean, Reach]:
    """Every rule within ``depth`` edits of ``written``, breadth first, with the rules on
    its shortest paths."""
    reach = {written: Reach(0, None, None, frozenset())}
    frontier = [written]
    for level in range(1, depth + 1):
        found: list[Boolean] = []
        for rule in frontier:
            for edit in single_edits(rule, pool, signs):
                seen = reach.get(edit.rule)
                if seen is None:
                    path = reach[rule].between | {rule}
                    reach[edit.rule] = Reach(level, edit, rule, path)
                    found.append(edit.rule)
                elif seen.depth == level:  # another shortest path
                    path = seen.between | reach[rule].between | {rule}
                    reach[edit.rule] = seen._replace(between=path)
        frontier = found
    return reach


def _owner(member: Hypothesis, node: str) -> Owner | str:
    """Where the member's rule for ``node`` is written: an option, the file's nodes
    (None), or ``"gate"`` for a gate family."""
    spec = member.spec
    if not isinstance(spec, Spec):
        return None
    for choice, option in member.assignment:
        if choice in spec.gates:
            if choice == node:
                return "gate"
        elif node in spec.options[(choice, option)][0]:
            return (choice, option)
    return None


def _sites(
    members: Sequence[Hypothesis],
) -> tuple[list[Site], dict[Site, set[int]], dict[Site, Boolean]]:
    sites: dict[Site, None] = {}
    users: dict[Site, set[int]] = {}
    written: dict[Site, Boolean] = {}
    for index, member in enumerate(members):
        for node, rule in member.rules.items():
            owner = _owner(member, node)
            if owner == "gate" or isinstance(owner, str):
                continue
            site = Site(node, owner)
            sites.setdefault(site)
            users.setdefault(site, set()).add(index)
            written.setdefault(site, rule)
    return list(sites), users, written


def _placements(hypothesis: Hypothesis, members: Sequence[Hypothesis]) -> dict[str, Placement]:
    """Each entity placed anew in each cell type of the members where no member of the
    family has it, when the entity's rule is the same wherever the members place it."""
    cells = sorted({c for m in members for c in (split_name(n)[1] for n in m.nodes) if c})
    rules: dict[str, dict[Boolean, str]] = {}
    for member in members:
        for node, rule in member.rules.items():
            entity, cell = split_name(node)
            if cell is not None:
                rules.setdefault(entity, {}).setdefault(rule, node)
    taken = hypothesis.known_nodes | {n for m in members for n in m.known_nodes}
    found = {}
    for entity, written in rules.items():
        if len(written) != 1:
            continue
        ((rule, source),) = written.items()
        for cell in cells:
            node = f"{entity}@{cell}"
            if node not in taken:
                found[node] = Placement(node, rule, source)
    return found


def _usable(placement: Placement, members: Sequence[Hypothesis], users: set[int]) -> bool:
    """Whether every member using a site has what the placed node's rule reads."""
    read = {s.name for s in placement.rule.free_symbols}
    return all(read <= set(members[i].nodes) for i in users)


def _literals(node: str, sign: int, signs: bool) -> list[Boolean]:
    symbol = Symbol(node)
    both = [symbol, Not(symbol)]
    return both if signs else [symbol if sign > 0 else Not(symbol)]


def _default_pools(
    members: Sequence[Hypothesis],
    sites: Sequence[Site],
    users: Mapping[Site, set[int]],
    placements: Mapping[str, Placement],
    signs: bool,
) -> dict[Site, list[Boolean]]:
    """Per site: the nodes of the same or a linked cell type, and the placements there."""
    links = {frozenset((split_name(a)[1], split_name(b)[1])) for m in members for a, b in m.edges}
    declared = {(e.source, e.target): e.sign for m in members for e in m.declared_edges}

    def linked(a: str, b: str) -> bool:
        return frozenset((split_name(a)[1], split_name(b)[1])) in links or (
            split_name(a)[1] == split_name(b)[1]
        )

    pools = {}
    for site in sites:
        using = sorted(users[site])
        shared = [n for n in members[using[0]].nodes if all(n in members[i].nodes for i in using)]
        pool = [
            literal
            for n in shared
            if n != site.node and linked(n, site.node)
            for literal in _literals(n, declared.get((n, site.node), 1), signs)
        ]
        pool += [
            literal
            for p in placements.values()
            if split_name(p.node)[1] == split_name(site.node)[1]
            and _usable(p, members, users[site])
            for literal in _literals(p.node, 1, signs)
        ]
        pools[site] = pool
    return pools


def _listed(
    hypothesis: Hypothesis,
    members: Sequence[Hypothesis],
    sites: Sequence[Site],
    users: Mapping[Site, set[int]],
    placements: Mapping[str, Placement],
    candidates: Candidates,
    signs: bool,
) -> dict[Site, list[Boolean]]:
    """Per site: the regulators the network lists into its node; each listed name must
    be a node of the members using the site, or a placement; each target, a node
    whose rule may be edited."""
    editable = {s.node for s in sites}
    every = {n for m in members for n in m.nodes}
    problems = []
    pools: dict[Site, list[Boolean]] = {s: [] for s in sites}
    for edge in candidates.edges:
        if edge.target not in editable:
            why = (
                "is an input, whose rule is not edited"
                if edge.target in every
                else f"has no rule that an edit may rewrite{did_you_mean(edge.target, editable)}"
            )
            problems.append(Problem(edge.location, f"'{edge.target}' {why}"))
            continue
        if edge.source not in every and edge.source not in placements:
            problems.append(
                Problem(
                    edge.location,
                    f"'{edge.source}' is no node of {hypothesis.name}, nor an entity of it "
                    f"that could be placed in that cell type{did_you_mean(edge.source, every)}",
                )
            )
            continue
        for site in sites:
            if site.node != edge.target:
                continue
            having = all(edge.source in members[i].nodes for i in users[site])
            placed = edge.source in placements and _usable(
                placements[edge.source], members, users[site]
            )
            if having or placed:
                pools[site] += _literals(edge.source, edge.sign, signs)
    if problems:
        raise InputError(problems)
    return pools
