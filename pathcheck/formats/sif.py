"""A prior-knowledge network in SIF, as CellNOpt and caspo read it: one signed edge a line.

``source sign target``, separated by tabs or spaces, the sign ``1`` (activates) or
``-1`` (inhibits); ``#`` starts a comment. Every line that cannot be read is reported at
its ``file:line:col``.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from pathcheck.base.problems import InputError, Location, Problem
from pathcheck.formats.yamlsource import Limits, read_text
from pathcheck.logic.rules import name_problem


class SignedEdge(NamedTuple):
    source: str
    sign: int  # 1 activates, -1 inhibits
    target: str
    location: Location


class Network(NamedTuple):
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


def read_sif(path: Path, limits: Limits | None = None) -> Network:
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
        parts = content.split()
        if len(parts) != 3:
            problems.append(Problem(here, "expected 'source sign target', the sign 1 or -1"))
            continue
        source, sign, target = parts
        if sign not in ("1", "-1", "+1"):
            problems.append(Problem(here, f"the sign must be 1 or -1, not '{sign}'"))
            continue
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
        edges.append(SignedEdge(source, -1 if sign == "-1" else 1, target, here))
    if not edges and not problems:
        problems.append(Problem(Location(file, 1, 1), "no edge: a SIF file lists one a line"))
    if problems:
        raise InputError(problems)
    return Network(file, tuple(edges))
