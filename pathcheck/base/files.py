"""The user's files, read and written safely: nothing blocks, nothing is lost.

Reading: only regular files, opened without blocking (a FIFO or a device passed as a
file would otherwise wait forever or never end), bounded in size, decoded as UTF-8.

Writing: every file pathcheck makes goes through :func:`write`. It never replaces an
input of the same run, never a file pathcheck did not make itself (unless the user says
``--force``), and never leaves half a file: the text goes to a new temporary file beside
the target, created exclusively under a name no user file can have, then is renamed
over the target in one step.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from pathcheck.base.problems import InputError, Location, Problem


def read_text(path: Path, max_bytes: int) -> str:
    """The file's text; raise :class:`InputError` for what is not a readable regular UTF-8
    file of at most ``max_bytes``."""
    name = str(path)
    data = _read(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise InputError.at(Location(name, line, column), "file is not UTF-8 text") from None


def _read(path: Path, max_bytes: int) -> bytes:
    name = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError.at(Location(name), f"cannot read file: {error.strerror}") from None
    try:  # told before the descriptor becomes a file object, which refuses a folder
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise InputError.at(Location(name), f"not a regular file ({_kind(status.st_mode)})")
        if status.st_size > max_bytes:
            raise InputError.at(
                Location(name), f"file is {status.st_size:,} bytes, over the limit of {max_bytes:,}"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError.at(Location(name), f"cannot read file: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise InputError.at(Location(name), f"file is over the limit of {max_bytes:,} bytes")
    return data


def _kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


def listing(folder: Path) -> list[Path]:
    """The entries of ``folder``, sorted; a located error when it cannot be read."""
    try:
        return sorted(folder.iterdir())
    except OSError as error:
        message = f"cannot read folder: {error.strerror}"
        raise InputError.at(Location(str(folder), 0, 0), message) from None


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (following links); ``False`` when it cannot be
    told, so a caller reports it as missing rather than crashing."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def provenance(file: str) -> str:
    """A file named inside another file: relative to the working folder when inside it,
    else its folder's name and its own (never an installation's absolute path, such as
    site-packages)."""
    path = Path(file)
    short = str(Path(path.parent.name) / path.name)
    if {"site-packages", "dist-packages"} & set(path.parts):
        return short  # an installed package's data: where it is, is this machine's
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return short


Recognise = Callable[[Path], bool]  # whether an existing file is one pathcheck wrote


def writable(
    path: Path,
    *,
    inputs: Iterable[str | Path] = (),
    force: bool | None = False,
    replaceable: Recognise | None = None,
) -> None:
    """Raise a located error when ``path`` may not be written.

    Refused: an input of this command (even with ``force``); anything but a regular file;
    an existing file, unless ``force`` or unless ``replaceable`` recognises it, by its
    structure, as a report pathcheck wrote itself and nobody edits (JUnit XML): a file
    that merely mentions pathcheck is a user's. ``force=None``: the command has no
    ``--force``, so the refusal does not offer it.
    """
    where = Location(str(path), 0, 0)
    target = _resolved(path)
    if any(target == _resolved(Path(p)) for p in inputs):
        raise InputError.at(where, "is an input of this command: not overwritten")
    if os.path.lexists(path):
        if not is_regular(path):
            raise InputError.at(where, "exists and is not a regular file: not overwritten")
        if not force and not (replaceable and replaceable(path)):
            hint = "(--force replaces it)" if force is not None else "(name a new file)"
            raise InputError.at(
                where, f"exists already and pathcheck did not write it: not overwritten {hint}"
            )


def write(
    path: Path,
    text: str | bytes,
    *,
    inputs: Iterable[str | Path] = (),
    force: bool | None = False,
    replaceable: Recognise | None = None,
) -> None:
    """Write ``text`` (or bytes: an image) to ``path`` whole or not at all, if
    :func:`writable` allows it."""
    writable(path, inputs=inputs, force=force, replaceable=replaceable)
    _replace(path, text)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _replace(path: Path, text: str | bytes) -> None:
    """Write beside ``path`` under a fresh exclusive name, then rename over it."""
    where = Location(str(path), 0, 0)
    folder = path.parent
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.", suffix=".pathcheck-tmp"
        )
    except OSError as error:
        raise InputError.at(where, f"cannot write: {error.strerror}") from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(descriptor, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InputError.at(where, f"cannot write: {error.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(files: dict[Path, str]) -> None:
    """Create every file in ``files`` or none of them (``pathcheck init``): each target is
    checked first, then all are written beside their targets and renamed into place, and
    whatever a failure interrupts is removed again."""
    problems = []
    for path in files:
        if os.path.lexists(path):
            problems.append(Problem(Location(str(path), 0, 0), "exists already: left as it is"))
        for parent in path.parents:
            if os.path.lexists(parent) and not parent.is_dir():
                message = "is in the way: a folder is needed there; nothing was written"
                problems.append(Problem(Location(str(parent), 0, 0), message))
    if problems:
        raise InputError(problems)
    made_folders: list[Path] = []
    staged: dict[Path, str] = {}
    placed: list[Path] = []
    try:
        for path, text in files.items():
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    made_folders.append(parent)
            descriptor, temporary = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".pathcheck-tmp"
            )
            staged[path] = temporary
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.chmod(temporary, 0o666 & ~_umask())
        for path, temporary in staged.items():
            if os.path.lexists(path):
                raise FileExistsError(17, "File exists", str(path))
            os.rename(temporary, path)
            placed.append(path)
    except OSError as error:
        for path in placed:
            with contextlib.suppress(OSError):
                path.unlink()
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        for folder in reversed(made_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        failed = error.filename or next(iter(files), "")
        raise InputError.at(
            Location(str(failed), 0, 0), f"cannot write: {error.strerror}; nothing was written"
        ) from None
