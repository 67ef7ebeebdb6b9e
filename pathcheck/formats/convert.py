"""Other tools' files converted to pathcheck's: the format told by the file's name (or
named), the file read, and written as a hypothesis file or an outcome table.

A ``.bnet`` model keeps every rule as it was written; a SIF prior-knowledge network has
its edges declared and gated; an SBML-qual model has what pathcheck wrote into its notes
restored; a MIDAS data set becomes an outcome table, each value discretised as stated.
The conversion is text, what ``pathcheck import`` writes; :meth:`Converted.load` reads
that text back through the loaders, so a converted file and the object a notebook gets
from it are one and the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

from pathcheck.base.files import provenance
from pathcheck.base.problems import COMMAND_LINE, InputError, Problem
from pathcheck.formats.bnet import BnetModel, read_bnet, to_hypothesis
from pathcheck.formats.experiments import load_experiment_file
from pathcheck.formats.hypothesis import load_hypothesis
from pathcheck.formats.midas import midas_table, parse_discretise, read_midas
from pathcheck.formats.notes import comment_lines, read_facts
from pathcheck.formats.sbml import SbmlModel, read_sbml
from pathcheck.formats.sif import PriorKnowledge, read_sif
from pathcheck.formats.writing import quoted, scalar
from pathcheck.formats.yamlsource import Limits
from pathcheck.model import ExperimentFile, Hypothesis


def hypothesis_yaml(model: BnetModel) -> tuple[str, tuple[Problem, ...]]:
    """The model as a hypothesis file, every rule as it was written, and what the import
    did not keep (a stale note), said at the top and returned."""
    h = to_hypothesis(model)
    inputs = set(h.inputs)
    rules = {n: r for n, r in model.rules.items() if n not in inputs}
    free = (
        [f"{', '.join(model.free)}: no rule in the file; read as inputs, as AEON reads them"]
        if model.free
        else []
    )
    return _yaml(h, f"Imported by pathcheck from {model.file}", rules, free), h.dropped


def _yaml(h: Hypothesis, origin: str, rules: Mapping[str, str], said: Sequence[str] = ()) -> str:
    """A hypothesis read from another tool's file, as a hypothesis file: its rules as
    text, and what was not kept, or ``said`` of the reading, as comments."""
    out = [f"# {origin}", *comment_lines(h.dropped), *(f"# {line}" for line in said)]
    out += [
        f"name: {quoted(h.name)}",
        f"title: {quoted(h.title)}",
        f"source: {quoted(h.source)}",
    ]
    if h.description:
        out.append(f"description: {quoted(h.description)}")
    if h.inputs:
        out.append(f"inputs: [{', '.join(map(scalar, h.inputs))}]")
    if h.settings:
        out.append("settings:")
        for setting, values in h.settings.items():
            pairs = ", ".join(f"{scalar(k)}: {str(v).lower()}" for k, v in values.items())
            out.append(f"  {scalar(setting)}: {{{pairs}}}")
    out.append("nodes:")
    out += [f"  {scalar(n)}: {quoted(r)}" for n, r in rules.items()]
    out.append("readouts:")
    out += [f"  {scalar(r)}: {scalar(n)}" for r, n in h.readouts.items()]
    return "\n".join(out) + "\n"


GATES = ("or", "and", "family")


def sif_yaml(network: PriorKnowledge, gates: str = "or") -> str:
    """A prior-knowledge network as a hypothesis: its signed edges declared, the nodes no
    edge enters as inputs, every other node's rule the gate over its incoming edges (an
    inhibitor entering negated), and every node a read-out of its own name.

    ``gates``: ``or`` (CellNOpt's and caspo's reading of a bare PKN: any activator
    suffices), ``and``, or ``family``: each node of two or more regulators takes both,
    a choice of its own, as caspo learns them."""
    name = Path(network.file).stem
    inputs = network.stimuli
    gate = {"or": "{gate: or}", "and": "{gate: and}", "family": "{gate: [or, and]}"}[gates]
    regulators: dict[str, int] = {}
    for edge in network.edges:
        regulators[edge.target] = regulators.get(edge.target, 0) + 1
    out = [
        f"# Imported by pathcheck from {Path(network.file).name}, a prior-knowledge network",
        f"# of signed edges (SIF); each node's gate over its incoming edges: {gates}.",
        f"name: {quoted(name)}",
        f"title: {quoted(f'The prior-knowledge network of {Path(network.file).name}')}",
        f"source: {quoted(provenance(network.file))}",
    ]
    if inputs:
        out.append(f"inputs: [{', '.join(inputs)}]")
    out.append("edges:")
    out += [f"  - {e.source} {'->' if e.sign > 0 else '-|'} {e.target}" for e in network.edges]
    out.append("nodes:")
    for node in network.nodes:
        if node in inputs:
            continue
        single = "{gate: or}" if regulators[node] == 1 else gate
        out.append(f"  {node}: {single}")
    out.append("readouts:")
    out += [f"  {node}: {node}" for node in network.nodes]
    return "\n".join(out) + "\n"


def sbml_yaml(model: SbmlModel) -> tuple[str, tuple[Problem, ...]]:
    """An SBML-qual model as a hypothesis file: what pathcheck wrote into its notes (name,
    read-outs, settings) restored where the model bears it out; a foreign model's every
    node a read-out of its own name; what was not kept said at the top."""
    given = {
        n: "its constant level" if n in model.constants else "a transition" for n in model.rules
    }
    facts, dropped = read_facts(model.meta, model.rules, model.nodes, given)
    inputs = tuple(dict.fromkeys([*facts.inputs, *model.inputs]))
    name = Path(model.file).name
    hypothesis = Hypothesis(
        name=facts.name or model.name,
        title=facts.title or f"Imported from {name}",
        file=model.file,
        source=facts.source or provenance(model.file),
        description="",
        inputs=inputs,
        rules={},
        readouts=facts.readouts or {n: n for n in model.nodes},
        settings=facts.settings,
        dropped=(*model.dropped, *dropped),
    )
    rules = {n: r for n, r in model.rules.items() if n not in inputs}
    origin = f"Imported by pathcheck from {name} (SBML-qual)"
    return _yaml(hypothesis, origin, rules), hypothesis.dropped


Kind = Literal["bnet", "sbml", "sif", "midas"]
SUFFIXES: dict[str, Kind] = {
    ".bnet": "bnet",
    ".sbml": "sbml",
    ".xml": "sbml",
    ".sif": "sif",
    ".csv": "midas",
}


class Converted(NamedTuple):
    """A file of another tool's, as the pathcheck file it converts to."""

    source: str  # the file converted
    kind: Kind  # the format it was read as
    text: str  # a hypothesis file, or an outcome table (``kind == "midas"``)
    dropped: tuple[Problem, ...] = ()  # what the file says that the conversion did not keep

    @property
    def is_table(self) -> bool:
        """Whether the file became an outcome table (MIDAS data), not a hypothesis."""
        return self.kind == "midas"

    def load(self, limits: Limits | None = None) -> Hypothesis | ExperimentFile:
        """The converted text read as any file of its kind is, under the source's name."""
        where = Path(self.source)
        if self.is_table:
            return load_experiment_file(where, limits, text=self.text)
        return load_hypothesis(where, limits, text=self.text)._replace(dropped=self.dropped)


def kind_of(source: Path) -> Kind:
    """The format a file's name tells: ``.sbml`` or ``.xml``, ``.sif``, ``.csv`` (MIDAS);
    any other name is read as ``.bnet``, the plain text most tools write."""
    return SUFFIXES.get(source.suffix.lower(), "bnet")


def convert(
    source: Path,
    kind: Kind | None = None,
    *,
    gates: str = "or",
    discretise: str = "absolute:0.5",
    time: float | None = None,
    limits: Limits | None = None,
) -> Converted:
    """``source`` read as ``kind`` (else as its name tells) and written as pathcheck's."""
    kind = kind or kind_of(source)
    if kind == "midas":
        try:
            parse_discretise(discretise)
        except ValueError as error:
            raise InputError.at(COMMAND_LINE, f"discretise: {error}") from None
        text, dropped = midas_table(read_midas(source, limits), discretise, time)
    elif kind == "sif":
        if gates not in GATES:
            raise InputError.at(COMMAND_LINE, f"gates: one of {', '.join(GATES)}, not '{gates}'")
        text, dropped = sif_yaml(read_sif(source, limits), gates), ()
    elif kind == "sbml":
        text, dropped = sbml_yaml(read_sbml(source, limits))
    else:
        text, dropped = hypothesis_yaml(read_bnet(source, limits))
    return Converted(str(source), kind, text, dropped)


def rules_yaml(
    name: str,
    title: str,
    source: str,
    header: Sequence[str],
    inputs: Sequence[str],
    rules: Mapping[str, str],
    readouts: Mapping[str, str],
    edges: Sequence[tuple[str, int, str]] = (),
) -> str:
    """A hypothesis from its parts, for a model pathcheck made itself (a learned one):
    ``header`` as comment lines, each ``edges`` entry (source, sign, target) declared."""
    out = [f"# {line}" for line in header]
    out += [f"name: {quoted(name)}", f"title: {quoted(title)}", f"source: {quoted(source)}"]
    if inputs:
        out.append(f"inputs: [{', '.join(inputs)}]")
    if edges:
        out.append("edges:")
        out += [f"  - {s} {'->' if sign > 0 else '-|'} {t}" for s, sign, t in edges]
    out.append("nodes:")
    out += [f"  {node}: {quoted(rule)}" for node, rule in rules.items()]
    out.append("readouts:")
    out += [f"  {r}: {n}" for r, n in readouts.items()]
    return "\n".join(out) + "\n"
