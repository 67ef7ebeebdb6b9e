"""What the page a lab shares holds: the comparison in every reading, and each compared
hypothesis drawn; :mod:`pathcheck.render.report` lays it out as HTML."""

from __future__ import annotations

from typing import Any, NamedTuple

from pathcheck.analysis.drawing import Drawing, drawing
from pathcheck.analysis.score import Comparison


class Report(NamedTuple):
    """A comparison with a drawing of each hypothesis compared."""

    comparison: Comparison
    drawings: tuple[Drawing, ...]

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every file the report was made from: none may be written over."""
        result = self.comparison
        return tuple(h.file for h in result.hypotheses) + tuple(t.file for t in result.files)

    def to_dict(self) -> dict[str, Any]:
        """The comparison and the drawings, as plain data."""
        return {
            "comparison": self.comparison.to_dict(),
            "drawings": [d.to_dict() for d in self.drawings],
        }


def report(comparison: Comparison) -> Report:
    """The comparison, and each of its hypotheses drawn (its default member)."""
    return Report(comparison, tuple(drawing(h) for h in comparison.hypotheses))
