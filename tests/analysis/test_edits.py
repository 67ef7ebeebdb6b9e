"""The edit space: which rules may be rewritten, which regulators added there, how many
variants lie within a bound, and what a variant's members are."""

from __future__ import annotations

from pathlib import Path

import pytest
from sympy import Symbol
from sympy.logic.boolalg import Not

from pathcheck import api
from pathcheck.analysis.edits import EditSpace, Site, SpaceTooLarge, edit_space
from pathcheck.base.problems import InputError
from pathcheck.formats.sif import read_network
from pathcheck.logic.edits import single_edits
from pathcheck.logic.rules import parse_rule
from pathcheck.model import members
from tests.repository import FROZEN_HYPOTHESES, HYPOTHESES, Writer
from tests.samples import FAMILY


def rule(text: str) -> object:
    return parse_rule(text).expr


def edits(text: str, *added: str, signs: bool = False) -> list[str]:
    literals = [Not(Symbol(a[1:])) if a.startswith("~") else Symbol(a) for a in added]
    return sorted(str(e.rule) for e in single_edits(parse_rule(text).expr, literals, signs))


def test_one_edit_of_a_rule_is_each_removal_flip_negation_and_addition() -> None:
    assert edits("a & b") == ["a", "a | b", "b"]
    assert edits("a", "x") == ["False", "a & x", "a | x"]
    assert edits("a", signs=True) == ["False", "~a"]
    # a regulator joins each gate of the rule, or the whole of it
    assert edits("(a & b) | c", "x") == sorted(
        [
            "a & b",
            "b | c",
            "a | c",
            "a & b & c",
            "a | b | c",
            "c | x | (a & b)",
            "c | (a & b & x)",
            "x & (c | (a & b))",
        ]
    )
    # a regulator the rule reads already is not added again; a no-op is no edit
    assert edits("a | x", "x") == ["a", "a & x", "x"]
    assert edits("0", "x") == ["x"]


def test_sites_are_the_rules_as_written_in_the_file_and_its_options(write: Writer) -> None:
    family = api.load_hypothesis(write("fam.yaml", FAMILY))
    found = edit_space(family, list(members(family)), max_edits=1)
    assert isinstance(found, EditSpace)
    sites = {s.site: s.users for s in found.sites}
    # the gate family `out` is a declared choice, and `drug` an input: neither is a site;
    # option b writes L@b again, so the members taking it read L@b's rule there
    assert sites == {
        Site("L@b"): frozenset({0, 1}),
        Site("L@b", ("source_cell", "b")): frozenset({2, 3}),
        Site("L@a", ("source_cell", "a")): frozenset({0, 1}),
        Site("R@a", ("source_cell", "a")): frozenset({0, 1}),
        Site("R@a", ("source_cell", "b")): frozenset({2, 3}),
    }


def bundled(name: str, **options: object) -> EditSpace:
    """The edit space of a hypothesis as bundled before issue 17 declared trkb_pyramidal:
    serial_loop then had no TRKB in pyramidal neurons, the node an edit places anew."""
    hypothesis = api.load_hypothesis(name, folder=FROZEN_HYPOTHESES)
    found = edit_space(hypothesis, [hypothesis], max_edits=1, **options)  # type: ignore[arg-type]
    assert isinstance(found, EditSpace)
    return found


def test_regulators_added_by_default_come_from_the_same_or_a_linked_cell_type() -> None:
    space = bundled("serial_loop")
    pools = {s.site.node: {str(p) for p in s.pool} for s in space.sites}
    # glutamate (no cell type) is linked to pyramidal neurons, not to PV cells
    assert "glutamate" in pools["AMPAR@pyramidal"] and "glutamate" not in pools["TRKB@PV"]
    assert "BDNF@pyramidal" in pools["VEGF@PV"]
    # TRKB is placed anew in pyramidal neurons, its rule as TRKB@PV's, read there only
    assert space.placements["TRKB@pyramidal"].source == "TRKB@PV"
    assert "TRKB@pyramidal" in pools["plasticity@pyramidal"]
    assert "TRKB@pyramidal" not in pools["VEGF@PV"]
    # no regulator enters negated unless signs may change
    assert not any(p.startswith("~") for pool in pools.values() for p in pool)
    signed = bundled("serial_loop", signs=True)
    assert "~glutamate" in {str(p) for s in signed.sites for p in s.pool}


def test_a_declared_edge_gives_an_added_regulator_its_sign() -> None:
    space = bundled("serial_disinhibition")
    pools = {s.site.node: {str(p) for p in s.pool} for s in space.sites}
    # TRKB@PV -| PV_activity@PV is declared: TRKB@PV would enter negated there alone
    assert "~TRKB@PV" in pools["PV_activity@PV"] and "TRKB@PV" not in pools["PV_activity@PV"]
    assert "TRKB@PV" in pools["plasticity@pyramidal"]


def test_a_variant_has_the_placed_nodes_it_reads_and_counts_the_regulations_it_drops() -> None:
    space = bundled("serial_loop")
    plasticity = next(i for i, s in enumerate(space.sites) if s.site.node == "plasticity@pyramidal")
    added = rule("FLK1@pyramidal & TRKB@PV & TRKB@pyramidal")
    variant = ((plasticity, added),)
    assert space.edits(variant) == 1 and space.lost(variant) == 0
    member = space.member(variant, 0)
    assert member.rules["TRKB@pyramidal"] == rule("BDNF@pyramidal")
    assert space.describe(variant) == [
        "plasticity@pyramidal: FLK1@pyramidal & TRKB@PV → FLK1@pyramidal & TRKB@PV & "
        "TRKB@pyramidal",
        "+ TRKB@pyramidal: BDNF@pyramidal (new, its rule as TRKB@PV's)",
    ]
    dropped = ((plasticity, rule("FLK1@pyramidal")),)
    assert space.lost(dropped) == 1 and "TRKB@pyramidal" not in space.member(dropped, 0).rules


def test_the_size_of_the_space_is_the_count_of_its_variants() -> None:
    hypothesis = api.load_hypothesis("parallel", folder=HYPOTHESES)
    space = edit_space(hypothesis, [hypothesis], max_edits=2)
    assert isinstance(space, EditSpace)
    listed = [v for k in (1, 2) for v in space.variants(k)]
    assert len(listed) == len(set(listed)) == space.size()
    assert space.single() == sum(1 for _ in space.variants(1))
    refused = edit_space(hypothesis, [hypothesis], max_edits=2, bound=1000)
    assert isinstance(refused, SpaceTooLarge) and refused.variants > 1000


def test_a_candidate_network_bounds_the_regulators_added(write: Writer) -> None:
    listed = write(
        "pkn.txt",
        """
        # what may regulate what
        TRKB@pyramidal -> plasticity@pyramidal
        LTCC@pyramidal -| VEGF@PV
        """,
    )
    space = bundled("serial_loop", candidates=read_network(listed))
    pools = {s.site.node: [str(p) for p in s.pool] for s in space.sites}
    assert pools["plasticity@pyramidal"] == ["TRKB@pyramidal"]
    assert pools["VEGF@PV"] == ["~LTCC@pyramidal"]
    assert sum(len(p) for p in pools.values()) == 2
    assert space.candidates == str(listed)


def test_a_candidate_naming_nothing_editable_is_refused_at_its_line(write: Writer) -> None:
    listed = write(
        "pkn.sif",
        """
        BDNF@pyramidal 1 TRKB@PV
        TRKB@PB 1 plasticity@pyramidal
        BDNF@pyramidal 1 ketamine
        """,
    )
    with pytest.raises(InputError) as raised:
        bundled("serial_loop", candidates=read_network(listed))
    messages = [str(p) for p in raised.value.problems]
    assert messages[0].startswith(f"{listed}:2:1: 'TRKB@PB' is no node of serial_loop")
    assert "did you mean 'TRKB@PV'" in messages[0]
    assert messages[1] == f"{listed}:3:1: 'ketamine' is an input, whose rule is not edited"


def test_a_rule_named_that_no_edit_may_rewrite_is_refused() -> None:
    hypothesis = api.load_hypothesis("parallel", folder=HYPOTHESES)
    with pytest.raises(InputError, match="'ketamine' has no rule that an edit may rewrite"):
        edit_space(hypothesis, [hypothesis], max_edits=1, nodes=["ketamine"])
    only = edit_space(hypothesis, [hypothesis], max_edits=1, nodes=["VEGF@pyramidal"])
    assert isinstance(only, EditSpace) and [s.site.node for s in only.sites] == ["VEGF@pyramidal"]


def test_edges_read_from_arrow_lines_and_from_sif_alike(tmp_path: Path) -> None:
    arrows = tmp_path / "net.txt"
    arrows.write_text("A -> B\nB -| C  # a comment\n", encoding="utf-8")
    sif = tmp_path / "net.sif"
    sif.write_text("A 1 B\nB -1 C\n", encoding="utf-8")
    assert [e[:3] for e in read_network(arrows).edges] == [e[:3] for e in read_network(sif).edges]
    arrows.write_text("A => B\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"net.txt:1:1: 'A => B' is not an edge"):
        read_network(arrows)
