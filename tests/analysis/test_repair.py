"""repair: the search finds exactly the minimal repairs that scoring every edit set by brute
force finds, on random small hypotheses; and on the bundled serial, the repairs the
commentary's closed loop is made of."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.logic.boolalg import Boolean

from pathcheck import api
from pathcheck.analysis.edits import EditSpace, Variant, edit_space
from pathcheck.analysis.repair import repair
from pathcheck.analysis.score import Verdict
from pathcheck.analysis.variants import Scorer, Target, targets
from pathcheck.formats.experiments import load_experiment_file
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.logic.edits import single_edits
from pathcheck.model import (
    ExperimentFile,
    Hypothesis,
    members,
    readings,
)
from tests.oracle import cases, oracle_verdicts
from tests.repository import FROZEN_EXPERIMENTS, FROZEN_HYPOTHESES, Writer
from tests.samples import FAMILY

# serial's repairs as bundled before issue 17 declared its readings as choices
EXPERIMENTS, HYPOTHESES = FROZEN_EXPERIMENTS, FROZEN_HYPOTHESES


def brute_force(space: EditSpace, table: ExperimentFile) -> tuple[int, set[Variant], int]:
    """Every edit sequence of up to the bound, each variant it reaches scored by the oracle;
    the most observations matched, the variants matching that many with none on a
    shortest sequence to them matching as many (none when the written one is best), and
    the written hypothesis's score."""
    written = tuple(s.written for s in space.sites)
    before: dict[tuple[Boolean, ...], set[tuple[Boolean, ...]]] = {written: set()}
    level = [written]
    for _ in range(space.max_edits):
        found: dict[tuple[Boolean, ...], set[tuple[Boolean, ...]]] = {}
        for rules_now in level:
            for i, site in enumerate(space.sites):
                for edit in single_edits(rules_now[i], site.pool, space.signs):
                    reached = (*rules_now[:i], edit.rule, *rules_now[i + 1 :])
                    if reached not in before:
                        found.setdefault(reached, set()).add(rules_now)
        for reached, parents in found.items():
            before[reached] = set(parents).union(*(before[p] for p in parents))
        level = list(found)

    def as_variant(rules_now: tuple[Boolean, ...]) -> Variant:
        return tuple((i, r) for i, r in enumerate(rules_now) if r != space.sites[i].written)

    score = {
        v: sum(
            found is Verdict.MATCH
            for i in range(len(space.members))
            for found in oracle_verdicts(space.member(as_variant(v), i), table)
        )
        for v in before
    }
    best = max(score.values())
    if best == score[written]:
        return best, set(), score[written]
    minimal = {
        as_variant(v)
        for v, s in score.items()
        if s == best and not any(score[w] >= best for w in before[v] if w != written)
    }
    return best, minimal, score[written]


@pytest.mark.parametrize("edits", [1, pytest.param(2, marks=pytest.mark.slow)])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), signs=st.booleans())
def test_every_variant_is_scored_as_brute_force_scores_it(
    edits: int, case: tuple[Hypothesis, ExperimentFile], signs: bool
) -> None:
    """The scorer takes a verdict from a variant one edit closer wherever the edit
    between them reaches nothing in the observation's cone, and predicts the rest: every
    variant within the bound, scored so, gets the verdicts of the brute-force semantics."""
    hypothesis, table = case
    space = edit_space(hypothesis, [hypothesis], max_edits=edits, signs=signs)
    assert isinstance(space, EditSpace)
    scorer = Scorer(space, targets([hypothesis], [((), [table])]), 5000)
    for k in range(1, edits + 1):
        for variant in space.variants(k):
            scored = scorer.score(variant)
            assert scored is not None
            assert list(scored.verdicts) == oracle_verdicts(space.member(variant, 0), table)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.booleans())
def test_repair_finds_every_minimal_repair_brute_force_finds(
    case: tuple[Hypothesis, ExperimentFile], signs: bool
) -> None:
    """One edit: every case (two edits: the slow test below)."""
    max_edits = 1
    hypothesis, table = case
    space = edit_space(hypothesis, [hypothesis], max_edits=max_edits, signs=signs)
    assert isinstance(space, EditSpace)
    chosen: Sequence[Target] = targets([hypothesis], [((), [table])])
    found = repair(space, chosen, {(): [table]}, max_states=5000)
    best, minimal, written = brute_force(space, table)
    assert found.written == written
    assert {r.variant for r in found.repairs} == minimal
    assert all(r.matched == best for r in found.repairs)
    assert found.fits == (bool(minimal) and best == found.checks)


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.booleans())
def test_repair_within_two_edits_holds_to_brute_force(
    case: tuple[Hypothesis, ExperimentFile], signs: bool
) -> None:
    hypothesis, table = case
    space = edit_space(hypothesis, [hypothesis], max_edits=2, signs=signs)
    assert isinstance(space, EditSpace)
    found = repair(space, targets([hypothesis], [((), [table])]), {(): [table]}, max_states=5000)
    _, minimal, _ = brute_force(space, table)
    assert {r.variant for r in found.repairs} == minimal


FAMILY_TABLE = """
    source: {citation: "Test 2025"}
    experiments:
      - {id: E1, label: t, setting: in_vivo, on: [drug], observed: {r: false}, source: t}
      - {id: E2, label: t, setting: in_vivo, on: [drug], off: [R@a], observed: {r: true}, source: t}
      - {id: E3, label: t, setting: in_vivo, observed: {r: true}, source: t}
"""


@pytest.mark.slow
def test_a_family_is_repaired_in_every_member_as_brute_force_repairs_it(write: Writer) -> None:
    """An edit of a rule written in an option changes the members taking it; a repair
    must make every member fit. Here no repair within two edits fits all four, and the
    best the search reports are the best brute force finds."""
    family = load_hypothesis(write("fam.yaml", FAMILY))
    table = load_experiment_file(write("t.yaml", FAMILY_TABLE))
    chosen = list(members(family))
    space = edit_space(family, chosen, max_edits=2)
    assert isinstance(space, EditSpace)
    found = repair(space, targets(chosen, [((), [table])]), {(): [table]}, max_states=5000)
    best, minimal, written = brute_force(space, table)
    assert (found.written, found.checks) == (written, 12)
    assert {r.variant for r in found.repairs} == minimal and minimal
    assert all(r.matched == best for r in found.repairs)
    assert not found.fits and best < 12


def test_serial_with_vegf_from_pyramidal_neurons_is_repaired_by_the_commentarys_loop() -> None:
    """serial[vegf_source=pyramidal] fails D6, D8 and D10: a chain is bypassed by a
    factor infused downstream of a blockade, and cannot let VEGF release BDNF. Its
    repairs within two edits include P7's closed loop (FLK1 releases BDNF, and the
    response needs TRKB on PV cells), and every one fixes those three and breaks none."""
    hypothesis = api.load_hypothesis("serial[vegf_source=pyramidal]", folder=HYPOTHESES)
    tables = api.load_experiments([EXPERIMENTS])
    space = edit_space(hypothesis, [hypothesis], max_edits=2)
    assert isinstance(space, EditSpace)
    data = [(a, t) for a, t in readings(tables)][:1]
    found = repair(space, targets([hypothesis], data), dict(data), max_states=5000)
    assert found.fits and found.written == 26 and found.checks == 29
    loop = (
        "BDNF@pyramidal: LTCC@pyramidal → FLK1@pyramidal | LTCC@pyramidal",
        "plasticity@pyramidal: FLK1@pyramidal → FLK1@pyramidal & TRKB@PV",
    )
    assert loop in [r.changes for r in found.repairs]
    for found_repair in found.repairs:
        assert found_repair.edits == 2 and not found_repair.broken
        assert sorted(e for _, e, _ in found_repair.fixed) == ["D10", "D6", "D8"]


@pytest.mark.slow
def test_no_two_edits_make_every_member_of_serial_fit() -> None:
    """With PV cells the only source of VEGF, deleting VEGF in excitatory neurons (K2)
    cannot touch serial: no two edits make all four members fit. The best fix D6, D8
    and D10 in every member, and so make the pyramidal and both_required members fit."""
    hypothesis = api.load_hypothesis("serial", folder=HYPOTHESES)
    tables = api.load_experiments([EXPERIMENTS])
    chosen = list(members(hypothesis))
    space = edit_space(hypothesis, chosen, max_edits=2)
    assert isinstance(space, EditSpace)
    data = [(a, t) for a, t in readings(tables)][:1]
    found = repair(space, targets(chosen, data), dict(data), max_states=5000)
    assert not found.fits and found.repairs
    for best in found.repairs:
        assert best.matched == found.written + 12 and not best.broken
        assert set(best.fitting) == {
            "serial[vegf_source=pyramidal]",
            "serial[vegf_source=both_required]",
        }
