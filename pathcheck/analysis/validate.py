"""``pathcheck validate``: load what the user named, collect every problem, then lint.

A file that does not load yields its problems as errors and keeps the cross-file rules
from running, since half a corpus would make every selector look unmatched. Files the
user did not name but that the named ones are checked against (the other kind, found
where ``compare`` would find it) are context: their problems are not reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pathcheck.analysis.lint import Corpus, Lint, Severity, lint
from pathcheck.base import html
from pathcheck.base.problems import InputError, Problem
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.formats.yamlsource import Limits, YMap, load_yaml
from pathcheck.model import ExperimentFile, Hypothesis
from pathcheck.project.discovery import refuse_duplicate_names

LOADING = "format"  # the rule name under which loading problems are reported


class Validation(NamedTuple):
    """What ``pathcheck validate`` found in the files, without scoring: each problem at
    its place, errors apart from warnings."""

    findings: tuple[Lint, ...]
    files: tuple[str, ...]

    @property
    def errors(self) -> int:
        """How many findings are errors (each refuses the files)."""
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings only warn."""
        return len(self.findings) - self.errors

    @property
    def exit_code(self) -> int:
        """2 when there is an error, as for any bad input, else 0."""
        return 2 if self.errors else 0

    def __repr__(self) -> str:
        return (
            f"<Validation of {len(self.files)} files: {self.errors} errors, "
            f"{self.warnings} warnings>"
        )

    def table(self) -> tuple[tuple[str, ...], Sequence[tuple[str, ...]]]:
        """Every finding, at its place."""
        head = ("where", "severity", "rule", "message")
        rows = [(str(f.location), f.severity.value, f.rule, f.message) for f in self.findings]
        return head, rows

    def _repr_html_(self) -> str:
        return html.of(self)

    def to_dict(self) -> dict[str, Any]:
        """Every finding, located, as plain data: what ``validate --format json`` prints."""
        from pathcheck import __version__

        return {
            "pathcheck": __version__,
            "files": list(self.files),
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [
                {
                    "file": f.location.file,
                    "line": f.location.line,
                    "column": f.location.column,
                    "severity": f.severity.value,
                    "rule": f.rule,
                    "message": f.message,
                }
                for f in self.findings
            ],
        }


def _as_lints(problems: Sequence[Problem]) -> list[Lint]:
    return [Lint(p.location, Severity.ERROR, LOADING, p.message) for p in problems]


def is_hypothesis_file(path: Path, limits: Limits | None = None) -> bool:
    """.bnet models and YAML files with ``nodes`` are hypotheses; other YAML files are read
    as outcome tables."""
    if path.suffix == ".bnet":
        return True
    top = load_yaml(path, limits)
    return isinstance(top, YMap) and "nodes" in top.entries


class _Loaded(NamedTuple):
    hypotheses: list[Hypothesis]
    tables: list[ExperimentFile]
    problems: list[Problem]


def _load(
    hypothesis_paths: Sequence[Path], table_paths: Sequence[Path], limits: Limits | None
) -> _Loaded:
    hypotheses: list[Hypothesis] = []
    problems: list[Problem] = []
    for path in hypothesis_paths:
        try:
            hypotheses.append(load_hypothesis(path, limits))
        except InputError as error:
            problems.extend(error.problems)
    tables: list[ExperimentFile] = []
    try:
        tables = load_experiment_files(table_paths, limits)
    except InputError as error:
        problems.extend(error.problems)
    try:
        refuse_duplicate_names(hypotheses)
    except InputError as error:
        problems.extend(error.problems)
    return _Loaded(hypotheses, tables, problems)


def validate(
    named: Sequence[Path],
    hypothesis_context: Sequence[Path],
    table_context: Sequence[Path],
    limits: Limits | None = None,
) -> Validation:
    """Validate the ``named`` files (all context files when none is named)."""
    problems: list[Problem] = []
    named_hypotheses: list[Path] = []
    named_tables: list[Path] = []
    for path in named:
        try:
            (named_hypotheses if is_hypothesis_file(path, limits) else named_tables).append(path)
        except InputError as error:
            problems.extend(error.problems)
    if not named:
        named_hypotheses, named_tables = list(hypothesis_context), list(table_context)
    loaded = _load(named_hypotheses, named_tables, limits)
    problems.extend(loaded.problems)
    hypotheses, tables = loaded.hypotheses, loaded.tables
    if not named_hypotheses and named_tables:
        context = _load(hypothesis_context, [], limits)
        hypotheses = [] if context.problems else context.hypotheses
    if not named_tables and named_hypotheses:
        context = _load([], table_context, limits)
        tables = [] if context.problems else context.tables
    findings = _as_lints(problems)
    if not problems and hypotheses:
        reported = {str(p) for p in (*named_hypotheses, *named_tables)}
        findings += [
            f for f in lint(Corpus(tuple(hypotheses), tuple(tables))) if f.location.file in reported
        ]
    files = tuple(str(p) for p in (named or (*named_hypotheses, *named_tables)))
    return Validation(tuple(sorted(set(findings))), files)
