"""``pathcheck check``: the project file's hypotheses and tables, linted, compared, gated.

The command line and the Python API run the same pipeline; what they print or return
is theirs. Every input file is listed, so that no output is ever written over one.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pathcheck.defaults import DEFAULT_ERROR_RATE, DEFAULT_MAX_STATES
from pathcheck.gate import GateResult, evaluate, project_members
from pathcheck.lint import Corpus, lint, refuse_errors
from pathcheck.loading.discovery import experiment_paths, hypotheses_dir, load_hypotheses
from pathcheck.loading.experiments import load_experiment_files
from pathcheck.loading.yamlsource import Limits
from pathcheck.project import Project, find_project, load_project
from pathcheck.score import compare


def project_of(path: Path | None) -> Project:
    """The project file named, or the nearest one, or an empty project."""
    found = path or find_project(Path.cwd())
    return load_project(found) if found else Project(file="(no project file)")


def run_check(
    config: Project,
    strict: bool = False,
    hypotheses: Path | None = None,
    experiments: tuple[Path, ...] = (),
    error_rate: float | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    limits: Limits | None = None,
) -> GateResult:
    """Gate the project's must-fit hypotheses; arguments given override the project file.
    Raise :class:`~pathcheck.problems.InputError` on invalid input or a lint error."""
    rate = next(r for r in (error_rate, config.error_rate, DEFAULT_ERROR_RATE) if r is not None)
    folder = hypotheses_dir(hypotheses or config.hypotheses)
    chosen = load_hypotheses([], folder, limits)
    chosen += project_members(config, chosen)
    files = load_experiment_files(experiment_paths(experiments or config.experiments), limits)
    inputs = (config.file, *(h.file for h in chosen), *(t.file for t in files))
    findings = lint(Corpus(tuple(chosen), tuple(files)))
    refuse_errors(findings)
    result = evaluate(compare(chosen, files, rate, max_states), config, strict)
    return dataclasses.replace(result, findings=tuple(findings), inputs=inputs)
