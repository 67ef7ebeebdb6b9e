"""A drawing (:mod:`pathcheck.analysis.drawing`) as Mermaid, which GitHub renders in Markdown, or
as Graphviz DOT, which ``dot`` turns into SVG or PNG.

Activation is an arrow, inhibition a bar (Mermaid: a cross), a dependence both ways a
diamond (Mermaid: a circle); cell types are clusters; a gate is a small round node.
With an experiment: green for a node predicted 1, grey for 0, yellow where ambiguous; a
thick border for a node the experiment holds; a red border for a read-out that
contradicts the observation.
"""

from __future__ import annotations

import shutil
import subprocess

from pathcheck.analysis.drawing import Drawing, Node
from pathcheck.base.problems import COMMAND_LINE, InputError

FILL = {True: "#c8e6c9", False: "#e0e0e0", "ambiguous": "#fff59d", "unknown": "#ffe0b2"}
MERMAID_ENDS = {"+": "-->", "-": "--x", "±": "--o"}
DOT_HEADS = {"+": "normal", "-": "tee", "±": "diamond"}
LEGEND = "arrow: activates · bar (Mermaid: x): inhibits · diamond (Mermaid: o): both ways"


def _ids(found: Drawing) -> dict[str, str]:
    ids = {n.name: f"n{i}" for i, n in enumerate(found.nodes)}
    ids.update({g.id: g.id for g in found.gates})
    return ids


def _label(node: Node) -> str:
    label = node.name
    if node.readouts:
        label += f" ({', '.join(node.readouts)})"
    if node.clamped is not None:
        label += f" [held {int(node.clamped)}]"
    return label


COLOURS = (
    "green: predicted 1 · grey: 0 · yellow: ambiguous · thick border: held by the "
    "experiment · red border: contradicts the observation"
)


def _title(found: Drawing) -> str:
    title = found.hypothesis.name
    if found.experiment is not None:
        title += f" · {found.experiment.id}: {found.experiment.label}"
    return title


def _legend(found: Drawing) -> list[str]:
    return [LEGEND] if found.experiment is None else [LEGEND, COLOURS]


def mermaid(found: Drawing) -> str:
    ids = _ids(found)

    def quoted(text: str) -> str:
        return '"' + text.replace('"', "#quot;") + '"'

    lines = [f"%% {_title(found)}", *(f"%% {line}" for line in _legend(found))]
    lines.append("flowchart LR")
    for cell in found.cells:
        lines.append(f"  subgraph cell_{cell}[{quoted(cell)}]")
        lines += [f"    {ids[n.name]}[{quoted(_label(n))}]" for n in found.nodes if n.cell == cell]
        lines.append("  end")
    lines += [f"  {ids[n.name]}[{quoted(_label(n))}]" for n in found.nodes if not n.cell]
    lines += [f"  {g.id}(({quoted(g.label)}))" for g in found.gates]
    lines += [f"  {ids[e.source]} {MERMAID_ENDS[e.sign]} {ids[e.target]}" for e in found.edges]
    if found.experiment is not None:
        for node in found.nodes:
            style = [f"fill:{FILL[node.value]}"] if node.value is not None else []
            if node.clamped is not None:
                style.append("stroke-width:4px")
            if node.mismatch:
                style += ["stroke:#d32f2f", "stroke-width:4px"]
            if style:
                lines.append(f"  style {ids[node.name]} {','.join(style)}")
    return "\n".join(lines) + "\n"


def dot(found: Drawing) -> str:
    ids = _ids(found)

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    def quoted(text: str) -> str:
        return f'"{escaped(text)}"'

    heading = "\\n".join(escaped(line) for line in [_title(found), *_legend(found)])

    def node_line(node: Node, indent: str) -> str:
        attributes = [f"label={quoted(_label(node))}"]
        if node.value is not None:
            attributes.append(f'fillcolor="{FILL[node.value]}"')
        if node.clamped is not None:
            attributes.append("penwidth=3")
        if node.mismatch:
            attributes += ['color="#d32f2f"', "penwidth=3"]
        return f"{indent}{ids[node.name]} [{', '.join(attributes)}];"

    lines = [
        f"digraph {quoted(found.hypothesis.name)} {{",
        f'  label="{heading}"; labelloc=t; rankdir=LR;',
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
    ]
    for i, cell in enumerate(found.cells):
        lines += [f"  subgraph cluster_{i} {{", f"    label={quoted(cell)}; style=rounded;"]
        lines += [node_line(n, "    ") for n in found.nodes if n.cell == cell]
        lines.append("  }")
    lines += [node_line(n, "  ") for n in found.nodes if not n.cell]
    lines += [
        f"  {g.id} [label={quoted(g.label)}, shape=circle, fontsize=9, margin=0.02];"
        for g in found.gates
    ]
    lines += [
        f"  {ids[e.source]} -> {ids[e.target]} [arrowhead={DOT_HEADS[e.sign]}];"
        for e in found.edges
    ]
    return "\n".join(lines) + "\n}\n"


def svg(found: Drawing) -> str:
    """The drawing as SVG text, through Graphviz's ``dot``."""
    return rendered(found, "svg").decode("utf-8", errors="replace")


def png(found: Drawing) -> bytes:
    """The drawing as a PNG image, through Graphviz's ``dot``."""
    return rendered(found, "png")


def rendered(found: Drawing, image: str) -> bytes:
    """SVG or PNG through Graphviz's ``dot``; a clear error when it is not installed."""
    program = shutil.which("dot")
    if program is None:
        raise InputError.at(
            COMMAND_LINE,
            f"--format {image} needs Graphviz's dot, which is not installed (apt install "
            "graphviz, brew install graphviz, or conda install graphviz); --format mermaid "
            "and --format dot need nothing",
        )
    try:
        done = subprocess.run(
            [program, f"-T{image}"],
            input=dot(found).encode(),
            capture_output=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError.at(COMMAND_LINE, "dot took more than 2 minutes: not drawn") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise InputError.at(COMMAND_LINE, f"dot failed: {message[0] if message else 'no reason'}")
    return done.stdout
