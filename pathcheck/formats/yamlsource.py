"""YAML read safely and boundedly into a tree whose every value remembers its place.

The tree is built from PyYAML's event stream, not from its composer or constructor:
one non-recursive pass, so a deeply nested file cannot exhaust the stack; an alias is
charged the size of what it stands for without being expanded, so a billion-laughs file
is refused after reading it once; a duplicated key is an error (PyYAML silently keeps
the last, which in an outcome table would silently change the record); and any tag
beyond plain YAML data (``!!python/object`` and the like) is refused, so nothing in a
file can name code to run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeAlias

import yaml

from pathcheck.base import files
from pathcheck.base.defaults import DEFAULT_MAX_FILE_SIZE
from pathcheck.base.problems import InputError, Location

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_CORE}map", f"{_CORE}seq"}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()  # stateless for the scalars it builds here


class Limits(NamedTuple):
    """Bounds that stop a hostile or broken file before it costs time or memory."""

    max_bytes: int = DEFAULT_MAX_FILE_SIZE
    max_depth: int = 64
    max_values: int = 100_000  # values in the tree, counting every alias expansion


class YScalar(NamedTuple):
    value: str | int | float | bool | None
    text: str  # the scalar as written, without quotes: rules are read from here
    location: Location
    multiline: bool = False
    quoted: bool = False

    def offset_location(self, offset: int) -> Location:
        """Where character ``offset`` of the text sits in the file, when that can be known."""
        if self.multiline:
            return self.location
        return self.location.shifted(offset + (1 if self.quoted else 0))


class YSeq(NamedTuple):
    items: tuple[YValue, ...]
    location: Location


class YMap(NamedTuple):
    """A mapping whose keys are the strings as written (``on`` stays "on", not True)."""

    entries: dict[str, tuple[YScalar, YValue]]
    location: Location

    def get(self, key: str) -> YValue | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None


YValue: TypeAlias = "YScalar | YSeq | YMap"


@dataclass
class _Open:
    """A collection being built, with the pending key of a mapping."""

    location: Location
    is_map: bool
    anchor: str | None
    items: list[YValue] = field(default_factory=list)
    entries: dict[str, tuple[YScalar, YValue]] = field(default_factory=dict)
    key: YScalar | None = None
    size: int = 1


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _location(file: str, mark: Any) -> Location:
    """A location from a PyYAML mark (of its C or its Python parser), or the file alone."""
    if mark is None:
        return Location(file)
    return Location(file, mark.line + 1, mark.column + 1)


def read_text(path: Path, limits: Limits) -> str:
    """The file's text, refused past the size limit, when it is not UTF-8, or when it is
    not a regular file (:func:`pathcheck.base.files.read_text`)."""
    return files.read_text(path, limits.max_bytes)


def load_yaml(path: Path, limits: Limits | None = None) -> YValue | None:
    """Parse one YAML document from ``path``; ``None`` for an empty file."""
    limits = limits or Limits()
    return parse_yaml(read_text(path, limits), str(path), limits)


def _scalar(event: yaml.ScalarEvent, file: str, resolver: yaml.resolver.Resolver) -> YScalar:
    location = _location(file, event.start_mark)
    tag = event.tag
    if tag is None or tag == "!":
        tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag not in _SCALAR_TAGS:
        raise InputError.at(
            location, f"tag {_tag_name(tag)} is not allowed: only plain YAML data is read"
        )
    node = yaml.ScalarNode(tag, event.value)
    constructor = _CONSTRUCTOR
    value: str | int | float | bool | None
    if tag == f"{_CORE}bool":
        value = constructor.construct_yaml_bool(node)
    elif tag == f"{_CORE}int":
        value = constructor.construct_yaml_int(node)
    elif tag == f"{_CORE}float":
        value = constructor.construct_yaml_float(node)
    elif tag == f"{_CORE}null":
        value = None
    else:
        value = event.value
    start, end = event.start_mark, event.end_mark
    multiline = start is not None and end is not None and end.line != start.line
    quoted = event.style in ("'", '"')
    return YScalar(value, event.value, location, multiline or event.style in ("|", ">"), quoted)


def _size(value: YValue, sizes: dict[int, int]) -> int:
    return sizes.get(id(value), 1)


def syntax_hint(problem: str, text: str, mark: Any) -> str:
    """A plain hint at the usual cause of a YAML syntax error (a tab, an unquoted ':', a
    quote or bracket left open, an indentation slip), from the parser's words and the
    line it stopped on; empty when none fits."""
    lines = text.splitlines() or [""]
    line = lines[min(mark.line, len(lines) - 1)] if mark is not None else ""
    before = line[: mark.column] if mark is not None else line
    here = line[mark.column : mark.column + 1] if mark is not None else ""
    if "\t" in line[: len(line) - len(line.lstrip())] or here == "\t":
        return " (a tab: YAML indents with spaces only)"
    if "mapping values are not allowed" in problem:
        if ": " in before.strip() or before.rstrip().endswith(":"):
            return " (a ':' inside a value: put the value in quotes, \"a: b\")"
        return " (this line is indented deeper than the keys above it)"
    if "cannot start any token" in problem and here in ("@", "`", "%"):
        return f" (a value that starts with '{here}' must be put in quotes)"
    if "end of stream" in problem and ("'" in line or '"' in line):
        return " (a quote is opened and not closed)"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return " (a list [ ] or a mapping { } is not closed)"
    if "expected key" in problem or "expected '-' indicator" in problem:
        if line.count("'") % 2 or line.count('"') % 2:
            return " (a quote inside a quoted value: double it, 'it''s', or use the other quotes)"
        return " (the indentation of this line does not match the lines above it)"
    return ""


def parse_yaml(text: str, file: str, limits: Limits | None = None) -> YValue | None:
    """Parse YAML text into the located tree, enforcing ``limits``."""
    limits = limits or Limits()
    resolver = yaml.resolver.Resolver()
    stack: list[_Open] = []
    anchors: dict[str, YValue] = {}
    sizes: dict[int, int] = {}  # id(collection) -> values it holds, for alias charging
    total = 0
    root: YValue | None = None
    documents = 0

    def attach(value: YValue, size: int, start: Any) -> None:
        nonlocal root, total
        total += size
        if total > limits.max_values:
            raise InputError.at(
                _location(file, start),
                f"more than {limits.max_values:,} values once aliases are expanded",
            )
        if not stack:
            root = value
            return
        parent = stack[-1]
        parent.size += size
        if not parent.is_map:
            parent.items.append(value)
        elif parent.key is None:
            if not isinstance(value, YScalar):
                raise InputError.at(_location(file, start), "a mapping key must be a plain value")
            if value.text in parent.entries:
                first = parent.entries[value.text][0].location
                raise InputError.at(
                    value.location,
                    f"duplicate key '{value.text}' (first at line {first.line}): "
                    "YAML would silently keep only the last",
                )
            parent.key = value
        else:
            parent.entries[parent.key.text] = (parent.key, value)
            parent.key = None

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise InputError.at(
                        _location(file, event.start_mark), "only one YAML document per file"
                    )
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                location = _location(file, event.start_mark)
                if event.tag not in (None, "!") and event.tag not in _COLLECTION_TAGS:
                    raise InputError.at(
                        location,
                        f"tag {_tag_name(event.tag)} is not allowed: only plain YAML data is read",
                    )
                if len(stack) >= limits.max_depth:
                    raise InputError.at(location, f"nested deeper than {limits.max_depth} levels")
                is_map = isinstance(event, yaml.MappingStartEvent)
                stack.append(_Open(location, is_map, event.anchor))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                built: YValue = (
                    YMap(done.entries, done.location)
                    if done.is_map
                    else YSeq(tuple(done.items), done.location)
                )
                sizes[id(built)] = done.size
                if done.anchor:
                    anchors[done.anchor] = built
                total -= done.size - 1  # the children were counted as they came
                attach(built, done.size, event.start_mark)
            elif isinstance(event, yaml.ScalarEvent):
                scalar = _scalar(event, file, resolver)
                if event.anchor:
                    anchors[event.anchor] = scalar
                attach(scalar, 1, event.start_mark)
            elif isinstance(event, yaml.AliasEvent):
                target = anchors.get(event.anchor or "")
                if target is None:
                    raise InputError.at(
                        _location(file, event.start_mark), f"unknown alias *{event.anchor}"
                    )
                attach(target, _size(target, sizes), event.start_mark)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "invalid YAML"
        hint = syntax_hint(message, text, mark)
        raise InputError.at(_location(file, mark), f"YAML syntax: {message}{hint}") from None
    except yaml.YAMLError as error:
        raise InputError.at(Location(file), f"YAML syntax: {error}") from None
    return root
