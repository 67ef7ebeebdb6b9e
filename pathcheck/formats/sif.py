"""A prior-knowledge network in SIF, as CellNOpt and caspo read it: one signed edge a line.

``source sign target``, separated by tabs or spaces, the sign ``1`` (activates) or
``-1`` (inhibits); ``#`` starts a comment. Every line that cannot be read is reported at
its ``file:line:col``. The same network may also be written as a hypothesis file writes
its edges, ``A -> B`` or ``A -| B`` a line (:func:`read_network` reads either).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from pathcheck.base.problems import InputError, Location, Problem
from pathcheck.formats.hypothesis import EDGE
from pathcheck.formats.yamlsource import Limits, read_text
from pathcheck.logic.rules import name_problem


class SignedEdge(NamedTuple):
    source: str
    sign: int  # 1 activates, -1 inhibits
    target: str
    location: Location


class PriorKnowledge(NamedTuple):
    """A prior-knowledge network (a SIF file): signed edges, each where it is written.
    Not the engine's :class:`~pathcheck.engine.explicit.Network`, which has rules."""

    file: str
    edges: tuple[SignedEdge, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        """In order of first appearance."""
        seen: dict[str, None] = {}
        for edge in self.edges:
            seen.setdefault(edge.source)
            seen.setdefault(edge.target)
        return tuple(seen)

    @property
    def stimuli(self) -> tuple[str, ...]:
        """Nodes no edge enters: the network's inputs."""
        targets = {e.target for e in self.edges}
        return tuple(n for n in self.nodes if n not in targets)


def read_sif(path: Path, limits: Limits | None = None) -> PriorKnowledge:
    return _read_edges(path, limits, _sif_line, "a SIF file lists one a line")


def read_network(path: Path, limits: Limits | None = None) -> PriorKnowledge:
    """A network from a ``.sif`` file, or from any other file of ``A -> B`` (activates)
    and ``A -| B`` (inhibits) lines, ``#`` starting a comment."""
    if path.suffix.lower() == ".sif":
        return read_sif(path, limits)
    return _read_edges(path, limits, _arrow_line, "list one a line, 'A -> B' or 'A -| B'")


Parsed = tuple[str, int, str] | str  # (source, sign, target), or why the line is no edge


def _sif_line(content: str) -> Parsed:
    parts = content.split()
    if len(parts) != 3:
        return "expected 'source sign target', the sign 1 or -1"
    source, sign, target = parts
    if sign not in ("1", "-1", "+1"):
        return f"the sign must be 1 or -1, not '{sign}'"
    return source, -1 if sign == "-1" else 1, target


def _arrow_line(content: str) -> Parsed:
    match = EDGE.match(content)
    if match is None:
        return f"'{content.strip()}' is not an edge: write 'A -> B' or 'A -| B'"
    return match["source"], 1 if match["arrow"] == "->" else -1, match["target"]


def _read_edges(
    path: Path, limits: Limits | None, parse: Callable[[str], Parsed], empty: str
) -> PriorKnowledge:
    """One edge a line, ``#`` starting a comment; every problem located."""
    file = str(path)
    text = read_text(path, limits or Limits())
    edges: list[SignedEdge] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Location] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0]
        if not content.strip():
            continue
        here = Location(file, number, len(line) - len(line.lstrip()) + 1)
        parsed = parse(content)
        if isinstance(parsed, str):
            problems.append(Problem(here, parsed))
            continue
        source, sign, target = parsed
        bad = [n for n in (source, target) if name_problem(n)]
        for name in bad:
            problems.append(Problem(here, f"'{name}': {name_problem(name)}"))
        if bad:
            continue
        if (source, target) in seen:
            first = seen[(source, target)]
            problems.append(
                Problem(here, f"{source} -> {target} is listed twice (first at {first})")
            )
            continue
        seen[(source, target)] = here
        edges.append(SignedEdge(source, sign, target, here))
    if not edges and not problems:
        problems.append(Problem(Location(file, 1, 1), f"no edge: {empty}"))
    if problems:
        raise InputError(problems)
    return PriorKnowledge(file, tuple(edges))
