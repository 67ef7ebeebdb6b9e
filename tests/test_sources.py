"""The record cites its sources: every outcome table, catalogue item and read-out names a
publication by PMID or DOI."""

from __future__ import annotations

import re

from pathcheck.formats.catalogue import load_catalogue
from pathcheck.formats.experiments import load_experiment_files
from tests.repository import CATALOGUE, TABLE_FILES

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
