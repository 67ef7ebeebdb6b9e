"""The rule language: Boolean formulas over node names, parsed by hand into sympy objects.

A rule is user text, and ``eval``, ``sympify`` and ``parse_expr`` execute code, so none of
them ever sees it. This module tokenizes and parses it itself and builds sympy objects
from the parse tree.

Grammar, loosest binding first (the precedence of Python's ``|``, ``^``, ``&``, ``~``)::

    rule    := xor (("|" | "or") xor)*
    xor     := conj ("^" conj)*
    conj    := unary (("&" | "and") unary)*
    unary   := ("~" | "!" | "not") unary | atom
    atom    := NAME | "0" | "1" | "true" | "false" | "(" rule ")"

A NAME is letters, digits and ``_`` (not digits alone), optionally followed by a cell
type, ``@`` and the same characters: ``FLK1@pyramidal``.

>>> parse_rule("glutamate | FLK1@pyramidal").expr
FLK1@pyramidal | glutamate
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, Not, Or, Xor, false, true

MAX_RULE_LENGTH = 10_000
MAX_NESTING = 100
KEYWORDS = {"and": "&", "or": "|", "not": "~", "true": "1", "false": "0"}
# The name grammar, in one place: a node is NAME_PART, optionally @ and a cell type; a
# choice, an option, a cell group's reading and a .bnet name are a plain NAME_PART
NAME_PART = r"[A-Za-z0-9_]+"
NAME_RE = re.compile(rf"{NAME_PART}(?:@{NAME_PART})?\Z")
PLAIN_NAME = re.compile(rf"{NAME_PART}\Z")
_TOKEN_RE = re.compile(rf"\s*(?:(?P<name>{NAME_PART}(?:@{NAME_PART})?)|(?P<op>[&|^~!()]))")


class RuleSyntaxError(ValueError):
    """A rule that cannot be parsed; ``offset`` is the 0-based column within the rule."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class Rule(NamedTuple):
    """A parsed rule: the sympy formula and where each name first appears in the text."""

    text: str
    expr: Boolean
    name_offsets: dict[str, int]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.name_offsets)


class _Token(NamedTuple):
    kind: str  # "name", "const" or an operator character
    text: str
    offset: int


def is_valid_name(name: str) -> bool:
    """Whether ``name`` may name a node: the grammar's NAME, not a keyword, not digits alone."""
    return name_problem(name) is None


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a node, or ``None`` when it can."""
    if not NAME_RE.match(name):
        return (
            f"'{name}' is not a name: use letters, digits and '_', optionally '@' and a cell type"
        )
    base = name.split("@", 1)[0]
    if name.lower() in KEYWORDS or base.lower() in KEYWORDS:
        return (
            f"'{name}' is a reserved word of pathcheck's rules ({', '.join(KEYWORDS)}) and "
            "cannot name a node"
        )
    if any(part.isdigit() for part in name.split("@")):
        return f"'{name}' is not a name: a name needs a letter or '_' besides digits"
    return None


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            offset = len(text) - len(text[pos:].lstrip())
            raise RuleSyntaxError(f"unexpected character {text[offset]!r}", offset)
        pos = match.end()
        if match.group("op"):
            op = match.group("op")
            tokens.append(_Token("~" if op == "!" else op, op, match.start("op")))
            continue
        word, start = match.group("name"), match.start("name")
        if word in ("0", "1"):
            tokens.append(_Token("const", word, start))
        elif word.lower() in KEYWORDS:
            symbol = KEYWORDS[word.lower()]
            tokens.append(_Token("const" if symbol in "01" else symbol, symbol, start))
        else:
            problem = name_problem(word)
            if problem is not None:
                raise RuleSyntaxError(problem, start)
            tokens.append(_Token("name", word, start))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0
        self.name_offsets: dict[str, int] = {}

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _accept(self, kind: str) -> bool:
        token = self._peek()
        if token is not None and token.kind == kind:
            self.pos += 1
            return True
        return False

    def _fail(self, expected: str) -> RuleSyntaxError:
        token = self._peek()
        if token is None:
            return RuleSyntaxError(f"expected {expected} at the end of the rule", len(self.text))
        return RuleSyntaxError(f"expected {expected}, found {token.text!r}", token.offset)

    def parse(self) -> Boolean:
        if not self.tokens:
            raise RuleSyntaxError("empty rule", 0)
        expr = self._disjunction()
        if self._peek() is not None:
            raise self._fail("an operator")
        return expr

    def _disjunction(self) -> Boolean:
        terms = [self._xor()]
        while self._accept("|"):
            terms.append(self._xor())
        return terms[0] if len(terms) == 1 else Or(*terms)

    def _xor(self) -> Boolean:
        terms = [self._conjunction()]
        while self._accept("^"):
            terms.append(self._conjunction())
        return terms[0] if len(terms) == 1 else Xor(*terms)

    def _conjunction(self) -> Boolean:
        terms = [self._unary()]
        while self._accept("&"):
            terms.append(self._unary())
        return terms[0] if len(terms) == 1 else And(*terms)

    def _unary(self) -> Boolean:
        negations = 0
        while self._accept("~"):
            negations += 1
        expr = self._atom()
        return Not(expr) if negations % 2 else expr

    def _atom(self) -> Boolean:
        token = self._peek()
        if token is None or token.kind not in ("name", "const", "("):
            raise self._fail("a name, 0, 1 or '('")
        self.pos += 1
        if token.kind == "name":
            self.name_offsets.setdefault(token.text, token.offset)
            return Symbol(token.text)
        if token.kind == "const":
            return true if token.text == "1" else false
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise RuleSyntaxError(f"parentheses nested deeper than {MAX_NESTING}", token.offset)
        expr = self._disjunction()
        if not self._accept(")"):
            raise self._fail("')'")
        self.depth -= 1
        return expr


def parse_rule(text: str) -> Rule:
    """Parse ``text`` into a :class:`Rule`; raise :class:`RuleSyntaxError` with its column."""
    if len(text) > MAX_RULE_LENGTH:
        raise RuleSyntaxError(f"rule longer than {MAX_RULE_LENGTH} characters", 0)
    parser = _Parser(text)
    expr = parser.parse()
    return Rule(text, expr, parser.name_offsets)
