"""Problems in user input, each tied to the place in a file where the user can fix it.

Every bad input reaches the user as ``file:line:col: message`` and exit code 2, never as a
traceback, so loaders collect :class:`Problem` objects and raise :class:`InputError`.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from typing import NamedTuple


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """A hint at the closest of ``choices``, for a misspelt name, whatever its case
    (``bdnf`` for ``BDNF``); empty when none is close."""
    folded: dict[str, str] = {}
    for choice in sorted(choices):
        folded.setdefault(choice.casefold(), choice)
    same = folded.get(word.casefold())
    if same is not None:
        return f" (did you mean '{same}'?)" if same != word else ""
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return f" (did you mean '{folded[close[0]]}'?)" if close else ""


def one_line(text: str) -> str:
    """``text`` with every line break and control character as a space.

    A message is one line: a line break in a label, a read-out or a file name must not
    start a line that a log reader (GitHub Actions, for one) would take for a command.
    """
    return "".join(" " if c.isspace() or not c.isprintable() else c for c in text)


class Location(NamedTuple):
    """A place in a file; line and column count from 1, as editors do (0: no line)."""

    file: str
    line: int = 1
    column: int = 1

    def shifted(self, columns: int) -> Location:
        return Location(self.file, self.line, self.column + columns)

    def __str__(self) -> str:
        if self.line == 0:  # a whole file, or the command line
            return one_line(self.file)
        return f"{one_line(self.file)}:{self.line}:{self.column}"


COMMAND_LINE = Location("command line", 0, 0)  # where an option's problem is reported


class Problem(NamedTuple):
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {one_line(self.message)}"


class InputError(ValueError):
    """One or more problems in the files or arguments a user gave, each located
    (``problems``); exit code 2 on the command line. A ``ValueError``, so a caller that
    catches bad values catches it too."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, location: Location, message: str) -> InputError:
        """One problem, at ``location``."""
        return cls([Problem(location, message)])

    @classmethod
    def usage(cls, message: str) -> InputError:
        """One problem with the arguments of a command or a call."""
        return cls([Problem(COMMAND_LINE, message)])


class StateSpaceTooLarge(Exception):
    """Reachability would visit more states than its bound; fixed points are still known.

    Kept here, free of sympy, so the command line can catch it without importing the
    engine.
    """

    def __init__(self, bound: int) -> None:
        super().__init__(
            f"asynchronous reachability visits more than {bound:,} states (--max-states); "
            "the prediction cannot be computed exhaustively"
        )
        self.bound = bound
