"""Selector precedence: the narrower selector wins for the nodes it names; a tie is an error,
and validate, compare and predict agree on every case."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pathcheck.analysis.outcomes import resolve
from pathcheck.base.problems import Location
from pathcheck.cli import app
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.model import Intervention, Selector, clashes, most_specific
from tests.repository import Writer

runner = CliRunner()

CELLS = """
    name: cells
    title: VEGF in two cell types
    source: a test
    inputs: [drug]
    settings: {in_vivo: {}}
    nodes:
      VEGF@pyramidal: drug
      VEGF@PV: drug
      both: VEGF@pyramidal & VEGF@PV
    readouts: {r: both, pyr: VEGF@pyramidal, pv: VEGF@PV}
"""


def table(on: list[str], off: list[str], groups: str = "") -> str:
    return f"""
    source: {{citation: "Test 2025"}}
    {groups}
    experiments:
      - id: E1
        label: t
        setting: in_vivo
        on: {on}
        off: {off}
        observed: {{r: false}}
        source: t
    """.replace("'", "")


def test_vegf_infused_into_mice_lacking_vegf_in_pv_cells(write: Writer) -> None:
    hypothesis = load_hypothesis(write("hyps/cells.yaml", CELLS))
    (loaded,) = load_experiment_files([write("e.yaml", table(["VEGF"], ["VEGF@PV"]))])
    clamps = resolve(hypothesis, loaded.experiments[0].interventions)
    assert clamps.values == {"VEGF@pyramidal": True, "VEGF@PV": False}
    folder = str(Path(hypothesis.file).parent)
    for command in ("validate", "compare"):
        result = runner.invoke(app, [command, "--hypotheses", folder, "--experiments", loaded.file])
        assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("on", "off", "groups", "message"),
    [
        (["VEGF@g"], ["VEGF@PV"], "cell_groups: {g: [PV]}", "name the same nodes"),
        (
            ["VEGF@a"],
            ["VEGF@b"],
            "cell_groups: {a: [PV, pyramidal], b: [PV, SST]}",
            "both name VEGF@PV, and neither is narrower",
        ),
        (["VEGF@PV"], ["VEGF@PV"], "", "name the same nodes"),
    ],
)
def test_a_tie_is_refused_the_same_way_by_validate_and_compare(
    write: Writer, on: list[str], off: list[str], groups: str, message: str
) -> None:
    write("hyps/cells.yaml", CELLS)
    path = write("e.yaml", table(on, off, groups))
    outputs = []
    for command in ("validate", "compare", "check"):
        result = runner.invoke(
            app, [command, "--hypotheses", str(path.parent / "hyps"), "--experiments", str(path)]
        )
        assert result.exit_code == 2, (command, result.stdout + result.stderr)
        outputs.append(result.stdout + result.stderr)
    assert all(f"{path}:8:11: " in out and message in out for out in outputs), outputs


def test_predict_follows_the_same_precedence(write: Writer) -> None:
    path = write("cells.yaml", CELLS)
    result = runner.invoke(
        app, ["predict", str(path), "--on", "VEGF", "--off", "VEGF@PV", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert '"VEGF@PV": 0' in result.stdout and '"VEGF@pyramidal": 1' in result.stdout
    result = runner.invoke(app, ["predict", str(path), "--on", "VEGF@PV", "--off", "VEGF@PV"])
    assert result.exit_code == 2
    assert "command line: 'VEGF@PV' (off) and 'VEGF@PV' (on) name the same nodes" in result.stderr


# --- the definition, checked by brute force -------------------------------------------

# Y stands for every other entity, which only the selectors that name none (@a) reach
NODES = ["X", "X@a", "X@b", "X@c", "Y", "Y@a", "Y@b", "Y@c"]
SELECTORS = [
    Selector("X", "X", None),
    Selector("X@a", "X", frozenset({"a"})),
    Selector("X@b", "X", frozenset({"b"})),
    Selector("X@ab", "X", frozenset({"a", "b"})),
    Selector("X@bc", "X", frozenset({"b", "c"})),
    Selector("@a", "", frozenset({"a"})),
    Selector("@ab", "", frozenset({"a", "b"})),
    Selector("@bc", "", frozenset({"b", "c"})),
]


def narrower(j: Selector, i: Selector) -> bool:
    """The definition: a selector that names an entity is narrower than one that names
    none; among selectors alike in that, the one naming strictly fewer cell types."""
    if bool(j.base) != bool(i.base):
        return bool(j.base)
    return j.cells is not None and (i.cells is None or j.cells < i.cells)


HERE = Location("t")


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(SELECTORS), st.booleans()), max_size=5))
def test_precedence_is_well_defined_exactly_when_nothing_clashes(
    chosen: list[tuple[Selector, bool]],
) -> None:
    interventions = [Intervention(s, v, HERE) for s, v in chosen]
    ambiguous = False
    for node in NODES:
        matching = [i for i in interventions if i.selector.matches(node)]
        # brute force: the minimal elements under strict inclusion of cell sets
        minimal = [
            i for i in matching if not any(narrower(j.selector, i.selector) for j in matching)
        ]
        assert minimal == most_specific(interventions, node)
        ambiguous |= len({i.value for i in minimal}) > 1
    # a clash is reported exactly when some node could be set both ways (the node X
    # stands for every cell type that no selector names, Y for every other entity)
    assert bool(clashes(interventions)) == ambiguous


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(["X", "X@a", "X@b", "X@ab", "X@bc"]), max_size=3),
    st.lists(st.sampled_from(["X", "X@a", "X@b", "X@ab", "X@bc"]), max_size=3),
)
def test_validate_and_compare_accept_and_refuse_the_same_selectors(
    tmp_path: Path, on: list[str], off: list[str]
) -> None:
    folder = tmp_path / "hyps"
    folder.mkdir(exist_ok=True)
    (folder / "x.yaml").write_text(
        "name: x\ntitle: t\nsource: s\ninputs: [drug]\nsettings: {in_vivo: {}}\n"
        "nodes: {X@a: drug, X@b: drug, X@c: drug, R: X@a & X@b & X@c}\nreadouts: {r: R}\n"
    )
    groups = "cell_groups: {ab: [a, b], bc: [b, c]}"
    path = tmp_path / "e.yaml"
    path.write_text(table(on, off, groups).replace("\n    ", "\n"))
    codes = set()
    for command in ("validate", "compare"):
        result = runner.invoke(
            app, [command, "--hypotheses", str(folder), "--experiments", str(path)]
        )
        assert "Traceback" not in result.stdout + result.stderr
        codes.add(result.exit_code)
    assert len(codes) == 1, (on, off, codes)


def test_a_preparation_that_lacks_a_cell_type_holds_its_nodes_off_in_its_setting(
    write: Writer,
) -> None:
    """In the reading where the cultures lack PV cells, every PV node of every culture row
    is held at 0, but a factor the row applies is applied; rows of other settings, and
    every row in the other reading, are left alone."""
    from pathcheck.model import readings

    path = write(
        "e.yaml",
        """
        source: {citation: "Test 2025"}
        preparations:
          pv:
            setting: culture
            lacks:
              readings: {functional: [], absent: ["@PV"]}
              default: functional
              reason: the source does not say what the cultures held
        experiments:
          - {id: C1, label: t, setting: culture, on: [VEGF], observed: {r: true}, source: t}
          - {id: V1, label: t, setting: in_vivo, on: [drug], observed: {r: true}, source: t}
        """,
    )
    hypothesis = load_hypothesis(
        write(
            "hyps/cells.yaml",
            CELLS.replace("{in_vivo: {}}", "{in_vivo: {}, culture: {}}").replace(
                "      VEGF@PV: drug", "      VEGF@PV: drug\n      TRKB@PV: VEGF@PV"
            ),
        )
    )
    seen = {}
    for assignment, tables in readings(load_experiment_files([path])):
        c1, v1 = tables[0].experiments
        seen[dict(assignment)["pv"]] = (
            dict(resolve(hypothesis, c1.interventions).values),
            dict(resolve(hypothesis, v1.interventions).values),
        )
    on = {"VEGF@pyramidal": True, "VEGF@PV": True}
    assert seen["functional"] == (on, {"drug": True})
    assert seen["absent"] == ({**on, "TRKB@PV": False}, {"drug": True})
