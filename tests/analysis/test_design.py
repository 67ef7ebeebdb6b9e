"""design: every suggestion is a real difference between the hypotheses, ranked by a
gain that can be checked by hand, and written as rows that validate."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck import api
from pathcheck.analysis.design import candidates, entropy, gain
from pathcheck.base.problems import InputError
from pathcheck.cli import app
from pathcheck.formats.catalogue import Item, load_catalogue
from tests import samples
from tests.repository import EXPERIMENTS, HYPOTHESES, Writer

runner = CliRunner()
CATALOGUE = EXPERIMENTS / "catalogue.yaml"


def found() -> api.Design:
    return api.design(
        ["parallel", "serial_loop"],
        experiments=[EXPERIMENTS],
        catalogue=CATALOGUE,
        folder=HYPOTHESES,
    )


@pytest.mark.filterwarnings("ignore::pathcheck.api.PathcheckWarning")  # TRKB@PV in parallel
def test_every_suggestion_is_a_difference_predict_confirms() -> None:
    """Each suggestion, run through predict on each member, gives the read-outs the
    design listed, and at least two members disagree on it, 0 against 1."""
    result = found()
    assert result.suggestions
    for suggestion in result.suggestions:
        candidate = suggestion.candidate
        on = [i.selector.text for i in candidate.items if i.value]
        off = [i.selector.text for i in candidate.items if not i.value]
        seen = []
        for member in result.members:
            predicted = api.predict(
                member, on=on, off=off, setting=candidate.setting, allow_unknown=True
            )
            seen.append(predicted.readouts.get(suggestion.readout))
        assert seen == list(suggestion.predictions), candidate.label
        assert {True, False} <= set(seen)


def test_a_cell_type_specific_trkb_or_vegf_manipulation_is_among_the_top() -> None:
    top = found().suggestions[:10]
    specific = [
        s
        for s in top
        for i in s.candidate.items
        if i.kind in ("cell-type-specific deletion", "knockdown")
        and i.selector.base in ("TRKB", "VEGF")
    ]
    assert specific


def test_the_ranking_is_by_gain_then_cost_then_fewer_items() -> None:
    ranked = found().suggestions
    keys = [(-round(s.gain, 9), s.candidate.cost, len(s.candidate.items)) for s in ranked]
    assert keys == sorted(keys)


def test_the_gain_is_the_entropy_drop_computed_by_hand() -> None:
    """Two equally likely hypotheses predicting 1 and 0, error rate e: the observation
    leaves posterior (1-e, e), so the gain is 1 - H(e)."""
    e = 0.05
    expected = 1 - entropy([1 - e, e])
    assert math.isclose(gain([0.5, 0.5], ["a", "b"], [True, False], e), expected)
    assert gain([0.5, 0.5], ["a", "b"], [True, True], e) == 0
    assert gain([0.5, 0.5], ["a", "b"], ["ambiguous", False], e) < expected
    # deciding a class that both predictions share teaches nothing
    assert math.isclose(gain([0.5, 0.5], ["x", "x"], [True, False], e), 0, abs_tol=1e-12)


def test_candidates_never_set_a_node_both_ways_and_share_a_setting() -> None:
    catalogue = load_catalogue(CATALOGUE)
    for candidate in candidates(catalogue, 2):
        for item in candidate.items:
            assert candidate.setting in item.settings
        a, *rest = candidate.items
        for b in rest:
            lacking = bool(a.selector.base) != bool(b.selector.base)  # the entity wins
            assert lacking or not (a.value != b.value and a.selector.overlaps(b.selector))
            assert a.selector.text != b.selector.text


@pytest.mark.filterwarnings("ignore:.*can tell them nothing")  # TRKB@pyramidal
def test_decide_ranks_by_the_choice_and_refuses_an_unknown_one() -> None:
    result = api.design(
        ["serial_loop"],
        experiments=[EXPERIMENTS],
        catalogue=CATALOGUE,
        decide="vegf_source",
        folder=HYPOTHESES,
    )
    assert set(result.classes) == {
        f"vegf_source={o}" for o in ("PV", "pyramidal", "both_required", "either")
    }
    best = result.suggestions[0]
    assert len({p for p in best.predictions if p in (True, False)}) == 2
    with pytest.raises(InputError, match="no compared hypothesis has the choice 'vegf'") as caught:
        api.design(
            ["serial_loop"],
            experiments=[EXPERIMENTS],
            catalogue=CATALOGUE,
            decide="vegf",
            folder=HYPOTHESES,
        )
    assert str(caught.value.problems[0]).startswith("command line: no compared")


def test_members_no_candidate_tells_apart_are_reported(write: Writer) -> None:
    """Two hypotheses identical but in a node no catalogue item reaches."""
    write("h/one.yaml", samples.DRUG.format(name="one", rule="A", readout="A"))
    write("h/two.yaml", samples.DRUG.format(name="two", rule="~A", readout="A"))
    catalogue = write(
        "catalogue.yaml",
        """
        items:
          - {id: drug, label: the drug, on: drug, kind: systemic drug, settings: [in_vivo],
             cost: 1, proposed: a test}
        """,
    )
    table = write(
        "t.yaml",
        """
        source: {citation: "T"}
        experiments:
          - {id: E1, label: drug, setting: in_vivo, on: [drug], observed: {r: true}, source: t}
        """,
    )
    result = api.design(
        ["one", "two"],
        experiments=[table],
        catalogue=catalogue,
        folder=write("h/.keep", "").parent,
    )
    assert result.suggestions == ()
    assert result.equivalent == (("one", "two"),)


def test_write_gives_pending_rows_that_validate_and_compare_lists_apart(
    tmp_path: Path,
) -> None:
    out = tmp_path / "proposed.yaml"
    args = ["design", "parallel", "serial_loop", "--top", "3", "--write", str(out)]
    args += ["--hypotheses", str(HYPOTHESES), "--experiments", str(EXPERIMENTS)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert out.read_text().count("pending: true") == 3
    checked = runner.invoke(app, ["validate", str(out), "--hypotheses", str(HYPOTHESES)])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    compared = runner.invoke(
        app,
        [
            "compare",
            "parallel",
            "serial_loop",
            "--hypotheses",
            str(HYPOTHESES),
            "--experiments",
            str(EXPERIMENTS),
            "--experiments",
            str(out),
            "--format",
            "json",
        ],
    )
    assert compared.exit_code == 0, compared.stderr
    payload = json.loads(compared.stdout)
    assert [p["id"] for p in payload["pending"]] == ["P1", "P2", "P3"]
    assert all("P1" not in h["experiments"] for h in payload["hypotheses"].values())
    text = runner.invoke(
        app,
        [
            *("compare", "parallel", "serial_loop", "--hypotheses", str(HYPOTHESES)),
            *("--experiments", str(out)),
        ],
    ).stdout
    assert "Pending experiments (not yet run: predicted, not scored)" in text
    before = out.read_text()
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "exists already" in again.stderr and out.read_text() == before


def test_a_pending_row_with_an_observation_is_refused(write: Writer) -> None:
    table = write(
        "t.yaml",
        """
        source: {citation: "T"}
        experiments:
          - {id: E1, label: x, setting: in_vivo, on: [BDNF], pending: true,
             measure: [behaviour], observed: {behaviour: true}, source: t}
        """,
    )
    result = runner.invoke(app, ["validate", str(table), "--hypotheses", str(HYPOTHESES)])
    assert result.exit_code == 2
    assert "a pending experiment has observed nothing yet" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{id: a, label: a, on: X, off: Y, kind: infusion, settings: [s], cost: 1, proposed: p}",
            "give 'on' or 'off', not both",
        ),
        (
            "{id: a, label: a, on: X, kind: infusion, settings: [s], cost: 0, proposed: p}",
            "'cost' must be a number above 0",
        ),
        (
            "{id: a, label: a, on: X, kind: infuson, settings: [s], cost: 1, proposed: p}",
            "(did you mean 'infusion'?)",
        ),
        (
            "{id: a, label: a, off: X, kind: cell-type-specific deletion, settings: [s], cost: 1, "
            "proposed: p}",
            "names its Cre line",
        ),
        ("{id: a, label: a, on: X, kind: infusion, settings: [s], cost: 1}", "say either 'used'"),
        (
            "{id: a, label: a, on: X, kind: infusion, settings: [s], cost: 3, proposed: p}\n"
            "cost_scale: [drug, infusion]",
            "'cost' must be a level of 'cost_scale': a whole number 1 to 2",
        ),
    ],
)
def test_a_bad_catalogue_item_is_located(write: Writer, text: str, message: str) -> None:
    catalogue = write("c.yaml", f"items:\n  - {text}\n")
    result = runner.invoke(
        app,
        [
            "design",
            "parallel",
            "serial",
            "--catalogue",
            str(catalogue),
            "--hypotheses",
            str(HYPOTHESES),
        ],
    )
    assert result.exit_code == 2
    assert f"{catalogue}:2:" in result.stderr and message in result.stderr


def test_the_bundled_tables_skip_the_catalogue() -> None:
    listed = runner.invoke(app, ["list", "--experiments", str(EXPERIMENTS)]).stdout
    assert "catalogue" not in listed


@pytest.mark.parametrize("combined", ["12", "100000000"])
def test_a_search_too_large_is_refused_before_it_starts(combined: str) -> None:
    """Counted without enumerating: --max-combined 100000000 is refused at once (it took
    17 s when every binomial up to it was summed)."""
    start = time.process_time()
    result = runner.invoke(
        app,
        [
            "design",
            "parallel",
            "serial",
            "--max-combined",
            combined,
            "--hypotheses",
            str(HYPOTHESES),
        ],
    )
    assert time.process_time() - start < 2
    assert result.exit_code == 2
    assert "more than 200,000 candidates: lower --max-combined" in result.stderr


def test_an_experiment_of_the_record_is_marked_done_and_never_ranked() -> None:
    """K2 (ketamine, VEGF deleted in excitatory neurons) is a candidate the catalogue
    makes; it is listed as done with its id and observed value, not as a suggestion."""
    from pathcheck.analysis.design import done_experiments, manipulation

    result = found()
    record = done_experiments(api.load_experiments([EXPERIMENTS]))
    for s in result.suggestions:
        rows = record.get((s.candidate.setting, manipulation(s.candidate)), {})
        assert not any(s.readout in observed for observed in rows.values()), s.candidate.label
        for alternative in s.alternatives:
            rows = record.get((alternative.setting, manipulation(alternative)), {})
            assert not any(s.readout in observed for observed in rows.values())
    done = {(i, o) for s in result.done for i, o in s.record}
    assert ("K2", "behaviour=0") in done and ("D3", "behaviour=0") in done
    text = runner.invoke(
        app, ["design", "parallel", "serial_loop", "--hypotheses", str(HYPOTHESES)]
    ).stdout
    assert "Already in the outcome tables (not ranked):" in text
    assert "K2 (behaviour=0): systemic ketamine + VEGF deleted in forebrain" in " ".join(
        text.split()
    )


def test_no_suggestion_that_one_members_wiring_creates_comes_first() -> None:
    """Ranked over every member of each family, the first suggestion splits more than one
    member from the rest: not the split that parallel's undeclared direct glutamate ->
    VEGF wiring made (ketamine with TRKB blocked in culture, VEGF release)."""
    first = found().suggestions[0]
    values = [v for v in first.predictions if v in (True, False)]
    assert min(values.count(True), values.count(False)) > 1
    assert (first.readout, {i.id for i in first.candidate.items}) != (
        "VEGF_release",
        {"ketamine-culture", "TRKB-blockade-culture"},
    )


def test_candidates_that_differ_only_in_the_agonist_are_one_line() -> None:
    from pathcheck.analysis.design import AGONISTS

    result = found()
    grouped = [s for s in result.suggestions if s.alternatives]
    assert grouped

    def rest(items: tuple[Item, ...]) -> set[str]:
        return {i.id for i in items if not (i.value and i.kind in AGONISTS)}

    for s in grouped:
        for alternative in s.alternatives:
            assert alternative.setting == s.candidate.setting
            assert rest(alternative.items) == rest(s.candidate.items)
    labels = [s.candidate.label for s in result.suggestions]
    assert len(labels) == len(set(labels))


def test_the_score_is_the_share_of_the_uncertainty_left_and_the_cost_says_its_unit() -> None:
    result = found()
    assert result.uncertainty > 0
    for s in result.suggestions:
        assert math.isclose(result.settles(s), s.gain / result.uncertainty)
    payload = result.to_dict()
    first = payload["suggestions"][0]
    assert first["expected_information_gain_bits"] == round(result.suggestions[0].gain, 6)
    assert first["share_of_uncertainty_settled"] == round(result.settles(result.suggestions[0]), 6)
    assert first["cost_level"].startswith(f"level {int(first['cost'])} of 5 (as a")
    assert payload["cost_scale"][0] == "culture drug"
    text = runner.invoke(app, ["design", "parallel", "serial_loop", "--top", "1"]).stdout
    flat = " ".join(text.split())
    assert "expected to settle" in flat and "of the remaining uncertainty; cost" in flat
    assert "bits" not in flat.split("1. ")[1].split("\n")[0]  # words first; bits in JSON


def test_written_ids_never_collide_with_the_record(tmp_path: Path) -> None:
    """A record that already uses P1 and P2 (an earlier proposal, run and filled in): the
    new pending rows take other ids, and the tables read together are accepted."""
    import shutil

    tables = tmp_path / "experiments"
    shutil.copytree(EXPERIMENTS, tables)
    earlier = (tables / "lepack2015.yaml").read_text()
    (tables / "lepack2015.yaml").write_text(
        earlier.replace("id: L1\n", "id: P1\n", 1).replace("id: L2\n", "id: P2\n", 1)
    )
    out = tables / "proposed.yaml"
    args = ["design", "parallel", "serial_loop", "--top", "3", "--write", str(out)]
    result = runner.invoke(
        app, [*args, "--hypotheses", str(HYPOTHESES), "--experiments", str(tables)]
    )
    assert result.exit_code == 0, result.stderr
    assert "id: P3" in out.read_text() and "id: P1" not in out.read_text()
    checked = runner.invoke(
        app, ["validate", "--hypotheses", str(HYPOTHESES), "--experiments", str(tables)]
    )
    assert checked.exit_code == 0, checked.stdout


def test_a_catalogue_item_that_can_tell_nothing_is_said(write: Writer) -> None:
    """An item whose selector no member of any compared hypothesis has (a misspelling,
    or a cell type none places it in) is warned of at its line, as a table's would be."""
    catalogue = write(
        "catalogue.yaml",
        """
        measures: {in_vivo: [behaviour, behavour]}
        items:
          - {id: typo, label: t, off: TRKB@PVV, kind: knockdown, settings: [in_vivo],
             cost: 1, proposed: t}
          - {id: real, label: t, off: TRKB@PV, kind: knockdown, settings: [in_vivo],
             cost: 1, proposed: t}
        """,
    )
    with pytest.warns(api.PathcheckWarning) as said:
        api.design(["serial_loop"], catalogue=catalogue)
    messages = [str(w.message) for w in said]
    assert (
        f"{catalogue}:3:5: warning: catalogue item 'typo': 'TRKB@PVV' matches a node" in messages[0]
    )
    assert "no cell type 'PVV' here (did you mean 'PV'?)" in messages[0]
    assert "measures 'behavour' in in_vivo, which no hypothesis has" in messages[1]
    assert len(messages) == 2


def test_an_item_for_a_hypothesis_not_compared_is_no_misspelling() -> None:
    """The bundled catalogue serves every bundled hypothesis: rapamycin blocks the mTORC1
    node only shared_pathway has, and design parallel serial says nothing of it."""
    import warnings

    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        api.design(["parallel", "serial"], top=1)
    assert not [str(w.message) for w in said if "can tell them nothing" in str(w.message)]


def test_what_design_wrote_as_pending_is_not_proposed_again(tmp_path: Path) -> None:
    """design --write, then design again with the pending rows among the tables: each
    experiment written, on the read-out it would measure, is listed as in the tables
    (pending), not ranked again; on another read-out it is ranked, and says it is
    pending."""
    import shutil

    tables = tmp_path / "experiments"
    shutil.copytree(EXPERIMENTS, tables)
    args = ["design", "parallel", "serial_loop", "--top", "2", "--hypotheses", str(HYPOTHESES)]
    written = tables / "proposed.yaml"
    first = runner.invoke(app, [*args, "--experiments", str(tables), "--write", str(written)])
    assert first.exit_code == 0, first.stderr
    before = api.design(["parallel", "serial_loop"], top=2, folder=HYPOTHESES)
    again = api.design(["parallel", "serial_loop"], top=2, folder=HYPOTHESES, experiments=[tables])
    proposed = {(s.candidate.label, s.readout) for s in before.suggestions}
    assert not proposed & {(s.candidate.label, s.readout) for s in again.suggestions}
    assert proposed <= {(s.candidate.label, s.readout) for s in again.done}
    assert all(
        any(o.endswith("=pending") for _, o in s.record)
        for s in again.suggestions
        if s.candidate.label in {label for label, _ in proposed}
    )
