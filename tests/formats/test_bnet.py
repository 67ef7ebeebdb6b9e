"""Reading and writing .bnet: round trips, free nodes, names with cell types, errors."""

from __future__ import annotations

import itertools
import json
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pathcheck.analysis.outcomes import network_of
from pathcheck.base.problems import FreeInputWarning, InputError
from pathcheck.cli import app
from pathcheck.engine.explicit import Network, fixed_points
from pathcheck.engine.prediction import predict
from pathcheck.formats.bnet import (
    bnet_rule,
    load_bnet_hypothesis,
    read_bnet,
    write_bnet,
)
from pathcheck.formats.hypothesis import load_hypothesis
from tests.oracle import networks
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


FREE_INPUT = "targets, factors\nA,  S & !B\nB,  A | T\n"


def test_a_node_with_no_rule_is_read_as_an_input_and_said_so(write: Writer) -> None:
    """As AEON reads it: an input, held at its setting's value (0 unless one says
    otherwise), each reported at its first use."""
    path = write("free_input.bnet", FREE_INPUT)
    with pytest.warns(FreeInputWarning) as caught:
        hypothesis = load_bnet_hypothesis(path)
    assert [str(w.message).split(": warning: ")[0] for w in caught] == [
        f"{path}:2:5",
        f"{path}:3:9",
    ]
    assert "'S' has no rule of its own: read as an input" in str(caught[0].message)
    assert hypothesis.inputs == ("S", "T") and set(hypothesis.rules) == {"A", "B"}
    assert dict(hypothesis.readouts) == {n: n for n in ("S", "T", "A", "B")}
    code, out, err = cli("predict", str(path), "--format", "json")
    assert code == 0 and json.loads(out)["readouts"] == {"S": 0, "T": 0, "A": 0, "B": 0}
    assert f"{path}:2:5: warning: 'S' has no rule of its own" in err
    code, out, _ = cli("predict", str(path), "--from", "S=1", "--format", "json")
    assert json.loads(out)["readouts"] == {"S": 1, "T": 0, "A": "ambiguous", "B": "ambiguous"}
    code, out, err = cli("import", str(path))
    assert code == 0 and "inputs: [S, T]" in out and "no rule in the file" in out
    assert "'T' has no rule of its own" in err


@pytest.mark.parametrize(
    "command", [["import"], ["predict"], ["compare", "--experiments", str(EXPERIMENTS)]]
)
def test_strict_refuses_a_node_with_no_rule(write: Writer, command: list[str]) -> None:
    path = write("free_input.bnet", FREE_INPUT)
    code, out, err = cli(*command[:1], str(path), *command[1:], "--strict")
    assert code == 2 and out == ""
    assert f"{path}:2:5: rule of 'A' names 'S', which has no rule" in err
    assert f"{path}:3:9: rule of 'B' names 'T', which has no rule" in err
    with warnings.catch_warnings():  # the API's way: the warning made an error
        warnings.simplefilter("error", FreeInputWarning)
        with pytest.raises(InputError, match="names 'S', which has no rule"):
            read_bnet(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(max_nodes=7), st.data())
def test_free_inputs_predict_as_aeon_reads_them(network: Network, data: st.DataObject) -> None:
    """AEON gives a node with no rule line an unknown constant function (a parameter):
    for each of its values, the attractors AEON reaches from a state with the inputs at
    those values (every other node 0) are pathcheck's, the inputs held at them, whichever
    engine answers."""
    aeon = pytest.importorskip("biodivine_aeon")
    dropped = data.draw(st.lists(st.sampled_from(network.nodes), max_size=2, unique=True))
    kept = [n for n in network.nodes if n not in dropped]
    used = {s.name for n in kept for s in network.rules[n].free_symbols}
    free = [n for n in dropped if n in used]  # a dropped node no rule uses is gone
    assume(kept and free)
    names = {n: n for n in network.nodes}
    text = "targets, factors\n" + "".join(
        f"{n}, {bnet_rule(network.rules[n], names)}\n" for n in kept
    )
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore", FreeInputWarning)
        path = Path(folder) / "free.bnet"
        path.write_text(text)
        hypothesis = load_bnet_hypothesis(path)
    assert set(hypothesis.inputs) == set(free)
    ours_network = network_of(hypothesis)
    model = aeon.BooleanNetwork.from_bnet(text, repair_graph=True)  # no unused regulation
    graph = aeon.AsynchronousGraph(model)
    variables = [model.get_variable_name(v) for v in model.variables()]
    bound = data.draw(st.sampled_from([1, 2 ** len(network.nodes)]))  # symbolic, explicit
    for values in itertools.product([False, True], repeat=len(free)):
        inputs = dict(zip(free, values, strict=True))
        found = predict(ours_network, inputs, {}, max_states=bound)
        assert found.attractors is not None
        ours = [
            (a.size, dict(zip(ours_network.nodes, a.values, strict=True))) for a in found.attractors
        ]
        colors = graph.mk_unit_colors()
        for name, value in inputs.items():
            colors = colors.intersect(graph.mk_function_colors(name, "true" if value else "false"))
        start = {n: int(inputs.get(n, False)) for n in variables}
        reached = aeon.Reachability.reach_fwd(
            graph, graph.mk_subspace(start).intersect_colors(colors)
        )
        theirs = []
        for attractor in aeon.Attractors.attractors(graph, reached):
            states = attractor.vertices()
            described: dict[str, int | None] = {}
            for n in variables:
                never_on = states.intersect(graph.mk_subspace_vertices({n: 1})).is_empty()
                never_off = states.intersect(graph.mk_subspace_vertices({n: 0})).is_empty()
                described[n] = 0 if never_on else 1 if never_off else None
            theirs.append((int(states.cardinality()), described))
        assert sorted(ours, key=repr) == sorted(theirs, key=repr), inputs


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
