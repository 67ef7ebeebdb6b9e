"""The notebook's shell: any result shown in any of its formats, and a hypothesis drawn,
as text a notebook (or a script) can print, save or display.

Like the command line, it is a thin layer over the API and the renderers: ``show`` is
``--format`` for a result already in hand, ``graph`` is ``pathcheck graph``. Results
also display themselves in a notebook (``_repr_html_``: their table).

>>> import pathcheck
>>> why = pathcheck.explain("parallel", experiment="D2")
>>> print(pathcheck.show(why, "markdown").splitlines()[0])
## parallel · D2: BDNF with a VEGF-neutralising antibody, co-infused into mPFC (in_vivo)
>>> "flowchart LR" in pathcheck.graph("parallel")  # Mermaid, which GitHub draws
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pathcheck import api

__all__ = ["graph", "show"]

# the kind of result each type is, in pathcheck.render.formats' table
KINDS = {
    "Comparison": "comparison",
    "Prediction": "prediction",
    "Explanation": "explanation",
    "Design": "design",
    "Family": "family",
    "CheckResult": "check",
    "Validation": "validation",
    "Inventory": "inventory",
    "Drawing": "drawing",
    "Report": "report",
    "Repairs": "repair",
}


def show(result: Any, format: str | None = None) -> str | bytes:
    """A result of the API in one of its formats (the first, when none is named), as the
    command line prints it when piped: ``show(comparison, "markdown")``."""
    from pathcheck.render.formats import names
    from pathcheck.render.formats import show as render

    kind = KINDS.get(type(result).__name__)
    if kind is None:
        known = ", ".join(KINDS)
        raise api.InputError.usage(f"show: not a result of pathcheck ({known})")
    offered = names(kind)
    chosen = format or offered[0]
    if chosen not in offered:
        raise api.InputError.usage(
            f"show: a {type(result).__name__} is shown as {', '.join(offered)}, not {chosen!r}"
        )
    shown: str | bytes = render(kind, result, chosen)
    return shown


def graph(
    hypothesis: api.Hypothesis | str | Path,
    *,
    format: str = "mermaid",
    member: str | None = None,
    experiment: str | None = None,
    experiments: Iterable[str | Path | api.ExperimentFile] = (),
    folder: str | Path | None = None,
    max_file_size: int = api.DEFAULT_MAX_FILE_SIZE,
) -> str | bytes:
    """A hypothesis drawn, as ``pathcheck graph`` draws it: Mermaid (the default) or DOT
    text, an SVG drawing, or PNG bytes; with ``experiment``, each node coloured by its
    prediction."""
    drawn = api.draw(
        hypothesis,
        member=member,
        experiment=experiment,
        experiments=experiments,
        folder=folder,
        max_file_size=max_file_size,
    )
    return show(drawn, format)
