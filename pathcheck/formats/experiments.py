"""Outcome tables: the published experiments, what each switched on or off, what it saw.

Where the source can be read more than one way, a cell group, or a row's ``on`` or
``off``, lists its readings instead of one value::

    neuron:
      readings: {excitatory: [pyramidal], all_neurons: [pyramidal, PV]}
      default: excitatory
      reason: the abstract says "neuron-specific" without naming the neurons

Each such field is a choice of the data (named after the group, or ``ID.on`` and
``ID.off``). A table is loaded in its default reading; :func:`readings` gives it in
every combination of them, rebuilt from its located YAML.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from pathcheck.base.problems import InputError, Location, Problem, did_you_mean
from pathcheck.formats.fields import Fields
from pathcheck.formats.yamlsource import Limits, YMap, YScalar, YValue
from pathcheck.logic.rules import PLAIN_NAME, is_valid_name
from pathcheck.model import (
    CellGroup,
    Choice,
    Experiment,
    ExperimentFile,
    Intervention,
    Observation,
    Preparation,
    Selector,
    Source,
    TableReader,
    clashes,
)

READING_KEYS = ("readings", "default", "reason")
READING_OPTIONAL = ("default_because",)  # why a source favours the default reading
TOP_REQUIRED = ("source", "experiments")
TOP_OPTIONAL = ("title", "cell_groups", "preparations", "unmodelled")
PREPARATION_KEYS = ("setting", "lacks")
SOURCE_KEYS = ("citation", "pmid", "doi")
ROW_REQUIRED = ("id", "label", "setting", "source")
ROW_OPTIONAL = (
    "on",
    "off",
    "observed",
    "pending",
    "measure",
    "figure",
    "inferred",
    "reason",
    "note",
    "same_as",
    "secondary",
)


def load_experiment_file(
    path: Path, limits: Limits | None = None, *, text: str | None = None
) -> ExperimentFile:
    """Read and check one outcome table, in its default reading; raise
    :class:`InputError` with every problem. With ``text``, that YAML is read as the
    file's."""
    fields = Fields()
    top = fields.top_mapping(path, "an experiment file", TOP_REQUIRED, TOP_OPTIONAL, limits, text)
    if fields.problems:
        raise InputError(fields.problems)
    return read_table(str(path), top, {})


class TableSpec(NamedTuple):
    """What a table with readings is read again from: its located YAML."""

    file: str
    top: YMap

    def read(self, reading: Mapping[str, str]) -> ExperimentFile:
        """The table in ``reading``; raise :class:`InputError`."""
        return read_table(self.file, self.top, reading)


def read_table(file: str, top: YMap, reading: Mapping[str, str]) -> ExperimentFile:
    """The table in ``reading`` (data choice -> option; a choice not named takes its
    default)."""
    fields = Fields()
    choices: list[Choice] = []
    source = _read_source(fields, top)
    cell_groups = (
        _read_groups(fields, top, reading, choices) if "cell_groups" in top.entries else []
    )
    preparations = (
        _read_preparations(fields, top, {g.name: g.members for g in cell_groups}, choices)
        if "preparations" in top.entries
        else []
    )
    lacking: dict[str, list[Intervention]] = {}
    for preparation in preparations:
        options = dict(preparation.readings)
        lacks = options.get(reading.get(preparation.name, ""), preparation.readings[0][1])
        lacking.setdefault(preparation.setting, []).extend(lacks)
    experiments: list[Experiment] = []
    for row in fields.sequence(top.get("experiments"), "'experiments'", top.location):
        experiment = _read_experiment(
            fields, row, source, cell_groups, top.location, reading, choices
        )
        if experiment is not None:
            experiments.append(_lacking(experiment, lacking.get(experiment.setting, ())))
    unmodelled = _read_unmodelled(fields, top) if "unmodelled" in top.entries else {}
    title_value = top.get("title")
    title = (fields.text(title_value, "'title'", top.location) or "") if title_value else ""
    if fields.problems:
        raise InputError(fields.problems)
    return ExperimentFile(
        file,
        source,
        title or source.citation,
        tuple(experiments),
        tuple(cell_groups),
        tuple(choices),
        tuple((c.name, reading.get(c.name, c.default)) for c in choices),
        TableSpec(file, top) if choices else None,
        unmodelled,
        tuple(preparations),
    )


def _reading(
    fields: Fields,
    value: YValue | None,
    name: str,
    question: str,
    reading: Mapping[str, str],
    choices: list[Choice],
) -> tuple[YValue | None, dict[str, YValue]]:
    """``value`` itself, or, when it lists readings, the one ``reading`` takes (the
    default unless named), with every reading's value; the choice is recorded."""
    if not (isinstance(value, YMap) and "readings" in value.entries):
        return value, {}
    what = f"the readings of '{name}'"
    body = fields.mapping(
        value, what, required=READING_KEYS, optional=READING_OPTIONAL, at=value.location
    )
    listed = fields.mapping(body.get("readings") if body else None, what, at=value.location)
    options = {k: v for k, (_, v) in (listed.entries if listed else {}).items()}
    for option, (key, _) in (listed.entries if listed else {}).items():
        if not PLAIN_NAME.match(option):
            fields.error(key.location, f"reading name '{option}': use letters, digits and '_'")
    default = fields.text(
        body.get("default") if body else None, f"the default of '{name}'", value.location
    )
    reason = fields.text(
        body.get("reason") if body else None, f"the reason of '{name}'", value.location
    )
    if listed is not None and len(options) < 2:
        fields.error(listed.location, f"'{name}' needs at least two readings")
    if default is not None and options and default not in options:
        fields.error(
            value.location,
            f"the default of '{name}' is '{default}', which is none of its readings"
            f"{did_you_mean(default, options)}",
        )
    if not (default in options and reason and len(options) >= 2):
        return None, options
    because = (
        fields.text(body.get("default_because"), f"'default_because' of '{name}'", value.location)
        if body is not None and "default_because" in body.entries
        else None
    )
    order = (default, *(o for o in options if o != default))
    choices.append(Choice(name, question, reason, order, value.location, because))
    chosen = reading.get(name, default)
    return options.get(chosen, options[default]), options


def load_experiment_files(
    paths: Iterable[Path], limits: Limits | None = None
) -> list[ExperimentFile]:
    """Load several tables, reporting the problems of all of them and ids used twice,
    within a file or across files."""
    files: list[ExperimentFile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            files.append(load_experiment_file(path, limits))
        except InputError as error:
            problems.extend(error.problems)
    first: dict[str, Experiment] = {}
    for table in files:
        for experiment in table.experiments:
            earlier = first.setdefault(experiment.id, experiment)
            if earlier is not experiment:
                problems.append(
                    Problem(
                        experiment.location,
                        f"experiment id '{experiment.id}' is used already at {earlier.location}",
                    )
                )
    if problems:
        raise InputError(problems)
    return files


def parse_selector(text: str, groups: Mapping[str, frozenset[str]]) -> Selector | None:
    """``FLK1``, ``FLK1@pyramidal``, ``FLK1@group``, or ``@PV`` (every node of a cell
    type or group); ``None`` when not a valid name."""
    if text.startswith("@") and PLAIN_NAME.match(text[1:]):
        return Selector(text, "", groups.get(text[1:], frozenset({text[1:]})))
    if not is_valid_name(text):
        return None
    base, _, cell = text.partition("@")
    if not cell:
        return Selector(text, base, None)
    return Selector(text, base, groups.get(cell, frozenset({cell})))


def _located(value: YValue | None, default: Location) -> Location:
    return value.location if value is not None else default


def _read_source(fields: Fields, top: YMap) -> Source:
    table = fields.mapping(
        top.get("source"),
        "'source'",
        required=("citation",),
        optional=SOURCE_KEYS[1:],
        at=top.location,
    )
    if table is None:
        return Source("")
    values = {
        key: fields.text(table.get(key), f"'{key}' of the source", table.location)
        for key in SOURCE_KEYS
        if key in table.entries
    }
    return Source(values.get("citation") or "", values.get("pmid"), values.get("doi"))


def _read_groups(
    fields: Fields, top: YMap, reading: Mapping[str, str], choices: list[Choice]
) -> list[CellGroup]:
    groups: list[CellGroup] = []
    table = fields.mapping(top.get("cell_groups"), "'cell_groups'", at=top.location)
    for group, (key, listed) in (table.entries if table else {}).items():
        question = f"Which cell types does '@{group}' name?"
        value, alternatives = _reading(fields, listed, group, question, reading, choices)
        every = {
            name: frozenset(
                m.text for m in fields.texts(v, f"reading '{name}' of '{group}'", key.location)
            )
            for name, v in alternatives.items()
        }
        if value is None:
            continue
        members = [m.text for m in fields.texts(value, f"cell group '{group}'", key.location)]
        if not members or any(not m for m in every.values()):
            fields.error(key.location, f"cell group '{group}' has no member")
        groups.append(CellGroup(group, frozenset(members), key.location, every))
    return groups


def _read_unmodelled(fields: Fields, top: YMap) -> dict[str, str]:
    """Entities no hypothesis is meant to model, each with why it is named at all."""
    found: dict[str, str] = {}
    table = fields.mapping(top.get("unmodelled"), "'unmodelled'", at=top.location)
    for name, (key, value) in (table.entries if table else {}).items():
        if not PLAIN_NAME.match(name):
            fields.error(key.location, f"'{name}' is not an entity name: letters, digits and '_'")
            continue
        reason = fields.text(value, f"the reason given for unmodelled '{name}'", key.location)
        if reason is not None:
            found[name] = reason
    return found


def _read_preparations(
    fields: Fields,
    top: YMap,
    groups: Mapping[str, frozenset[str]],
    choices: list[Choice],
) -> list[Preparation]:
    """What each setting's preparation lacks, in every reading (the default first, where
    the table reads it more than one way): switched off in every row of the setting."""
    found: list[Preparation] = []
    table = fields.mapping(top.get("preparations"), "'preparations'", at=top.location)
    for name, (key, body) in (table.entries if table else {}).items():
        if not PLAIN_NAME.match(name):
            fields.error(key.location, f"preparation name '{name}': use letters, digits and '_'")
            continue
        what = f"preparation '{name}'"
        spelt = fields.mapping(body, what, required=PREPARATION_KEYS, optional=(), at=key.location)
        setting = fields.text(
            spelt.get("setting") if spelt else None, f"the setting of {what}", key.location
        )
        if spelt is None or setting is None:
            continue
        question = f"What does the {setting} preparation lack?"
        known = len(choices)
        listed, options = _reading(fields, spelt.get("lacks"), name, question, {}, choices)
        order = choices[known].options if len(choices) > known else ()
        every = [(o, options[o]) for o in order] if order else [("", listed)]
        readings = []
        for option, value in every:
            lacks = []
            for item in fields.texts(value, f"what {what} lacks", key.location) if value else ():
                selector = parse_selector(item.text, groups)
                if selector is None:
                    fields.error(
                        item.location, f"'{item.text}' is not a selector such as '@PV' or TRKB@PV"
                    )
                    continue
                lacks.append(Intervention(selector, False, item.location))
            readings.append((option, tuple(lacks)))
        if readings:
            found.append(Preparation(name, setting, key.location, tuple(readings)))
    return found


def _lacking(experiment: Experiment, lacks: Sequence[Intervention]) -> Experiment:
    """The row with what its setting's preparation lacks switched off too; any of the row's
    own selectors that names an entity is narrower, and wins."""
    if not lacks:
        return experiment
    return experiment._replace(
        interventions=(*experiment.interventions, *lacks),
        preparation=tuple(lacks),
        every_reading=tuple((label, (*i, *lacks)) for label, i in experiment.every_reading),
    )


def _read_experiment(
    fields: Fields,
    row: YValue,
    source: Source,
    cell_groups: list[CellGroup],
    table_at: Location,
    reading: Mapping[str, str],
    choices: list[Choice],
) -> Experiment | None:
    checked = fields.mapping(
        row, "an experiment", required=ROW_REQUIRED, optional=ROW_OPTIONAL, at=table_at
    )
    if checked is None:
        return None
    row, at = checked, checked.location

    def text(key: str) -> str | None:
        return fields.text(row.get(key), f"'{key}'", at) if key in row.entries else None

    identifier = text("id")
    groups = {g.name: g.members for g in cell_groups}
    interventions: list[Intervention] = []
    sides: dict[str, dict[str, list[YScalar]]] = {}  # on/off -> reading ("": one) -> items
    for key, value in (("on", True), ("off", False)):
        if key not in row.entries:
            continue
        question = f"What does {identifier} switch {key}?"
        listed, options = _reading(
            fields, row.get(key), f"{identifier}.{key}", question, reading, choices
        )
        if listed is None:
            continue
        every = {name: list(fields.texts(v, f"'{key}'", at)) for name, v in options.items()}
        chosen = list(fields.texts(listed, f"'{key}'", at))
        sides[key] = every or {"": chosen}
        for item in (i for items in sides[key].values() for i in items):  # every reading's
            if parse_selector(item.text, groups) is None:
                fields.error(
                    item.location,
                    f"'{item.text}' is not a selector: a node name such as FLK1, "
                    "optionally with '@' and a cell type or cell group, or '@PV' alone for "
                    "every node of a cell type",
                )
        interventions += [
            Intervention(selector, value, item.location)
            for item in chosen
            if (selector := parse_selector(item.text, groups)) is not None
        ]
    fields.problems.extend(clashes(interventions))
    every_reading: tuple[tuple[str, tuple[Intervention, ...]], ...] = ()
    if not reading and identifier is not None:  # loaded in its default: check every reading
        every_reading = _every_reading(fields, identifier, sides, cell_groups, choices, at)

    observations: list[Observation] = []
    pending = "pending" in row.entries and fields.boolean(row.get("pending"), "'pending'", at)
    measure: tuple[str, ...] = ()
    measure_locations: tuple[Location, ...] = ()
    if pending:  # not yet run: what it would measure, and nothing observed
        measured = list(fields.texts(row.get("measure"), "'measure'", at))
        measure = tuple(r.text for r in measured)
        measure_locations = tuple(r.location for r in measured)
        if "measure" not in row.entries:
            fields.error(at, "a pending experiment names the read-outs it would 'measure'")
        if "observed" in row.entries:
            fields.error(
                row.entries["observed"][0].location,
                "a pending experiment has observed nothing yet: remove 'pending' once it has",
            )
    elif "measure" in row.entries:
        fields.error(row.entries["measure"][0].location, "'measure' goes with 'pending: true'")
    elif "observed" not in row.entries:
        fields.error(at, "an experiment needs the key 'observed' (or 'pending: true')")
    observed = (
        fields.mapping(row.get("observed"), "'observed'", at=at)
        if "observed" in row.entries and not pending
        else None
    )
    if observed is not None:
        if not observed.entries:
            fields.error(observed.location, "'observed' is empty: record at least one read-out")
        for readout, (readout_key, recorded) in observed.entries.items():
            flag = fields.boolean(recorded, f"observed read-out '{readout}'", readout_key.location)
            if flag is not None:
                observations.append(Observation(readout, flag, readout_key.location))

    inferred: str | None = None
    inferred_value = row.get("inferred")
    if inferred_value is not None and fields.boolean(inferred_value, "'inferred'", at):
        inferred = text("reason")
        if "reason" not in row.entries:
            fields.error(
                at, "an inferred experiment needs a 'reason' saying what it is inferred from"
            )
    elif "reason" in row.entries:
        fields.error(row.entries["reason"][0].location, "'reason' goes with 'inferred: true'")

    same_as = text("same_as")
    if same_as is not None and same_as == identifier:
        fields.error(row.entries["same_as"][1].location, f"{identifier} is 'same_as' itself")
    secondary = "secondary" in row.entries and fields.boolean(
        row.get("secondary"), "'secondary'", at
    )

    label, setting, evidence = text("label"), text("setting"), text("source")
    if identifier is None or label is None or setting is None or evidence is None:
        return None
    return Experiment(
        id=identifier,
        label=label,
        setting=setting,
        interventions=tuple(interventions),
        observations=tuple(observations),
        evidence=evidence,
        location=at,
        source=source,
        figure=text("figure"),
        inferred=inferred,
        note=text("note"),
        setting_location=_located(row.get("setting"), at),
        pending=bool(pending),
        measure=measure,
        same_as=same_as,
        same_as_location=_located(row.get("same_as"), at) if same_as else None,
        secondary=bool(secondary),
        measure_locations=measure_locations,
        every_reading=every_reading,
    )


MAX_ROW_READINGS = 1024  # readings of one row's clamps checked one by one


def _every_reading(
    fields: Fields,
    identifier: str,
    sides: Mapping[str, Mapping[str, list[YScalar]]],
    cell_groups: list[CellGroup],
    choices: list[Choice],
    at: Location,
) -> tuple[tuple[str, tuple[Intervention, ...]], ...]:
    """The row's clamps in every reading of the choices it depends on (its own ``on`` and
    ``off`` read two ways, the cell groups its selectors name), each checked for a node
    switched both on and off: a clash in any reading is an error of the file, whichever
    reading a command happens to read it in."""
    read_two_ways = {g.name: g for g in cell_groups if g.readings}
    named = {
        i.text.partition("@")[2] for s in sides.values() for items in s.values() for i in items
    }
    by_name = {c.name: c for c in choices}
    axes = [by_name[f"{identifier}.{key}"] for key in sides if f"{identifier}.{key}" in by_name]
    axes += [by_name[g] for g in sorted(named) if g in read_two_ways and g in by_name]
    total = math.prod(len(c.options) for c in axes)
    if total > MAX_ROW_READINGS:
        fields.error(
            at,
            f"{identifier}: its clamps have {total:,} readings, more than {MAX_ROW_READINGS:,} "
            "that can be checked one by one: read fewer of its groups two ways",
        )
        return ()
    fixed = {g.name: g.members for g in cell_groups}
    found: list[tuple[str, tuple[Intervention, ...]]] = []
    reported: set[tuple[Location, str]] = set()
    for combination in itertools.product(*(c.options for c in axes)):
        chosen = dict(zip((c.name for c in axes), combination, strict=True))
        label = ", ".join(f"{c.name}={chosen[c.name]}" for c in axes if chosen[c.name] != c.default)
        groups = {
            **fixed,
            **{g: read_two_ways[g].readings[o] for g, o in chosen.items() if g in read_two_ways},
        }
        interventions = []
        for key, value in (("on", True), ("off", False)):
            options = sides.get(key, {})
            items = options.get(chosen.get(f"{identifier}.{key}", ""), [])
            interventions += [
                Intervention(selector, value, item.location)
                for item in items
                if (selector := parse_selector(item.text, groups)) is not None
            ]
        for problem in clashes(interventions):
            if (problem.location, problem.message) not in reported and label:
                reported.add((problem.location, problem.message))
                fields.error(problem.location, f"in the reading {label}: {problem.message}")
        found.append((label, tuple(interventions)))
    return tuple(found)


class _Stated(NamedTuple):
    """A table's reader that leaves its inferred rows out of every reading."""

    inner: TableReader

    def read(self, reading: Mapping[str, str]) -> ExperimentFile:
        return stated_only(self.inner.read(reading))


def stated_only(table: ExperimentFile) -> ExperimentFile:
    """The table without its inferred rows (``--exclude-inferred``), in this reading of
    the data and in every other."""
    return table._replace(
        experiments=tuple(e for e in table.experiments if e.verified),
        spec=None if table.spec is None else _Stated(table.spec),
    )


def inferred_observations(tables: Iterable[ExperimentFile]) -> int:
    """How many observations the tables' inferred rows make."""
    return sum(len(e.observations) for t in tables for e in t.experiments if not e.verified)
