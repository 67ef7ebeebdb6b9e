"""SIF and MIDAS, the field's formats for prior-knowledge networks and perturbation data:
read with every problem located, written as hypotheses and outcome tables that validate,
and compared end to end on the four data sets the caspo package ships."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck import api
from pathcheck.base.problems import InputError
from pathcheck.cli import app
from pathcheck.formats.midas import read_midas
from pathcheck.formats.sif import read_sif
from tests.repository import Writer

runner = CliRunner()


def test_a_sif_network_becomes_a_gated_hypothesis(write: Writer, tmp_path: Path) -> None:
    pkn = write("pkn.sif", "a\t1\tc\nb 1 c\nb\t-1\td\nc\t1\td\n")
    network = read_sif(pkn)
    assert network.stimuli == ("a", "b")
    hypothesis_file = write("h/pkn.yaml", api.convert(pkn).text)
    hypothesis = api.load_hypothesis(hypothesis_file)
    assert str(hypothesis.rules["c"]) == "a | b"
    assert str(hypothesis.rules["d"]) == "c | ~b"
    both = api.from_sif(pkn, gates="family")
    assert [c.name for c in both.choices] == ["c", "d"]  # a gate choice per node


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a 1\n", "1:1: expected 'source sign target'"),
        ("a 2 b\n", "1:1: the sign must be 1 or -1, not '2'"),
        ("a 1 b\n\n  and 1 b\n", "3:3: 'and'"),
        ("a 1 b\na -1 b\n", "2:1: a -> b is listed twice (first at"),
    ],
)
def test_a_bad_sif_line_is_located(write: Writer, text: str, message: str) -> None:
    path = write("bad.sif", text)
    with pytest.raises(InputError) as caught:
        read_sif(path)
    assert message in str(caught.value.problems[0])


MIDAS = (
    "TR:cells:CellLine,TR:a,TR:bi,DA:r,DV:r\r1,1,0,0,0.2\r1,1,1,0,0.1\r1,1,0,10,0.9\r1,1,1,10,0.4\r"
)


def test_midas_rows_with_cr_endings_discretised_as_stated(write: Writer) -> None:
    path = write("data.csv", MIDAS)
    data = read_midas(path)
    assert data.treatments == ("a", "b") and data.readouts == ("r",) and data.times == (0.0, 10.0)
    assert data.rows[1].inhibited == ("b",) and data.rows[1].stimuli == ("a",)
    absolute = api.convert(path).text
    assert "observed: {r: true}" in absolute and "observed: {r: false}" in absolute
    assert "off: [b]" in absolute
    control = api.convert(
        path, discretise="control:0.5"
    ).text  # 0.9 - 0.2 and 0.4 - 0.1: up, not up
    assert control.count("observed: {r: true}") == 1
    assert "--discretise control:0.5" in control
    strict = api.convert(path, discretise="absolute:0.95").text
    assert "observed: {r: true}" not in strict


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("DA:r,DV:r\n0,1\n", "not MIDAS: the header names no TR: column"),
        ("TR:a,DA:r,DV:r\n1,10,x\n", "2:3: 'x' is not a number"),
        ("TR:a,DA:r,DV:r\n2,10,1\n", "2:1: a treatment is 0 or 1"),
        ("TR:a,XX:r,DV:r\n1,10,1\n", "1:2: 'XX:r' is no MIDAS column"),
        ("TR:a,DA:r,DV:r\n1,10\n", "2:1: 2 cells where the header has 3"),
        ("TR:a,DA:r,DV:r\nNaN,10,1\n", "2:1: a treatment is 0 or 1, not 'NaN'"),
        ("TR:a,DA:r,DV:r\n1,NaN,1\n", "2:2: a time is a number, not 'NaN'"),
        ("TR:a,DA:r,DV:r,DV:r\n1,10,1,0\n", "1:4: 'DV:r' is a column already (column 3)"),
    ],
)
def test_a_bad_midas_cell_is_located(write: Writer, text: str, message: str) -> None:
    path = write("bad.csv", text)
    with pytest.raises(InputError) as caught:
        read_midas(path)
    assert message in str(caught.value.problems[0])


def test_an_import_writes_a_table_validate_accepts_and_says_what_it_dropped(
    write: Writer,
) -> None:
    """A stimulus also inhibited (read as inhibited, as CellNOpt does), values that are
    NaN, empty or infinite (left out), a row left with no value, a cell-line column: the
    table written is one validate accepts, and each of these is said at its line."""
    path = write(
        "data.csv",
        "TR:c:CellLine,TR:d:CellLine,TR:a,TR:ai,TR:b,DA:x,DV:x,DV:y\n1,0,0,0,0,0,0.1,0.2\n"
        "1,0,1,1,0,10,0.9,NaN\n0,1,0,0,1,10,,\n1,0,1,0,0,10,inf,0.7\n",
    )
    with pytest.warns(api.PathcheckWarning) as said:
        found = api.convert(path)
    assert [str(w.message).split(": warning: ", 1)[1] for w in said] == [
        "not kept: the cell lines (TR:c:CellLine, TR:d:CellLine): their rows are read alike",
        "not kept: 4 values empty or no finite number (NaN, inf), on lines 3, 4, 5: left out",
        "not kept: a stimulated as well as inhibited: read as inhibited, as CellNOpt reads it",
        "not kept: line 4 has no value to observe at time 10",
    ]
    assert "# line 3: not kept: a stimulated as well as inhibited" in found.text
    table = write("data.yaml", found.text)
    hypothesis = write(
        "h/m.yaml",
        "name: m\ntitle: t\nsource: s\ninputs: [a, b]\nnodes: {x: a, y: a & ~b}\n"
        "readouts: {x: x, y: y}\n",
    )
    checked = runner.invoke(app, ["validate", str(table), "--hypotheses", str(hypothesis.parent)])
    assert checked.exit_code == 0, checked.stdout
    (r3, _) = api.load_experiments([table])[0].experiments
    assert [(i.selector.text, i.value) for i in r3.interventions] == [("a", False)]


def test_a_bad_discretisation_is_refused(write: Writer) -> None:
    path = write("data.csv", MIDAS)
    result = runner.invoke(app, ["import", str(path), "--discretise", "median:0.5"])
    assert result.exit_code == 2 and "not KIND:NUMBER" in result.stderr


caspo = pytest.importorskip("caspo")
DATA = Path(caspo.__file__).parent / "data"


@pytest.mark.parametrize("name", ["Toy", "LiverToy", "LiverDREAM", "ExtLiver"])
def test_caspos_data_sets_import_validate_and_compare(name: str, tmp_path: Path) -> None:
    folder = DATA / name
    setup = json.loads((folder / "setup.json").read_text())
    (tmp_path / "h").mkdir()
    (tmp_path / "e").mkdir()
    hypothesis, table = tmp_path / "h" / f"{name}.yaml", tmp_path / "e" / "data.yaml"
    for source, out in ((folder / "pkn.sif", hypothesis), (folder / "dataset.csv", table)):
        result = runner.invoke(app, ["import", str(source), "-o", str(out)])
        assert result.exit_code == 0, result.stderr
    assert "site-packages" not in hypothesis.read_text() + table.read_text()
    places = ["--hypotheses", str(tmp_path / "h"), "--experiments", str(tmp_path / "e")]
    checked = runner.invoke(app, ["validate", *places])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    compared = runner.invoke(app, ["compare", *places, "--format", "json"])
    assert compared.exit_code == 0, compared.stderr
    (scored,) = json.loads(compared.stdout)["hypotheses"].values()
    assert scored["summary"]["scored"] > 0
    loaded = api.load_hypothesis(hypothesis)
    assert set(setup["stimuli"]) <= set(loaded.inputs)
    assert set(setup["readouts"]) <= set(loaded.readouts)
