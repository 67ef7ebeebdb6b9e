"""The linter's rules, validate, and what check does with lint findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sympy import Symbol
from typer.testing import CliRunner

from pathcheck.analysis.lint import Corpus, Severity, lint
from pathcheck.analysis.outcomes import Predictor, resolve
from pathcheck.cli import app
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.logic.dependence import Dependence, dependence
from pathcheck.logic.rules import parse_rule
from tests.repository import EXPERIMENTS, HYPOTHESES, TABLE_FILES, Writer

runner = CliRunner()

HYPOTHESIS = """
    name: linted
    title: Declared edges against rules
    source: a test
    inputs: [drug]
    edges:
      - drug -> A
      - A -> B
      - A -| C
      - E -> B
      - A -> G
      - D -| G
    nodes:
      A: drug
      B: ~A
      C: A ^ D
      D: A
      E: drug
      F: A | (D & ~D)
      G: {gate: and}
    readouts:
      effect: G
      loose: F
"""

TABLE = """
    source: {citation: "Test 2025"}
    experiments:
      - id: E1
        label: drug
        setting: in_vivo
        on: [drug]
        off: [Z]
        observed: {efect: true}
        source: t
"""


@pytest.mark.parametrize(
    ("rule", "name", "expected"),
    [
        ("a & b", "a", Dependence.POSITIVE),
        ("~a | b", "a", Dependence.NEGATIVE),
        ("a ^ b", "a", Dependence.BOTH),
        ("b | (a & ~a)", "a", Dependence.NONE),
        ("a", "b", Dependence.NONE),
    ],
)
def test_dependence(rule: str, name: str, expected: Dependence) -> None:
    assert dependence(parse_rule(rule).expr, name) is expected


def test_a_name_sympy_simplified_away_is_still_seen_unused(write: Writer) -> None:
    """``A ^ A ^ B`` is ``B`` once sympy has read it: the rule as written names A, which
    the linter must still report."""
    path = write(
        "x.yaml",
        """
        name: x
        title: a rule that names a regulator twice over
        source: a test
        inputs: [A, B]
        nodes:
          C: A ^ A ^ B
        readouts:
          c: C
        """,
    )
    hypothesis = load_hypothesis(path)
    assert hypothesis.rules["C"].free_symbols == {Symbol("B")}
    found = [str(f) for f in lint(Corpus((hypothesis,), ())) if f.rule == "unused-regulator"]
    assert found == [
        f"{path}:6:3: warning: the rule of C names A but does not depend on it [unused-regulator]"
    ]


def findings(write: Writer) -> list[str]:
    hypothesis = load_hypothesis(write("h.yaml", HYPOTHESIS))
    tables = load_experiment_files([write("e.yaml", TABLE)])
    return [str(f) for f in lint(Corpus((hypothesis,), tuple(tables)))]


def test_each_rule_finds_its_problem_at_its_place(write: Writer) -> None:
    found = findings(write)
    h, e = str(write("h.yaml", HYPOTHESIS)), str(write("e.yaml", TABLE))
    expected = [
        f"{h}:7:5: error: A -> B is declared positive, but the rule of B depends on A "
        "negatively [edge-sign]",
        f"{h}:8:5: warning: A -| C is declared negative, but the rule of C uses A both ways "
        "[edge-sign]",
        f"{h}:9:5: warning: E -> B is declared, but the rule of B does not depend on E "
        "[unused-regulator]",
        f"{h}:18:3: warning: the rule of F names D but does not depend on it [unused-regulator]",
        f"{e}:7:11: error: 'Z' in E1 matches a node in no hypothesis [unmatched-selector]",
        f"{e}:8:16: error: no hypothesis has the read-out 'efect' (did you mean 'effect'?) "
        "[unknown-readout]",
    ]
    assert sorted(found) == sorted(expected)


def test_gate_nodes_take_their_rule_from_declared_edges(write: Writer) -> None:
    hypothesis = load_hypothesis(write("h.yaml", HYPOTHESIS))
    table = load_experiment_files([write("e.yaml", TABLE.replace("off: [Z]", "off: [D]"))])[0]
    prediction = Predictor(hypothesis).predict("in_vivo", {"drug": True, "D": False})
    assert prediction.value("G") is True  # A & ~D
    clamps = resolve(hypothesis, table.experiments[0].interventions)
    assert clamps.values == {"drug": True, "D": False}


def test_a_readout_no_intervention_reaches(write: Writer) -> None:
    hypothesis = load_hypothesis(write("h.yaml", HYPOTHESIS.replace("F: A | (D & ~D)", "F: F")))
    tables = load_experiment_files([write("e.yaml", TABLE.replace("off: [Z]", "off: [A]"))])
    found = [str(f) for f in lint(Corpus((hypothesis,), tuple(tables)))]
    assert any(
        "22:3: warning: read-out 'loose' (F) is reached by no intervention of any experiment "
        "[unreachable-readout]" in f
        for f in found
    )


@pytest.mark.parametrize(
    ("edges", "message"),
    [
        ("      - A => B\n", "'A => B' is not an edge: write 'A -> B' or 'A -| B'"),
        ("      - A -> Q\n", "edge names 'Q', which is neither a node nor an input"),
        ("      - A -> B\n      - A -| B\n", "edge A to B is declared twice"),
    ],
)
def test_malformed_edges(write: Writer, edges: str, message: str) -> None:
    text = HYPOTHESIS.replace("      - drug -> A\n", edges)
    from pathcheck.base.problems import InputError

    with pytest.raises(InputError, match=message):
        load_hypothesis(write("h.yaml", text))


def test_gate_without_incoming_edges_or_with_a_bad_gate(write: Writer) -> None:
    from pathcheck.base.problems import InputError

    with pytest.raises(InputError, match="'A' has a gate but no declared incoming edge"):
        load_hypothesis(
            write(
                "h.yaml",
                HYPOTHESIS.replace("A: drug", "A: {gate: or}").replace("      - drug -> A\n", ""),
            )
        )
    with pytest.raises(InputError, match="the gate of 'G' must be 'and' or 'or'"):
        load_hypothesis(write("h.yaml", HYPOTHESIS.replace("{gate: and}", "{gate: xor}")))


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


DATA = ["--hypotheses", str(HYPOTHESES), "--experiments", str(EXPERIMENTS)]
BUNDLED_TABLE = TABLE.replace("drug", "ketamine")  # an input every bundled hypothesis has


def test_validate_the_bundled_data_is_clean() -> None:
    code, out, _ = cli("validate", *DATA)
    assert code == 0
    files = len(list(HYPOTHESES.glob("*.yaml"))) + len(TABLE_FILES)
    assert out.strip().endswith(f"0 errors, 0 warnings in {files} files")


def test_validate_named_files_against_the_bundled_context(write: Writer) -> None:
    table = write("e.yaml", BUNDLED_TABLE)
    code, out, _ = cli("validate", str(table), *DATA)
    assert code == 2
    assert out.splitlines() == [
        f"{table}:7:11: error: 'Z' in E1 matches a node in no hypothesis [unmatched-selector]",
        f"{table}:8:16: error: no hypothesis has the read-out 'efect' [unknown-readout]",
        "2 errors, 0 warnings in 1 file",
    ]


def test_validate_warnings_alone_exit_0_and_other_formats(write: Writer) -> None:
    table = write("e.yaml", BUNDLED_TABLE.replace("        off: [Z]\n", "").replace("efect", "r"))
    loose = """
        name: loose
        title: t
        source: s
        inputs: [ketamine]
        nodes:
          A: ketamine
          F: A | (ketamine & ~ketamine)
        readouts: {r: F}
    """
    lonely = write("h.yaml", loose)
    code, out, _ = cli("validate", str(lonely), "--experiments", str(table))
    assert code == 0
    assert f"{lonely}:7:3: warning: the rule of F names ketamine but does not depend on it" in out
    code, out, _ = cli("validate", str(lonely), "--format", "github", "--experiments", str(table))
    assert out.startswith(
        f"::warning file={lonely},line=7,col=3,title=pathcheck [unused-regulator]::"
    )
    code, out, _ = cli("validate", str(lonely), "--format", "json", "--experiments", str(table))
    payload = json.loads(out)
    assert payload["errors"] == 0 and payload["warnings"] == 1


def test_a_misspelt_readout_is_an_error_of_validate_and_check(write: Writer) -> None:
    table = write("e.yaml", BUNDLED_TABLE.replace("        off: [Z]\n", ""))
    code, out, _ = cli("validate", str(table), *DATA)
    assert code == 2
    assert f"{table}:7:16: error: no hypothesis has the read-out 'efect'" in out
    code, out, err = cli("check", *DATA[:2], "--experiments", str(table))
    assert code == 2 and out == ""
    assert f"{table}:7:16: error: no hypothesis has the read-out 'efect'" in err


def test_validate_reports_loading_errors_of_every_file(write: Writer) -> None:
    bad_yaml = write("a.yaml", "nodes: [\n")
    bad_rule = write("b.yaml", HYPOTHESIS.replace("B: ~A", "B: A &"))
    code, out, _ = cli("validate", str(bad_yaml), str(bad_rule), *DATA)
    assert code == 2
    assert f"{bad_yaml}:2:1: error: YAML syntax" in out
    assert f"{bad_rule}:14:9: error: rule of 'B': expected a name, 0, 1 or '(' at the end" in out
    assert out.splitlines()[-1] == "2 errors, 0 warnings in 2 files"


def test_check_stops_at_a_lint_error(write: Writer, tmp_path: Path) -> None:
    hypotheses = tmp_path / "hyps"
    hypotheses.mkdir()
    (hypotheses / "serial.yaml").write_text((HYPOTHESES / "serial.yaml").read_text())
    table = write("e.yaml", BUNDLED_TABLE)
    code, out, err = cli("check", "--hypotheses", str(hypotheses), "--experiments", str(table))
    assert code == 2 and out == ""
    assert f"{table}:7:11: error: 'Z' in E1 matches a node in no hypothesis" in err


def test_an_inhibition_the_rule_uses_as_activation(write: Writer) -> None:
    text = """
        name: reverse
        title: t
        source: s
        inputs: [x]
        edges: [x -| y]
        nodes: {y: x}
        readouts: {r: y}
    """
    hypothesis = load_hypothesis(write("r.yaml", text))
    (finding,) = [f for f in lint(Corpus((hypothesis,), ())) if f.rule == "edge-sign"]
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "x -| y is declared negative, but the rule of y depends on x positively"
    )


def test_a_setting_no_hypothesis_declares_is_refused_by_validate_compare_and_predict(
    write: Writer,
) -> None:
    table = write(
        "e.yaml",
        BUNDLED_TABLE.replace("        off: [Z]\n", "")
        .replace("efect", "behaviour")
        .replace("in_vivo", "in-vivo"),
    )
    expected = (
        f"{table}:5:14: error: E1: setting 'in-vivo' is not declared by any hypothesis "
        "(they declare culture, in_vivo) (did you mean 'in_vivo'?) [unknown-setting]"
    )
    for command in ("validate", "compare", "check"):
        code, out, err = cli(command, *DATA[:2], "--experiments", str(table))
        assert code == 2 and expected in out + err, (command, out, err)
    code, _, err = cli("predict", "parallel", "--setting", "In_Vivo", *DATA[:2])
    assert code == 2
    assert err.startswith("command line: setting 'In_Vivo' is not declared by")
    assert "(did you mean 'in_vivo'?)" in err


def test_a_hypothesis_that_declares_no_settings_accepts_any(write: Writer) -> None:
    hypothesis = load_hypothesis(
        write("h.yaml", "title: t\nsource: s\ninputs: [x]\nnodes: {y: x}\nreadouts: {r: y}\n")
    )
    assert hypothesis.undeclared_setting("anything") is None
    assert hypothesis.input_values("anything") == {"x": False}
    code, _, _ = cli("predict", str(hypothesis.file), "--setting", "anything")
    assert code == 0


def test_a_cell_group_named_like_a_cell_type_is_refused(write: Writer) -> None:
    table = write(
        "e.yaml",
        """
        source: {citation: "Test 2025"}
        cell_groups:
          PV: [pyramidal]
          neuron: [pyramidal, PVV]
        experiments:
          - {id: E1, label: t, setting: in_vivo, on: [ketamine], off: [VEGF@PV],
             observed: {behaviour: false}, source: t}
        """,
    )
    shadow = (
        f"{table}:3:3: error: cell group 'PV' is named like a cell type of the hypotheses, so "
        "'@PV' would mean pyramidal in this table and that cell type elsewhere: rename the "
        "group [cell-group]"
    )
    member = (
        f"{table}:4:3: warning: cell group 'neuron' lists 'PVV', a cell type no hypothesis "
        "has (did you mean 'PV'?) [cell-group]"
    )
    code, out, _ = cli("validate", str(table), *DATA)
    assert code == 2 and shadow in out and member in out
    for command in ("compare", "check"):
        code, out, err = cli(command, *DATA[:2], "--experiments", str(table))
        assert code == 2 and shadow in err, (command, out, err)


def test_an_unmodelled_factor_is_no_misspelt_selector_unless_a_hypothesis_models_it(
    write: Writer,
) -> None:
    """A specificity control's unrelated factor (Deyama 2022: BDNF's effect is not blocked
    by an IGF-1 antibody) is declared outside the hypotheses: its selector is no error,
    and the dagger says why it changes nothing; a hypothesis that models it is warned of."""
    table = write(
        "t.yaml",
        """
        source: {citation: "T"}
        unmodelled: {IGF1: no hypothesis places IGF-1}
        experiments:
          - {id: S1, label: x, setting: in_vivo, on: [BDNF], off: [IGF1],
             observed: {behaviour: true}, source: t}
        """,
    )
    code, out, _ = cli("validate", str(table), "--hypotheses", str(HYPOTHESES))
    assert code == 0 and "0 errors, 0 warnings" in out, out
    code, out, _ = cli(
        "compare", "parallel", "--experiments", str(table), "--hypotheses", str(HYPOTHESES)
    )
    assert code == 0
    assert "IGF1 is declared outside every hypothesis (an unrelated factor)" in out
    models = write(
        "h/igf.yaml",
        """
        name: igf
        title: t
        source: s
        inputs: [BDNF]
        settings: {in_vivo: {}}
        nodes: {IGF1: BDNF, out: IGF1}
        readouts: {behaviour: out}
        """,
    )
    code, out, _ = cli("validate", str(table), "--hypotheses", str(models.parent))
    assert code == 0
    assert "warning: 'IGF1' is declared unmodelled in" in out and "but igf models it" in out


@pytest.mark.parametrize(
    ("clamps", "error"),
    [
        # every neuron type's deletion, read against a hypothesis with VEGF in pyramidal
        # neurons alone, and no PV cell at all: PV is a cell type the tables name
        ("on: [BDNF], off: [VEGF@pyramidal, VEGF@PV]", None),
        ("on: [BDNF], off: [VEGF@PV]", None),  # BDNF alone, in this hypothesis
        (
            "on: [BDNF], off: [VEGF@pyramidal, VEGF@PVV]",
            "'VEGF@PVV' in S1 matches a node in no hypothesis",
        ),
        ("off: [VEGF@PV]", "'VEGF@PV' in S1 matches a node in no hypothesis"),
    ],
)
def test_a_clamp_a_hypothesis_does_not_place_is_no_error_beside_one_it_does(
    write: Writer, clamps: str, error: str | None
) -> None:
    """A reading of a row that deletes VEGF in every neuron type, beside a table that names
    PV elsewhere, states something about the world: a hypothesis without VEGF in PV cells
    predicts the deletion in pyramidal neurons alone. A misspelt cell type beside it, or
    the same selector as the row's only clamp (scored as though nothing were clamped), is
    refused."""
    hypothesis = write(
        "h/pyr.yaml",
        """
        name: pyr
        title: t
        source: s
        inputs: [BDNF]
        settings: {in_vivo: {}}
        nodes: {VEGF@pyramidal: BDNF, out: VEGF@pyramidal}
        readouts: {behaviour: out}
        """,
    )
    table = write(
        "t.yaml",
        f"""
        source: {{citation: "T"}}
        cell_groups: {{neuron: [pyramidal, PV]}}
        experiments:
          - {{id: S1, label: x, setting: in_vivo, {clamps},
             observed: {{behaviour: false}}, source: t}}
        """,
    )
    data = ["--experiments", str(table), "--hypotheses", str(hypothesis.parent)]
    code, out, err = cli("compare", "pyr", *data, "--format", "json")
    if error is None:
        assert code == 0, err
        verdict = json.loads(out)["hypotheses"]["pyr"]["experiments"]["S1"]["readouts"]
        assert verdict["behaviour"]["predicted"] == ("VEGF@pyramidal" not in clamps)
        assert cli("validate", *data)[0] == 0
    else:
        assert code == 2 and error in err
        assert cli("validate", *data)[0] == 2


PREPARED = """
    source: {{citation: "T{n}"}}
    preparations:
      culture_pv:
        setting: {setting}
        lacks:
          readings: {{functional: [], absent: [{absent}]}}
          default: {default}
          reason: r
    experiments:
      - {{id: C{n}, label: x, setting: culture, on: [BDNF], observed: {{dendrite_growth: true}},
         source: t}}
"""


@pytest.mark.parametrize(
    ("second", "error"),
    [
        (
            {"default": "absent"},
            "with the default 'absent' here, 'functional' there: a name read two ways must "
            "mean the same in every table",
        ),
        ({"absent": '"@pyramidal"'}, "its reading 'absent' names other cells or nodes"),
        ({"absent": '"bdnf"'}, "lacks 'bdnf', which matches a node in no hypothesis (did you"),
        ({"setting": "cultur"}, "setting 'cultur' is not declared by"),
    ],
)
def test_a_reading_of_the_data_means_one_thing_in_every_table(
    write: Writer, second: dict[str, str], error: str
) -> None:
    """culture_pv, read two ways by two tables: another default or other contents would
    make one reading mean different things table by table (the default reading mixed
    them); a misspelt node or setting would leave a reading doing nothing. Refused, by
    validate and by compare in its default reading alike."""
    fields = {"setting": "culture", "absent": '"@PV"', "default": "functional"}
    one = write("one.yaml", PREPARED.format(n=1, **fields))
    two = write("two.yaml", PREPARED.format(n=2, **{**fields, **second}))
    data = ["--experiments", str(one), "--experiments", str(two), "--hypotheses", str(HYPOTHESES)]
    code, out, _ = cli("validate", *data)
    assert code == 2 and error in out, out
    code, _, err = cli("compare", "serial_loop", "parallel", "--readings", "default", *data)
    assert code == 2 and error in err


def test_a_reading_of_the_data_named_like_a_hypothesis_choice_is_refused(write: Writer) -> None:
    table = write(
        "t.yaml",
        PREPARED.format(n=1, setting="culture", absent='"@PV"', default="functional").replace(
            "culture_pv:", "vegf_source:"
        ),
    )
    code, out, _ = cli("validate", str(table), "--hypotheses", str(HYPOTHESES))
    assert code == 2
    assert "'vegf_source' is a reading of the data here and a choice of" in out


def test_a_row_same_as_another_setting_and_a_clamp_placed_nowhere_are_warned_of(
    write: Writer,
) -> None:
    table = write(
        "t.yaml",
        """
        source: {citation: "T"}
        experiments:
          - {id: S1, label: x, setting: culture, on: [BDNF], observed: {dendrite_growth: true},
             source: t}
          - {id: S2, label: x, setting: in_vivo, on: [BDNF], off: [FLK1@PV],
             observed: {behaviour: true}, same_as: S1, source: t}
        """,
    )
    code, out, _ = cli("validate", str(table), "--hypotheses", str(HYPOTHESES))
    assert code == 0, out
    assert "S2 is 'same_as' S1, but is run in_vivo, S1 culture: are they one experiment?" in out
    assert "'FLK1@PV' in S2 matches a node in no hypothesis" in out
    assert "it changes nothing in them [unplaced-selector]" in out


def test_a_node_only_a_hypothesis_not_compared_has_is_no_misspelling(write: Writer) -> None:
    """PV_activity is serial_disinhibition's: compare serial parallel scores the row (the
    dagger says the clamp changes nothing in them), as validate accepts it; a misspelling
    of it is refused by both."""
    row = """
        source: {{citation: "T"}}
        experiments:
          - {{id: Z1, label: x, setting: in_vivo, on: [ketamine], off: [{node}],
             observed: {{behaviour: true}}, source: t}}
        """
    data = ["--hypotheses", str(HYPOTHESES)]
    table = write("t.yaml", row.format(node="PV_activity"))
    assert cli("validate", str(table), *data)[0] == 0
    code, out, err = cli("compare", "serial", "parallel", "--experiments", str(table), *data)
    assert code == 0, err
    assert "PV_activity matches no node of serial, so that intervention changes nothing" in out
    typo = write("u.yaml", row.format(node="PV_activty"))
    assert cli("validate", str(typo), *data)[0] == 2
    code, _, err = cli("compare", "serial", "parallel", "--experiments", str(typo), *data)
    assert code == 2 and "(did you mean 'PV_activity'?)" in err
