"""Readings of the data: a cell group or a row's clamps read more than one way."""

from __future__ import annotations

import pytest

from pathcheck.base.problems import InputError
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.model import data_choices, readings
from tests.repository import Writer
from tests.samples import TABLE


def test_every_reading_of_the_data_the_default_first(write: Writer) -> None:
    files = load_experiment_files([write("e.yaml", TABLE)])
    assert [c.name for c in data_choices(files)] == ["neuron", "E2.on"]
    (neuron, on) = data_choices(files)
    assert neuron.options == ("excitatory", "all_neurons") and on.options == ("flk1", "trkb")
    assert neuron.source == 'the abstract says "neuron-specific" without naming the neurons'
    seen = []
    for assignment, tables in readings(files):
        e1, e2 = tables[0].experiments
        seen.append(
            (
                dict(assignment),
                sorted(e1.interventions[0].selector.cells or ()),
                e2.interventions[0].selector.text,
            )
        )
    assert seen == [
        ({"neuron": "excitatory", "E2.on": "flk1"}, ["pyramidal"], "FLK1"),
        ({"neuron": "excitatory", "E2.on": "trkb"}, ["pyramidal"], "TRKB"),
        ({"neuron": "all_neurons", "E2.on": "flk1"}, ["PV", "pyramidal"], "FLK1"),
        ({"neuron": "all_neurons", "E2.on": "trkb"}, ["PV", "pyramidal"], "TRKB"),
    ]


def test_one_name_read_in_two_tables_is_one_choice(write: Writer) -> None:
    one = write("one.yaml", TABLE)
    two = write("two.yaml", TABLE.replace("id: E1", "id: F1").replace("id: E2", "id: F2"))
    choices = data_choices(load_experiment_files([one, two]))
    assert [c.name for c in choices] == ["neuron", "E2.on", "F2.on"]
    other = write(
        "three.yaml", TABLE.replace("all_neurons", "every_neuron").replace("id: E", "id: G")
    )
    with pytest.raises(InputError, match="'neuron' has readings excitatory, every_neuron here"):
        data_choices(load_experiment_files([one, other]))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "default: excitatory",
            "default: excitatry",
            "which is none of its readings (did you mean 'excitatory'?)",
        ),
        ("          all_neurons: [pyramidal, PV]\n", "", "'neuron' needs at least two readings"),
        (
            '        reason: the abstract says "neuron-specific" without naming the neurons\n',
            "",
            "the readings of 'neuron' needs the key 'reason'",
        ),
    ],
)
def test_malformed_readings_are_located(write: Writer, old: str, new: str, message: str) -> None:
    assert old in TABLE
    with pytest.raises(InputError) as caught:
        load_experiment_files([write("e.yaml", TABLE.replace(old, new))])
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems


SUPPORTED = (
    '        reason: the abstract says "neuron-specific" without naming the neurons\n'
    "        default_because: the sentence before names the excitatory lines\n"
)


def test_a_default_is_supported_only_where_the_file_says_why(write: Writer) -> None:
    """A reading with default_because is supported; without, open. A name read in two
    tables is supported only where both say why."""
    old = '        reason: the abstract says "neuron-specific" without naming the neurons\n'
    supported = write("one.yaml", TABLE.replace(old, SUPPORTED))
    (neuron, on) = data_choices(load_experiment_files([supported]))
    assert not neuron.open and neuron.default_because == (
        "the sentence before names the excitatory lines"
    )
    assert on.open
    plain = write("two.yaml", TABLE.replace("id: E", "id: F"))
    merged = {c.name: c for c in data_choices(load_experiment_files([supported, plain]))}
    assert merged["neuron"].open


@pytest.mark.filterwarnings("ignore:.*matches a node in no hypothesis")
def test_the_summary_leads_with_the_range_where_a_default_is_open(write: Writer) -> None:
    """Open defaults: every reading's range first, the default's figure after, starred.
    Every default supported: the default reading's figures first, as before."""
    from pathcheck import api
    from pathcheck.render.cells import RANGE_HEADER, SUMMARY_HEADER, summary_header, summary_rows
    from tests.samples import FAMILY

    folder = write("h/fam.yaml", FAMILY).parent
    table = write("e.yaml", TABLE)
    found = api.compare(["fam"], experiments=[table], folder=folder)
    assert found.ranges_lead and summary_header(found) == RANGE_HEADER
    (row,) = summary_rows(found)
    assert row[RANGE_HEADER.index("default")].endswith("*")
    family = found.readings[0]
    low, high = min(r.matched for r in family.readings), max(r.matched for r in family.readings)
    assert row[1] == (f"{low}/2" if low == high else f"{low}–{high}/2")
    # every choice supported (the gate family's and the data's aside, none left open)
    settled = FAMILY.replace(
        "        source: '\"the ligand might come from either cell\" (a test)'\n",
        "        source: '\"the ligand might come from either cell\" (a test)'\n"
        "        default_because: a test says so\n",
    ).replace("      out: {gate: [and, or]}", "      out: {gate: and}")
    write("g/fam.yaml", settled)
    plain = write(
        "f.yaml",
        TABLE.replace(
            '        reason: the abstract says "neuron-specific" without naming the neurons\n',
            SUPPORTED,
        ).replace(
            "          reason: the drug is named in neither source\n",
            "          reason: the drug is named in neither source\n"
            "          default_because: a test says so\n",
        ),
    )
    found = api.compare(["fam"], experiments=[plain], folder=folder.parent / "g")
    assert found.has_readings and not found.ranges_lead
    assert summary_header(found) == SUMMARY_HEADER
