"""What the bundled hypotheses say about the bundled record, as the domain text reasons it.

These are the commentary's and the domain record's own arguments, checked: not verdicts
chosen to make a model look good. If a change to a model or a table breaks one, the
change has altered the science and must say so.
"""

from __future__ import annotations

from functools import cache

from conftest import EXPERIMENTS, HYPOTHESES
from pathcheck.loading.discovery import load_hypotheses
from pathcheck.loading.experiments import load_experiment_files
from pathcheck.score import Comparison, Verdict, compare


@cache
def comparison() -> Comparison:
    hypotheses = load_hypotheses([], HYPOTHESES)
    return compare(hypotheses, load_experiment_files(sorted(EXPERIMENTS.glob("*.yaml"))))


def verdicts(name: str) -> dict[tuple[str, str], Verdict]:
    result = comparison()
    column = [h.name for h in result.hypotheses].index(name)
    return {(r.experiment.id, r.observation.readout): r.cells[column].verdict for r in result.rows}


def mismatches(name: str, prefix: str = "") -> set[str]:
    return {
        e for (e, _), v in verdicts(name).items() if v is Verdict.MISMATCH and e.startswith(prefix)
    }


def test_a_literal_chain_is_bypassed_by_a_factor_infused_downstream() -> None:
    # domain record: "Read literally, a linear chain does not do that: a factor infused
    # downstream of a blockade bypasses it." D6: VEGF with anti-BDNF; D10: VEGF, TRKB blocked.
    assert {"D6", "D10"} <= mismatches("serial")


def test_the_closed_loop_explains_every_blockade_of_the_2019_paper() -> None:
    # domain record: "The claim holds for a closed loop ... and the pyramidal response
    # needs the whole loop."
    assert mismatches("serial_loop", "D") == set()


def test_where_vegf_is_released_separates_loop_from_parallel() -> None:
    # K2 deletes VEGF in excitatory neurons: a model releasing VEGF from PV cells is not
    # touched by it; the paper's autocrine model is.
    assert "K2" in mismatches("serial_loop")
    assert "K2" not in mismatches("parallel")


def test_the_shared_pathway_alternative_fails_the_mutual_blockades() -> None:
    # commentary P6: "If the signaling pathways are shared, why is the activation of both
    # receptors required?" -- with either receptor sufficient, the blockades fail.
    assert {"D2", "D4", "D6", "D9", "D10"} <= mismatches("shared_pathway")


def test_vehicle_rows_predict_no_effect_everywhere() -> None:
    for hypothesis in comparison().hypotheses:
        table = verdicts(hypothesis.name)
        assert table[("D12-in-vivo", "behaviour")] is Verdict.MATCH, hypothesis.name


def test_parallel_fits_the_whole_record() -> None:
    assert mismatches("parallel") == set()


def test_no_bundled_file_points_outside_the_repository() -> None:
    """Users get the repository: a citation must name a publication, not a path beside it."""
    from conftest import ROOT

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
