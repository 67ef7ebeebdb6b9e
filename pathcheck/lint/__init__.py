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

from pathcheck.model import ExperimentFile, Hypothesis
from pathcheck.problems import Location


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Lint(NamedTuple):
    location: Location
    severity: Severity
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.rule}]"


class Corpus(NamedTuple):
    """Everything the rules look across: the hypotheses and the outcome tables."""

    hypotheses: tuple[Hypothesis, ...]
    tables: tuple[ExperimentFile, ...]


class Rule(Protocol):
    ID: str

    def check(self, corpus: Corpus) -> Iterator[Lint]: ...


def rules() -> tuple[Rule, ...]:
    from pathcheck.lint import (
        edge_sign,
        unknown_readout,
        unmatched_selector,
        unreachable_readout,
        unused_regulator,
    )

    return (unmatched_selector, edge_sign, unused_regulator, unknown_readout, unreachable_readout)


def lint(corpus: Corpus) -> list[Lint]:
    """Every finding of every rule, in file order."""
    return sorted(finding for rule in rules() for finding in rule.check(corpus))
