"""The examples in the modules' docstrings run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import pathcheck

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(pathcheck.__path__, "pathcheck.")
    if not m.ispkg and m.name != "pathcheck.__main__"  # importing it runs the command line
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


@pytest.mark.parametrize(
    "name",
    [
        "pathcheck.api",
        "pathcheck.engine.prediction",
        "pathcheck.logic.formula",
        "pathcheck.logic.sat",
        "pathcheck.engine.explicit",
    ],
)
def test_the_modules_with_examples_are_found_and_run(name: str) -> None:
    assert name in MODULES
    assert doctest.testmod(importlib.import_module(name)).attempted > 0
