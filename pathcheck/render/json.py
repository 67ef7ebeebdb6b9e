"""JSON: everything a script needs, in a stable order (same input, same bytes).

Each result builds its own plain data (``to_dict()``, what the Python API gives a
notebook); here it is only dumped.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from pathcheck.render.escape import json_text


class Plain(Protocol):
    """A result that says itself as plain data."""

    def to_dict(self) -> dict[str, Any]: ...


def dumps(payload: dict[str, Any]) -> str:
    return json_text(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


def result(found: Plain) -> str:
    """Any result of the API, as JSON."""
    return dumps(found.to_dict())
