"""pathcheck learn on the command line: every format, --write and what it refuses to
overwrite, and bad input as file:line:col with exit 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathcheck.cli import app
from tests.repository import Writer

runner = CliRunner()

# s switches r on; t switches it off; x, read by nothing, is compressed away
SIF = "s 1 x\nx 1 r\nt -1 r\n"
DATA = "TR:c:CellLine,TR:s,TR:t,DA:r,DV:r\n1,0,0,0,0\n1,1,0,10,0.9\n1,0,1,10,0.1\n1,1,1,10,0.2\n"


@pytest.fixture
def files(write: Writer) -> tuple[str, str]:
    return str(write("pkn.sif", SIF)), str(write("data.csv", DATA))


def test_the_table_names_the_optimum_the_family_and_each_term(files: tuple[str, str]) -> None:
    result = runner.invoke(app, ["learn", *files])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "3 nodes and 2 edges after compression (1 compressed away)" in out
    assert "optimum  MSE 0.0200, rss 600, size 1" in out  # 10^2 + 10^2 + 20^2
    assert "family   1 model within --fit 0 (rss <= 600) and --size 0 (size <= 1)" in out
    assert "1      0.0200  600        1     r = ~t" in out
    assert "Terms across the 1 model (the share that picks each)" in out


def test_json_and_csv_carry_every_model(files: tuple[str, str]) -> None:
    found = runner.invoke(app, ["learn", *files, "--fit", "5", "--size", "1", "--format", "json"])
    assert found.exit_code == 0, found.stderr
    payload = json.loads(found.stdout)
    assert payload["tolerances"] == {"fit": 5.0, "size": 1}
    models = payload["models"]
    assert len(models) > 1 and all(m["rss"] <= payload["bounds"]["rss"] for m in models)
    table = runner.invoke(app, ["learn", *files, "--fit", "5", "--size", "1", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert {int(r["model"]) for r in rows} == set(range(1, len(models) + 1))
    share = {(f["node"], f["term"]): f["frequency"] for f in payload["frequencies"]}
    assert all(float(r["frequency"]) == pytest.approx(share[r["node"], r["term"]]) for r in rows)


def test_write_makes_hypotheses_and_never_overwrites(
    files: tuple[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "models"
    first = runner.invoke(app, ["learn", *files, "--write", str(folder)])
    assert first.exit_code == 0, first.stderr
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["pkn_1.yaml"] and "wrote 1 hypothesis files" in first.stderr
    checked = runner.invoke(
        app, ["validate", "--hypotheses", str(folder), str(folder / written[0])]
    )
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    before = (folder / written[0]).read_text()
    again = runner.invoke(app, ["learn", *files, "--write", str(folder)])
    assert again.exit_code == 2 and "exists already: left as it is" in again.stderr
    assert again.stdout == "" and (folder / written[0]).read_text() == before


@pytest.mark.parametrize(
    ("sif", "data", "extra", "message"),
    [
        ("s 1\n", DATA, [], "pkn.sif:1:1: expected 'source sign target'"),
        (SIF, "TR:s,DA:r,DV:r\n1,10,x\n", [], "data.csv:2:3: 'x' is not a number"),
        (SIF, DATA, ["--time", "5"], "data.csv:1:1: no row at time 5 (the times: 0, 10)"),
        (SIF, DATA, ["--max-models", "1", "--fit", "50", "--size", "2"], "more than 1 models"),
    ],
)
def test_bad_input_is_located_with_exit_2(
    write: Writer, sif: str, data: str, extra: list[str], message: str
) -> None:
    result = runner.invoke(
        app, ["learn", str(write("pkn.sif", sif)), str(write("data.csv", data)), *extra]
    )
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_that_is_a_file_is_refused_before_learning(
    files: tuple[str, str], write: Writer
) -> None:
    blocker = write("models", "not a folder")
    result = runner.invoke(app, ["learn", *files, "--write", str(blocker)])
    assert result.exit_code == 2 and "is not a folder" in result.stderr
