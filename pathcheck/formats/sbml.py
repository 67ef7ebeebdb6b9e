"""SBML-qual, the field's exchange format for logical models (GINsim, CellCollective,
BioModels, AEON), read through python-libsbml (``pip install 'pathcheck[sbml]'``).

A Boolean model only: every qualitative species of maximum level 1. A transition's
function terms give its output's rule: the terms of result level 1 joined by OR (or the
negation of those of level 0, where the default is 1); a species no transition sets
keeps its value, an input. MathML is translated node by node (``and``, ``or``, ``not``,
``xor``, ``implies``, a comparison of a species with 0 or 1, ``true``, ``false``); what
is not Boolean is refused with the transition it is in. The result is rule text in
pathcheck's own syntax, which the hypothesis loader then parses like any other.

A hypothesis written as SBML-qual, through python-libsbml, and checked by libsbml's
own consistency validation before it is returned.

Node names become SBML ids (``@`` as ``_at_``) and stay whole as the species' names;
each rule is a transition whose function term of level 1 is the rule as MathML, each
input signed by the rule's dependence on it. What SBML-qual has no place for (the
hypothesis's name, title, source, inputs, settings and read-outs) goes into the model's
notes as ``pathcheck KEY: VALUE`` paragraphs, so that importing the file gives back the
same hypothesis; other tools show them as notes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from sympy import Symbol

from pathcheck.base.files import provenance
from pathcheck.base.problems import COMMAND_LINE, InputError, Location, Problem
from pathcheck.formats.notes import Note, name_of_file
from pathcheck.formats.writing import legal_names, xml_text
from pathcheck.formats.yamlsource import Limits, read_text
from pathcheck.logic.dependence import Dependence, dependence
from pathcheck.logic.formula import fold
from pathcheck.logic.rules import PLAIN_NAME, name_problem
from pathcheck.model import Hypothesis


class SbmlModel(NamedTuple):
    file: str
    name: str
    rules: dict[str, str]  # node -> rule text in pathcheck's syntax; inputs absent
    inputs: tuple[str, ...]
    nodes: tuple[str, ...]
    meta: dict[str, list[Note]]  # "pathcheck KEY: VALUE" paragraphs of the model's notes
    # what the file says that the model read does not keep, or keeps read another way
    dropped: tuple[Problem, ...] = ()
    constants: frozenset[str] = frozenset()  # nodes whose rule is their constant level


META = "pathcheck "


def libsbml_module() -> Any:
    """python-libsbml, or a located error saying how to install it."""
    try:
        import libsbml
    except ImportError:
        raise InputError.at(
            COMMAND_LINE,
            "SBML needs python-libsbml: pip install 'pathcheck[sbml]'",
        ) from None
    return libsbml


def read_sbml(path: Path, limits: Limits | None = None) -> SbmlModel:
    libsbml = libsbml_module()
    file = str(path)
    text = read_text(path, limits or Limits())  # bounded, regular, UTF-8, as every input
    declared = text.find("<!DOCTYPE")
    if declared >= 0:  # entities expand (billion laughs) or reach files: SBML needs none
        line = text.count("\n", 0, declared) + 1
        column = declared - (text.rfind("\n", 0, declared) + 1) + 1
        raise InputError.at(
            Location(file, line, column), "a DOCTYPE is refused: SBML needs no DTD or entity"
        )
    document = libsbml.readSBMLFromString(text)
    # unreadable XML is refused; a schema slip a peer's writer makes (AEON leaves out the
    # species' compartment) is not: the model is still there to read
    fatal = [
        document.getError(i)
        for i in range(document.getNumErrors())
        if document.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_FATAL
        or document.getError(i).getCategory() == libsbml.LIBSBML_CAT_XML
    ]
    if fatal:
        first = fatal[0]
        where = Location(file, first.getLine(), first.getColumn())
        raise InputError.at(where, f"not SBML: {first.getShortMessage()}")
    model = document.getModel()
    qual = model.getPlugin("qual") if model is not None else None
    if qual is None:
        raise InputError.at(Location(file, 1, 1), "no SBML-qual model (the qual package)")

    def here(element: Any) -> Location:
        return Location(file, element.getLine(), element.getColumn())

    dropped: list[Problem] = []

    def drop(element: Any, message: str) -> None:
        dropped.append(Problem(here(element), f"not kept: {message}"))

    names: dict[str, str] = {}  # SBML id -> pathcheck node
    constants: dict[str, str] = {}  # node -> its constant level, as a rule
    initial: list[tuple[str, int]] = []  # species whose initial level is not kept
    for i in range(qual.getNumQualitativeSpecies()):
        species = qual.getQualitativeSpecies(i)
        if species.isSetMaxLevel() and species.getMaxLevel() > 1:
            raise InputError.at(
                here(species),
                f"'{species.getId()}' has {species.getMaxLevel() + 1} levels: pathcheck reads "
                "Boolean models only",
            )
        written = species.getName() if species.isSetName() else ""
        node = written if written and not name_problem(written) else species.getId()
        if name_problem(node):
            raise InputError.at(here(species), f"'{node}': {name_problem(node)}")
        if written and node != written:
            drop(species, f"the name '{written}' is no node name: the id '{node}' is used")
        names[species.getId()] = node
        level = species.getInitialLevel() if species.isSetInitialLevel() else None
        if level is not None and level > 1:
            raise InputError.at(
                here(species), f"'{node}' starts at level {level}: pathcheck reads Boolean models"
            )
        if species.getConstant() and level is not None:
            constants[node] = str(level)  # held there for good: a node whose rule is it
            drop(species, f"'{node}' is constant at level {level}: read as the rule {level}")
        elif level is not None:
            initial.append((node, level))
    if len(set(names.values())) != len(names):
        names = {i: i for i in names}  # names collide: fall back on the ids, unique by SBML
        drop(qual, "species names are used twice: the ids name the nodes")
    rules: dict[str, str] = {}
    for i in range(qual.getNumTransitions()):
        transition = qual.getTransition(i)
        if transition.getNumOutputs() != 1:
            raise InputError.at(here(transition), "a transition with one output only")
        output = names[transition.getOutput(0).getQualitativeSpecies()]
        default = transition.getDefaultTerm()
        default_level = default.getResultLevel() if default is not None else 0
        terms = []
        for j in range(transition.getNumFunctionTerms()):
            term = transition.getFunctionTerm(j)
            if term.getResultLevel() not in (0, 1):
                raise InputError.at(
                    here(term),
                    f"a function term of '{output}' gives level {term.getResultLevel()}: "
                    "pathcheck reads Boolean models only (levels 0 and 1)",
                )
            if term.getResultLevel() == default_level:
                continue
            terms.append("(" + _formula(term.getMath(), names, here(transition)) + ")")
        if default_level not in (0, 1):
            raise InputError.at(
                here(default),
                f"the default term of '{output}' gives level {default_level}: pathcheck reads "
                "Boolean models only (levels 0 and 1)",
            )
        combined = " | ".join(terms) if terms else "0"
        rule = combined if default_level == 0 else f"~({combined})"
        if output in rules:
            raise InputError.at(here(transition), f"'{output}' is set by two transitions")
        if output in constants:
            drop(transition, f"'{output}' is constant: the transition that sets it is not read")
            continue
        rules[output] = rule
    rules.update(constants)
    nodes = tuple(names.values())
    inputs = tuple(n for n in nodes if n not in rules)
    held = [n for n, level in initial if n in inputs and level == 1]
    if held:
        drop(
            qual,
            f"the initial level 1 of the input {', '.join(held)}: an input is held at 0 unless "
            "a setting or an experiment sets it (declare a setting for another value)",
        )
    started = [n for n, _ in initial if n not in inputs]
    if started:
        drop(
            qual,
            f"the initial levels of {len(started)} species: an experiment starts from its "
            "setting's basal attractors",
        )
    name = model.getId() or path.stem
    if not PLAIN_NAME.match(name) or name_problem(name):
        name = name_of_file(file)
    meta = _meta(model.getNotesString(), here(model))
    return SbmlModel(file, name, rules, inputs, nodes, meta, tuple(dropped), frozenset(constants))


def _meta(notes: str, where: Location) -> dict[str, list[Note]]:
    """What pathcheck wrote into the model's notes (its name, read-outs, settings), so a
    model exported by pathcheck comes back whole; other tools' notes are left alone."""
    found: dict[str, list[Note]] = {}
    for paragraph in re.findall(r"<p>(.*?)</p>", notes or "", flags=re.DOTALL):
        text = html.unescape(paragraph).strip()
        if text.startswith(META) and ":" in text:
            key, value = text[len(META) :].split(":", 1)
            found.setdefault(key.strip(), []).append((value.strip(), where))
    return found


def _formula(ast: Any, names: dict[str, str], where: Location) -> str:
    """MathML (a libsbml AST) as rule text; iterative, however deep the expression."""
    import libsbml

    if ast is None:
        raise InputError.at(where, "a function term without math")
    done: dict[int, str] = {}  # by id() of wrappers kept alive in their parent's entry
    stack: list[tuple[Any, list[Any] | None]] = [(ast, None)]
    while stack:
        node, children = stack.pop()
        if children is None:  # first visit: libsbml makes a new wrapper per getChild call
            children = [node.getChild(k) for k in range(node.getNumChildren())]
            if children:
                stack.append((node, children))
                stack.extend((child, None) for child in children)
                continue
        parts = [done[id(child)] for child in children]
        kind = node.getType()
        if kind == libsbml.AST_LOGICAL_AND:
            text = "(" + " & ".join(parts) + ")" if parts else "1"
        elif kind == libsbml.AST_LOGICAL_OR:
            text = "(" + " | ".join(parts) + ")" if parts else "0"
        elif kind == libsbml.AST_LOGICAL_XOR:
            text = "(" + " ^ ".join(parts) + ")" if parts else "0"
        elif kind == libsbml.AST_LOGICAL_NOT and len(parts) == 1:
            text = f"~{parts[0]}"
        elif kind == libsbml.AST_LOGICAL_IMPLIES and len(parts) == 2:
            text = f"(~{parts[0]} | {parts[1]})"
        elif kind == libsbml.AST_CONSTANT_TRUE:
            text = "1"
        elif kind == libsbml.AST_CONSTANT_FALSE:
            text = "0"
        elif kind == libsbml.AST_NAME:
            if node.getName() not in names:
                raise InputError.at(where, f"'{node.getName()}' is no qualitative species")
            text = names[node.getName()]
        elif kind == libsbml.AST_INTEGER:
            text = f"#{node.getValue():g}"  # a level, meaningful only inside a comparison
        elif len(parts) == 2 and kind in _COMPARISONS:
            text = _comparison(kind, parts, where)
        else:
            raise InputError.at(where, f"'{libsbml.formulaToL3String(node)}' is not Boolean")
        done[id(node)] = text
    result = done[id(ast)]
    if result.startswith("#"):
        raise InputError.at(where, f"a level ({result[1:]}) where a condition belongs")
    return result


def _comparisons() -> dict[int, str]:
    try:
        import libsbml
    except ImportError:  # pragma: no cover - checked before any model is read
        return {}
    return {
        libsbml.AST_RELATIONAL_EQ: "==",
        libsbml.AST_RELATIONAL_NEQ: "!=",
        libsbml.AST_RELATIONAL_GEQ: ">=",
        libsbml.AST_RELATIONAL_GT: ">",
        libsbml.AST_RELATIONAL_LEQ: "<=",
        libsbml.AST_RELATIONAL_LT: "<",
    }


_COMPARISONS = _comparisons()


def _comparison(kind: int, parts: list[str], where: Location) -> str:
    """``species OP level`` (either way round) as the species or its negation."""
    operator = _COMPARISONS[kind]
    left, right = parts
    if left.startswith("#") and not right.startswith("#"):
        left, right = right, left
        operator = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}.get(operator, operator)
    if left.startswith("#") or not right.startswith("#"):
        raise InputError.at(where, "a comparison of a species with a level, 0 or 1")
    level = float(right[1:])
    holds = {  # for which of the species' values 0 and 1 the comparison holds
        "==": {v for v in (0, 1) if v == level},
        "!=": {v for v in (0, 1) if v != level},
        ">=": {v for v in (0, 1) if v >= level},
        ">": {v for v in (0, 1) if v > level},
        "<=": {v for v in (0, 1) if v <= level},
        "<": {v for v in (0, 1) if v < level},
    }[operator]
    if holds == {0, 1}:
        return "1"
    if not holds:
        return "0"
    return left if holds == {1} else f"~{left}"


# an SBML id, and none that libsbml's formula parser reads as a constant: a node named pi
# would come back as 3.14159 (whatever its case)
_SID = re.compile(
    r"(?!(?i:pi|exponentiale|avogadro|time|infinity|inf|notanumber|nan|true|false)\Z)"
    r"[A-Za-z_][A-Za-z0-9_]*\Z"
)


class _Level3:
    """A rule in libsbml's L3 infix syntax, each species compared with level 1."""

    def __init__(self, ids: dict[str, str]) -> None:
        self.ids = ids

    def constant(self, value: bool) -> str:
        return "true" if value else "false"

    def variable(self, name: str) -> str:
        return f"({self.ids[name]} == 1)"

    def negation(self, operand: str) -> str:
        return f"!({operand})"

    def conjunction(self, operands: Sequence[str]) -> str:
        return "(" + " && ".join(operands) + ")"

    def disjunction(self, operands: Sequence[str]) -> str:
        return "(" + " || ".join(operands) + ")"

    def parity(self, operands: Sequence[str]) -> str:
        return "xor(" + ", ".join(operands) + ")"


def write_sbml(hypothesis: Hypothesis) -> str:
    libsbml = libsbml_module()
    document = libsbml.SBMLDocument(libsbml.SBMLNamespaces(3, 1, "qual", 1))
    document.setPackageRequired("qual", True)
    model = document.createModel()
    model.setId(legal_names([hypothesis.name], _SID)[hypothesis.name])
    model.setName(xml_text(hypothesis.title))
    compartment = model.createCompartment()
    compartment.setId("default")
    compartment.setConstant(True)
    qual = model.getPlugin("qual")
    ids = legal_names(hypothesis.nodes, _SID)
    for node in hypothesis.nodes:
        species = qual.createQualitativeSpecies()
        species.setId(ids[node])
        species.setName(node)
        species.setCompartment("default")
        species.setConstant(False)
        species.setMaxLevel(1)
    signs = {
        Dependence.POSITIVE: libsbml.INPUT_SIGN_POSITIVE,
        Dependence.NEGATIVE: libsbml.INPUT_SIGN_NEGATIVE,
        Dependence.BOTH: libsbml.INPUT_SIGN_DUAL,
    }
    for node, rule in hypothesis.rules.items():
        if rule == Symbol(node):
            continue  # a free node keeps its value: no transition
        transition = qual.createTransition()
        transition.setId(f"tr_{ids[node]}")
        for regulator in sorted(s.name for s in rule.free_symbols):
            sign = dependence(rule, regulator)
            if sign is Dependence.NONE:
                continue
            put = transition.createInput()
            put.setId(f"tr_{ids[node]}_in_{ids[regulator]}")
            put.setQualitativeSpecies(ids[regulator])
            put.setTransitionEffect(libsbml.INPUT_TRANSITION_EFFECT_NONE)
            put.setSign(signs[sign])
        output = transition.createOutput()
        output.setId(f"tr_{ids[node]}_out")
        output.setQualitativeSpecies(ids[node])
        output.setTransitionEffect(libsbml.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL)
        transition.createDefaultTerm().setResultLevel(0)
        term = transition.createFunctionTerm()
        term.setResultLevel(1)
        term.setMath(libsbml.parseL3Formula(fold(rule, _Level3(ids))))
    model.setNotes(_notes(hypothesis), True)
    _check(libsbml, document, hypothesis)
    return str(libsbml.writeSBMLToString(document))


def _notes(hypothesis: Hypothesis) -> str:
    facts = [
        f"name: {hypothesis.name}",
        f"title: {hypothesis.title}",
        f"source: {hypothesis.source}",
        f"exported-from: {provenance(hypothesis.file)}",
        *(f"input: {name}" for name in hypothesis.inputs),
        *(
            f"setting: {setting} " + " ".join(f"{k}={int(v)}" for k, v in values.items())
            for setting, values in hypothesis.settings.items()
        ),
        *(f"readout: {r} = {n}" for r, n in hypothesis.readouts.items()),
    ]
    paragraphs = "".join(f"<p>{html.escape(xml_text(META + fact))}</p>" for fact in facts)
    return f'<body xmlns="http://www.w3.org/1999/xhtml">{paragraphs}</body>'


def _check(libsbml: Any, document: Any, hypothesis: Hypothesis) -> None:
    """libsbml's own validation: what pathcheck writes must pass it."""
    document.checkConsistency()
    errors = [
        document.getError(i).getMessage().strip()
        for i in range(document.getNumErrors())
        if document.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR
    ]
    if errors:
        where = Location(hypothesis.file, 0, 0)
        raise InputError.at(where, f"libsbml refuses the SBML written: {errors[0]}")
