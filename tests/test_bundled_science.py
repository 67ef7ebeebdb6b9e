"""What the bundled hypotheses say about the bundled record, as the domain text reasons it.

These are the commentary's and the domain record's own arguments, checked: not verdicts
chosen to make a model look good. If a change to a model or a table breaks one, the
change has altered the science and must say so.
"""

from __future__ import annotations

from functools import cache

from pathcheck.analysis.readings import compare_readings
from pathcheck.analysis.score import Comparison, Robustness, Verdict, compare
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.project.discovery import load_hypotheses
from tests.repository import EXPERIMENTS, HYPOTHESES, TABLE_FILES


@cache
def comparison() -> Comparison:
    hypotheses = load_hypotheses([], HYPOTHESES)
    tables = load_experiment_files(TABLE_FILES)
    return compare_readings(hypotheses, tables)


def verdicts(name: str) -> dict[tuple[str, str], Verdict]:
    """In the default readings."""
    result = comparison()
    column = [h.name for h in result.hypotheses].index(name)
    return {(r.experiment.id, r.observation.readout): r.cells[column].verdict for r in result.rows}


def robustness(name: str) -> dict[str, Robustness]:
    result = comparison()
    column = [h.name for h in result.hypotheses].index(name)
    return {r.experiment.id: x[column] for r, x in zip(result.rows, result.robustness, strict=True)}


def mismatches(name: str, prefix: str = "") -> set[str]:
    return {
        e for (e, _), v in verdicts(name).items() if v is Verdict.MISMATCH and e.startswith(prefix)
    }


def member_mismatches(name: str) -> set[str]:
    """A member's mismatches in the default reading of the data."""
    tables = load_experiment_files(TABLE_FILES)
    (hypothesis,) = load_hypotheses([name], HYPOTHESES)
    result = compare([hypothesis], tables)
    return {r.experiment.id for r in result.rows if r.cells[0].verdict is Verdict.MISMATCH}


def verdicts_by_reading(name: str, row: str) -> list[tuple[dict[str, str], Verdict]]:
    """A row's verdict for a hypothesis in each of its readings, with the reading's options
    (the member's and the data's)."""
    result = comparison()
    column = [h.name for h in result.hypotheses].index(name)
    index = [r.experiment.id for r in result.rows].index(row)
    family = result.readings[column]
    verdicts = result.robustness[index][column].verdicts
    return [(dict(r.assignment), v) for r, v in zip(family.readings, verdicts, strict=True)]


def test_a_literal_chain_is_bypassed_by_a_factor_infused_downstream() -> None:
    # domain record: "Read literally, a linear chain does not do that: a factor infused
    # downstream of a blockade bypasses it." D6: VEGF with anti-BDNF; D10: VEGF, TRKB
    # blocked. Where VEGF comes from does not matter to that, in any reading of the chain
    # as drawn (no TRKB that pyramidal neurons need); with one, the arrangement is no
    # longer a chain and the bypass closes. D8 (VEGF releases BDNF) no chain explains.
    for row in ("D6", "D10"):
        for options, found in verdicts_by_reading("serial", row):
            expected = Verdict.MISMATCH if options["trkb_pyramidal"] == "absent" else Verdict.MATCH
            assert found is expected, (row, options)
    assert robustness("serial")["D8"].robust
    assert robustness("serial")["D8"].verdicts[0] is Verdict.MISMATCH


def test_the_closed_loop_explains_every_blockade_of_the_2019_paper() -> None:
    # domain record: "The claim holds for a closed loop ... and the pyramidal response
    # needs the whole loop." With VEGF from pyramidal neurons (or both sources required)
    # it fits every observation; read as PV cells only, the excitatory deletions miss it.
    assert member_mismatches("serial_loop[vegf_source=pyramidal]") == set()
    assert member_mismatches("serial_loop[vegf_source=both_required]") == set()
    assert member_mismatches("serial_loop[vegf_source=either]") == {"D3", "K2"}
    assert member_mismatches("serial_loop") == {"D3", "K2"}


def test_where_vegf_is_released_is_what_the_deletions_test() -> None:
    # second audit: "The record constrains where VEGF comes from (excitatory neurons), not
    # where TrkB acts." K2 and D3 hinge on the VEGF source (and D3 on what its
    # "neuron-specific" means); the paper's autocrine model fits them in every reading.
    found = robustness("serial_loop")
    assert not found["K2"].robust and found["K2"].hinges_on == ("vegf_source",)
    assert not found["D3"].robust and found["D3"].hinges_on == ("vegf_source", "D3.off")
    assert found["K2"].by_option[:2] == (
        ("vegf_source", "PV", Verdict.MISMATCH),
        ("vegf_source", "pyramidal", Verdict.MATCH),
    )
    parallel = robustness("parallel")
    assert parallel["K2"].robust and parallel["D3"].robust
    assert mismatches("parallel") == set()


def test_no_row_tells_where_trkb_acts() -> None:
    # second audit: "No row tells TRKB@PV from TRKB@pyramidal: parallel and
    # serial_loop[pyramidal] both fit" every observation: with or without a TRKB that
    # pyramidal neurons need, in the default reading of the data.
    for options in ("absent", "present"):
        name = (
            f"serial_loop[vegf_source=pyramidal,trkb_pyramidal={options},"
            "ketamine_trigger=pyramidal_AMPA]"
        )
        assert member_mismatches(name) == set(), name


def test_the_shared_pathway_alternative_fails_the_mutual_blockades() -> None:
    # commentary P6: "If the signaling pathways are shared, why is the activation of both
    # receptors required?" -- with either receptor sufficient, the blockades fail.
    assert {"D2", "D4", "D6", "D9", "D10"} <= mismatches("shared_pathway")


def test_vehicle_rows_predict_no_effect_everywhere() -> None:
    for hypothesis in comparison().hypotheses:
        table = verdicts(hypothesis.name)
        assert table[("D12-in-vivo", "behaviour")] is Verdict.MATCH, hypothesis.name


def test_parallel_fits_the_whole_record_unless_ketamine_needs_interneurons_cultures_lack() -> None:
    # parallel fits every observation in every reading but one combination: ketamine
    # acting through NMDA receptors on interneurons, in cultures that have none, cannot
    # release BDNF there (L4-ketamine).
    (family,) = [r for r in comparison().readings if r.hypothesis.name == "parallel"]
    for reading in family.readings:
        options = dict(reading.assignment)
        lacking = options["ketamine_trigger"] == "interneuron_NMDA" and (
            options["culture_pv"] == "absent"
        )
        assert reading.fits != lacking, reading.name


def test_d3s_two_readings_are_equally_open_and_k6s_default_is_supported() -> None:
    # second audit: "D3's two readings are equally open" (the excitatory wording describes
    # forebrain germline lines, D3 a deletion confined to mPFC); "K6, by contrast, follows a
    # sentence about the excitatory-line mice, so its reading is well supported".
    choices = {c.name: c for c in comparison().data_choices}
    assert choices["D3.off"].open
    assert not choices["neuron"].open and choices["neuron"].default == "excitatory"
    assert comparison().ranges_lead  # a default nobody can defend: the ranges lead


def test_no_bundled_file_points_outside_the_repository() -> None:
    """Users get the repository: a citation must name a publication, not a path beside it."""
    from tests.repository import ROOT

    shipped = [
        *HYPOTHESES.iterdir(),
        *EXPERIMENTS.iterdir(),
        ROOT / "pathcheck.toml",
        ROOT / "README.md",
        *(ROOT / "pathcheck").rglob("*.*"),
    ]
    for path in shipped:
        if path.suffix in (".yaml", ".toml", ".md", ".py", ".json", ".yml"):
            assert "../shared" not in path.read_text(encoding="utf-8"), path


def test_the_culture_rows_hinge_on_what_the_cultures_held_for_serial_loop() -> None:
    # second audit: serial_loop's culture rows all go through TRKB on PV cells; "if they
    # do not [contain working PV interneurons], serial_loop fails D7, D11-BDNF and
    # D11-VEGF in every reading". The sources do not say what the cultures contained.
    found = robustness("serial_loop")
    for row in ("D7", "D11-BDNF", "D11-VEGF"):
        assert "culture_pv" in found[row].hinges_on, row
        for options, verdict in verdicts_by_reading("serial_loop", row):
            assert (verdict is Verdict.MISMATCH) == (options["culture_pv"] == "absent"), row
    parallel = robustness("parallel")
    assert all(parallel[row].robust for row in ("D7", "D11-BDNF", "D11-VEGF"))


def test_a_verdict_that_two_choices_change_only_together_says_so() -> None:
    # L4-ketamine: ketamine acting through NMDA receptors on interneurons cannot release
    # BDNF from cultures without interneurons; neither option changes it alone.
    from pathcheck.render.cells import footnotes

    notes = [n for n in footnotes(comparison()) if n.startswith("◐ L4-ketamine")]
    parallel = next(n for n in notes if ", parallel:" in n)
    assert parallel.endswith(
        "hinges on ketamine_trigger=interneuron_NMDA and culture_pv=absent together (✗)"
    )
