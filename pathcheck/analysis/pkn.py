"""A prior-knowledge network made ready for learning, as caspo makes it: compressed to the
nodes a data set names, then expanded into every AND term each node may take.

**Compression** removes each node that the data neither stimulate, inhibit nor read out
and that carries no information of its own: one with at most one regulator (which is
not also one of its targets) hands that regulator to each of its targets, the signs
multiplied; else one with at most one target (which is not also a regulator) hands each
regulator to that target. The nodes are visited once, in name order, each seeing the
network as the earlier removals left it; a node that qualifies for neither stays. An
edge a removal would add is skipped where the same edge with the same sign exists,
so the result may hold a pair of nodes joined with both signs.

**Expansion**: each remaining node's candidate terms are the conjunctions of one or more
of its incoming signed edges, no regulator twice (at most ``length`` of them, when
given). A logic model picks a set of terms for each node, its rule their OR.

Both are caspo's (``Graph.compress`` and ``HyperGraph.from_graph`` in caspo 4.0.3), so
that a model learned here is one caspo could learn; the count of candidate terms is
known before any is built, so an instance too large is refused up front.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import NamedTuple

Literal = tuple[str, int]  # (regulator, sign): 1 as it is, -1 negated


class Term(NamedTuple):
    """A conjunction of signed regulators of ``target``: one term of its rule."""

    target: str
    literals: tuple[Literal, ...]  # sorted by regulator

    @property
    def size(self) -> int:
        return len(self.literals)

    def text(self) -> str:
        """In pathcheck's rule language: ``a & ~c``."""
        return " & ".join(name if sign > 0 else f"~{name}" for name, sign in self.literals)

    def __str__(self) -> str:
        return f"{self.target} <- {self.text()}"


class Compressed(NamedTuple):
    nodes: tuple[str, ...]  # in order of first appearance in the file
    edges: tuple[tuple[str, int, str], ...]  # (source, sign, target), parallel ones kept
    removed: tuple[str, ...]  # compressed away, in the order removed


def compress(
    nodes: Sequence[str], edges: Iterable[tuple[str, int, str]], designated: Iterable[str]
) -> Compressed:
    """The network with every node that ``designated`` does not name and that passes
    information straight through removed, as the module says."""
    succ: dict[str, dict[str, list[int]]] = {n: {} for n in nodes}
    pred: dict[str, dict[str, list[int]]] = {n: {} for n in nodes}

    def add(source: str, sign: int, target: str) -> None:
        succ[source].setdefault(target, []).append(sign)
        pred[target].setdefault(source, []).append(sign)

    for source, sign, target in edges:
        add(source, sign, target)
    kept = set(designated)
    removed: list[str] = []
    gone: set[str] = set()

    def alive(neighbours: dict[str, list[int]]) -> list[str]:
        return [n for n in neighbours if n not in gone]

    def bridged(source: str, target: str, signs: Iterable[int]) -> list[tuple[str, int, str]]:
        have = succ[source].get(target, [])
        return [(source, s, target) for s in signs if s not in have]

    for node in sorted(n for n in nodes if n not in kept):
        backward, forward = alive(pred[node]), alive(succ[node])
        added: list[tuple[str, int, str]] = []
        if not backward or (len(backward) == 1 and backward[0] not in forward):
            for target in forward if backward else ():
                source = backward[0]
                signs = [a * b for a in pred[node][source] for b in succ[node][target]]
                added += bridged(source, target, signs)
        elif not forward or (len(forward) == 1 and forward[0] not in backward):
            for source in backward if forward else ():
                target = forward[0]
                signs = [a * b for a in succ[source][node] for b in succ[node][target]]
                added += bridged(source, target, signs)
        else:
            continue
        gone.add(node)
        removed.append(node)
        for edge in added:
            add(*edge)
    remaining = tuple(n for n in nodes if n not in gone)
    kept_edges = tuple(
        (source, sign, target)
        for target in remaining
        for source, signs in pred[target].items()
        if source not in gone
        for sign in signs
    )
    return Compressed(remaining, kept_edges, tuple(removed))


def incoming(network: Compressed) -> dict[str, list[Literal]]:
    """Each node's incoming signed edges, in the file's order."""
    found: dict[str, list[Literal]] = {n: [] for n in network.nodes}
    for source, sign, target in network.edges:
        found[target].append((source, sign))
    return found


def term_count(network: Compressed, length: int = 0) -> dict[str, int]:
    """How many candidate terms each node has, counted without building them: the
    conjunctions of at most ``length`` (0: any number of) regulators, each regulator
    entering through any one of its parallel edges."""
    counts: dict[str, int] = {}
    for node, literals in incoming(network).items():
        multiplicity: dict[str, int] = {}
        for source, _ in literals:
            multiplicity[source] = multiplicity.get(source, 0) + 1
        top = len(multiplicity) if length <= 0 else min(length, len(multiplicity))
        ways = [1] + [0] * top  # ways[r]: the conjunctions of r distinct regulators
        for m in multiplicity.values():
            for r in range(top, 0, -1):
                ways[r] += ways[r - 1] * m
        counts[node] = sum(ways[1:])
    return counts


def candidate_terms(network: Compressed, length: int = 0) -> tuple[Term, ...]:
    """Every candidate term, node by node, each once (two parallel edges of the same sign
    make one term, not two)."""
    terms: dict[Term, None] = {}
    for node, literals in incoming(network).items():
        top = len(literals) if length <= 0 else min(length, len(literals))
        for size in range(1, top + 1):
            for chosen in itertools.combinations(literals, size):
                sources = [source for source, _ in chosen]
                if len(set(sources)) == len(sources):
                    terms.setdefault(Term(node, tuple(sorted(chosen))))
    return tuple(terms)
