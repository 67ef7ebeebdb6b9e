"""The typed objects that files are loaded into: hypotheses, experiments, selectors.

They are immutable and carry the :class:`~pathcheck.base.problems.Location` of what they came
from, so every later stage (prediction, scoring, rendering, the CI gate) can point a
user back at the line to fix.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from sympy.logic.boolalg import Boolean

from pathcheck.base.problems import InputError, Location, Problem, did_you_mean


def split_name(node: str) -> tuple[str, str | None]:
    """``"FLK1@pyramidal"`` -> ``("FLK1", "pyramidal")``; ``"BDNF"`` -> ``("BDNF", None)``."""
    base, _, cell = node.partition("@")
    return base, cell or None


class Edge(NamedTuple):
    """A declared regulation, ``A -> B`` (activation, sign 1) or ``A -| B`` (inhibition, -1).

    Rules say what a node does; declared edges say what its author meant, so a linter can
    point out where the two part.
    """

    source: str
    target: str
    sign: int
    location: Location

    def __str__(self) -> str:
        return f"{self.source} {'->' if self.sign > 0 else '-|'} {self.target}"


class Choice(NamedTuple):
    """An open modelling choice: the question, the sentence of the source that leaves it
    open, and the named options, the first of which is the default reading.

    A hypothesis file's ``choices:`` and a node's gate family (``{gate: [and, or]}``) are
    choices of the hypothesis; an outcome table's readings are choices of the data.

    The default is **supported** when the file says why a source favours it
    (``default_because``), and **open** otherwise: then it is only the option listed
    first, and a figure computed in it stands for nothing a source says, so the summary
    leads with the range over every option instead.
    """

    name: str
    question: str
    source: str
    options: tuple[str, ...]
    location: Location
    default_because: str | None = None

    @property
    def default(self) -> str:
        return self.options[0]

    @property
    def open(self) -> bool:
        """Whether no source is said to favour the default over the other options."""
        return self.default_because is None

    def to_dict(self) -> dict[str, Any]:
        """The choice as plain data, with where it is written."""
        return {
            "name": self.name,
            "question": self.question,
            "source": self.source,
            "options": list(self.options),
            "default": self.default,
            "default_because": self.default_because,
            "file": self.location.file,
            "line": self.location.line,
        }


Assignment = tuple[tuple[str, str], ...]  # (choice, option), one per choice, in order


def member_name(family: str, assignment: Assignment) -> str:
    """``serial_loop[vegf_source=pyramidal]``: a member of a family, by its options."""
    if not assignment:
        return family
    return f"{family}[{','.join(f'{c}={o}' for c, o in assignment)}]"


def short_member_name(family: str, assignment: Assignment) -> str:
    """``serial_loop[pyramidal, absent]``: a member by its options alone, in the order of
    its family's choices, where the full name would not fit a table (and may wrap)."""
    return f"{family}[{', '.join(o for _, o in assignment)}]" if assignment else family


def parse_member_name(written: str) -> tuple[str, Assignment]:
    """The one reading of a member's name, :func:`member_name` backwards:
    ``serial_loop[vegf_source=pyramidal]`` -> ``("serial_loop", (("vegf_source",
    "pyramidal"),))``; a plain name has no options. Raises ``ValueError`` saying what is
    wrong."""
    family, bracket, inside = written.partition("[")
    if not bracket:
        return written, ()
    if not inside.endswith("]"):
        raise ValueError(f"'{written}' is not a member name: write NAME[CHOICE=OPTION,...]")
    options = []
    for part in filter(None, (p.strip() for p in inside[:-1].split(","))):
        name, equals, option = (s.strip() for s in part.partition("="))
        if not equals or not name or not option:
            raise ValueError(f"'{part}' is not CHOICE=OPTION")
        options.append((name, option))
    return family.strip(), tuple(options)


def is_member_name(written: str) -> bool:
    """Whether ``written`` names options (``NAME[...]``) rather than a plain hypothesis."""
    return "[" in written


class Hypothesis(NamedTuple):
    """A mechanism: inputs, nodes with Boolean rules, and read-outs mapped to nodes.

    Inputs hold their value: a setting gives it (0 unless the setting says otherwise),
    an experiment may clamp it.

    A hypothesis with open choices is one member of a family: ``choices`` are the
    family's, ``assignment`` the options this member takes, and ``spec`` what the loader
    builds the other members from. The default member is named as the family; every
    other member by its options (:func:`member_name`).
    """

    name: str
    title: str
    file: str
    source: str
    description: str
    inputs: tuple[str, ...]
    rules: Mapping[str, Boolean]
    readouts: Mapping[str, str]
    # read-only empty defaults: a NamedTuple's defaults are shared by every instance
    settings: Mapping[str, Mapping[str, bool]] = {}
    locations: Mapping[str, Location] = {}  # of each node's rule
    # the names each rule's text names, before sympy simplifies any away (A ^ A ^ B is B)
    named: Mapping[str, tuple[str, ...]] = {}
    declared_edges: tuple[Edge, ...] = ()
    readout_locations: Mapping[str, Location] = {}
    family: str = ""  # the name of the file's hypothesis, all of whose members share it
    choices: tuple[Choice, ...] = ()
    assignment: Assignment = ()
    spec: Builder | None = None  # what the loader builds the other members with
    family_nodes: frozenset[str] = frozenset()  # the nodes some member of the family has
    # named on its own (serial_loop[vegf_source=pyramidal] on the command line): it stands
    # for itself, not for its family, so no command expands it into the other members
    pinned: bool = False
    # what its file said that was not kept (another tool's file: a stale note, a level)
    dropped: tuple[Problem, ...] = ()

    @property
    def open_choices(self) -> tuple[Choice, ...]:
        """The choices whose every option is scored: the family's, none for a pinned
        member."""
        return () if self.pinned else self.choices

    @property
    def compared_as(self) -> str:
        """The name its scores are listed under: a pinned member's own, else its family's."""
        return self.name if self.pinned else self.family or self.name

    @property
    def known_nodes(self) -> frozenset[str]:
        """Every node some member of the hypothesis's family has: a selector or cell type
        that one member lacks may be another member's."""
        return self.family_nodes | frozenset(self.nodes)

    @property
    def full_name(self) -> str:
        """The member's name with every option spelt out, the default member's too."""
        return member_name(self.family or self.name, self.assignment)

    @property
    def is_default(self) -> bool:
        """Whether every choice takes its default option: the member a family stands for."""
        return all(
            option == c.default
            for c, (_, option) in zip(self.choices, self.assignment, strict=True)
        )

    @property
    def nodes(self) -> tuple[str, ...]:
        """The inputs, then the nodes with a rule, in the order the file gives them."""
        return self.inputs + tuple(self.rules)

    @property
    def edges(self) -> frozenset[tuple[str, str]]:
        """(regulator, target) pairs: a node regulates another when its rule names it."""
        return frozenset(
            (symbol.name, target)
            for target, rule in self.rules.items()
            for symbol in rule.free_symbols
        )

    @property
    def cell_types(self) -> frozenset[str]:
        """The cell types some member of the family places a node in."""
        return frozenset(c for c in (split_name(n)[1] for n in self.known_nodes) if c is not None)

    def undeclared_setting(self, setting: str | None) -> str | None:
        """Why this hypothesis cannot be run in ``setting``, or ``None`` when it can.

        A hypothesis that declares settings runs in those alone: a setting it does not
        know is most likely misspelt, and running it with every input at 0 would be a
        silent default. One that declares none holds every input at 0 in any setting.
        """
        if setting is None or not self.settings or setting in self.settings:
            return None
        return (
            f"setting '{setting}' is not declared by hypothesis '{self.name}', which "
            f"declares {', '.join(self.settings)}{did_you_mean(setting, self.settings)}"
        )

    def input_values(self, setting: str | None) -> dict[str, bool]:
        """The inputs' values in ``setting``; raise ``ValueError`` for an undeclared one."""
        problem = self.undeclared_setting(setting)
        if problem:
            raise ValueError(problem)
        values = dict.fromkeys(self.inputs, False)
        if setting is not None:
            values.update(self.settings.get(setting, {}))
        return values


class Selector(NamedTuple):
    """Names the nodes an intervention acts on.

    ``FLK1`` matches every FLK1 node, whatever its cell type; ``FLK1@pyramidal`` matches
    that cell type only; ``FLK1@neuron``, where the experiment file declares the cell group
    ``neuron``, matches FLK1 in each member cell type. ``@PV`` names no entity: it matches
    every node placed in PV cells (cells that are absent, or silenced), and any selector
    that names an entity is narrower than it, so a factor applied to a preparation that
    lacks PV cells is still applied.
    """

    text: str
    base: str  # the entity; empty for every node of the cell types
    cells: frozenset[str] | None  # None: any cell type, and nodes without one

    def matches(self, node: str) -> bool:
        base, cell = split_name(node)
        if self.base and base != self.base:
            return False
        return self.cells is None or cell in self.cells

    def narrower_than(self, other: Selector) -> bool:
        """Whether this selector names strictly fewer nodes that both could name: fewer cell
        types of the same entity, or an entity where the other names none."""
        if self.base and not other.base:
            return True
        if self.base != other.base or self.cells is None:
            return False
        return other.cells is None or self.cells < other.cells

    def overlaps(self, other: Selector) -> bool:
        """Whether some node could match both."""
        if self.base and other.base and self.base != other.base:
            return False
        return self.cells is None or other.cells is None or bool(self.cells & other.cells)


class Intervention(NamedTuple):
    """Clamp every node the selector matches: ``on`` to 1, ``off`` to 0."""

    selector: Selector
    value: bool
    location: Location


def most_specific(interventions: Iterable[Intervention], node: str) -> list[Intervention]:
    """The interventions that set ``node``: of those whose selector matches it, the ones no
    other matching selector is narrower than.

    This is the precedence rule: ``on: [VEGF]`` with ``off: [VEGF@PV]`` infuses VEGF
    everywhere except in PV cells, where it is deleted. It is well defined whenever
    :func:`clashes` finds nothing: then these interventions agree on the value.
    """
    matching = [i for i in interventions if i.selector.matches(node)]
    return [i for i in matching if not any(j.selector.narrower_than(i.selector) for j in matching)]


def clashes(interventions: Sequence[Intervention]) -> list[Problem]:
    """Where some node could be switched both on and off by selectors none of which is
    narrower than the others: no rule says which wins, so the experiment must say it
    differently.

    Decided without the hypotheses: a node of an entity is told apart only by its cell
    type, so it is enough to try each cell type the selectors name, and one they don't.
    """
    problems: dict[tuple[str, str], Problem] = {}
    for base in dict.fromkeys(i.selector.base for i in interventions):
        named = [i for i in interventions if i.selector.base == base]
        cells = sorted({c for i in named for c in i.selector.cells or ()})
        for node in [f"{base}@{c}" for c in cells] + [base]:
            setters = most_specific(named, node)
            on = [i for i in setters if i.value]
            off = [i for i in setters if not i.value]
            if not (on and off):
                continue
            first, second = sorted((on[0], off[0]), key=lambda i: i.location)
            a, b = first.selector, second.selector
            if a.cells == b.cells:
                how = "name the same nodes"
            else:
                how = f"both name {node}, and neither is narrower"
            problems.setdefault(
                (a.text, b.text),
                Problem(
                    second.location,
                    f"'{b.text}' ({_switch(second.value)}) and '{a.text}' "
                    f"({_switch(first.value)}) {how}: the narrower selector wins, and here "
                    "none is",
                ),
            )
    return list(problems.values())


def _switch(value: bool) -> str:
    return "on" if value else "off"


class Observation(NamedTuple):
    readout: str
    value: bool
    location: Location


class Source(NamedTuple):
    """The publication an outcome table records."""

    citation: str
    pmid: str | None = None
    doi: str | None = None


class Experiment(NamedTuple):
    id: str
    label: str
    setting: str
    interventions: tuple[Intervention, ...]
    observations: tuple[Observation, ...]
    evidence: str
    location: Location
    source: Source
    figure: str | None = None
    inferred: str | None = None  # the reason, when the row is inferred rather than stated
    note: str | None = None
    setting_location: Location | None = None  # of the row's ``setting`` value
    pending: bool = False  # not yet run: nothing observed, nothing scored
    measure: tuple[str, ...] = ()  # what a pending experiment would read out
    # the row this one may record again (the same experiment, told by another source):
    # the likelihood counts the two as one observation (pathcheck.analysis.evidence)
    same_as: str | None = None
    same_as_location: Location | None = None
    secondary: bool = False  # the outcome rests on one secondary source alone
    # those of its interventions that say what its setting's preparation lacks, in the
    # table's reading (``preparations``): not what the experimenters did
    preparation: tuple[Intervention, ...] = ()
    measure_locations: tuple[Location, ...] = ()  # of each ``measure`` read-out
    # the clamps in each reading of the table (as loaded, in its default reading), each
    # labelled by the options that differ from the default: what the linter checks
    every_reading: tuple[tuple[str, tuple[Intervention, ...]], ...] = ()

    @property
    def manipulations(self) -> tuple[Intervention, ...]:
        """What the experimenters switched: the interventions but the preparation's."""
        return tuple(i for i in self.interventions if i not in self.preparation)

    @property
    def verified(self) -> bool:
        return self.inferred is None

    @property
    def readings_of_clamps(self) -> tuple[tuple[str, tuple[Intervention, ...]], ...]:
        """The clamps in every reading, labelled (the default's label is empty)."""
        return self.every_reading or (("", self.interventions),)

    def to_dict(self) -> dict[str, Any]:
        """The experiment as plain data: what was done, where it is written, its source."""
        return {
            "id": self.id,
            "label": self.label,
            "file": self.location.file,
            "line": self.location.line,
            "setting": self.setting,
            "on": [i.selector.text for i in self.interventions if i.value],
            "off": [i.selector.text for i in self.interventions if not i.value],
            "source": self.evidence,
            "figure": self.figure,
            "verified": self.verified,
            "inferred_because": self.inferred,
            "same_as": self.same_as,
            "secondary": self.secondary,
        }


class CellGroup(NamedTuple):
    """A name an outcome table gives several cell types (``neuron: [pyramidal, PV]``)."""

    name: str
    members: frozenset[str]  # in the table's reading
    location: Location
    readings: Mapping[str, frozenset[str]] = {}  # every reading's members


class Preparation(NamedTuple):
    """What a setting's preparation lacks, as a table declares it (``preparations``), in
    every reading: each reading's name (``""`` when it is read one way) and its
    selectors, switched off in every row of the setting."""

    name: str
    setting: str
    location: Location
    readings: tuple[tuple[str, tuple[Intervention, ...]], ...]


class ExperimentFile(NamedTuple):
    """An outcome table, as read in one reading of its data choices (its default unless
    built otherwise); ``spec`` is what the loader rebuilds it from in another."""

    file: str
    source: Source
    title: str
    experiments: tuple[Experiment, ...]
    cell_groups: tuple[CellGroup, ...] = ()
    choices: tuple[Choice, ...] = ()
    reading: Assignment = ()
    spec: TableReader | None = None  # what the loader reads the table again with
    # entities the table names that no hypothesis is meant to model (a specificity
    # control's unrelated factor), each with the reason: a selector on them is expected
    # to change nothing (a plain mapping, never changed, so that a table pickles to worker
    # processes and a Dask cluster)
    unmodelled: Mapping[str, str] = {}
    preparations: tuple[Preparation, ...] = ()  # every reading of each, for the linter


class Builder(Protocol):
    """What a loader leaves in a hypothesis with choices, to build its family's members
    (from the located file, so a member's problems point at the lines that made it)."""

    def build(self, choices: tuple[Choice, ...], assignment: Assignment) -> Hypothesis:
        """The member taking ``assignment``'s options; raise :class:`InputError`."""
        ...


class TableReader(Protocol):
    """What a loader leaves in an outcome table with readings, to read it in another."""

    def read(self, reading: Mapping[str, str]) -> ExperimentFile:
        """The table in ``reading`` (choice -> option; a choice not named at its
        default); raise :class:`InputError`."""
        ...


class Kept(NamedTuple):
    """A table reader that keeps some experiments only, in every reading of the table."""

    reader: TableReader
    ids: frozenset[str]
    inside: bool  # keep the experiments of these ids, or every experiment but them

    def read(self, reading: Mapping[str, str]) -> ExperimentFile:
        return kept(self.reader.read(reading), self.ids, inside=self.inside)


def kept(table: ExperimentFile, ids: frozenset[str], *, inside: bool = True) -> ExperimentFile:
    """The table with the experiments of ``ids`` alone (``inside``), or without them; in
    whatever reading it is read again, the same."""
    experiments = tuple(e for e in table.experiments if (e.id in ids) == inside)
    spec = None if table.spec is None else Kept(table.spec, ids, inside)
    return table._replace(experiments=experiments, spec=spec)


def family_size(hypothesis: Hypothesis) -> int:
    """How many members the hypothesis stands for: the product of its open choices'
    options (1 for a pinned member)."""
    size = 1
    for choice in hypothesis.open_choices:
        size *= len(choice.options)
    return size


def assignments(choices: Sequence[Choice]) -> Iterator[Assignment]:
    """Every combination of the choices' options, the defaults first."""
    names = [c.name for c in choices]
    for options in itertools.product(*(c.options for c in choices)):
        yield tuple(zip(names, options, strict=True))


def members(hypothesis: Hypothesis) -> Iterator[Hypothesis]:
    """Every member of the hypothesis's family, the default first, built one at a time
    (a family of 2^20 members is never held in memory)."""
    if hypothesis.spec is None or not hypothesis.open_choices:
        yield hypothesis
        return
    for assignment in assignments(hypothesis.choices):
        yield hypothesis.spec.build(hypothesis.choices, assignment)


def member(hypothesis: Hypothesis, written: str) -> Hypothesis:
    """The member named ``written`` (``serial_loop[vegf_source=pyramidal]``, or only some
    choices, the others at their default), pinned: it stands for itself, named with every
    option, and is never expanded into its family again; raise ``ValueError`` saying what
    is wrong."""
    _, given = parse_member_name(written)
    chosen = {c.name: c.default for c in hypothesis.choices}
    known = {c.name: c for c in hypothesis.choices}
    for name, option in given:
        if name not in known:
            hint = did_you_mean(name, known) if known else ": it has no choices"
            family = hypothesis.family or hypothesis.name
            raise ValueError(f"'{family}' has no choice '{name}'{hint}")
        listed = known[name].options
        if option not in listed:
            raise ValueError(
                f"choice '{name}' has no option '{option}'{did_you_mean(option, listed)} "
                f"(options: {', '.join(listed)})"
            )
        chosen[name] = option
    if hypothesis.spec is None or not hypothesis.choices:
        return hypothesis
    built = hypothesis.spec.build(hypothesis.choices, tuple(chosen.items()))
    return built._replace(name=built.full_name, pinned=True)


def data_choices(files: Iterable[ExperimentFile]) -> tuple[Choice, ...]:
    """The choices of the data across tables: a name used by several tables (the same
    cell group in two papers' tables) is one choice, and must offer the same readings."""
    merged: dict[str, Choice] = {}
    problems = []
    for table in files:
        for choice in table.choices:
            first = merged.setdefault(choice.name, choice)
            if choice.open and not first.open:  # supported only where every table says why
                merged[choice.name] = first._replace(default_because=None)
            if set(first.options) != set(choice.options) or first.default != choice.default:
                problems.append(
                    Problem(
                        choice.location,
                        f"'{choice.name}' has readings {', '.join(choice.options)} here but "
                        f"{', '.join(first.options)} at {first.location}: a name read two ways "
                        "must offer the same readings, with the same default",
                    )
                )
    if problems:
        raise InputError(problems)
    return tuple(merged.values())


def readings(files: list[ExperimentFile]) -> Iterator[tuple[Assignment, list[ExperimentFile]]]:
    """Every reading of the data, the default first: each combination of the tables'
    readings, with the tables as read in it."""
    choices = data_choices(files)
    default = tuple((c.name, c.default) for c in choices)
    for assignment in assignments(choices):
        if assignment == default:  # the tables as loaded
            yield assignment, files
            continue
        chosen = dict(assignment)
        yield assignment, [f if f.spec is None else f.spec.read(chosen) for f in files]
