"""Writing a hypothesis as ``.bnet``, for PyBoolNet, mpbn, BoNesis, BoolNet and trappist.

bnet has ``!``, ``&``, ``|`` and names of letters, digits and ``_``. pathcheck's own facts,
which bnet cannot say (name, title, source, inputs, settings, read-outs, and how names
with ``@cell`` were spelt), go in ``# pathcheck`` comments, so that importing the file
back (:mod:`pathcheck.loading.bnet`) gives the same hypothesis; other tools read them
as comments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from sympy import Symbol
from sympy.logic.boolalg import Boolean

from pathcheck.export import legal_names
from pathcheck.files import provenance
from pathcheck.formula import Size, fold
from pathcheck.loading.bnet import META
from pathcheck.model import Hypothesis
from pathcheck.problems import InputError, Location
from pathcheck.rules import PLAIN_NAME

MAX_BNET_RULE = 100_000  # symbols in one rule once exclusive or is written out


def bnet_rule(expr: Boolean, names: Mapping[str, str]) -> str:
    """A sympy rule in bnet's operators, ``!``, ``&``, ``|``: bnet has no exclusive or, so
    ``a ^ b`` is written ``(a & !b) | (!a & b)``, a long parity as a balanced tree of those.
    Raise ``ValueError`` when that would make the rule too long to be worth writing."""
    size = fold(expr, Size())
    if size > MAX_BNET_RULE:
        raise ValueError(
            f"written without exclusive or, as .bnet needs, this rule would have {size:,} "
            f"symbols (limit {MAX_BNET_RULE:,})"
        )
    return fold(expr, _Bnet(names)).text


class _Written(NamedTuple):
    text: str
    atomic: bool  # needs no parentheses as an operand


class _Bnet:
    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def constant(self, value: bool) -> _Written:
        return _Written("1" if value else "0", True)

    def variable(self, name: str) -> _Written:
        return _Written(self.names[name], True)

    def negation(self, operand: _Written) -> _Written:
        return _Written(f"!{self._operand(operand)}", True)

    def conjunction(self, operands: Sequence[_Written]) -> _Written:
        return _Written(" & ".join(sorted(self._operand(o) for o in operands)), False)

    def disjunction(self, operands: Sequence[_Written]) -> _Written:
        return _Written(" | ".join(sorted(self._operand(o) for o in operands)), False)

    def parity(self, operands: Sequence[_Written]) -> _Written:
        if len(operands) == 1:
            return operands[0]
        half = len(operands) // 2
        left, right = self.parity(operands[:half]), self.parity(operands[half:])
        return self.disjunction(
            [
                self.conjunction([left, self.negation(right)]),
                self.conjunction([self.negation(left), right]),
            ]
        )

    @staticmethod
    def _operand(written: _Written) -> str:
        return written.text if written.atomic else f"({written.text})"


def write_bnet(hypothesis: Hypothesis) -> str:
    names = legal_names(hypothesis.nodes, PLAIN_NAME)
    lines = [f"{META}exported-from: {provenance(hypothesis.file)}"]
    lines += [f"{META}name: {hypothesis.name}", f"{META}title: {hypothesis.title}"]
    lines.append(f"{META}source: {hypothesis.source}")
    lines += [f"{META}input: {name}" for name in hypothesis.inputs]
    for setting, values in hypothesis.settings.items():
        pairs = " ".join(f"{k}={int(v)}" for k, v in values.items())
        lines.append(f"{META}setting: {setting} {pairs}")
    lines += [f"{META}readout: {r} = {n}" for r, n in hypothesis.readouts.items()]
    lines += [f"{META}node: {b} = {n}" for n, b in names.items() if b != n]
    if hypothesis.description:
        lines += ["", *(f"# {line}" for line in _wrap(hypothesis.description))]
    lines += ["", "targets, factors"]
    width = max(len(b) for b in names.values()) + 1
    for node in hypothesis.nodes:
        rule = hypothesis.rules.get(node, Symbol(node))
        try:
            written = bnet_rule(rule, names)
        except ValueError as error:
            where = hypothesis.locations.get(node, Location(hypothesis.file))
            raise InputError.at(where, f"rule of '{node}': {error}") from None
        lines.append(f"{names[node] + ',':<{width + 1}} {written}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 86) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines
