"""The values a call of the Python API may be given, checked where they come in.

A notebook user's slip (``on="BDNF"`` for ``on=["BDNF"]``, ``top=0``, ``None`` where a
hypothesis belongs, a number where a path does) is bad input like a misspelt name: it
gets :class:`~pathcheck.base.problems.InputError`, naming the parameter, before any work
starts, never a ``TypeError`` or ``AttributeError`` from deep inside. Each parameter is
checked by its name, with the same words for every call (:func:`checked`); a single
name where a list of them is wanted is taken as a list of one.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ParamSpec, TypeVar

from pathcheck.base.problems import InputError

Check = Callable[[Any, str], Any]  # (value, parameter) -> the value to use; or raises
P = ParamSpec("P")
R = TypeVar("R")


def _refuse(name: str, wanted: str, value: object) -> InputError:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return InputError.usage(f"{name.replace('_', '-')}: {wanted}, not {shown}")


def count(minimum: int) -> Check:
    """A whole number of at least ``minimum``."""

    def check(value: Any, name: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise _refuse(name, f"a whole number of at least {minimum}", value)
        return value

    return check


def integer(value: Any, name: str) -> Any:
    """A whole number (its range is the caller's to check)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(name, "a whole number", value)
    return value


def number(value: Any, name: str) -> Any:
    """A number (its range is the caller's to check)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _refuse(name, "a number", value)
    return value


def text(value: Any, name: str) -> Any:
    if not isinstance(value, str):
        raise _refuse(name, "text", value)
    return value


def flag(value: Any, name: str) -> Any:
    if not isinstance(value, bool):
        raise _refuse(name, "True or False", value)
    return value


def place(value: Any, name: str) -> Any:
    """A path: text or a ``pathlib.Path``."""
    if not isinstance(value, (str, os.PathLike)):
        raise _refuse(name, "a path", value)
    return value


def function(value: Any, name: str) -> Any:
    if not callable(value):
        raise _refuse(name, "a function", value)
    return value


def optional(check: Check) -> Check:
    """``None``, or what ``check`` accepts."""

    def checked_or_none(value: Any, name: str) -> Any:
        return None if value is None else check(value, name)

    return checked_or_none


def either(*checks: Check, wanted: str) -> Check:
    """What any of ``checks`` accepts."""

    def check(value: Any, name: str) -> Any:
        for one in checks:
            try:
                return one(value, name)
            except InputError:
                continue
        raise _refuse(name, wanted, value)

    return check


def instance(kinds: Callable[[], tuple[type, ...]], wanted: str) -> Check:
    """An instance of one of ``kinds()`` (a function, so that a type is imported only
    when a call that takes one is made)."""

    def check(value: Any, name: str) -> Any:
        if not isinstance(value, kinds()):
            raise _refuse(name, wanted, value)
        return value

    return check


def many(item: Check, wanted: str) -> Check:
    """A list of what ``item`` accepts; one of them alone, or ``None``, as a list."""

    def check(value: Any, name: str) -> Any:
        if value is None:
            return []
        try:
            return [item(value, name)]  # one alone: 'BDNF', a path, a loaded object
        except InputError:
            pass
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
            raise _refuse(name, wanted, value)
        found = list(value)
        for each in found:
            try:
                item(each, name)
            except InputError:
                raise _refuse(name, wanted, each) from None
        return found

    return check


def checked(kinds: Mapping[str, Check]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A call whose every argument named in ``kinds`` is checked before it runs."""

    def decorate(call: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(call)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            import inspect

            bound = inspect.signature(call).bind(*args, **kwargs)
            for name, value in list(bound.arguments.items()):
                if name in kinds:
                    bound.arguments[name] = kinds[name](value, name)
            return call(*bound.args, **bound.kwargs)

        return run

    return decorate
