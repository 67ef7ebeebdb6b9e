"""The linter: problems a loader cannot see in one file alone, one module per rule.

Loading already refuses what is malformed (syntax, unknown keys, undeclared names). The
rules here look across files and into the logic of the rules, the way yamllint's rules
look at a YAML file: each module has an ``ID``, and ``check(corpus)`` yields its
findings, errors (the files contradict themselves or each other) apart from warnings
(coherent, but probably not what the author meant).
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import NamedTuple, Protocol

from pathcheck.base.problems import InputError, Location, Problem, one_line
from pathcheck.model import ExperimentFile, Hypothesis


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Lint(NamedTuple):
    location: Location
    severity: Severity
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {one_line(self.message)} [{self.rule}]"


class Corpus(NamedTuple):
    """Everything the rules look across: the hypotheses and the outcome tables; and, where
    known, the ``project``'s hypotheses, of which those are the ones compared. A name
    one of the project's hypotheses has is no misspelling, compared or not."""

    hypotheses: tuple[Hypothesis, ...]
    tables: tuple[ExperimentFile, ...]
    project: tuple[Hypothesis, ...] = ()

    @property
    def naming(self) -> tuple[Hypothesis, ...]:
        """The hypotheses whose names a table's may be: the project's, else those here."""
        return (*self.hypotheses, *self.project)


class LintRule(Protocol):
    ID: str

    def check(self, corpus: Corpus) -> Iterator[Lint]: ...


def rules() -> tuple[LintRule, ...]:
    from pathcheck.analysis.lint import (
        cell_group,
        data_choice,
        edge_sign,
        imported,
        same_as,
        unknown_readout,
        unknown_setting,
        unmatched_selector,
        unreachable_readout,
        unused_regulator,
    )

    return (
        unmatched_selector,
        unknown_setting,
        cell_group,
        same_as,
        data_choice,
        edge_sign,
        unused_regulator,
        unknown_readout,
        unreachable_readout,
        imported,
    )


def admission_rules() -> tuple[LintRule, ...]:
    """Every rule that can find an error: what each command that predicts the tables
    checks first, so that validate, check, compare, predict --experiment, explain,
    design, family and report refuse the same files with the same message (a row counted
    as independent that its file says is not among them). The rest only warn, and cost
    SAT questions: validate and check run them."""
    from pathcheck.analysis.lint import (
        cell_group,
        data_choice,
        edge_sign,
        same_as,
        unknown_readout,
        unknown_setting,
        unmatched_selector,
    )

    return (
        unmatched_selector,
        unknown_setting,
        cell_group,
        edge_sign,
        unknown_readout,
        same_as,
        data_choice,
    )


UNKNOWN_NAMES = frozenset({"unknown-readout", "unmatched-selector"})  # --allow-unknown's


def admit(corpus: Corpus, allow_unknown: bool = False) -> list[Lint]:
    """Refuse the corpus when :func:`admission_rules` find an error (each as validate
    reports it), and return the warnings. With ``allow_unknown``, a read-out or a selector
    that no hypothesis has is a warning instead: the caller leaves its rows unscored."""
    findings = lint(corpus, admission_rules())
    if allow_unknown:
        findings = [
            f._replace(severity=Severity.WARNING) if f.rule in UNKNOWN_NAMES else f
            for f in findings
        ]
    refuse_errors(findings)
    return findings


def lint(corpus: Corpus, chosen: tuple[LintRule, ...] | None = None) -> list[Lint]:
    """Every finding of every rule (or of the ``chosen`` ones), in file order."""
    return sorted(finding for rule in chosen or rules() for finding in rule.check(corpus))


def refuse_errors(findings: list[Lint]) -> None:
    """Raise :class:`~pathcheck.base.problems.InputError` when any finding is an error, each
    reported as validate reports it."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise InputError(
            Problem(f.location, f"{f.severity.value}: {f.message} [{f.rule}]") for f in errors
        )
