"""Shared fixtures: a writer for small files under the test's temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.repository import Writer


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write dedented text to a file under tmp_path and return its path."""

    def writer(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return writer
