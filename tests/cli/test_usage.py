"""Every command, given too little: exit 2 and one line that says what is missing, never a
traceback. The commands and their parameters are read from the typer app, so a command
added later is walked too."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from pathcheck.cli import app
from tests.repository import EXPERIMENTS, HYPOTHESES, Writer

runner = CliRunner()
DATA = ["--hypotheses", str(HYPOTHESES), "--experiments", str(EXPERIMENTS)]
# a value that each required parameter accepts, so that only the one left out is missing
GIVEN = {"name": "serial", "names": "serial", "kind": "hypothesis", "to": "bnet"}


def _required() -> list[tuple[str, str, list[str]]]:
    """(command, the parameter left out, the arguments given): one case per required
    parameter of every command."""
    group = typer.main.get_command(app)
    cases = []
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        required = [p for p in command.params if p.required]
        for place, missing in enumerate(required):
            args = [name]
            for other in required:
                if other is missing:
                    continue
                # positional arguments are given in order: leaving one out leaves out those
                # after it too, and the first missing is the one named
                later = required.index(other) > place
                if later and "argument" == missing.param_type_name == other.param_type_name:
                    continue
                value = GIVEN.get(other.name or "", str(HYPOTHESES / "serial.yaml"))
                args += [value] if other.param_type_name == "argument" else [other.opts[0], value]
            cases.append((name, missing.name or "", args))
    return cases


REQUIRED = _required()


def test_the_walk_reaches_the_commands_with_required_parameters() -> None:
    walked = {(command, missing) for command, missing, _ in REQUIRED}
    assert {("predict", "name"), ("explain", "name"), ("export", "to"), ("design", "names")} <= (
        walked
    )
    assert ("import", "source") in walked and ("schema", "kind") in walked


def _one_line_refusal(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("command line: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(("command", "missing", "args"), REQUIRED, ids=lambda v: str(v))
def test_a_missing_required_parameter_is_one_line(
    command: str, missing: str, args: list[str]
) -> None:
    line = _one_line_refusal(args)
    assert missing.replace("_", "-") in line.lower() or missing in line.lower()
    assert f"pathcheck {command} -h" in line


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["explain", "serial"], "name an experiment of the outcome tables (D1, D2"),
        (["explain", "serial", "D6", "--on", "BDNF"], "or give on/off/setting"),
        (["graph", "serial", "--force"], "--force replaces an existing output file: give -o"),
        (["export", "serial", "--to", "bnet", "--force"], "give -o FILE"),
        (["report", "serial", "--force"], "give -o FILE"),
        (["check", "--force"], "give --junit FILE"),
        (["explain", "serial", "--format", "html"], "invalid value for '--format'"),
        (["compare", "--nope"], "no such option: --nope"),
        (["frobnicate"], "no such command 'frobnicate'"),
    ],
)
def test_an_option_without_its_companion_is_one_line(args: list[str], says: str) -> None:
    data = DATA if args[0] in ("explain", "predict", "graph", "report", "compare") else []
    assert says in _one_line_refusal([*args, *data])


SETTINGS = """
name: stimulated
title: a setting that sets an input
source: a test
inputs: [ligand]
settings: {rest: {}, stimulated: {ligand: 1}}
nodes:
  receptor: ligand
  response: receptor & ~blocker
  blocker: 0
readouts:
  response: response
"""


@pytest.mark.parametrize("command", ["explain", "predict"])
def test_clamps_need_a_setting_where_settings_set_inputs(command: str, write: Writer) -> None:
    path = str(write("stimulated.yaml", SETTINGS))
    line = _one_line_refusal([command, path, "--on", "blocker"])
    assert line == (
        "command line: give --setting (rest, stimulated): stimulated's inputs differ between them"
    )
    given = runner.invoke(app, [command, path, "--on", "blocker", "--setting", "stimulated"])
    assert given.exit_code == 0, given.stderr


def test_where_settings_set_no_input_the_default_is_theirs() -> None:
    result = runner.invoke(app, ["explain", "serial", "--on", "BDNF", *DATA])
    assert result.exit_code == 0, result.stderr
    assert "ad hoc: on: BDNF" in result.stdout


def test_with_its_companions_the_ad_hoc_experiment_runs() -> None:
    result = runner.invoke(app, ["explain", "serial", "--on", "BDNF", "--setting", "in_vivo"])
    assert result.exit_code == 0, result.stderr
    assert "ad hoc: on: BDNF (in_vivo)" in result.stdout
    vehicle = runner.invoke(app, ["explain", "serial", "--setting", "in_vivo", *DATA])
    assert vehicle.exit_code == 0 and "no intervention" in vehicle.stdout


def test_pathcheck_alone_still_prints_the_help() -> None:
    result = runner.invoke(app, [])
    assert "Commands:" in result.stderr and "compare " in result.stderr
