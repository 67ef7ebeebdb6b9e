"""GitHub Actions workflow commands: each failure as an annotation on its line in the YAML."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from pathcheck.analysis.check import CheckResult, Status
from pathcheck.analysis.lint import Lint, Severity
from pathcheck.analysis.validate import Validation
from pathcheck.base.problems import COMMAND_LINE, Problem
from pathcheck.render import escape
from pathcheck.render.cells import case_message

ANNOTATED = {Status.FAILED: "error", Status.UNDECIDED: "warning"}


def stop_commands() -> tuple[str, str]:
    """The lines that stop GitHub from reading workflow commands in what follows, and
    resume it: the report in between quotes the user's files, and a line there that
    happened to start with '::' must be text (GitHub's documented ``stop-commands``)."""
    token = secrets.token_hex(16)
    return f"::stop-commands::{token}\n", f"::{token}::\n"


def _command(kind: str, file: str, line: int, column: int, title: str, message: str) -> str:
    props = ",".join(
        [
            f"file={escape.github_property(file)}",
            f"line={line}",
            f"col={column}",
            f"title={escape.github_property(title)}",
        ]
    )
    return f"::{kind} {props}::{escape.github(message)}"


def findings(found: Iterable[Lint]) -> str:
    return "".join(
        _command(
            "error" if f.severity is Severity.ERROR else "warning",
            f.location.file,
            f.location.line,
            f.location.column,
            f"pathcheck [{f.rule}]",
            f.message,
        )
        + "\n"
        for f in found
    )


def validation(report: Validation) -> str:
    """Every finding of ``validate``, annotated on its line."""
    return findings(report.findings)


def gate(result: CheckResult) -> str:
    lines = []
    for case in result.cases:
        kind = ANNOTATED.get(case.status)
        if kind:
            where = case.observation.location
            lines.append(
                _command(
                    kind, where.file, where.line, where.column, "pathcheck", case_message(case)
                )
            )
    for problem in result.hollow:
        where = problem.location
        lines.append(
            _command(
                "error",
                where.file,
                max(where.line, 1),
                max(where.column, 1),
                "pathcheck",
                problem.message,
            )
        )
    for known in result.stale:
        lines.append(
            _command(
                "warning",
                known.location.file,
                known.location.line,
                known.location.column,
                "pathcheck: stale known failure",
                f"{known.hypothesis} no longer fails {known.experiment}: remove it from "
                "known-failures",
            )
        )
    return "".join(line + "\n" for line in lines)


def problems(found: Iterable[Problem]) -> str:
    """Invalid input (exit 2) annotated on its line; a problem of the command line, or of a
    whole file, as an error of the run or of the file."""
    lines = []
    for problem in found:
        where, message = problem.location, problem.message
        if where.line:
            lines.append(
                _command("error", where.file, where.line, where.column, "pathcheck", message)
            )
        elif where != COMMAND_LINE:
            lines.append(
                f"::error file={escape.github_property(where.file)},title=pathcheck::"
                f"{escape.github(message)}"
            )
        else:
            lines.append(f"::error title=pathcheck::{escape.github(message)}")
    return "".join(line + "\n" for line in lines)
