"""The command line: parse arguments, call the Python API, pick a renderer.

Each command is one call of :mod:`pathcheck.api` (what a notebook calls) and a renderer
of :mod:`pathcheck.render`; nothing else of the package is imported here but the
defaults, the error types and the safe writing of files (``tests/test_layers.py``).

Everything heavy (sympy, YAML, rich) is imported inside the commands, so that
``pathcheck --help`` costs little more than importing typer. Annotations here are real
objects, not strings (no ``from __future__ import annotations``): typer reads them on
every run, and evaluating strings tripled the cost of building the command (4.7 ms
against 1.4 ms).
"""

import contextlib
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pathcheck import __version__
from pathcheck.base.defaults import (
    DEFAULT_ERROR_RATE,
    DEFAULT_FIXED_POINT_LIMIT,
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_READINGS,
    DEFAULT_MAX_STATES,
    error_rate_problem,
)

app = typer.Typer(
    help="Compare mechanistic hypotheses, written as Boolean causal graphs, "
    "with published experiments.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich costs more to import than typer itself
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class ReadingsMode(str, Enum):
    all = "all"
    default = "default"


class PredictFormat(str, Enum):
    table = "table"
    json = "json"


class ExplainFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class DesignFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"
    png = "png"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class ExportFormat(str, Enum):
    bnet = "bnet"
    sbml = "sbml"


class SchemaKind(str, Enum):
    hypothesis = "hypothesis"
    experiments = "experiments"
    catalogue = "catalogue"


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


MaxFileSize = Annotated[
    int,
    typer.Option(
        "--max-file-size",
        help="Refuse any file larger than this many bytes.",
        min=1,
    ),
]
Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Refuse a .bnet file whose rules use a node with no rule of its own, instead "
        "of reading that node as an input (as AEON does).",
    ),
]
MaxStates = Annotated[
    int,
    typer.Option(
        "--max-states",
        help="States the explicit search visits before BDDs take over (exact either way).",
        min=1,
    ),
]


def _checked_rate(value: float | None) -> float | None:
    """The one check of an error rate given on the command line (the project file's
    goes through the same function)."""
    problem = None if value is None else error_rate_problem(value)
    if problem:
        raise typer.BadParameter(problem)
    return value


ErrorRate = Annotated[
    float,
    typer.Option(
        "--error-rate",
        help="Probability that any one observation is wrong, in (0, 0.5).",
        callback=_checked_rate,
    ),
]


ProjectFile = Annotated[
    Path | None,
    typer.Option(
        "--project",
        help="Project file [default: pathcheck.toml, or [tool.pathcheck] in pyproject.toml, "
        "here or above].",
        show_default=False,
    ),
]


HypothesesDir = Annotated[
    Path | None,
    typer.Option(
        "--hypotheses",
        help="Folder of hypothesis files "
        "[default: ./hypotheses if present, else the bundled ones].",
        show_default=False,
    ),
]
ExperimentPaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--experiments",
        help="Outcome table or folder of them; repeatable "
        "[default: ./experiments if present, else the bundled ones].",
        show_default=False,
    ),
]


def _fail(lines: list[str]) -> NoReturn:
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(2)


def _guarded(action: Callable[[], None], strict: bool = False) -> None:
    """Turn every problem of the user's input into ``file:line:col: message`` and exit 2,
    and every failure of the system (a folder that cannot be read, a full disk, a closed
    pipe) into one line and exit 2: never a traceback. Advice goes to standard error
    (:func:`_advice`)."""
    from pathcheck.base.problems import InputError, StateSpaceTooLarge

    try:
        with _advice(strict):
            action()
    except InputError as error:
        _fail([str(p) for p in error.problems])
    except StateSpaceTooLarge as error:
        _fail([f"error: {error}"])
    except BrokenPipeError:  # the reader left (| head): nobody to tell
        _drop_stdout()
        raise typer.Exit(2) from None
    except OSError as error:
        _drop_stdout()
        where = error.filename or "standard output"
        _fail([f"{where}: {error.strerror or error}"])


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what
    could not be written raises nothing more at exit."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test's capture)
        pass


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


OutputFile = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Write here (an existing file only with --force).",
        show_default=False,
    ),
]


Force = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace an existing output file (never an input of the command)."
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pathcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Compare mechanistic hypotheses with published experiments."""


@app.command()
def compare(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Hypothesis names or files [default: every hypothesis found].", show_default=False
        ),
    ] = None,
    output: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ErrorRate = DEFAULT_ERROR_RATE,
    max_states: MaxStates = DEFAULT_MAX_STATES,
    readings: Annotated[
        ReadingsMode,
        typer.Option(
            "--readings",
            help="Score every reading (each member of a hypothesis with choices, each "
            "reading of the data) and mark each verdict robust or hinging, or the default "
            "readings alone.",
        ),
    ] = ReadingsMode.all,
    max_readings: Annotated[
        int,
        typer.Option(
            help="Refuse to score more readings than this for one hypothesis (pathcheck "
            "family scores any number).",
            min=1,
        ),
    ] = DEFAULT_MAX_READINGS,
    experiment: Annotated[
        list[str] | None,
        typer.Option(
            "--experiment",
            help="Score this experiment only (its id); repeatable [default: every one].",
            show_default=False,
        ),
    ] = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """Score hypotheses against every experiment: one table, a summary, the disagreements,
    and which verdicts hinge on a modelling choice the sources leave open."""

    def run() -> None:
        from pathcheck import api

        with _progress("scoring every reading") as tick:
            result = api.compare(
                names or [],
                experiments or [],
                error_rate,
                readings.value,
                max_states,
                max_readings,
                only=experiment or [],
                progress=tick,
                folder=hypotheses,
                max_file_size=max_file_size,
            )
        if output is Format.table and sys.stdout.isatty():
            from pathcheck.render import table

            table.print_(table.comparison(result, table.width()))
        elif output is Format.table:
            from pathcheck.render import text

            _write(text.comparison(result))
        elif output is Format.json:
            from pathcheck.render import json

            _write(json.comparison(result))
        elif output is Format.markdown:
            from pathcheck.render import markdown

            _write(markdown.comparison(result))
        else:
            from pathcheck.render import csv

            _write(csv.comparison(result))

    _guarded(run, strict)


@app.command()
def predict(
    name: Annotated[str, typer.Argument(help="Hypothesis name or file (.yaml or .bnet).")],
    on: Annotated[
        list[str] | None,
        typer.Option(
            "--on", help="Clamp the selected nodes to 1 (FLK1, FLK1@pyramidal); repeatable."
        ),
    ] = None,
    off: Annotated[
        list[str] | None,
        typer.Option("--off", help="Clamp the selected nodes to 0; repeatable."),
    ] = None,
    setting: Annotated[
        str | None, typer.Option(help="Setting whose input values apply (e.g. in_vivo).")
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Start from this state instead of the basal ones: 'A=1,B=0', "
            "nodes not named at 0.",
            show_default=False,
        ),
    ] = None,
    max_states: MaxStates = DEFAULT_MAX_STATES,
    max_fixed_points: Annotated[
        int, typer.Option(help="List at most this many fixed points (the rest are counted).", min=1)
    ] = DEFAULT_FIXED_POINT_LIMIT,
    output: Annotated[
        PredictFormat, typer.Option("--format", help="Output format.")
    ] = PredictFormat.table,
    experiment: Annotated[
        str | None,
        typer.Option(
            help="Re-run this experiment of the outcome tables (its clamps, with its "
            "table's cell groups, and its setting) instead of --on/--off/--setting.",
            show_default=False,
        ),
    ] = None,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """An ad-hoc experiment: basal states, fixed points, reachable attractors, read-outs."""

    def run() -> None:
        from pathcheck import api

        found = api.predict(
            name,
            on or [],
            off or [],
            setting,
            start,
            max_states,
            max_fixed_points,
            experiment=experiment,
            experiments=experiments or [],
            folder=hypotheses,
            max_file_size=max_file_size,
        )
        if output is PredictFormat.json:
            from pathcheck.render import json

            _write(json.prediction(found))
        else:
            from pathcheck.render import states

            heading, grids = states.heading(found), states.grids(found)
            if sys.stdout.isatty():
                from pathcheck.render import table

                table.print_(table.prediction(heading, grids, table.width()))
            else:
                from pathcheck.render import text

                _write(text.prediction(heading, grids))

    _guarded(run, strict)


@app.command()
def explain(
    name: Annotated[str, typer.Argument(help="Hypothesis name or file (.yaml or .bnet).")],
    experiment: Annotated[
        str | None,
        typer.Argument(
            help="An experiment's id in the outcome tables (D2, K1...); or give --on/--off.",
            show_default=False,
        ),
    ] = None,
    readout: Annotated[
        list[str] | None,
        typer.Option(
            "--readout",
            help="Explain this read-out; repeatable [default: the observed ones, else all].",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        list[str] | None,
        typer.Option("--on", help="With no experiment: clamp these nodes to 1; repeatable."),
    ] = None,
    off: Annotated[
        list[str] | None,
        typer.Option("--off", help="With no experiment: clamp these nodes to 0; repeatable."),
    ] = None,
    setting: Annotated[
        str | None, typer.Option(help="With no experiment: the setting (e.g. in_vivo).")
    ] = None,
    output: Annotated[
        ExplainFormat, typer.Option("--format", help="Output format.")
    ] = ExplainFormat.table,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    max_states: MaxStates = DEFAULT_MAX_STATES,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """Why a hypothesis predicts what it does: the read-out as a formula of what the
    experiment sets, the signed paths from each clamped node to it, the states before
    and after, the fixed points reachability excluded and what holds them off.

    For a mismatch, where the prediction parts from the observation: walking back along
    each path from the read-out (which needs the observed value), a node needs the value
    for which the next node's rule, in the state reached with every other node as
    predicted, gives what that next node needs; the first node from the clamped end whose
    predicted value differs from what it needs is where they part. A node the experiment
    holds there means the chain is bypassed (or cut) at that node.
    """

    def run() -> None:
        from pathcheck import api

        found = api.explain(
            name,
            experiment,
            readout or [],
            experiments or [],
            on or [],
            off or [],
            setting,
            max_states,
            folder=hypotheses,
            max_file_size=max_file_size,
        )
        if output is ExplainFormat.json:
            from pathcheck.render import json

            _write(json.explanation(found))
        elif output is ExplainFormat.markdown:
            from pathcheck.render import explain as shown

            _write(shown.markdown(found))
        else:
            from pathcheck.render import explain as shown

            _write(shown.text(found))

    _guarded(run, strict)


@app.command()
def design(
    names: Annotated[
        list[str], typer.Argument(help="The hypotheses to tell apart (names or files).")
    ],
    max_combined: Annotated[
        int, typer.Option(help="Combine up to this many catalogue items per experiment.", min=1)
    ] = 2,
    top: Annotated[int, typer.Option(help="List this many experiments.", min=1)] = 10,
    readout: Annotated[
        str | None,
        typer.Option(help="Score this read-out only [default: every one].", show_default=False),
    ] = None,
    decide: Annotated[
        str | None,
        typer.Option(
            help="Rank by what decides this choice of the hypotheses (vegf_source...), "
            "rather than which member.",
            show_default=False,
        ),
    ] = None,
    catalogue: Annotated[
        Path | None,
        typer.Option(
            help="The catalogue of manipulations [default: ./experiments/catalogue.yaml, "
            "else the bundled one].",
            show_default=False,
        ),
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option(
            help="Also write the suggestions as an outcome table of pending rows, to run "
            "and fill in; never over an existing file.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[DesignFormat, typer.Option("--format", help="Output format.")] = (
        DesignFormat.table
    ),
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ErrorRate = DEFAULT_ERROR_RATE,
    max_states: MaxStates = DEFAULT_MAX_STATES,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """Which experiment to run next: combinations of the catalogue's manipulations on
    which the hypotheses' members predict differently, ranked by expected information
    gain over their posterior after the outcome tables (then by cost, then by fewer
    manipulations), and the members no candidate can tell apart."""

    def run() -> None:
        from pathcheck import api
        from pathcheck.base.files import writable
        from pathcheck.base.files import write as write_file

        if write is not None:  # refused before the search, not after it
            writable(write, force=None)
        with _progress("searching experiments") as tick:
            found = api.design(
                names,
                experiments or [],
                catalogue,
                max_combined,
                top,
                readout,
                decide,
                error_rate,
                max_states,
                progress=tick,
                folder=hypotheses,
                max_file_size=max_file_size,
            )
        if output is DesignFormat.json:
            from pathcheck.render import json

            _write(json.design(found))
        elif output is DesignFormat.markdown:
            from pathcheck.render import design as shown

            _write(shown.markdown(found))
        else:
            from pathcheck.render import design as shown

            _write(shown.text(found))
        if write is not None:
            from pathcheck.render.pending import pending_table

            command = "pathcheck design " + " ".join(names)
            inputs = [found.catalogue.file, *(m.file for m in found.members)]
            text = pending_table(found, found.suggestions, command)
            write_file(write, text, inputs=inputs, force=None)
            typer.echo(f"wrote {len(found.suggestions)} pending experiments to {write}", err=True)

    _guarded(run, strict)


@app.command()
def graph(
    name: Annotated[
        str,
        typer.Argument(
            help="Hypothesis name or file; a member as serial_loop[vegf_source=pyramidal]."
        ),
    ],
    experiment: Annotated[
        str | None,
        typer.Option(
            help="Colour each node by its prediction for this experiment of the outcome "
            "tables (D2, K1...).",
            show_default=False,
        ),
    ] = None,
    member: Annotated[
        str | None,
        typer.Option(
            help="Draw this member of a hypothesis with choices (vegf_source=pyramidal) "
            "[default: the default member].",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        GraphFormat,
        typer.Option("--format", help="mermaid and dot are text; svg and png need Graphviz."),
    ] = GraphFormat.mermaid,
    output: OutputFile = None,
    force: Force = False,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """Draw a hypothesis: activation and inhibition told apart, gates, cell types as
    clusters; with --experiment, what each node is predicted to do."""

    def run() -> None:
        from pathcheck import api
        from pathcheck.render import graph as drawn

        chosen = f"{name}[{member}]" if member else name
        found = api.draw(
            chosen, experiment, experiments or [], folder=hypotheses, max_file_size=max_file_size
        )
        inputs = [found.hypothesis.file]
        if output_format is GraphFormat.mermaid:
            _emit(drawn.mermaid(found), output, inputs, force)
        elif output_format is GraphFormat.dot:
            _emit(drawn.dot(found), output, inputs, force)
        else:
            if output is None and output_format is GraphFormat.png:
                from pathcheck.base.problems import COMMAND_LINE, InputError

                raise InputError.at(COMMAND_LINE, "--format png writes an image: give -o FILE")
            image = drawn.rendered(found, output_format.value)
            if output is None:
                _write(image.decode())
            else:
                from pathcheck.base.files import write as write_file

                write_file(output, image, inputs=inputs, force=force)

    _guarded(run, strict)


@app.command()
def report(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Hypothesis names or files [default: every hypothesis found].", show_default=False
        ),
    ] = None,
    output: OutputFile = None,
    force: Force = False,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ErrorRate = DEFAULT_ERROR_RATE,
    max_states: MaxStates = DEFAULT_MAX_STATES,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """One self-contained HTML page to share: the summary, every experiment with the
    disagreements marked, each hypothesis drawn, each source's words, and the verdicts
    that hinge on a reading. Viewing it fetches nothing."""

    def run() -> None:
        from pathcheck import api
        from pathcheck.render.report import report as page

        result = api.compare(
            names or [],
            experiments or [],
            error_rate,
            "all",
            max_states,
            folder=hypotheses,
            max_file_size=max_file_size,
        )
        drawings = [api.draw(h) for h in result.hypotheses]
        inputs = [h.file for h in result.hypotheses] + [t.file for t in result.files]
        _emit(page(result, drawings), output, inputs, force)
        if output is not None:
            typer.echo(f"wrote {output}", err=True)

    _guarded(run, strict)


@app.command()
def check(
    project: ProjectFile = None,
    strict: Annotated[
        bool,
        typer.Option(
            help="Fail on ambiguous predictions too, not only mismatches, and refuse a .bnet "
            "file whose rules use a node with no rule of its own."
        ),
    ] = False,
    output: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] = (
        CheckFormat.text
    ),
    junit: Annotated[
        Path | None,
        typer.Option(
            help="Also write JUnit XML here: a test case per check. Replaces a report pathcheck "
            "wrote; any other existing file only with --force.",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: Annotated[
        float | None,
        typer.Option(
            "--error-rate",
            help="Overrides the project file's error rate [default: the project file's, else "
            f"{DEFAULT_ERROR_RATE}].",
            show_default=False,
            callback=_checked_rate,
        ),
    ] = None,
    max_states: MaxStates = DEFAULT_MAX_STATES,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
) -> None:
    """The CI gate: exit 0 when every must-fit hypothesis fits the data, 1 when one
    contradicts an observation, 2 on invalid input."""
    code = 0

    def run() -> None:
        nonlocal code
        from pathcheck import api
        from pathcheck.base.files import JUNIT_MARK, writable, write

        result = api.check(
            project,
            strict,
            folder=hypotheses,
            experiments=experiments or [],
            error_rate=error_rate,
            max_states=max_states,
            max_file_size=max_file_size,
        )
        findings, inputs = result.findings, result.inputs
        if junit is not None:  # refused before anything is printed
            writable(junit, inputs=inputs, force=force, replaceable=JUNIT_MARK)
        on_github = os.environ.get("GITHUB_ACTIONS") == "true"
        if on_github:  # what the files say is read as text, never as a workflow command
            from pathcheck.render import github

            stop, resume = github.stop_commands()
            _write(stop)
        for finding in findings:
            typer.echo(str(finding), err=True)
        if output is CheckFormat.json:
            from pathcheck.render import json

            _write(json.gate(result))
        else:
            from pathcheck.render import checks

            _write(checks.gate(result))
        if junit is not None:
            from pathcheck.render import junit as junit_xml

            write(junit, junit_xml.gate(result), inputs=inputs, force=force, replaceable=JUNIT_MARK)
        if on_github:
            _write(resume + github.findings(findings) + github.gate(result))
        code = result.exit_code

    _guarded(run, strict)
    raise typer.Exit(code)


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Hypothesis and experiment files [default: every one found].", show_default=False
        ),
    ] = None,
    output: Annotated[LintFormat, typer.Option("--format", help="Output format.")] = (
        LintFormat.text
    ),
    project: ProjectFile = None,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """Check files without scoring: each problem as file:line:col, errors apart from
    warnings; exit 2 when there is an error."""
    code = 0

    def run() -> None:
        nonlocal code
        from pathcheck import api

        report = api.validate(
            files or [],
            project=project,
            folder=hypotheses,
            experiments=experiments or [],
            max_file_size=max_file_size,
        )
        if output is LintFormat.json:
            from pathcheck.render import json

            _write(json.findings(report))
        elif output is LintFormat.github:
            from pathcheck.render import github

            _write(github.findings(report.findings))
        else:
            from pathcheck.render import checks

            _write(checks.findings(report))
        code = report.exit_code

    _guarded(run, strict)
    raise typer.Exit(code)


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file kind.")],
) -> None:
    """Print the JSON Schema of a file kind, for editors that check YAML as you type."""
    from pathcheck import api

    _write(api.schema(kind.value))


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to create the repository's files.", file_okay=False)
    ] = Path("."),
) -> None:
    """Scaffold a hypotheses repository: an example hypothesis and outcome table, the
    project file, a GitHub workflow, a pre-commit config and the schemas."""

    def run() -> None:
        from pathcheck import api

        for path in api.init(folder):
            typer.echo(f"created {path}")
        typer.echo("next: edit the examples, then run `pathcheck check` there")

    _guarded(run)


def _emit(text: str, output: Path | None, inputs: list[str], force: bool) -> None:
    """Print, or write a file: an existing one is the user's and stays as it is unless
    ``force``; an input of the command, never."""
    if output is None:
        _write(text)
        return
    from pathcheck.base.files import write

    write(output, text, inputs=inputs, force=force)


class Gates(str, Enum):
    or_ = "or"
    and_ = "and"
    family = "family"


@app.command("import")
def import_file(
    source: Annotated[
        Path,
        typer.Argument(
            help="A .bnet model (PyBoolNet, mpbn, BoolNet...), an SBML-qual .sbml/.xml "
            "model, a .sif prior-knowledge network, or a MIDAS .csv data set (CellNOpt, "
            "caspo)."
        ),
    ],
    output: OutputFile = None,
    force: Force = False,
    midas: Annotated[
        bool, typer.Option("--midas", help="Read the file as MIDAS data whatever its name.")
    ] = False,
    gates: Annotated[
        Gates,
        typer.Option(
            help="SIF: each node's gate over its incoming edges; family: both, a choice "
            "per node, as caspo learns them."
        ),
    ] = Gates.or_,
    discretise: Annotated[
        str,
        typer.Option(
            help="MIDAS: a value is 1 when at least T (absolute:T) or at least D above the "
            "same treatments at time 0 (control:D)."
        ),
    ] = "absolute:0.5",
    time: Annotated[
        float | None,
        typer.Option(
            help="MIDAS: the time whose rows to keep [default: the latest].", show_default=False
        ),
    ] = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """Turn another tool's file into pathcheck's: a .bnet model or a SIF network into a
    hypothesis (every rule kept as written; every edge declared and gated), MIDAS data
    into an outcome table (each value discretised as stated in the file)."""

    def run() -> None:
        from pathcheck import api

        suffix = source.suffix.lower()
        if midas or suffix == ".csv":
            text = api.from_midas(source, discretise, time, max_file_size=max_file_size)
        elif suffix == ".sif":
            text = api.from_sif(source, gates.value, max_file_size=max_file_size)
        elif suffix in (".sbml", ".xml"):
            text = api.from_sbml(source, max_file_size=max_file_size)
        else:
            text = api.from_bnet(source, max_file_size=max_file_size)
        _emit(text, output, [str(source)], force)

    _guarded(run, strict)


@app.command()
def export(
    name: Annotated[str, typer.Argument(help="Hypothesis name or file.")],
    to: Annotated[ExportFormat, typer.Option("--to", help="The format to write.")],
    output: OutputFile = None,
    force: Force = False,
    hypotheses: HypothesesDir = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """Write a hypothesis for other tools: .bnet for PyBoolNet, mpbn, BoNesis, BoolNet;
    SBML-qual for GINsim, CellCollective, BioModels and AEON (pathcheck[sbml])."""

    def run() -> None:
        from pathcheck import api

        hypothesis = api.load_hypothesis(name, hypotheses, max_file_size=max_file_size)
        text = api.to_sbml(hypothesis) if to is ExportFormat.sbml else api.to_bnet(hypothesis)
        _emit(text, output, [hypothesis.file], force)

    _guarded(run, strict)


class FamilyFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def family(
    name: Annotated[str, typer.Argument(help="A hypothesis with open choices (name or file).")],
    output: Annotated[FamilyFormat, typer.Option("--format", help="Output format.")] = (
        FamilyFormat.table
    ),
    top: Annotated[
        int | None,
        typer.Option(
            help="Keep and list only the best N readings (memory then stays flat however "
            "large the family) [default: all].",
            min=1,
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(help="Score the members in this many worker processes.", min=1)
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Score on this Dask cluster (the address of a distributed scheduler, "
            "tcp://host:8786); needs the 'distributed' extra.",
            show_default=False,
        ),
    ] = None,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ErrorRate = DEFAULT_ERROR_RATE,
    max_states: MaxStates = DEFAULT_MAX_STATES,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """Every member of a hypothesis with open choices, in every reading of the data, scored
    and sorted; the options the data force, and those no fitting reading uses."""

    def run() -> None:
        from pathcheck import api

        with _progress("scoring members") as tick:
            found = api.family(
                name,
                experiments or [],
                error_rate,
                max_states,
                top,
                workers=workers,
                scheduler=scheduler,
                progress=tick,
                folder=hypotheses,
                max_file_size=max_file_size,
            )
        if output is FamilyFormat.json:
            from pathcheck.render import json

            _write(json.family(found))
        elif output is FamilyFormat.csv:
            from pathcheck.render import csv

            _write(csv.family(found))
        elif sys.stdout.isatty():
            from pathcheck.render import table

            table.print_(table.family(found, table.width()))
        else:
            from pathcheck.render import text

            _write(text.family(found))

    _guarded(run, strict)


@contextlib.contextmanager
def _advice(strict: bool = False) -> "Iterator[None]":
    """What the API only advises (a read-out no hypothesis has, say) on standard error,
    once the call it came from is done; with ``strict``, a .bnet node read as an input
    refuses the file instead."""
    from pathcheck.base.problems import FreeInputWarning, PathcheckWarning

    with warnings.catch_warnings(record=True) as advice:
        warnings.simplefilter("always", PathcheckWarning)
        if strict:
            warnings.simplefilter("error", FreeInputWarning)
        yield
    for warning in advice:
        typer.echo(str(warning.message), err=True)


@contextlib.contextmanager
def _progress(label: str) -> "Iterator[Callable[[int, int], None]]":
    """A progress bar on a terminal, once the work has taken more than a second; nothing
    when the output is piped."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from pathcheck.render.progress import Ticker

    ticker = Ticker(label)
    try:
        yield ticker
    finally:
        ticker.close()


@app.command("list")
def list_files(
    output: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = (
        ListFormat.text
    ),
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_FILE_SIZE,
    strict: Strict = False,
) -> None:
    """The hypotheses and outcome tables found, with their titles."""

    def run() -> None:
        from pathcheck import api

        found = api.load_hypotheses([], hypotheses, max_file_size=max_file_size)
        tables = api.load_experiments(experiments or [], max_file_size=max_file_size)
        folder = api.hypotheses_folder(hypotheses)
        if output is ListFormat.json:
            from pathcheck.render import json

            _write(json.listing(folder, found, tables))
            return
        typer.echo(f"Hypotheses in {folder}:")
        for h in found:
            typer.echo(f"  {h.name:<24} {h.title}")
        typer.echo("Outcome tables:")
        for table in tables:
            typer.echo(f"  {table.file}: {table.title} ({len(table.experiments)} experiments)")

    _guarded(run, strict)


def main() -> None:
    app()
