"""The API's one exception for bad input: every public call, given a value of the wrong
kind or range for any parameter, raises :class:`pathcheck.InputError` (a ``ValueError``)
naming it, and nothing else; a bad file gets the located line the command line prints."""

from __future__ import annotations

import inspect
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import pathcheck
from pathcheck import api
from pathcheck.cli import app

BAD = [object(), -1, 1.5, "", [object()], {"a": 2}, b"bytes"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    pathcheck.init(root)
    other = (
        (root / "hypotheses" / "example.yaml").read_text().replace("name: example", "name: other")
    )
    (root / "hypotheses" / "other.yaml").write_text(
        other.replace("response: receptor", "response: 1")
    )
    (root / "m.bnet").write_text("a, a\nb, a\n")
    (root / "m.sif").write_text("a 1 b\n")
    (root / "m.csv").write_text("TR:a,DA:b,DV:b\n0,0,0\n1,10,1\n")
    try:
        (root / "m.sbml").write_text(pathcheck.to_sbml(root / "hypotheses" / "example.yaml"))
    except pathcheck.InputError:  # no python-libsbml here: from_sbml is refused, and told
        (root / "m.sbml").write_text("not SBML")
    (root / "catalogue.yaml").write_text(
        "items:\n  - {id: L, label: ligand, on: ligand, kind: infusion, settings: [in_vivo], "
        "cost: 1, used: t}\n"
    )
    return root


def baselines(root: Path) -> dict[str, tuple[tuple[Any, ...], dict[str, Any]]]:
    """A cheap call of each public function that works, to vary one argument of."""
    hyps, tables = root / "hypotheses", [root / "experiments"]
    where: dict[str, Any] = {"folder": hyps}
    return {
        "load_hypotheses": ((), where),
        "load_hypothesis": (("example",), where),
        "load_experiments": ((tables,), {}),
        "hypotheses_folder": ((hyps,), {}),
        "inventory": ((), {**where, "experiments": tables}),
        "predict": (("example",), {**where, "on": ["ligand"], "setting": "in_vivo"}),
        "explain": (("example",), {**where, "experiment": "E1", "experiments": tables}),
        "draw": (("example",), {**where, "experiment": "E1", "experiments": tables}),
        "compare": ((["example"],), {**where, "experiments": tables}),
        "report": ((["example"],), {**where, "experiments": tables}),
        "repair": (("other",), {**where, "experiments": tables, "max_edits": 1}),
        "family": (("example",), {**where, "experiments": tables}),
        "design": (
            (["example", "other"],),
            {**where, "experiments": tables, "catalogue": root / "catalogue.yaml"},
        ),
        "learn": ((root / "m.sif",), {"data": root / "m.csv"}),
        "check": ((root / "pathcheck.toml",), {}),
        "validate": (([],), {"project": root / "pathcheck.toml"}),
        "schema": (("hypothesis",), {}),
        "init": ((root / "new",), {}),
        "write": ((root / "out.txt", "text"), {"force": True}),
        "writable": ((root / "out.txt",), {"force": True}),
        "convert": ((root / "m.bnet",), {}),
        "from_bnet": ((root / "m.bnet",), {}),
        "from_sif": ((root / "m.sif",), {}),
        "from_sbml": ((root / "m.sbml",), {}),
        "from_midas": ((root / "m.csv",), {}),
        "to_sbml": ((hyps / "example.yaml",), {}),
        "to_bnet": ((hyps / "example.yaml",), {}),
        "show": ((pathcheck.compare(["example"], folder=hyps, experiments=tables),), {}),
        "graph": (("example",), where),
    }


PUBLIC = sorted(
    name
    for name in pathcheck.__all__
    if callable(getattr(pathcheck, name)) and not isinstance(getattr(pathcheck, name), type)
)


def test_every_public_call_has_a_baseline(project: Path) -> None:
    assert sorted(baselines(project)) == PUBLIC


def _only_input_errors(
    call: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    try:
        call(*args, **kwargs)
    except pathcheck.InputError as error:
        assert isinstance(error, ValueError) and error.problems
        assert all(str(p) and "\n" not in str(p) for p in error.problems)
    except ImportError:  # an optional extra (clingo, libsbml) not installed here
        pass


@pytest.mark.filterwarnings("ignore::pathcheck.api.PathcheckWarning")
@pytest.mark.parametrize("name", PUBLIC)
def test_a_bad_value_for_any_parameter_is_an_input_error(
    project: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    call = getattr(pathcheck, name)
    args, kwargs = baselines(project)[name]
    if (project / "m.sbml").read_text() != "not SBML" or name != "from_sbml":
        call(*args, **kwargs)  # the baseline works: each change below is what is refused
    parameters = list(inspect.signature(call).parameters.values())
    for position, parameter in enumerate(parameters):
        for bad in BAD:
            if name == "init":
                shutil.rmtree(project / "new", ignore_errors=True)
            if position < len(args):
                changed = (*args[:position], bad, *args[position + 1 :])
                _only_input_errors(call, changed, kwargs)
            else:
                _only_input_errors(call, args, {**kwargs, parameter.name: bad})


@pytest.mark.parametrize(
    ("call", "command"),
    [
        (lambda: api.compare(["serail"]), ["compare", "serail"]),
        (
            lambda: api.predict("serial", off=["VEGF@pyramdal"]),
            ["predict", "serial", "--off", "VEGF@pyramdal"],
        ),
        (
            lambda: api.predict("serial", experiment="D33"),
            ["predict", "serial", "--experiment", "D33"],
        ),
        (
            lambda: api.design(["parallel", "serial"], max_combined=100_000_000),
            ["design", "parallel", "serial", "--max-combined", "100000000"],
        ),
    ],
)
def test_the_api_raises_the_line_the_command_line_prints(
    call: Callable[[], Any], command: list[str]
) -> None:
    with pytest.raises(pathcheck.InputError) as raised:
        call()
    printed = CliRunner().invoke(app, command).stderr
    assert printed == str(raised.value) + "\n"


def test_a_single_name_where_a_list_belongs_is_a_list_of_one() -> None:
    assert api.predict("parallel", on="ketamine", setting="in_vivo").readouts["behaviour"] is True
    assert [h.name for h in api.compare("parallel", readings="default").hypotheses] == ["parallel"]
    with pytest.raises(pathcheck.InputError, match="top: a whole number of at least 1, not 0"):
        api.family("serial_loop", top=0)
    with pytest.raises(pathcheck.InputError, match="hypothesis: a hypothesis's name or file"):
        api.predict(None)  # type: ignore[arg-type]
