"""Reading and writing .bnet: round trips, free nodes, names with cell types, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck.analysis.outcomes import network_of
from pathcheck.base.problems import InputError
from pathcheck.cli import app
from pathcheck.engine.explicit import fixed_points
from pathcheck.formats.bnet import load_bnet_hypothesis, read_bnet, write_bnet
from pathcheck.formats.hypothesis import load_hypothesis
from tests.repository import EXPERIMENTS, HYPOTHESES, Writer

runner = CliRunner()
DATA = ["--hypotheses", str(HYPOTHESES), "--experiments", str(EXPERIMENTS)]


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def verdicts(hypothesis: str) -> dict[str, object]:
    """The default member's verdicts (.bnet holds one member, not a family: a row that
    clamps only nodes other members place is not scored for it, and is left out here)."""
    args = ["compare", hypothesis, "--readings", "default", "--format", "json", *DATA]
    code, out, err = cli(*args, "--allow-unknown")
    assert code == 0, err
    (entry,) = json.loads(out)["hypotheses"].values()
    return {
        e: x["readouts"] for e, x in entry["experiments"].items() if not x["unmatched_selectors"]
    }


@pytest.mark.parametrize("name", sorted(p.stem for p in HYPOTHESES.glob("*.yaml")))
def test_export_then_import_gives_the_same_verdicts(name: str, tmp_path: Path) -> None:
    exported, imported = tmp_path / f"{name}.bnet", tmp_path / f"{name}.yaml"
    assert cli("export", name, "--to", "bnet", "-o", str(exported), *DATA[:2])[0] == 0
    assert cli("import", str(exported), "-o", str(imported))[0] == 0
    original = verdicts(name)
    assert verdicts(str(exported)) == original  # a .bnet path stands for a hypothesis
    assert verdicts(str(imported)) == original
    again = load_hypothesis(imported)
    first = load_hypothesis(HYPOTHESES / f"{name}.yaml")
    assert (again.name, again.inputs, dict(again.readouts)) == (
        first.name,
        first.inputs,
        dict(first.readouts),
    )
    assert set(again.nodes) == set(first.nodes)  # '@' names come back as they were


def test_exported_names_are_legal_bnet_and_clashes_are_kept_apart(write: Writer) -> None:
    path = write(
        "clash.yaml",
        """
        name: clash
        title: t
        source: s
        nodes:
          X@c: X_at_c
          X_at_c: "1"
        readouts: {r: X@c}
    """,
    )
    text = write_bnet(load_hypothesis(path))
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[1:] == ["X_at_c_2,  X_at_c", "X_at_c,    1"]
    back = write("clash.bnet", text)
    hypothesis = load_bnet_hypothesis(back)
    assert hypothesis.nodes == ("X@c", "X_at_c") and dict(hypothesis.readouts) == {"r": "X@c"}


def test_a_free_node_keeps_both_values_among_the_fixed_points(write: Writer) -> None:
    path = write(
        "free.bnet",
        """
        targets, factors
        # a stimulus that is either present or not
        S, S
        A, S & !B
        B, 0
        C, A | 1
    """,
    )
    hypothesis = load_bnet_hypothesis(path)
    assert hypothesis.inputs == () and "S" in hypothesis.rules  # a free node, not an input
    network = network_of(hypothesis)
    found = [network.state_dict(s) for s in fixed_points(network)]
    assert sorted(found, key=lambda d: d["S"]) == [
        {"S": 0, "A": 0, "B": 0, "C": 1},
        {"S": 1, "A": 1, "B": 0, "C": 1},
    ]
    assert hypothesis.description == "a stimulus that is either present or not"
    assert dict(hypothesis.readouts) == {"S": "S", "A": "A", "B": "B", "C": "C"}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("A, B &\nB, A\n", ":1:7:", "rule of 'A': expected a name, 0, 1 or '(' at the end"),
        ("A, B\nB A\n", ":2:1:", "expected 'name, rule'"),
        ("A, C\n", ":1:4:", "rule of 'A' names 'C', which has no rule"),
        ("A, A\nA, 1\n", ":2:1:", "'A' has a rule already (line 1)"),
        ("A-1, 1\n", ":1:1:", "'A-1' is not a bnet name"),
        ("# only a comment\n", "", "no 'name, rule' line: not a bnet file"),
    ],
)
def test_unreadable_lines_are_located(write: Writer, text: str, where: str, message: str) -> None:
    path = write("bad.bnet", text)
    with pytest.raises(InputError) as caught:
        read_bnet(path)
    assert any(
        str(p) == f"{path}{where} {message}".replace(" ", " ", 1)
        or (str(p).startswith(f"{path}{where}") and message in str(p))
        for p in caught.value.problems
    ), [str(p) for p in caught.value.problems]
    code, _, err = cli("import", str(path))
    assert code == 2 and "Traceback" not in err and str(path) in err


def test_import_never_overwrites(write: Writer, tmp_path: Path) -> None:
    source = write("m.bnet", "A, A\nB, A\n")
    target = write("m.yaml", "# mine\n")
    code, _, err = cli("import", str(source), "-o", str(target))
    assert code == 2 and "exists already" in err
    assert target.read_text() == "# mine\n"


def test_import_to_stdout_keeps_every_rule_as_written(write: Writer) -> None:
    source = write("m.bnet", "targets, factors\nA,   A\nB,   !A & (A | 1)\n")
    code, out, _ = cli("import", str(source))
    assert code == 0
    assert 'B: "!A & (A | 1)"' in out and 'A: "A"' in out


def test_predict_accepts_a_bnet_path(write: Writer) -> None:
    source = write("m.bnet", "A, A\nB, A\n")
    code, out, _ = cli("predict", str(source), "--on", "A", "--format", "json")
    assert code == 0
    assert json.loads(out)["readouts"] == {"A": 1, "B": 1}


def test_bnet_models_in_a_hypotheses_folder_are_found_and_validated(write: Writer) -> None:
    model = write("hyps/m.bnet", "targets, factors\nketamine, ketamine\nbehaviour, ketamine\n")
    folder = str(model.parent)
    args = ["--hypotheses", folder, "--format", "json", "--allow-unknown"]  # no BDNF in m
    code, out, _ = cli("compare", *args, "--experiments", str(EXPERIMENTS))
    assert code == 0 and list(json.loads(out)["hypotheses"]) == ["m"]
    assert cli("compare", "m", *args)[0] == 0
    code, out, _ = cli("validate", str(model), "--hypotheses", folder)
    assert code == 0, out
    broken = write("hyps/broken.bnet", "A, B &\n")
    code, out, _ = cli("validate", str(broken), "--hypotheses", folder)
    assert code == 2 and f"{broken}:1:" in out and "YAML" not in out


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "# pathcheck node: A_at_x = A\nA, 1\nA_at_x, A\n",
            ":1:1:",
            "renames 'A_at_x' to 'A', which the file names already: it would replace the rule "
            "of 'A'",
        ),
        (
            "# pathcheck node: P = X@c\n# pathcheck node: Q = X@c\nP, 1\nQ, P\n",
            ":2:1:",
            "'P' and 'Q' are both renamed 'X@c'",
        ),
        ("# pathcheck node: Z = X@c\nA, 1\n", ":1:1:", "renames 'Z', which has no rule"),
        ("# pathcheck node: A = 1x@\nA, 1\n", ":1:1:", "'1x@' is not a name"),
        (
            "x, 1\nand, x\ny, and & x\n",
            ":2:1:",
            "'and' is a reserved word of pathcheck's rules (and, or, not, true, false) and "
            "cannot name a node: rename it in the file",
        ),
        ("x, 1\n42, x\n", ":2:1:", "'42' is not a name: a name needs a letter or '_'"),
    ],
)
def test_names_that_cannot_stand_are_refused(
    write: Writer, text: str, where: str, message: str
) -> None:
    path = write("names.bnet", text)
    with pytest.raises(InputError) as caught:
        read_bnet(path)
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{path}{where}") and message in p for p in found), found
    assert not any("expected a name" in p for p in found), found  # no misleading parse error


def test_the_swap_of_two_names_by_renames_is_kept(write: Writer) -> None:
    path = write(
        "swap.bnet", "# pathcheck node: A = B@x\n# pathcheck node: A_at_x = A\nA, 1\nA_at_x, A\n"
    )
    model = read_bnet(path)
    assert model.rules == {"B@x": "1", "A": "B@x"}


STALE = """# pathcheck name: stale
# pathcheck input: ligand
# pathcheck readout: response = response
# pathcheck readout: r = gone
# pathcheck setting: vivo ligand=1
targets, factors
ligand, 1
receptor, ligand
response, receptor
"""


def test_a_stale_note_never_overrides_the_rule_the_file_gives(write: Writer) -> None:
    """Another tool gave 'ligand' a rule (1) and left pathcheck's note calling it an input:
    the rule is kept, the prediction follows it, and what was not kept is said at its
    line, by import, by every command that reads the file, and in the YAML written."""
    path = write("stale.bnet", STALE)
    import pathcheck

    with pytest.warns(pathcheck.PathcheckWarning) as said:
        hypothesis = pathcheck.load_hypothesis(path)
    assert "ligand" in hypothesis.rules and hypothesis.inputs == ()
    assert pathcheck.predict(hypothesis).readouts == {"response": True}
    messages = [str(w.message) for w in said]
    assert messages[0] == (
        f"{path}:2:1: warning: not kept: a stale note: 'ligand' is named an input, but the "
        "file gives it a rule (line 7: 1), which is kept"
    )
    assert f"{path}:4:1: warning: not kept: read-out 'r' maps to 'gone'" in messages[1]
    assert "setting 'vivo' sets 'ligand', which is no input here" in messages[2]
    code, out, err = cli("import", str(path))
    assert code == 0 and err.splitlines() == messages
    assert "# line 2: not kept: a stale note" in out
    imported = write("stale.yaml", out)
    assert cli("validate", str(imported))[0] == 0
    code, out, _ = cli("validate", str(path))
    assert code == 0 and "[imported]" in out and "a stale note" in out
    assert cli("predict", str(path))[2].splitlines() == messages


def test_a_file_name_that_is_no_name_gives_a_hypothesis_that_loads(write: Writer) -> None:
    path = write("my-model v2.bnet", "A, A\nB, A\n")
    code, out, _ = cli("import", str(path))
    assert code == 0 and 'name: "my_model_v2"' in out
    assert cli("validate", str(write("m.yaml", out)))[0] == 0
