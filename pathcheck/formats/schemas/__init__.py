"""JSON Schemas of the file kinds (hypotheses, outcome tables, the catalogue), shipped
so editors can check YAML as it is typed.

The loaders are the authority (they also check rule syntax, names and signs); the
schemas describe the same shapes, and a test holds the two together.
"""

from __future__ import annotations

from importlib.resources import files


def schema_text(kind: str) -> str:
    return (files("pathcheck.formats.schemas") / f"{kind}.schema.json").read_text(encoding="utf-8")
