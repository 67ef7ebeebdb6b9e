"""Every public name says what it is for: each class and function that ``pathcheck``
exports, and each public method and property of those classes, has a docstring of its
own (not the one a NamedTuple or a dataclass writes for itself)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator
from typing import Any

import pathcheck


def _own(doc: str | None, name: str) -> bool:
    """A docstring written for the name, not generated (``Name(field, ...)``)."""
    return bool(doc and doc.strip()) and not (doc or "").startswith(f"{name}(")


def _members(cls: type) -> Iterator[tuple[str, Any]]:
    for name, attr in vars(cls).items():
        if name.startswith("_") or name in getattr(cls, "_fields", ()):
            continue
        if isinstance(attr, (staticmethod, classmethod)):
            yield name, attr.__func__
        elif isinstance(attr, property):
            yield name, attr.fget
        elif isinstance(attr, functools.cached_property):
            yield name, attr.func
        elif inspect.isfunction(attr):
            yield name, attr


def undocumented() -> list[str]:
    missing = []
    for name in pathcheck.__all__:
        value = getattr(pathcheck, name)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        if not _own(value.__doc__, name):
            missing.append(name)
        if inspect.isclass(value):
            missing += [
                f"{name}.{member}"
                for member, function in _members(value)
                if not _own(getattr(function, "__doc__", None), member)
            ]
    return missing


def test_every_public_name_has_a_docstring_of_its_own() -> None:
    assert undocumented() == []
