"""A drawing (:mod:`pathcheck.analysis.drawing`) as Mermaid, which GitHub renders in Markdown;
as Graphviz DOT; or drawn, as SVG from our own layout (:mod:`pathcheck.render.layout`:
nothing to install) and as PNG (Pillow, ``pathcheck[png]``, else Graphviz's ``dot``).

Activation is an arrow, inhibition a bar (Mermaid: a cross), a dependence both ways a
diamond (Mermaid: a circle); cell types are clusters; a gate is a small round node.
With an experiment: green for a node predicted 1, grey for 0, yellow where ambiguous; a
thick border for a node the experiment holds; a red border for a read-out that
contradicts the observation.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess

from pathcheck.analysis.drawing import Drawing, Node
from pathcheck.base.problems import COMMAND_LINE, InputError
from pathcheck.render import escape
from pathcheck.render.layout import FONT, Box, Layout, Route, layout
from pathcheck.render.layout import label as _label

FILL = {True: "#c8e6c9", False: "#e0e0e0", "ambiguous": "#fff59d", "unknown": "#ffe0b2"}
MERMAID_ENDS = {"+": "-->", "-": "--x", "±": "--o"}
DOT_HEADS = {"+": "normal", "-": "tee", "±": "diamond"}
MERMAID_LEGEND = "arrow: activates · x: inhibits · o: both ways"
LEGEND = "arrow: activates · bar (Mermaid: x): inhibits · diamond (Mermaid: o): both ways"


def _ids(found: Drawing) -> dict[str, str]:
    ids = {n.name: f"n{i}" for i, n in enumerate(found.nodes)}
    ids.update({g.id: g.id for g in found.gates})
    return ids


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
        return f'"{escape.mermaid(text)}"'

    # the title as Mermaid's front matter and the legend as a node: both drawn (GitHub
    # shows no %% comment); the title escaped too, as Mermaid reads directives anywhere
    lines = ["---", f"title: {json.dumps(escape.mermaid(_title(found)), ensure_ascii=False)}"]
    lines.append("---")
    lines.append("flowchart LR")
    legend = "<br>".join(escape.mermaid(line) for line in [MERMAID_LEGEND, *_legend(found)[1:]])
    lines.append(f'  legend["{legend}"]')  # pathcheck's words, its own line breaks
    lines.append("  style legend fill:#ffffff,stroke:#bbbbbb,stroke-dasharray:3 3")
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

    def quoted(text: str) -> str:
        return f'"{escape.dot(text)}"'

    heading = "\\n".join(escape.dot(line) for line in [_title(found), *_legend(found)])

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


TITLE_LINE = 18.0  # px between the heading's lines
INK, RED = "#333333", "#d32f2f"


def heading(found: Drawing) -> list[str]:
    """The lines above a drawn graph: its title and its legend, always visible."""
    return [_title(found), *_legend(found)]


def placed(found: Drawing) -> Layout:
    """The drawing laid out under its heading."""
    return layout(found, top=TITLE_LINE * len(heading(found)) + 6)


def stroke(box: Box) -> tuple[str, str, float]:
    """Fill, outline and its width: the prediction, the clamp, the mismatch."""
    node = box.node
    if node is None:
        return "#ffffff", INK, 1.0
    fill = FILL[node.value] if node.value is not None else "#ffffff"
    if node.mismatch:
        return fill, RED, 3.0
    return fill, INK, 3.0 if node.clamped is not None else 1.0


def _path(points: tuple[tuple[float, float], ...]) -> str:
    """A smooth path through the points, leaving and reaching each horizontally."""
    (x, y), rest = points[0], points[1:]
    parts = [f"M{x:.1f},{y:.1f}"]
    for nx, ny in rest:
        middle = (x + nx) / 2
        parts.append(f"C{middle:.1f},{y:.1f} {middle:.1f},{ny:.1f} {nx:.1f},{ny:.1f}")
        x, y = nx, ny
    return " ".join(parts)


def head(route: Route) -> tuple[str, list[tuple[float, float]]]:
    """The end mark of an edge at its target: a triangle (activates), a bar (inhibits), a
    diamond (both); as a polygon kind ('fill' or 'line') and its points."""
    (px, _), (x, y) = route.points[-2], route.points[-1]
    if len(route.points) == 3 and route.source == route.target:
        dx, dy = 0.0, 1.0  # a self-loop comes down onto its node
    else:
        dx, dy = (1.0 if x >= px else -1.0), 0.0
    nx, ny = -dy, dx
    if route.sign == "-":
        return "line", [(x + nx * 6, y + ny * 6), (x - nx * 6, y - ny * 6)]
    if route.sign == "±":
        back, side = (x - dx * 7, y - dy * 7), 4.5
        return "fill", [
            (x, y),
            (back[0] + nx * side, back[1] + ny * side),
            (x - dx * 14, y - dy * 14),
            (back[0] - nx * side, back[1] - ny * side),
        ]
    return "fill", [
        (x, y),
        (x - dx * 9 + nx * 4.5, y - dy * 9 + ny * 4.5),
        (x - dx * 9 - nx * 4.5, y - dy * 9 - ny * 4.5),
    ]


def svg(found: Drawing) -> str:
    """The drawing as SVG, laid out by pathcheck itself: the same on every machine, with
    nothing to install. Its heading (title and legend) is part of the picture."""
    shape = placed(found)

    e = escape.svg  # every string from a file: one line, XML's, with markup escaped

    width, height = math.ceil(shape.width), math.ceil(shape.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="{FONT:g}" role="img" aria-label="{e(_title(found))}">',
        f"<title>{e(_title(found))}</title>",
    ]
    for number, line in enumerate(heading(found)):
        weight = ' font-weight="bold"' if number == 0 else ""
        out.append(
            f'<text x="8" y="{TITLE_LINE * (number + 1) - 4:g}"{weight} fill="{INK}">'
            f"{e(line)}</text>"
        )
    for band in shape.bands:
        out.append(
            f'<g class="cell"><rect x="{band.x:.1f}" y="{band.y:.1f}" width="{band.width:.1f}" '
            f'height="{band.height:.1f}" rx="8" fill="#f7f7fb" stroke="#9e9eb8"/>'
            f'<text x="{band.x + 8:.1f}" y="{band.y + 14:.1f}" fill="#55557a" '
            f'font-style="italic">{e(band.cell)}</text></g>'
        )
    for route in shape.routes:
        kind, points = head(route)
        mark = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        end = (
            f'<polygon points="{mark}" fill="{INK}"/>'
            if kind == "fill"
            else f'<polyline points="{mark}" stroke="{INK}" stroke-width="2"/>'
        )
        out.append(
            f'<g class="edge" data-sign="{e(route.sign)}"><path d="{_path(route.points)}" '
            f'fill="none" stroke="{INK}"/>{end}</g>'
        )
    for box in shape.boxes:
        fill, line, thickness = stroke(box)
        left, top = box.x - box.width / 2, box.y - box.height / 2
        radius = box.height / 2 if box.node is None else 6
        size = FONT - 2 if box.node is None else FONT
        out.append(
            f'<g class="{"node" if box.node else "gate"}" data-name="{e(box.id)}">'
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" '
            f'rx="{radius:.1f}" fill="{fill}" stroke="{line}" stroke-width="{thickness:g}"/>'
            f'<text x="{box.x:.1f}" y="{box.y + size * 0.35:.1f}" text-anchor="middle" '
            f'font-size="{size:g}" fill="{INK}">{e(box.label)}</text></g>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def png(found: Drawing) -> bytes:
    """The drawing as a PNG image: our own layout painted with Pillow
    (``pip install 'pathcheck[png]'``), else through Graphviz's ``dot``."""
    try:
        from pathcheck.render.raster import painted
    except ImportError:
        return rendered(found, "png")
    return painted(found)


def rendered(found: Drawing, image: str) -> bytes:
    """An image through Graphviz's ``dot``; a clear error when it is not installed."""
    program = shutil.which("dot")
    if program is None:
        raise InputError.at(
            COMMAND_LINE,
            f"--format {image} needs Pillow (pip install 'pathcheck[png]') or Graphviz's dot "
            "(apt install graphviz); --format svg, mermaid and dot need nothing",
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
