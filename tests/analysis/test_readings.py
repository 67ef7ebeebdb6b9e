"""Readings of the data: a cell group or a row's clamps read more than one way."""

from __future__ import annotations

import pytest

from pathcheck.base.problems import InputError
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.model import data_choices, readings
from tests.repository import EXPERIMENTS, Writer
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


def _for_fam(table: str) -> str:
    """The sample table with its clamps on the sample family's nodes and cells: every
    command refuses a selector that matches a node in no hypothesis compared."""
    return (
        table.replace("[pyramidal]", "[a]")
        .replace("[pyramidal, PV]", "[a, b]")
        .replace("VEGF@neuron", "L@neuron")
        .replace("[TRKB]", "[R]")
        .replace("[FLK1]", "[L]")
    )


def test_the_summary_leads_with_the_range_where_a_default_is_open(write: Writer) -> None:
    """Open defaults: every reading's range first, the default's figure after, starred.
    Every default supported: the default reading's figures first, as before."""
    from pathcheck import api
    from pathcheck.render.cells import RANGE_HEADER, SUMMARY_HEADER, summary_header, summary_rows
    from tests.samples import FAMILY

    folder = write("h/fam.yaml", FAMILY).parent
    table = write("e.yaml", _for_fam(TABLE))
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
        _for_fam(TABLE)
        .replace(
            '        reason: the abstract says "neuron-specific" without naming the neurons\n',
            SUPPORTED,
        )
        .replace(
            "          reason: the drug is named in neither source\n",
            "          reason: the drug is named in neither source\n"
            "          default_because: a test says so\n",
        ),
    )
    found = api.compare(["fam"], experiments=[plain], folder=folder.parent / "g")
    assert found.has_readings and not found.ranges_lead
    assert summary_header(found) == SUMMARY_HEADER


# --- a member named on its own stands for itself ---------------------------------------

PINNED = "serial_loop[vegf_source=pyramidal]"  # the other choices at their defaults
FULL = "serial_loop[vegf_source=pyramidal,trkb_pyramidal=absent,ketamine_trigger=pyramidal_AMPA]"
OTHER = "serial_loop[vegf_source=PV,trkb_pyramidal=absent,ketamine_trigger=pyramidal_AMPA]"


@pytest.mark.filterwarnings("ignore:.*can tell them nothing")  # TRKB@pyramidal
def test_a_member_named_is_scored_in_its_own_readings_only() -> None:
    import pathcheck

    data = len(list(readings(pathcheck.load_experiments([EXPERIMENTS]))))
    (member,) = pathcheck.compare([PINNED]).readings
    assert member.hypothesis.name == FULL
    assert {r.member for r in member.readings} == {FULL}
    assert len(member.readings) == data  # the readings of the data, no other member
    family = pathcheck.family(PINNED)
    assert family.total == data and {s.member for s in family.scored} == {FULL}
    # a pinned option is not one the data force (a reading of the data may be)
    assert not {name for name, _ in family.forced} & {c.name for c in member.hypothesis.choices}
    designed = pathcheck.design([PINNED, "serial_loop[vegf_source=PV]"])
    assert [m.name for m in designed.members] == [FULL, OTHER]


def test_every_reading_is_given_its_own_log_likelihood() -> None:
    """The readings table attributes to each member what family scores it, whichever
    member was named and in whatever order."""
    import pathcheck

    truth = {s.name: s.log_likelihood for s in pathcheck.family("serial_loop").scored}
    for names in ([PINNED, "serial_loop"], ["serial_loop", PINNED], ["serial_loop"]):
        for family in pathcheck.compare(names).readings:
            for reading in family.readings:
                assert reading.log_likelihood == pytest.approx(truth[reading.name]), (
                    names,
                    reading,
                )


def test_a_loaded_member_that_is_not_the_default_keeps_its_own_score() -> None:
    import pathcheck
    from pathcheck.model import member

    family = pathcheck.load_hypothesis("serial_loop")
    built = member(family, PINNED)._replace(pinned=False, name=PINNED)
    truth = {s.name: s.log_likelihood for s in pathcheck.family("serial_loop").scored}
    (scored,) = pathcheck.compare([built]).readings
    for reading in scored.readings:
        assert reading.log_likelihood == pytest.approx(truth[reading.name])
