"""A hypothesis written as SBML-qual, through python-libsbml, and checked by libsbml's
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
from typing import Any

from sympy import Symbol

from pathcheck.dependence import Dependence, dependence
from pathcheck.export import legal_names
from pathcheck.files import provenance
from pathcheck.formula import fold
from pathcheck.loading.sbml import META, libsbml_module
from pathcheck.model import Hypothesis
from pathcheck.problems import InputError, Location

_SID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


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
    model.setName(hypothesis.title)
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
    paragraphs = "".join(f"<p>{html.escape(META + fact)}</p>" for fact in facts)
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
