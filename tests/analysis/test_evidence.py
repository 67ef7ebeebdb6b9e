"""Rows that are not independent: grouped by ``same_as``, counted once in the likelihood,
and counted in the summary with the inferred and secondary ones."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pathcheck import api
from pathcheck.analysis.evidence import grouped_log_likelihood, groups
from pathcheck.cli import app
from pathcheck.formats.experiments import load_experiment_files
from tests import samples
from tests.repository import EXPERIMENTS, HYPOTHESES, TABLE_FILES, Writer

runner = CliRunner()


def table(write: Writer, rows: str) -> str:
    return str(write("t.yaml", 'source: {citation: "T"}\nexperiments:\n' + rows))


ROW = (
    "  - {{id: {id}, label: x, setting: in_vivo, on: [drug], observed: {{r: true}}, "
    "source: t{extra}}}\n"
)


def test_the_bundled_d3_and_d4_are_one_group() -> None:
    """D4, the commentary's FLK1 deletion with BDNF, may be its account of D3."""
    rows = [e for t in load_experiment_files(TABLE_FILES) for e in t.experiments]
    roots = groups(rows)
    assert roots["D4"] == roots["D3"] == "D3"
    assert {e.id for e in rows if roots[e.id] == "D3"} == {"D3", "D4"}
    assert all(roots[e.id] == e.id for e in rows if e.id not in ("D3", "D4"))


def test_a_group_counts_once_in_the_bayes_factor(write: Writer) -> None:
    """Two rows recording one experiment move the Bayes factor as far as one row does."""
    yes = samples.DRUG.format(name="yes", rule="A", readout="B")
    folder = write("h/yes.yaml", yes).parent
    write("h/no.yaml", samples.DRUG.format(name="no", rule="~A", readout="B"))
    one = table(write, ROW.format(id="E1", extra=""))
    alone = api.compare(["yes", "no"], experiments=[one], folder=folder)
    two = table(write, ROW.format(id="E1", extra="") + ROW.format(id="E2", extra=", same_as: E1"))
    grouped = api.compare(["yes", "no"], experiments=[two], folder=folder)
    assert [s.log10_bayes_factor for s in grouped.summaries] == pytest.approx(
        [s.log10_bayes_factor for s in alone.summaries]
    )
    assert grouped.summaries[0].matched == 2  # the counts stay counts of observations
    assert grouped.independence.groups == (("E1", "E2"),)


def test_a_group_whose_rows_disagree_weighs_like_an_undecided_observation() -> None:
    e = 0.05
    found = grouped_log_likelihood({"a": math.log(1 - e), "b": math.log(e)}, {"b": "a"})
    assert found == pytest.approx(math.log(0.5))


finite = st.floats(min_value=-50, max_value=0, allow_nan=False)


@given(st.lists(finite, min_size=1, max_size=6))
def test_a_group_lies_between_its_best_and_worst_row(values: list[float]) -> None:
    by_row = {f"r{i}": v for i, v in enumerate(values)}
    roots = dict.fromkeys(by_row, "r0")
    found = grouped_log_likelihood(by_row, roots)
    assert min(values) - 1e-9 <= found <= max(values) + 1e-9
    if len(set(values)) == 1:
        assert found == pytest.approx(values[0])


@given(st.lists(finite, min_size=1, max_size=6))
def test_rows_that_name_no_partner_are_summed_as_before(values: list[float]) -> None:
    by_row = {f"r{i}": v for i, v in enumerate(values)}
    assert grouped_log_likelihood(by_row, {}) == pytest.approx(sum(values))


def test_a_same_as_naming_no_row_is_an_error_at_its_line(write: Writer) -> None:
    path = table(write, ROW.format(id="E1", extra="") + ROW.format(id="E2", extra=", same_as: E3"))
    result = runner.invoke(app, ["validate", path, "--hypotheses", str(HYPOTHESES)])
    assert result.exit_code == 2
    assert f"{path}:4:" in result.stdout
    assert "E2 is 'same_as' 'E3', which no outcome table has" in result.stdout
    assert "[same-as]" in result.stdout
    compared = runner.invoke(app, ["compare", "parallel", "--experiments", path])
    assert compared.exit_code == 2 and "same_as" in compared.stderr


def test_a_same_as_cycle_is_an_error(write: Writer) -> None:
    rows = ROW.format(id="E1", extra=", same_as: E2") + ROW.format(id="E2", extra=", same_as: E1")
    result = runner.invoke(app, ["validate", table(write, rows), "--hypotheses", str(HYPOTHESES)])
    assert result.exit_code == 2 and "closes a cycle (E1 -> E2 -> E1)" in result.stdout


def test_a_row_same_as_itself_is_refused(write: Writer) -> None:
    path = table(write, ROW.format(id="E1", extra=", same_as: E1"))
    result = runner.invoke(app, ["validate", path, "--hypotheses", str(HYPOTHESES)])
    assert result.exit_code == 2 and "E1 is 'same_as' itself" in result.stdout + result.stderr


def test_the_summary_counts_inferred_secondary_and_grouped_observations() -> None:
    result = runner.invoke(
        app,
        [
            "compare",
            "parallel",
            "--summary",
            "--hypotheses",
            str(HYPOTHESES),
            "--experiments",
            str(EXPERIMENTS),
        ],
    )
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    found = api.compare(["parallel"], folder=HYPOTHESES, readings="default").independence
    assert f"{found.inferred_observations} are inferred" in text
    assert f"{found.secondary_observations} rest on one secondary source" in text
    assert "may be one experiment recorded twice (D3 = D4), counted once" in text
    assert {"D4", "D5", "D8", "D11-VEGF"} <= {i for i, _ in found.secondary}


def test_exclude_inferred_leaves_the_inferred_rows_out_of_every_reading() -> None:
    full = api.compare(["parallel", "serial_loop"], folder=HYPOTHESES)
    stated = api.compare(["parallel", "serial_loop"], folder=HYPOTHESES, exclude_inferred=True)
    inferred = full.independence.inferred_observations
    assert inferred and stated.independence.inferred == ()
    assert stated.excluded_inferred == inferred
    assert len(stated.rows) == len(full.rows) - inferred
    size = len(stated.rows)
    for family in stated.readings:  # every reading of the data, not only the default
        assert all(r.matched + r.mismatched + r.undecided == size for r in family.readings)
    payload = json.loads(
        runner.invoke(
            app,
            [
                "compare",
                "parallel",
                "--exclude-inferred",
                "--format",
                "json",
                "--hypotheses",
                str(HYPOTHESES),
            ],
        ).stdout
    )
    assert payload["independence"]["excluded_inferred_observations"] == inferred
    members = api.family("serial_loop", folder=HYPOTHESES, exclude_inferred=True)
    assert all(r.matched + r.mismatched + r.undecided == size for r in members.scored)
