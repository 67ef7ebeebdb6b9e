"""learn's family of logic models: as wrapped text for people, and as CSV in the long
format (one line per model and term, with the term's frequency across the family)."""

from __future__ import annotations

import csv
import io
import shutil
import textwrap
from pathlib import Path

from pathcheck.analysis.learn import Learned
from pathcheck.render.escape import csv_cell
from pathcheck.render.text import grid


def summary(found: Learned) -> list[str]:
    """What was learned from what, the optimum and the bounds of the family."""
    network = found.network
    removed = f" ({len(network.removed)} compressed away)" if network.removed else ""
    return [
        f"Learned from {Path(found.pkn).name} and {Path(found.data).name} (MIDAS) at time "
        f"{found.time:g}",
        f"network  {len(network.nodes)} nodes and {len(network.edges)} edges after "
        f"compression{removed}; {found.candidates:,} candidate terms",
        f"data     {found.experiments} experiments, {found.observations} observations; "
        f"discretization {found.discretization}, factor {found.factor}",
        f"optimum  MSE {_mse(found.optimum_mse)}, rss {found.optimum_rss:,}, "
        f"size {found.optimum_size}",
        f"family   {_models(len(found.models))} within --fit {found.fit:g} "
        f"(rss <= {found.bound_rss:,}) and --size {found.size} (size <= {found.bound_size})",
    ]


def _models(count: int) -> str:
    return f"{count:,} model{'' if count == 1 else 's'}"


def _mse(value: float) -> str:
    return f"{value:.4f}"


def packed(parts: list[str], width: int) -> list[str]:
    """``parts`` joined by "; " into lines of at most ``width``, never splitting a part
    unless it is wider than a line alone."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            lines += textwrap.wrap(part, width=width, break_on_hyphens=False) or [part]
    return lines


def text(found: Learned, width: int | None = None) -> str:
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="         ")
    out = [ln for line in summary(found) for ln in wrap.wrap(line)]
    out += ["", "model  MSE     rss        size  rules"]
    for number, model in enumerate(found.models, start=1):
        head = f"{number:<5}  {_mse(model.mse)}  {model.rss:<9,}  {model.size:<4}  "
        rules = [f"{node} = {rule}" for node, rule in model.rules().items()]
        body = packed(rules or ["(no rule: every node off)"], max(width - len(head), 20))
        out.append(head + body[0])
        out += [" " * len(head) + line for line in body[1:]]
    out += ["", f"Terms across the {_models(len(found.models))} (the share that picks each)"]
    rows = [[t.target, t.text(), f"{share:.3f}"] for t, share in found.frequencies]
    out += grid(["node", "term", "frequency"], rows, frozenset({"frequency"}))
    return "\n".join(out) + "\n"


def csv_text(found: Learned) -> str:
    """One line per model and term: the model's error and size, the term, and the share
    of the family that picks it; a model with no term has one line with none."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["model", "mse", "rss", "size", "node", "term", "frequency"])
    share = dict(found.frequencies)
    for number, model in enumerate(found.models, start=1):
        scores = [number, f"{model.mse:.6g}", model.rss, model.size]
        if not model.terms:
            writer.writerow([*scores, "", "", ""])
        for term in model.terms:
            cells = [*scores, term.target, term.text(), f"{share[term]:.6g}"]
            writer.writerow(csv_cell(v) for v in cells)
    return out.getvalue()
