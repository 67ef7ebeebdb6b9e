"""How readable pathcheck's own layout is, against Graphviz's dot on the same drawings:
edge crossings (each edge as the straight pieces through its points), the picture's
size, and the time to lay out. The five bundled hypotheses and caspo's ExtLiver (82
nodes). Needs dot on PATH for the comparison, and caspo (the test extra).

    python benchmarks/layout.py
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import caspo

from pathcheck import api
from pathcheck.analysis.drawing import Drawing
from pathcheck.render.graph import dot, placed

Segment = tuple[tuple[float, float], tuple[float, float]]


def crossings(edges: list[list[tuple[float, float]]]) -> int:
    """Pairs of pieces of different edges that cross (sharing no end)."""

    def pieces(points: list[tuple[float, float]]) -> list[Segment]:
        return list(itertools.pairwise(points))

    def cross(a: Segment, b: Segment) -> bool:
        def turn(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
            return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

        (p1, p2), (p3, p4) = a, b
        if {p1, p2} & {p3, p4}:
            return False
        d1, d2 = turn(p3, p4, p1), turn(p3, p4, p2)
        d3, d4 = turn(p1, p2, p3), turn(p1, p2, p4)
        return d1 * d2 < 0 and d3 * d4 < 0

    count = 0
    for one, two in itertools.combinations([pieces(e) for e in edges], 2):
        count += any(cross(a, b) for a in one for b in two)
    return count


def ours(found: Drawing) -> tuple[int, float, float, float]:
    start = time.process_time()
    shape = placed(found)
    took = time.process_time() - start
    return crossings([list(r.points) for r in shape.routes]), shape.width, shape.height, took


def graphviz(found: Drawing) -> tuple[int, float, float, float]:
    start = time.perf_counter()
    done = subprocess.run(["dot", "-Tjson"], input=dot(found), capture_output=True, text=True)
    took = time.perf_counter() - start
    data = json.loads(done.stdout)
    x0, y0, x1, y1 = map(float, data["bb"].split(","))
    edges = []
    for edge in data.get("edges", []):
        draw = next((d for d in edge.get("_draw_", []) if d["op"] == "b"), None)
        if draw:
            edges.append([tuple(p) for p in draw["points"]][::3])
    return crossings(edges), x1 - x0, y1 - y0, took


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    sif = Path(caspo.__file__).parent / "data" / "ExtLiver" / "pkn.sif"
    ext = folder / "extliver.yaml"
    ext.write_text(api.convert(sif).text)
    names = ["parallel", "serial", "serial_loop", "serial_disinhibition", "shared_pathway"]
    drawings = [api.draw(n) for n in names] + [api.draw(ext)]
    has_dot = shutil.which("dot") is not None
    print(
        "hypothesis             nodes  edges | ours: crossings  size (px)    ms"
        " | dot: crossings  size (pt)"
    )
    for found in drawings:
        mine = ours(found)
        theirs = graphviz(found) if has_dot else None
        line = (
            f"{found.hypothesis.name:<22} {len(found.nodes) + len(found.gates):>5}"
            f" {len(found.edges):>6} |"
            f" {mine[0]:>14}  {mine[1]:>5.0f}x{mine[2]:<5.0f} {mine[3] * 1000:>5.0f} |"
        )
        if theirs:
            line += f" {theirs[0]:>13}  {theirs[1]:>5.0f}x{theirs[2]:<5.0f}"
        print(line)


if __name__ == "__main__":
    main()
