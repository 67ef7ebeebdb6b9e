"""A drawing painted as PNG with Pillow (``pathcheck[png]``), from the same layout and
marks as the SVG (:mod:`pathcheck.render.graph`): a picture with pip alone."""

from __future__ import annotations

import io
import itertools
import math

from PIL import Image, ImageDraw, ImageFont

from pathcheck.analysis.drawing import Drawing
from pathcheck.render.graph import INK, TITLE_LINE, head, heading, placed, stroke
from pathcheck.render.layout import FONT

SCALE = 2  # pixels per layout unit: sharp on a high-density screen
STEPS = 12  # straight pieces per curve


def _curve(points: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    """The SVG's path (each piece leaving and reaching horizontally) as a polyline."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        middle = (x0 + x1) / 2
        for step in range(1, STEPS + 1):
            t = step / STEPS
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            out.append((a * x0 + (b + c) * middle + d * x1, a * y0 + b * y0 + c * y1 + d * y1))
    return out


def painted(found: Drawing) -> bytes:
    """The PNG file's bytes."""
    shape = placed(found)
    size = (math.ceil(shape.width * SCALE), math.ceil(shape.height * SCALE))
    image = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(image)
    regular = ImageFont.load_default(FONT * SCALE)
    small = ImageFont.load_default((FONT - 2) * SCALE)

    def at(x: float, y: float) -> tuple[float, float]:
        return (x * SCALE, y * SCALE)

    for number, line in enumerate(heading(found)):
        pen.text(at(8, TITLE_LINE * (number + 1) - 4), line, fill=INK, font=regular, anchor="ls")
    for band in shape.bands:
        frame = (*at(band.x, band.y), *at(band.x + band.width, band.y + band.height))
        pen.rounded_rectangle(frame, 8 * SCALE, fill="#f7f7fb", outline="#9e9eb8", width=SCALE)
        pen.text(at(band.x + 8, band.y + 14), band.cell, fill="#55557a", font=small, anchor="ls")
    for route in shape.routes:
        pen.line([at(*p) for p in _curve(route.points)], fill=INK, width=SCALE)
        kind, points = head(route)
        if kind == "fill":
            pen.polygon([at(*p) for p in points], fill=INK)
        else:
            pen.line([at(*p) for p in points], fill=INK, width=2 * SCALE)
    for drawn in shape.boxes:
        fill, line, thickness = stroke(drawn)
        corners = (
            *at(drawn.x - drawn.width / 2, drawn.y - drawn.height / 2),
            *at(drawn.x + drawn.width / 2, drawn.y + drawn.height / 2),
        )
        radius = (drawn.height / 2 if drawn.node is None else 6) * SCALE
        width = int(thickness * SCALE)
        pen.rounded_rectangle(corners, radius, fill=fill, outline=line, width=width)
        font = regular if drawn.node is not None else small
        pen.text(at(drawn.x, drawn.y), drawn.label, fill=INK, font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
