"""Where each node and edge of a drawing goes: a layered layout of our own, so that the
graph and the report are drawn with pip alone (no Graphviz).

Left to right, as ``dot -Grankdir=LR`` draws it (Sugiyama's method): the edges that close
a cycle are turned around (found by a depth-first search from the nodes nothing
regulates); each node goes in the column after its furthest regulator (longest path);
an edge that spans columns passes through a point in each one it crosses. Cell types are
horizontal bands, so that a cluster is one rectangle: within each band and column, nodes
are ordered by the mean place of their neighbours, sweeping left and right, and then
moved towards their neighbours' height as far as the band and their order allow.
Networks here have tens of nodes (ExtLiver, 82), for which this takes milliseconds.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import NamedTuple

from pathcheck.analysis.drawing import Drawing, Node

FONT = 12.0  # px
GAP_X, GAP_Y, BAND_GAP, PAD = 48.0, 14.0, 22.0, 12.0
NARROW, WIDE = frozenset("ijlt.,;:'|!()[] f r1"), frozenset("mwMW@%")
SWEEPS, SETTLES = 6, 8


def text_width(text: str, size: float = FONT) -> float:
    """The width of ``text`` in a sans-serif face, estimated per character (the report is
    viewed with whatever font the reader has, so boxes keep a margin)."""
    units = sum(0.3 if c in NARROW else 0.85 if c in WIDE else 0.58 for c in text)
    return units * size


class Box(NamedTuple):
    id: str  # the node's name, or the gate's id
    label: str
    x: float  # centre
    y: float
    width: float
    height: float
    node: Node | None  # None for a gate


class Route(NamedTuple):
    source: str
    target: str
    sign: str
    points: tuple[tuple[float, float], ...]  # from the source's side to the target's


class Band(NamedTuple):
    cell: str
    x: float
    y: float
    width: float
    height: float


class Layout(NamedTuple):
    width: float
    height: float
    boxes: tuple[Box, ...]
    routes: tuple[Route, ...]
    bands: tuple[Band, ...]  # one rectangle per cell type
    top: float  # where the graph starts, under the title


def _reversed_edges(names: list[str], edges: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The edges a depth-first search finds closing a cycle, sources first."""
    successors: dict[str, list[str]] = defaultdict(list)
    regulated = set()
    for a, b in edges:
        successors[a].append(b)
        regulated.add(b)
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in [n for n in names if n not in regulated] + names:
        if root in state:
            continue
        stack = [(root, iter(successors[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(successors[child])))
    return back


def layout(found: Drawing, top: float = 0.0) -> Layout:
    """The drawing laid out in columns and cell-type bands, the graph starting at ``top``."""
    labels = {n.name: label(n) for n in found.nodes}
    labels.update({g.id: g.label for g in found.gates})
    nodes = {n.name: n for n in found.nodes}
    cell = {n.name: n.cell for n in found.nodes}
    cell.update({g.id: cell.get(g.target) for g in found.gates})
    names = list(labels)
    pairs = [(e.source, e.target) for e in found.edges if e.source != e.target]
    back = _reversed_edges(names, pairs)
    dag = [(b, a) if (a, b) in back else (a, b) for a, b in pairs]

    layer = dict.fromkeys(names, 0)
    for _ in names:  # longest path, by relaxation (the graph is acyclic now)
        changed = False
        for a, b in dag:
            if layer[b] < layer[a] + 1:
                layer[b], changed = layer[a] + 1, True
        if not changed:
            break

    # each edge as a chain through a point per column it crosses
    chains: list[list[str]] = []
    for a, b in dict.fromkeys(dag):
        chain = [a]
        for step in range(layer[a] + 1, layer[b]):
            point = f"\0{a}\0{b}\0{step}"
            layer[point], cell[point] = step, cell[a]
            chain.append(point)
        chains.append([*chain, b])
    neighbours: dict[str, set[str]] = defaultdict(set)
    for chain in chains:
        for u, v in itertools.pairwise(chain):
            neighbours[u].add(v)
            neighbours[v].add(u)

    bands: list[str | None] = [None]
    bands += list(dict.fromkeys(c for c in (cell[n] for n in names) if c is not None))
    rank = {b: i for i, b in enumerate(bands)}
    columns = max(layer.values(), default=0) + 1
    order: dict[tuple[int, str | None], list[str]] = defaultdict(list)
    for name in layer:  # first: the order of the file
        order[(layer[name], cell[name])].append(name)

    def index() -> dict[str, float]:
        places: dict[str, float] = {}
        for (_, band), members in order.items():
            for i, name in enumerate(members):
                places[name] = rank[band] * 1000 + i
        return places

    for sweep in range(SWEEPS):
        places = index()
        steps = range(1, columns) if sweep % 2 == 0 else range(columns - 2, -1, -1)
        side = -1 if sweep % 2 == 0 else 1
        for column in steps:
            for band in bands:
                members = order.get((column, band), [])

                def centre(name: str, places: dict[str, float] = places, side: int = side) -> float:
                    near = [places[m] for m in neighbours[name] if layer[m] == layer[name] + side]
                    return sum(near) / len(near) if near else places[name]

                members.sort(key=centre)
            places = index()

    size = {
        n: (
            (text_width(labels[n]) + 2 * PAD, FONT + 2 * PAD * 0.75)
            if n in nodes
            else (max(text_width(labels[n], FONT - 2) + PAD, 26.0), 26.0)
            if n in labels
            else (0.0, 0.0)
        )
        for n in layer
    }
    widths = [0.0] * columns
    for name, column in layer.items():
        widths[column] = max(widths[column], size[name][0])
    xs, x = [], PAD
    for width in widths:
        xs.append(x + width / 2)
        x += width + GAP_X
    total_width = x - GAP_X + PAD

    def stack(members: list[str]) -> float:
        return sum(max(size[m][1], 2.0) for m in members) + GAP_Y * max(len(members) - 1, 0)

    spans: dict[str | None, tuple[float, float]] = {}
    y = top + PAD
    for band in bands:
        height = max((stack(order.get((c, band), [])) for c in range(columns)), default=0.0)
        if height:
            inset = BAND_GAP if band is not None else 0.0
            spans[band] = (y + inset, y + inset + height)
            y += height + 2 * inset + GAP_Y
    total_height = y + PAD

    ys: dict[str, float] = {}
    for (_, band), members in order.items():
        low = spans[band][0]
        for name in members:
            ys[name] = low + max(size[name][1], 2.0) / 2
            low += max(size[name][1], 2.0) + GAP_Y
    for _ in range(SETTLES):  # towards the neighbours' height, order and band kept
        for (_, band), members in order.items():
            low, high = spans[band]
            wanted = [
                sum(ys[m] for m in neighbours[n]) / len(neighbours[n]) if neighbours[n] else ys[n]
                for n in members
            ]
            placed: list[float] = []
            for name, want in zip(members, wanted, strict=True):
                half = max(size[name][1], 2.0) / 2
                floor = placed[-1] if placed else low
                placed.append(max(want - half, floor) + 2 * half + GAP_Y)
                ys[name] = max(want, floor + half)
            overflow = placed[-1] - GAP_Y - high if placed else 0.0
            for name in reversed(members):  # push back up what ran past the band
                if overflow <= 0:
                    break
                ys[name] -= overflow
            ceiling = high
            for name in reversed(members):
                half = max(size[name][1], 2.0) / 2
                ys[name] = min(ys[name], ceiling - half)
                ceiling = ys[name] - half - GAP_Y

    boxes = tuple(
        Box(n, labels[n], xs[layer[n]], ys[n], size[n][0], size[n][1], nodes.get(n)) for n in names
    )
    placed_boxes = {b.id: b for b in boxes}

    def side_of(name: str, right: bool) -> tuple[float, float]:
        if name not in placed_boxes:
            return (xs[layer[name]], ys[name])
        box = placed_boxes[name]
        return (box.x + (box.width / 2 if right else -box.width / 2), box.y)

    routes = []
    points: tuple[tuple[float, float], ...]
    chain_of = {(c[0], c[-1]): c for c in chains}
    for edge in found.edges:
        if edge.source == edge.target:
            box = placed_boxes[edge.source]
            left, right = box.x - box.width / 4, box.x + box.width / 4
            lift = box.y - box.height / 2
            points = ((right, lift), (box.x, lift - 18), (left, lift))
        elif (edge.source, edge.target) in back:
            chain = chain_of[(edge.target, edge.source)]
            inner = [(xs[layer[p]], ys[p]) for p in chain[1:-1]]
            points = (side_of(edge.source, False), *reversed(inner), side_of(edge.target, True))
        else:
            chain = chain_of[(edge.source, edge.target)]
            inner = [(xs[layer[p]], ys[p]) for p in chain[1:-1]]
            points = (side_of(edge.source, True), *inner, side_of(edge.target, False))
        routes.append(Route(edge.source, edge.target, edge.sign, tuple(points)))

    rectangles: list[Band] = []
    for band in bands:
        if band is None or band not in spans:
            continue
        inside = [b for b in boxes if cell.get(b.id) == band]
        left = min(b.x - b.width / 2 for b in inside) - PAD
        right = max(b.x + b.width / 2 for b in inside) + PAD
        low, high = spans[band]
        top_edge, height = low - BAND_GAP + 4, high - low + 2 * BAND_GAP - 8
        rectangles.append(Band(band, left, top_edge, right - left, height))
    return Layout(total_width, total_height, boxes, tuple(routes), tuple(rectangles), top)


def label(node: Node) -> str:
    """A node's name, its read-outs, and the value an experiment holds it at."""
    text = node.name
    if node.readouts:
        text += f" ({', '.join(node.readouts)})"
    if node.clamped is not None:
        text += f" [held {int(node.clamped)}]"
    return text
