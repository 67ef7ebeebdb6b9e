"""Reading typed fields out of located YAML, collecting every problem instead of stopping.

A user fixing a file wants all its problems at once, each with its place, so the readers
here record :class:`~pathcheck.base.problems.Problem` objects in a :class:`Fields` collector
and return ``None`` for what they could not read.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from pathcheck.base.problems import InputError, Location, Problem, did_you_mean
from pathcheck.formats.yamlsource import (
    Limits,
    YMap,
    YScalar,
    YSeq,
    YValue,
    load_yaml,
    parse_yaml,
)

_KIND = {YMap: "a mapping", YSeq: "a list", YScalar: "a value"}


class Fields:
    """A problem collector with readers for the shapes the file formats use."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, location: Location, message: str) -> None:
        self.problems.append(Problem(location, message))

    def mapping(
        self,
        value: YValue | None,
        what: str,
        *,
        required: Collection[str] = (),
        optional: Collection[str] | None = None,
        at: Location,
    ) -> YMap | None:
        """Check ``value`` is a mapping with the required keys and, unless ``optional`` is
        ``None`` (any key goes), no key beyond the required and optional ones."""
        if not isinstance(value, YMap):
            self._wrong_kind(value, f"{what} must be a mapping", at)
            return None
        known = set(required) | set(optional or ())
        for key, (key_scalar, _) in value.entries.items():
            if optional is not None and key not in known:
                self.error(
                    key_scalar.location,
                    f"unknown key '{key}' in {what}{did_you_mean(key, known)}",
                )
        for key in required:
            if key not in value.entries:
                self.error(value.location, f"{what} needs the key '{key}'")
        return value

    def top_mapping(
        self,
        path: Path,
        what: str,
        required: Collection[str],
        optional: Collection[str],
        limits: Limits | None,
        text: str | None = None,
    ) -> YMap:
        """The file's top-level mapping, checked for its keys; raise when there is none.
        With ``text``, that text is read as the file's (a conversion not yet written)."""
        top = self.mapping(
            load_yaml(path, limits) if text is None else parse_yaml(text, str(path), limits),
            what,
            required=required,
            optional=optional,
            at=Location(str(path)),
        )
        if top is None:
            raise InputError(self.problems)
        return top

    def text(self, value: YValue | None, what: str, at: Location) -> str | None:
        if isinstance(value, YScalar) and value.value is not None and value.text.strip():
            return value.text.strip()
        self._wrong_kind(value, f"{what} must be text", at)
        return None

    def boolean(self, value: YValue | None, what: str, at: Location) -> bool | None:
        if isinstance(value, YScalar):
            if isinstance(value.value, bool):
                return value.value
            if isinstance(value.value, int) and value.value in (0, 1):
                return bool(value.value)
        shown = f" (found '{value.text}')" if isinstance(value, YScalar) else ""
        self._wrong_kind(value, f"{what} must be true or false{shown}", at)
        return None

    def sequence(self, value: YValue | None, what: str, at: Location) -> tuple[YValue, ...]:
        if isinstance(value, YSeq):
            return value.items
        self._wrong_kind(value, f"{what} must be a list", at)
        return ()

    def texts(self, value: YValue | None, what: str, at: Location) -> Iterator[YScalar]:
        """The text items of a list, each with its place."""
        for item in self.sequence(value, what, at):
            if isinstance(item, YScalar) and self.text(item, f"each item of {what}", at):
                yield item
            elif not isinstance(item, YScalar):
                self._wrong_kind(item, f"each item of {what} must be text", at)

    def _wrong_kind(self, value: YValue | None, message: str, at: Location) -> None:
        if value is None:
            self.error(at, f"{message}, found nothing")
        elif isinstance(value, YScalar):
            self.error(value.location, message)
        else:
            self.error(value.location, f"{message}, found {_KIND[type(value)]}")
