"""Verdicts, likelihoods, posteriors and Bayes factors, checked by hand."""

from __future__ import annotations

import math

import pytest

from pathcheck.analysis.score import Cell, Verdict, likelihood, summarise, verdict
from pathcheck.analysis.score import Row as ScoreRow
from pathcheck.base.problems import Location
from pathcheck.engine.explicit import AMBIGUOUS
from pathcheck.model import Experiment, Hypothesis, Observation, Source


def hypothesis(name: str) -> Hypothesis:
    return Hypothesis(name, name, f"{name}.yaml", "", "", (), {}, {})


def test_verdicts() -> None:
    assert verdict(True, True) is Verdict.MATCH
    assert verdict(False, True) is Verdict.MISMATCH
    assert verdict(AMBIGUOUS, False) is Verdict.AMBIGUOUS
    assert verdict(None, False) is Verdict.NOT_APPLICABLE


def test_likelihood_of_each_verdict() -> None:
    assert likelihood(Verdict.MATCH, 0.05) == pytest.approx(0.95)
    assert likelihood(Verdict.MISMATCH, 0.05) == pytest.approx(0.05)
    assert likelihood(Verdict.AMBIGUOUS, 0.05) == 0.5
    assert likelihood(Verdict.NOT_APPLICABLE, 0.05) == 0.5


HERE = Location("t.yaml")
OBSERVATION = Observation("r", True, HERE)
EXPERIMENT = Experiment("E", "e", "in_vivo", (), (OBSERVATION,), "test", HERE, Source("x"))


def row(*cells: Cell) -> ScoreRow:
    return ScoreRow(EXPERIMENT, OBSERVATION, cells)


def rows(columns: list[list[Verdict]]) -> list[ScoreRow]:
    """Score rows from per-hypothesis verdict columns."""
    return [row(*(Cell(None, v, ()) for v in cells)) for cells in zip(*columns, strict=True)]


def test_summary_numbers_by_hand() -> None:
    m, x, a, n = Verdict.MATCH, Verdict.MISMATCH, Verdict.AMBIGUOUS, Verdict.NOT_APPLICABLE
    good, bad = hypothesis("good"), hypothesis("bad")
    table = rows([[m, m, m, a], [m, x, n, x]])
    first, second = summarise([good, bad], table, 0.1)
    assert (first.matched, first.mismatched, first.ambiguous, first.not_applicable) == (3, 0, 1, 0)
    assert (second.matched, second.mismatched, second.not_applicable, second.scored) == (1, 2, 1, 3)
    assert second.coverage == pytest.approx(0.75)
    log_good = 3 * math.log(0.9) + math.log(0.5)
    log_bad = math.log(0.9) + 2 * math.log(0.1) + math.log(0.5)
    assert first.log_likelihood == pytest.approx(log_good)
    assert second.log_likelihood == pytest.approx(log_bad)
    assert first.posterior + second.posterior == pytest.approx(1.0)
    assert first.posterior == pytest.approx(1 / (1 + math.exp(log_bad - log_good)))
    assert first.log10_bayes_factor == 0.0
    assert second.log10_bayes_factor == pytest.approx((log_bad - log_good) / math.log(10))


def test_disagreement_ignores_hypotheses_without_the_readout() -> None:
    same = row(Cell(True, Verdict.MATCH, ()), Cell(None, Verdict.NOT_APPLICABLE, ()))
    differ = row(Cell(True, Verdict.MATCH, ()), Cell(AMBIGUOUS, Verdict.AMBIGUOUS, ()))
    assert not same.disagreement
    assert differ.disagreement
