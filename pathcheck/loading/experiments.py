"""Outcome tables: the published experiments, what each switched on or off, what it saw."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from pathcheck.loading.fields import Fields
from pathcheck.loading.yamlsource import Limits, YMap, YValue
from pathcheck.model import (
    CellGroup,
    Experiment,
    ExperimentFile,
    Intervention,
    Observation,
    Selector,
    Source,
    clashes,
)
from pathcheck.problems import InputError, Location, Problem
from pathcheck.rules import is_valid_name

TOP_REQUIRED = ("source", "experiments")
TOP_OPTIONAL = ("title", "cell_groups")
SOURCE_KEYS = ("citation", "pmid", "doi")
ROW_REQUIRED = ("id", "label", "setting", "observed", "source")
ROW_OPTIONAL = ("on", "off", "figure", "inferred", "reason", "note")


def load_experiment_file(path: Path, limits: Limits | None = None) -> ExperimentFile:
    """Read and check one outcome table; raise :class:`InputError` with every problem."""
    fields = Fields()
    top = fields.top_mapping(path, "an experiment file", TOP_REQUIRED, TOP_OPTIONAL, limits)
    source = _read_source(fields, top)
    cell_groups = _read_groups(fields, top) if "cell_groups" in top.entries else []
    groups = {g.name: g.members for g in cell_groups}
    experiments: list[Experiment] = []
    for row in fields.sequence(top.get("experiments"), "'experiments'", top.location):
        experiment = _read_experiment(fields, row, source, groups, top.location)
        if experiment is not None:
            experiments.append(experiment)
    title_value = top.get("title")
    title = (fields.text(title_value, "'title'", top.location) or "") if title_value else ""
    if fields.problems:
        raise InputError(fields.problems)
    return ExperimentFile(
        str(path), source, title or source.citation, tuple(experiments), tuple(cell_groups)
    )


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
    """``FLK1``, ``FLK1@pyramidal`` or ``FLK1@group``; ``None`` when not a valid name."""
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


def _read_groups(fields: Fields, top: YMap) -> list[CellGroup]:
    groups: list[CellGroup] = []
    table = fields.mapping(top.get("cell_groups"), "'cell_groups'", at=top.location)
    for group, (key, value) in (table.entries if table else {}).items():
        members = [m.text for m in fields.texts(value, f"cell group '{group}'", key.location)]
        if not members:
            fields.error(key.location, f"cell group '{group}' has no member")
        groups.append(CellGroup(group, frozenset(members), key.location))
    return groups


def _read_experiment(
    fields: Fields,
    row: YValue,
    source: Source,
    groups: Mapping[str, frozenset[str]],
    table_at: Location,
) -> Experiment | None:
    checked = fields.mapping(
        row, "an experiment", required=ROW_REQUIRED, optional=ROW_OPTIONAL, at=table_at
    )
    if checked is None:
        return None
    row, at = checked, checked.location

    def text(key: str) -> str | None:
        return fields.text(row.get(key), f"'{key}'", at) if key in row.entries else None

    interventions: list[Intervention] = []
    for key, value in (("on", True), ("off", False)):
        if key not in row.entries:
            continue
        for item in fields.texts(row.get(key), f"'{key}'", at):
            selector = parse_selector(item.text, groups)
            if selector is None:
                fields.error(
                    item.location,
                    f"'{item.text}' is not a selector: a node name such as FLK1, "
                    "optionally with '@' and a cell type or cell group",
                )
                continue
            interventions.append(Intervention(selector, value, item.location))
    fields.problems.extend(clashes(interventions))

    observations: list[Observation] = []
    observed = (
        fields.mapping(row.get("observed"), "'observed'", at=at)
        if "observed" in row.entries
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

    identifier, label, setting, evidence = (
        text("id"),
        text("label"),
        text("setting"),
        text("source"),
    )
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
    )
