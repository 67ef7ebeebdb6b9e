"""The shipped JSON Schemas describe what the loaders accept, and editors find them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from pathcheck.base.problems import InputError
from pathcheck.cli import app
from pathcheck.formats.experiments import load_experiment_file
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.formats.schemas import schema_text
from pathcheck.formats.yamlsource import YMap, YScalar, YValue, load_yaml
from tests import samples
from tests.repository import CATALOGUE, EXPERIMENTS, HYPOTHESES, ROOT, TABLE_FILES, Writer

SCHEMAS = {
    kind: json.loads(schema_text(kind)) for kind in ("hypothesis", "experiments", "catalogue")
}


def plain(value: YValue | None) -> Any:
    """The located tree as editors see it: keys stay text (YAML 1.2 reads `on` as a string)."""
    if isinstance(value, YScalar):
        return value.value
    if isinstance(value, YMap):
        return {key: plain(v) for key, (_, v) in value.entries.items()}
    return [plain(v) for v in value.items] if value is not None else None


def schema_errors(kind: str, path: Path) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMAS[kind])
    return [e.message for e in validator.iter_errors(plain(load_yaml(path)))]


def test_schemas_are_valid_draft_2020_12() -> None:
    for schema in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    ("kind", "path"),
    [("hypothesis", p) for p in sorted(HYPOTHESES.glob("*.yaml"))]
    + [("experiments", p) for p in TABLE_FILES]
    + [("catalogue", CATALOGUE)],
    ids=lambda x: getattr(x, "name", x),
)
def test_bundled_files_satisfy_their_schema_and_name_it(kind: str, path: Path) -> None:
    assert schema_errors(kind, path) == []
    first = path.read_text().splitlines()[0]
    assert (
        first == f"# yaml-language-server: $schema=../pathcheck/formats/schemas/{kind}.schema.json"
    )
    assert (path.parent / first.split("=", 1)[1]).resolve() == (
        ROOT / "pathcheck" / "formats" / "schemas" / f"{kind}.schema.json"
    )


HYPOTHESIS = (HYPOTHESES / "serial.yaml").read_text()
TABLE = (EXPERIMENTS / "lepack2015.yaml").read_text()


@pytest.mark.parametrize(
    ("kind", "old", "new"),
    [
        ("hypothesis", "readouts:", "readout:"),
        ("hypothesis", "title:", "titel:"),
        ("hypothesis", "  behaviour: plasticity@pyramidal", "  behaviour: [plasticity]"),
        ("hypothesis", "  glutamate: ketamine", "  glutamate: {gate: xor}"),
        ("experiments", "observed: {behaviour: true}", "observed: {behaviour: increased}"),
        ("experiments", "    label: ketamine (forced", "    lable: ketamine (forced"),
        ("experiments", '    source: abstract ("pretreatment with nifedipine', "    figure: x"),
        ("experiments", '    figure: "1"\n', '    figure: "1"\n    reason: why\n'),
        ("experiments", "on: [ketamine]", "on: [ket amine]"),
    ],
)
def test_what_the_loader_refuses_the_schema_refuses(
    write: Writer, kind: str, old: str, new: str
) -> None:
    original = HYPOTHESIS if kind == "hypothesis" else TABLE
    assert old in original
    path = write("f.yaml", original.replace(old, new, 1))
    load = load_hypothesis if kind == "hypothesis" else load_experiment_file
    with pytest.raises(InputError):
        load(path)
    assert schema_errors(kind, path)


def test_schema_command_prints_the_shipped_schema() -> None:
    result = CliRunner().invoke(app, ["schema", "experiments"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == SCHEMAS["experiments"]
    assert CliRunner().invoke(app, ["schema", "nonsense"]).exit_code == 2


CATALOGUE_TEXT = CATALOGUE.read_text()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    off: TRKB@PV\n", "    off: TRKB@PV\n    on: TRKB@PV\n"),
        ("    cost: 5\n", "    cost: 0\n"),
        ("    kind: knockdown\n", "    kind: knock-down\n"),
        ("    cre: a forebrain excitatory neuron Cre line (not named in the abstract)\n", ""),
        ("    used: Deyama et al. 2019, Biol Psychiatry, PMID 30712809 (D9)\n", ""),
        ("readouts:\n", "measures: {in_vivo: [behaviour]}\nreadouts:\n"),  # both at once
    ],
)
def test_what_the_catalogue_loader_refuses_the_schema_refuses(
    write: Writer, old: str, new: str
) -> None:
    from pathcheck.formats.catalogue import load_catalogue

    assert old in CATALOGUE_TEXT
    path = write("catalogue.yaml", CATALOGUE_TEXT.replace(old, new, 1))
    with pytest.raises(InputError):
        load_catalogue(path)
    assert schema_errors("catalogue", path)


def test_a_pending_row_satisfies_the_schema_and_an_observed_pending_one_does_not(
    write: Writer,
) -> None:
    row = (
        "  - {id: P1, label: x, setting: in_vivo, on: [BDNF], pending: true, "
        "measure: [behaviour], source: proposed}\n"
    )
    head = 'source: {citation: "T"}\nexperiments:\n'
    assert schema_errors("experiments", write("p.yaml", head + row)) == []
    load_experiment_file(write("p.yaml", head + row))
    bad = row.replace("source: proposed", "observed: {behaviour: true}, source: proposed")
    assert schema_errors("experiments", write("q.yaml", head + bad))
    with pytest.raises(InputError):
        load_experiment_file(write("q.yaml", head + bad))


def test_the_schema_accepts_readings_and_choices(write: Writer) -> None:
    assert schema_errors("experiments", write("e.yaml", samples.TABLE)) == []
    assert schema_errors("hypothesis", write("h.yaml", samples.FAMILY)) == []
