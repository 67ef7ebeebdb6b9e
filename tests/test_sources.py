"""The record cites its sources: every outcome table, catalogue item and read-out names a
publication by PMID or DOI, and every quotation in the bundled hypotheses, outcome
tables and catalogue is, word for word, a passage of docs/sources.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pathcheck.formats.catalogue import load_catalogue
from pathcheck.formats.experiments import load_experiment_files
from tests.repository import CATALOGUE, EXPERIMENTS, HYPOTHESES, ROOT, TABLE_FILES

CITED = re.compile(r"\b(PMID \d+|doi 10\.\d{4,}/\S+)")


def test_every_outcome_table_names_its_publication() -> None:
    for table in load_experiment_files(TABLE_FILES):
        assert table.source.pmid or table.source.doi, table.file


def test_every_catalogue_item_and_readout_cites_a_publication() -> None:
    catalogue = load_catalogue(CATALOGUE)
    for item in catalogue.items:
        said = " ".join(filter(None, (item.used, item.proposed, item.cre, item.note)))
        assert CITED.search(said), item.id
    for readout in catalogue.readouts:
        said = " ".join(filter(None, (readout.used, readout.proposed)))
        assert CITED.search(said), readout.id


# --- every quotation is a source's words ------------------------------------------------

SOURCES = ROOT / "docs" / "sources.md"
QUOTED = re.compile(r'"([^"]+)"')
ELIDED = re.compile(r"\s*(?:\.\.\.|…)\s*")
HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


def plain(text: str) -> str:
    """Runs of whitespace as one space, typographic hyphens as '-'."""
    return " ".join(text.translate(HYPHENS).split())


def passages() -> list[str]:
    """The quoted passages of docs/sources.md: each run of '>' lines is one."""
    found: list[str] = []
    current: list[str] = []
    for line in [*SOURCES.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(">"):
            current.append(line[1:])
        elif current:
            found.append(plain(" ".join(current)))
            current = []
    return found


def comments(text: str) -> list[str]:
    """The file's comments, each run of comment lines as one text (a quotation may wrap
    from one line to the next); a '#' inside a quoted scalar starts none."""
    runs: list[str] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        quote = None
        start = None
        for i, char in enumerate(line):
            if quote:
                quote = None if char == quote else quote
            elif char in "\"'" and (i == 0 or line[i - 1] in " :[{,-"):
                quote = char
            elif char == "#" and (i == 0 or line[i - 1] in " \t"):
                start = i
                break
        if start is not None:
            current.append(line[start + 1 :])
        elif current:
            runs.append(" ".join(current))
            current = []
    return runs


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def quotations(path: Path) -> list[str]:
    """Text in straight double quotes, in the file's comments and string values (a YAML
    scalar written in quotes is parsed, its quotes gone)."""
    text = path.read_text(encoding="utf-8")
    found = strings(yaml.safe_load(text)) + comments(text)
    return [plain(q) for s in found for q in QUOTED.findall(plain(s))]


def said(quotation: str, passage: str) -> bool:
    """Whether the quotation's parts (split where '...' marks a cut) appear in order."""
    at = 0
    for part in (p for p in ELIDED.split(quotation) if p):
        at = passage.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


BUNDLED = [*sorted(HYPOTHESES.glob("*.yaml")), *sorted(EXPERIMENTS.glob("*.yaml"))]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_quotation_appears_in_docs_sources_word_for_word(path: Path) -> None:
    every = passages()
    missing = [q for q in quotations(path) if not any(said(q, p) for p in every)]
    assert not missing, missing


def test_the_quotation_test_can_fail() -> None:
    every = passages()
    assert any(said("BDNF increased VEGF release", p) for p in every)
    assert not any(said("BDNF increased VEGF secretion", p) for p in every)
    assert any(
        said("a selective deletion of VEGF receptor ... (FLK1) in pyramidal", p) for p in every
    )
    assert not any(said("(FLK1) in pyramidal ... a selective deletion", p) for p in every)
    assert quotations(BUNDLED[0])  # the files do quote


def test_docs_sources_cites_each_source_by_pmid_or_doi() -> None:
    text = SOURCES.read_text(encoding="utf-8")
    sections = text.split("\n## ")[1:]
    for section in sections:
        flat = " ".join(section.split())
        # an identifier, or an explicit word that the one given could not be checked
        assert CITED.search(flat) or "PMC" in flat or "not verified here" in flat, flat[:60]
