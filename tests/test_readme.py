"""The README's examples are real: its two YAML files load and compare as it says."""

from __future__ import annotations

import doctest
import re

import pytest

from pathcheck.analysis.score import Verdict, compare
from pathcheck.formats.experiments import load_experiment_files
from pathcheck.formats.hypothesis import load_hypothesis
from tests.repository import ROOT, Writer


def yaml_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)


def test_readme_examples_load_and_predict_what_the_readme_says(write: Writer) -> None:
    hypothesis_text, experiments_text = yaml_blocks()
    hypothesis = load_hypothesis(write("h.yaml", hypothesis_text))
    tables = load_experiment_files([write("e.yaml", experiments_text)])
    result = compare([hypothesis], tables)
    verdicts = {r.experiment.id: r.cells[0].verdict for r in result.rows}
    assert verdicts == {"D2": Verdict.MATCH, "D3": Verdict.MATCH, "D12-in-vivo": Verdict.MATCH}


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.findall(r"```sh\n(.*?)\n```", readme)[1]
    assert command in ci.splitlines()


def test_the_python_block_runs_as_a_doctest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python example is a doctest, run from the repository's root as a
    reader would run it there: every output it shows is what the API gives."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(>>> .*?)```", readme, flags=re.DOTALL)
    monkeypatch.chdir(ROOT)
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 10
