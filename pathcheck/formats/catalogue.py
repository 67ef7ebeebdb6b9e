"""The catalogue of feasible manipulations that ``design`` combines into experiments.

A YAML file beside the outcome tables (``experiments/catalogue.yaml``, which the search
for tables passes over), or any file given with ``--catalogue``::

    title: What can be done to BDNF and VEGF signalling in the mPFC
    cost_scale:                      # optional: the cost levels, cheapest first
      [culture drug, systemic drug, intracranial infusion, viral knockdown, Cre x flox line]
    readouts:                        # what can be read out, where, and on whose evidence
      - id: behaviour
        label: antidepressant-like behaviour
        settings: [in_vivo]
        used: the bundled tables
    items:
      - id: TRKB-PV-deletion
        label: TRKB deleted in PV interneurons
        off: TRKB@PV                 # exactly one of on / off: one selector
        kind: cell-type-specific deletion
        cre: Pvalb-IRES-Cre          # a deletion names its Cre line
        settings: [in_vivo]
        cost: 5                      # a level of cost_scale (without one: any number > 0)
        proposed: >-                 # or used: the paper that did it
          the experiment the commentary asks for

Costs are ordinal: they order experiments, they do not add up. A candidate costs what its
most demanding item costs (ties go to the one with fewer items). ``measures`` (setting ->
read-outs) is the older, shorter way to say what ``readouts`` says; a catalogue gives one
or the other. Every problem is reported at its ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from pathcheck.base.problems import InputError, Location, did_you_mean
from pathcheck.formats.experiments import parse_selector
from pathcheck.formats.fields import Fields
from pathcheck.formats.yamlsource import Limits, YMap, YScalar, YValue
from pathcheck.model import Intervention, Selector

KINDS = (
    "systemic drug",
    "infusion",
    "neutralising antibody",
    "receptor antagonist",
    "channel blocker",
    "kinase inhibitor",
    "cell-type-specific deletion",
    "knockdown",
    "chemogenetic",
    "culture preparation",
)
DELETION = "cell-type-specific deletion"
ITEM_REQUIRED = ("id", "label", "kind", "settings", "cost")
ITEM_OPTIONAL = ("on", "off", "cre", "used", "proposed", "note")
READOUT_REQUIRED = ("id", "label", "settings")
READOUT_OPTIONAL = ("used", "proposed", "note")
TOP_OPTIONAL = ("title", "measures", "readouts", "cost_scale")


class Item(NamedTuple):
    """One manipulation: a selector set on or off, where it can be done, at what cost."""

    id: str
    label: str
    selector: Selector
    value: bool
    kind: str
    settings: tuple[str, ...]
    cost: float
    used: str | None  # the paper that used it; None for a proposal
    proposed: str | None  # why it is worth doing, for a proposal
    cre: str | None
    location: Location
    note: str | None = None

    @property
    def intervention(self) -> Intervention:
        return Intervention(self.selector, self.value, self.location)


class Readout(NamedTuple):
    """What can be read out, in which settings, and on whose evidence."""

    id: str
    label: str
    settings: tuple[str, ...]
    used: str | None
    proposed: str | None
    note: str | None = None


class Catalogue(NamedTuple):
    file: str
    title: str
    items: tuple[Item, ...]
    # the read-outs that can be measured in each setting; a setting not named: any
    measures: Mapping[str, tuple[str, ...]] = {}
    cost_scale: tuple[str, ...] = ()  # the cost levels' names, cheapest first
    readouts: tuple[Readout, ...] = ()

    def cost_text(self, cost: float) -> str:
        """A cost with its unit: its level on the catalogue's scale, and the kind of
        procedure that sets that level (an item of another kind may be placed there:
        "as" says it costs as much, not that it is one), or the number."""
        level = int(cost)
        if self.cost_scale and level == cost and 1 <= level <= len(self.cost_scale):
            name = self.cost_scale[level - 1]
            article = "an" if name[:1].lower() in "aeiou" else "a"
            return f"level {level} of {len(self.cost_scale)} (as {article} {name})"
        return f"{cost:g} (relative)"


def load_catalogue(path: Path, limits: Limits | None = None) -> Catalogue:
    fields = Fields()
    top = fields.top_mapping(path, "a catalogue", ("items",), TOP_OPTIONAL, limits)
    at = top.location
    title = fields.text(top.get("title"), "'title'", at) if "title" in top.entries else None
    measures: dict[str, tuple[str, ...]] = {}
    if "measures" in top.entries:
        table = fields.mapping(top.get("measures"), "'measures'", at=at)
        for setting, (key, listed) in table.entries.items() if table else ():
            measures[setting] = tuple(
                r.text for r in fields.texts(listed, f"'measures' of {setting}", key.location)
            )
    readouts: list[Readout] = []
    if "readouts" in top.entries:
        if "measures" in top.entries:
            fields.error(at, "give 'readouts' or 'measures', not both: they say the same")
        readouts = _read_readouts(fields, top.get("readouts"), at)
        for readout in readouts:
            for setting in readout.settings:
                measures[setting] = (*measures.get(setting, ()), readout.id)
    scale = (
        tuple(s.text for s in fields.texts(top.get("cost_scale"), "'cost_scale'", at))
        if "cost_scale" in top.entries
        else ()
    )
    items: list[Item] = []
    seen: dict[str, Location] = {}
    for row in fields.sequence(top.get("items"), "'items'", at):
        item = _read_item(fields, row, at, len(scale))
        if item is None:
            continue
        if item.id in seen:
            fields.error(
                item.location, f"item '{item.id}' is listed twice (first at {seen[item.id]})"
            )
            continue
        seen[item.id] = item.location
        items.append(item)
    if fields.problems:
        raise InputError(fields.problems)
    return Catalogue(
        str(path),
        title or path.stem,
        tuple(items),
        measures,
        scale,
        tuple(readouts),
    )


def _read_readouts(fields: Fields, value: YValue | None, at: Location) -> list[Readout]:
    found: list[Readout] = []
    for entry in fields.sequence(value, "'readouts'", at):
        row = fields.mapping(
            entry, "a read-out", required=READOUT_REQUIRED, optional=READOUT_OPTIONAL, at=at
        )
        if row is None:
            continue

        def text(key: str, row: YMap = row) -> str | None:
            return (
                fields.text(row.get(key), f"'{key}'", row.location) if key in row.entries else None
            )

        used, proposed = text("used"), text("proposed")
        if (used is None) == (proposed is None):
            fields.error(row.location, "say either 'used' (who read it out) or 'proposed' (why)")
        settings = tuple(
            s.text for s in fields.texts(row.get("settings"), "'settings'", row.location)
        )
        identifier, label = text("id"), text("label")
        if identifier and label:
            found.append(Readout(identifier, label, settings, used, proposed, text("note")))
    return found


def _read_item(fields: Fields, value: YValue, table_at: Location, levels: int) -> Item | None:
    row = fields.mapping(
        value, "a catalogue item", required=ITEM_REQUIRED, optional=ITEM_OPTIONAL, at=table_at
    )
    if row is None:
        return None
    at = row.location

    def text(key: str) -> str | None:
        return fields.text(row.get(key), f"'{key}'", at) if key in row.entries else None

    sides = [key for key in ("on", "off") if key in row.entries]
    if len(sides) != 1:
        fields.error(at, "an item sets exactly one selector: give 'on' or 'off', not both")
        return None
    side = row.get(sides[0])
    selector = None
    if isinstance(side, YScalar) and side.value is not None:
        selector = parse_selector(side.text, {})
    if selector is None:
        where = side.location if isinstance(side, YScalar) else at
        fields.error(where, f"'{sides[0]}' must be one selector, such as TRKB or TRKB@PV")
    kind = text("kind")
    if kind is not None and kind not in KINDS:
        written = row.get("kind")
        fields.error(
            written.location if isinstance(written, YScalar) else at,
            f"kind '{kind}' is not one of: {', '.join(KINDS)}{did_you_mean(kind, KINDS)}",
        )
    cre = text("cre")
    if kind == DELETION and cre is None:
        fields.error(at, "a cell-type-specific deletion names its Cre line ('cre')")
    used, proposed = text("used"), text("proposed")
    if (used is None) == (proposed is None):
        fields.error(at, "say either 'used' (the paper that did it) or 'proposed' (why)")
    settings = tuple(s.text for s in fields.texts(row.get("settings"), "'settings'", at))
    if "settings" in row.entries and not settings:
        fields.error(at, "'settings' lists where it can be done: at least one")
    cost_value = row.get("cost")
    cost = None
    number = cost_value.value if isinstance(cost_value, YScalar) else None
    if isinstance(number, (int, float)) and not isinstance(number, bool) and number > 0:
        cost = float(number)
    where = cost_value.location if isinstance(cost_value, YScalar) else at
    if cost is None and "cost" in row.entries:
        fields.error(where, "'cost' must be a number above 0 (relative: a systemic drug is 1)")
    elif cost is not None and levels and (cost != int(cost) or cost > levels):
        fields.error(where, f"'cost' must be a level of 'cost_scale': a whole number 1 to {levels}")
        cost = None
    identifier, label = text("id"), text("label")
    if None in (identifier, label, kind, selector, cost) or fields.problems:
        return None
    assert identifier and label and kind and selector and cost
    return Item(
        identifier,
        label,
        selector,
        sides[0] == "on",
        kind,
        settings,
        cost,
        used,
        proposed,
        cre,
        at,
        text("note"),
    )
