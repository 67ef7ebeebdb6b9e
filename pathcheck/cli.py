"""The command line: parse arguments, call the Python API, pick a renderer.

Each command is one call of :mod:`pathcheck.api` (what a notebook calls) and a renderer
named in :mod:`pathcheck.render.formats`; nothing else of the package is imported here
(``tests/test_layers.py``). Every option is written once, below, and every command runs
inside one guard (:func:`command`) that turns bad input into ``file:line:col: message``
and exit 2, never a traceback.

Everything heavy (sympy, YAML, rich) is imported inside the commands, so that
``pathcheck --help`` costs little more than importing typer. Annotations here are real
objects, not strings (no ``from __future__ import annotations``): typer reads them on
every run, and evaluating strings tripled the cost of building the command (4.7 ms
against 1.4 ms).
"""

import contextlib
import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, TypedDict

import typer
import typer.core

from pathcheck import __version__, api
from pathcheck.render.formats import names


def _click() -> Any:
    """The click typer parses with: its own copy from typer 0.28 on, the package before."""
    return getattr(typer.core, "_click", None) or typer.core.click  # type: ignore[attr-defined]


@contextlib.contextmanager
def _one_line() -> Iterator[None]:
    """A usage error (a missing argument, an unknown option, a bad choice) as one line and
    exit 2, as bad input is, instead of click's usage, hint and message; the help that
    ``pathcheck`` alone prints is left as it is."""
    exceptions = _click().exceptions
    try:
        yield
    except exceptions.UsageError as error:
        if isinstance(error, getattr(exceptions, "NoArgsIsHelpError", ())):
            raise
        context = error.ctx
        named = f" {context.info_name}" if context is not None and context.parent else ""
        message = " ".join(error.format_message().split()).rstrip(".")
        message = message[:1].lower() + message[1:]
        typer.echo(f"command line: {message} (pathcheck{named} -h shows how)", err=True)
        raise typer.Exit(2) from None


class _Commands(typer.core.TyperGroup):
    """The commands, their usage errors each one line (:func:`_one_line`)."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _one_line():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with _one_line():
            return super().invoke(ctx)


app = typer.Typer(
    cls=_Commands,
    help="Compare mechanistic hypotheses, written as Boolean causal graphs, "
    "with published experiments.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich costs more to import than typer itself
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- every option, once ----------------------------------------------------------------


def _format(kind: str, help: str = "Output format.") -> Any:
    """``--format``, offering the formats :mod:`pathcheck.render.formats` has for a kind
    of result."""
    return Annotated[Literal[tuple(names(kind))], typer.Option("--format", help=help)]


def _many(flag: str, help: str) -> Any:
    return typer.Option(flag, help=help, show_default=False)


Names = Annotated[
    list[str] | None,
    typer.Argument(
        help="Hypothesis names or files [default: every hypothesis found].", show_default=False
    ),
]
Name = Annotated[
    str,
    typer.Argument(
        help="Hypothesis name or file (.yaml or .bnet); a member as "
        "serial_loop[vegf_source=pyramidal]."
    ),
]
HypothesesDir = Annotated[
    Path | None,
    _many("--hypotheses", "Folder of hypothesis files [default: ./hypotheses, else the bundled]."),
]
ExperimentPaths = Annotated[
    list[Path] | None,
    _many(
        "--experiments",
        "Outcome table or folder of them; repeatable [default: ./experiments, else the bundled].",
    ),
]
ErrorRate = Annotated[
    float,
    typer.Option(
        "--error-rate", help="Probability that any one observation is wrong, in (0, 0.5)."
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
AllowUnknown = Annotated[
    bool,
    typer.Option(
        "--allow-unknown",
        help="A node or read-out in the outcome tables that no hypothesis has is a warning, "
        "not an error; a row clamping such a node is not scored.",
    ),
]
MaxFileSize = Annotated[
    int, typer.Option("--max-file-size", help="Refuse any file larger than this many bytes.", min=1)
]
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
ProjectFile = Annotated[
    Path | None,
    _many(
        "--project",
        "Project file [default: pathcheck.toml, or [tool.pathcheck] in pyproject.toml, here "
        "or above].",
    ),
]
On = Annotated[
    list[str] | None,
    _many("--on", "Clamp the selected nodes to 1 (FLK1, FLK1@pyramidal, A,B); repeatable."),
]
Off = Annotated[list[str] | None, _many("--off", "Clamp the selected nodes to 0; repeatable.")]
Setting = Annotated[str | None, _many("--setting", "The setting whose inputs apply (in_vivo...).")]
Row = Annotated[
    str | None,
    _many(
        "--experiment",
        "An experiment of the outcome tables (D2, K1...): its clamps, read with its table's "
        "cell groups, and its setting.",
    ),
]
ReadingsMode = Annotated[
    Literal["all", "default"],
    typer.Option(
        help="Score every reading (each member of a hypothesis with choices, each reading "
        "of the data) and mark each verdict robust or hinging, or the default readings alone.",
    ),
]
MaxReadings = Annotated[
    int, typer.Option(help="Refuse to score more readings than this for one hypothesis.", min=1)
]
Near = Annotated[
    bool,
    typer.Option(
        "--neighbours",
        help="Also score each hypothesis's one-edit neighbours (the edit space of repair) "
        "and mark what changes in one that fits the data as well.",
    ),
]
Brief = Annotated[
    bool, typer.Option("--summary", help="The verdict, the disagreements and the scores only.")
]
Rows = Annotated[
    list[str] | None,
    _many("--experiment", "Score this experiment only (its id); repeatable [default: every one]."),
]
Top = Annotated[int | None, _many("--top", "List only the best N.")]
ExcludeInferred = Annotated[
    bool,
    typer.Option(
        "--exclude-inferred",
        help="Leave the rows marked inferred (not stated by their source) out of the likelihood.",
    ),
]

RowArgument = Annotated[
    str | None,
    typer.Argument(
        help="An experiment's id in the outcome tables (D2, K1...); or give --on/--off.",
        show_default=False,
    ),
]
Readouts = Annotated[
    list[str] | None,
    _many("--readout", "Explain this read-out; repeatable [default: the observed, else all]."),
]
ToTellApart = Annotated[list[str], typer.Argument(help="The hypotheses to tell apart.")]
MaxCombined = Annotated[
    int, typer.Option(help="Combine up to this many catalogue items per experiment.", min=1)
]
Suggestions = Annotated[int, typer.Option("--top", help="List this many experiments.", min=1)]
Readout = Annotated[str | None, _many("--readout", "Score this read-out only.")]
Decide = Annotated[
    str | None,
    _many("--decide", "Rank by what decides this choice (vegf_source...), not which member."),
]
Catalogue = Annotated[
    Path | None,
    _many(
        "--catalogue", "The catalogue [default: ./experiments/catalogue.yaml, else the bundled]."
    ),
]
PendingFile = Annotated[
    Path | None,
    _many("--write", "Also write the suggestions as pending rows to run and fill in (a new file)."),
]
Strict = Annotated[
    bool,
    typer.Option(
        help="Fail on ambiguous predictions too, not only mismatches, and refuse a .bnet "
        "file whose rules use a node with no rule of its own."
    ),
]
BnetStrict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Refuse a .bnet file whose rules use a node with no rule of its own, instead "
        "of reading that node as an input (as AEON does).",
    ),
]
JunitFile = Annotated[
    Path | None,
    _many(
        "--junit",
        "Also write JUnit XML here: a test case per check. Replaces a report pathcheck wrote; "
        "any other existing file only with --force.",
    ),
]
ProjectErrorRate = Annotated[
    float | None,
    _many("--error-rate", "Overrides the project file's error rate [default: its, else 0.05]."),
]
Source = Annotated[
    Path,
    typer.Argument(
        help="A .bnet model (PyBoolNet, mpbn, BoolNet...), an SBML-qual .sbml/.xml model, a "
        ".sif prior-knowledge network, or a MIDAS .csv data set (CellNOpt, caspo)."
    ),
]
Midas = Annotated[
    bool, typer.Option("--midas", help="Read the file as MIDAS data whatever its name.")
]
Gates = Annotated[
    Literal["or", "and", "family"],
    typer.Option(
        help="SIF: each node's gate over its incoming edges; family: both, a choice per node, "
        "as caspo learns them."
    ),
]
Discretise = Annotated[
    str,
    typer.Option(
        help="MIDAS: a value is 1 when at least T (absolute:T) or at least D above the same "
        "treatments at time 0 (control:D)."
    ),
]
Time = Annotated[
    float | None, _many("--time", "MIDAS: the time whose rows to keep [default: the latest].")
]
FamilyName = Annotated[str, typer.Argument(help="A hypothesis with open choices (name or file).")]
KeepBest = Annotated[
    int | None,
    typer.Option(
        "--top",
        help="Keep and list only the best N readings (memory then stays flat however large "
        "the family) [default: all].",
        min=1,
        show_default=False,
    ),
]
Workers = Annotated[
    int, typer.Option(help="Score the members in this many worker processes.", min=1)
]
Scheduler = Annotated[
    str | None,
    _many("--scheduler", "Score on this Dask cluster (tcp://host:8786); needs 'distributed'."),
]

Pkn = Annotated[Path, typer.Argument(help="The prior-knowledge network (SIF).")]
MidasData = Annotated[Path, typer.Argument(help="The data set (MIDAS CSV), values in [0, 1].")]
Fit = Annotated[
    float,
    typer.Option(
        help="Tolerance on the error, relative to the optimum's: 0.1 lists every model "
        "within 10% of it.",
        min=0.0,
    ),
]
SizeTolerance = Annotated[
    int, typer.Option("--size", help="Tolerance on the size: literals over the optimum's.", min=0)
]
FitTime = Annotated[
    float | None, _many("--time", "The time whose rows to fit [default: the latest].")
]
Discretization = Annotated[
    Literal["round", "floor", "ceil"],
    typer.Option(help="How a value v becomes an integer on 0..factor: of factor x v."),
]
Factor = Annotated[int, typer.Option(help="The discretization's scale.", min=1)]
TermLength = Annotated[
    int, typer.Option("--length", help="At most this many regulators per AND term (0: any).", min=0)
]
MaxModels = Annotated[
    int,
    typer.Option(help="Refuse a family of more models than this (each is re-predicted).", min=1),
]
ModelFolder = Annotated[
    Path | None,
    _many(
        "--write",
        "Also write each model as a hypothesis file into this folder (made if missing); never "
        "over an existing file.",
    ),
]


Example = Annotated[
    Literal["deyama2019"] | None,
    _many(
        "--example",
        "Copy in the bundled case (its hypotheses, tables and project file) instead of the "
        "made-up example.",
    ),
]

if TYPE_CHECKING:  # to mypy a format is text; to typer, one of the kind's formats
    ComparisonFormat: TypeAlias = str
    PredictionFormat: TypeAlias = str
    ExplanationFormat: TypeAlias = str
    DesignFormat: TypeAlias = str
    FamilyFormat: TypeAlias = str
    CheckFormat: TypeAlias = str
    ValidationFormat: TypeAlias = str
    InventoryFormat: TypeAlias = str
    DrawingFormat: TypeAlias = str
    LearnFormat: TypeAlias = str
    RepairFormat: TypeAlias = str
else:
    ComparisonFormat = _format("comparison")
    PredictionFormat = _format("prediction")
    ExplanationFormat = _format("explanation")
    DesignFormat = _format("design")
    FamilyFormat = _format("family")
    CheckFormat = _format("check")
    ValidationFormat = _format("validation")
    InventoryFormat = _format("inventory")
    DrawingFormat = _format("drawing", "mermaid and dot are text; svg and png are drawn.")
    LearnFormat = _format("learn")
    RepairFormat = _format("repair")


# -- one guard, one way out --------------------------------------------------------------


class _Files(TypedDict):
    folder: Path | None
    experiments: list[Path]
    max_file_size: int


def _files(hypotheses: Path | None, experiments: list[Path] | None, max_file_size: int) -> _Files:
    """Where a command finds its hypotheses and tables, and how large a file it reads."""
    return {"folder": hypotheses, "experiments": experiments or [], "max_file_size": max_file_size}


class _Rows(TypedDict):
    allow_unknown: bool
    exclude_inferred: bool


def _rows(allow_unknown: bool, exclude_inferred: bool) -> _Rows:
    """Which rows of the tables a scoring command leaves out: those naming a node no
    hypothesis has (allowed, and said), and the inferred ones."""
    return {"allow_unknown": allow_unknown, "exclude_inferred": exclude_inferred}


def command(
    name: str | None = None,
    help: str | None = None,
    *,
    invalid: Callable[[dict[str, Any], Any], None] | None = None,
) -> Callable[[Callable[..., int | None]], Callable[..., None]]:
    """Register a command whose body returns its exit code (``None``: 0), run inside the
    one guard: every problem of the user's input as ``file:line:col: message`` and exit
    2 (under GitHub Actions, each also annotated on its line; ``invalid`` is then given
    the command's arguments and the error, to report it elsewhere too); every failure of
    the system (a folder that cannot be read, a full disk, a closed pipe) as one line and
    exit 2; the API's advice, on standard error, even when the command is refused."""

    def register(body: Callable[..., int | None]) -> Callable[..., None]:
        @functools.wraps(body)
        def run(*args: Any, **kwargs: Any) -> None:
            try:
                with _advice(strict=bool(kwargs.get("strict"))):
                    code = body(*args, **kwargs) or 0
            except api.InputError as error:
                if invalid is not None:
                    invalid(kwargs, error)
                if _on_github():
                    from pathcheck.render import github

                    _write(github.problems(error.problems))
                _fail([str(p) for p in error.problems])
            except BrokenPipeError:  # the reader left (| head): nobody to tell
                _drop_stdout()
                raise typer.Exit(2) from None
            except OSError as error:
                _drop_stdout()
                _fail([f"{error.filename or 'standard output'}: {error.strerror or error}"])
            raise typer.Exit(code)

        app.command(name, help=help)(run)
        return run

    return register


def _on_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _fail(lines: Iterable[str]) -> None:
    for line in lines:
        _say(line)
    raise typer.Exit(2)


def _say(line: str) -> None:
    """A line on standard error, checked as every output is (render.escape.output)."""
    from pathcheck.render.escape import output

    typer.echo(output(line), err=True)


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


def _show(
    kind: str,
    result: Any,
    format: str,
    output: Path | None = None,
    *,
    force: bool = False,
    inputs: Iterable[str] = (),
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """The result in the format: printed, or written to ``output`` (an existing file only
    with ``force``, or one ``replaceable`` recognises as an earlier run's; an input of the
    command, never)."""
    from pathcheck.render.formats import IMAGES, show

    if output is None and (kind, format) in IMAGES:
        raise api.InputError.usage(f"--format {format} writes an image: give -o FILE")
    _companion(force, output)
    shown = show(kind, result, format, terminal=output is None and sys.stdout.isatty())
    if output is not None:
        api.write(output, shown, inputs=inputs, force=force, replaceable=replaceable)
    elif isinstance(shown, str):
        _write(shown)
    else:
        from pathcheck.render.table import print_

        print_(shown)


def _companion(force: bool, output: Path | None, flag: str = "-o FILE") -> None:
    """``--force`` replaces the file an option names: alone, it would do nothing."""
    if force and output is None:
        raise api.InputError.usage(f"--force replaces an existing output file: give {flag}")


@contextlib.contextmanager
def _advice(strict: bool = False) -> Iterator[None]:
    """What the API only advises (a read-out no hypothesis has, the bundled copy of a
    hypothesis the project lacks, what an import did not keep, a .bnet node read as an
    input) on standard error, once the command is done or refused: every command's. With
    ``strict``, a .bnet node read as an input refuses its file instead."""
    with warnings.catch_warnings(record=True) as advice:
        warnings.simplefilter("always", api.PathcheckWarning)
        if strict:
            warnings.simplefilter("error", api.FreeInputWarning)
        try:
            yield
        finally:
            for warning in advice:
                if issubclass(warning.category, api.PathcheckWarning):
                    _say(str(warning.message))


@contextlib.contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
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


# -- the commands ----------------------------------------------------------------------


@command()
def compare(
    names: Names = None,
    output: ComparisonFormat = "table",
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ErrorRate = api.DEFAULT_ERROR_RATE,
    max_states: MaxStates = api.DEFAULT_MAX_STATES,
    readings: ReadingsMode = "all",
    max_readings: MaxReadings = api.DEFAULT_MAX_READINGS,
    experiment: Rows = None,
    summary: Brief = False,
    neighbours: Near = False,
    exclude_inferred: ExcludeInferred = False,
    allow_unknown: AllowUnknown = False,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """Score hypotheses against every experiment: the verdict first, the disagreements,
    the scores, then every experiment and which verdicts hinge on a modelling choice the
    sources leave open."""
    with _progress("scoring every reading") as tick:
        result = api.compare(
            names or [],
            **_files(hypotheses, experiments, max_file_size),
            error_rate=error_rate,
            readings=readings,
            only=experiment or [],
            max_states=max_states,
            max_readings=max_readings,
            neighbours=neighbours,
            **_rows(allow_unknown, exclude_inferred),
            progress=tick,
        )
    _show("summary" if summary else "comparison", result, output)


@command()
def predict(
    name: Name,
    on: On = None,
    off: Off = None,
    setting: Setting = None,
    start: Annotated[
        str | None,
        _many("--from", "Start from this state instead of the basal ones: 'A=1,B=0', the rest 0."),
    ] = None,
    experiment: Row = None,
    max_states: MaxStates = api.DEFAULT_MAX_STATES,
    max_fixed_points: Annotated[
        int, typer.Option(help="List at most this many fixed points (the rest are counted).", min=1)
    ] = api.DEFAULT_FIXED_POINT_LIMIT,
    output: PredictionFormat = "table",
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    allow_unknown: AllowUnknown = False,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """An ad-hoc experiment: basal states, fixed points, reachable attractors, read-outs."""
    found = api.predict(
        name,
        on=on or [],
        off=off or [],
        setting=setting,
        start=start,
        experiment=experiment,
        **_files(hypotheses, experiments, max_file_size),
        max_states=max_states,
        max_fixed_points=max_fixed_points,
        allow_unknown=allow_unknown,
    )
    _show("prediction", found, output)


EXPLAIN = """Why a hypothesis predicts what it does: the read-out as a formula of what the
experiment sets, the signed paths from each clamped node to it, the states before and
after, the fixed points reachability excluded and what holds them off.

For a mismatch, where the prediction parts from the observation: walking back along
each path from the read-out (which needs the observed value), a node needs the value for
which the next node's rule, in the state reached with every other node as predicted,
gives what that next node needs; the first node from the clamped end whose predicted
value differs from what it needs is where they part. A node the experiment holds there
means the chain is bypassed (or cut) at that node.
"""


@command(help=EXPLAIN)
def explain(
    name: Name,
    experiment: RowArgument = None,
    readout: Readouts = None,
    on: On = None,
    off: Off = None,
    setting: Setting = None,
    output: ExplanationFormat = "table",
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    max_states: MaxStates = api.DEFAULT_MAX_STATES,
    allow_unknown: AllowUnknown = False,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """Why a hypothesis predicts what it does (the help text is :data:`EXPLAIN`)."""
    found = api.explain(
        name,
        experiment=experiment,
        readouts=readout or [],
        on=on or [],
        off=off or [],
        setting=setting,
        **_files(hypotheses, experiments, max_file_size),
        max_states=max_states,
        allow_unknown=allow_unknown,
    )
    _show("explanation", found, output)


@command()
def design(
    names: ToTellApart,
    max_combined: MaxCombined = 2,
    top: Suggestions = 10,
    readout: Readout = None,
    decide: Decide = None,
    catalogue: Catalogue = None,
    write: PendingFile = None,
    output: DesignFormat = "table",
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ErrorRate = api.DEFAULT_ERROR_RATE,
    max_states: MaxStates = api.DEFAULT_MAX_STATES,
    neighbours: Near = False,
    exclude_inferred: ExcludeInferred = False,
    max_readings: MaxReadings = api.DEFAULT_MAX_READINGS,
    allow_unknown: AllowUnknown = False,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """Which experiment to run next: the catalogue's manipulations, ranked by what they'd teach."""
    _writable_pending(write)  # refused before the search, not after it
    with _progress("searching experiments") as tick:
        found = api.design(
            names,
            **_files(hypotheses, experiments, max_file_size),
            catalogue=catalogue,
            max_combined=max_combined,
            top=top,
            readout=readout,
            decide=decide,
            error_rate=error_rate,
            max_states=max_states,
            neighbours=neighbours,
            max_readings=max_readings,
            **_rows(allow_unknown, exclude_inferred),
            progress=tick,
        )
    _show("design", found, output)
    _write_pending(found, names, write)


def _writable_pending(path: Path | None) -> None:
    """Refuse ``--write`` onto an existing file before anything is searched."""
    if path is not None:
        api.writable(path, force=None)


def _write_pending(found: Any, names: list[str], path: Path | None) -> None:
    """design's suggestions as an outcome table of pending rows, in a new file (when one
    is named)."""
    if path is None:
        return
    from pathcheck.render.pending import pending_table

    text = pending_table(found, found.suggestions, "pathcheck design " + " ".join(names))
    inputs = [found.catalogue.file, *(m.file for m in found.members)]
    api.write(path, text, inputs=inputs, force=None)
    typer.echo(f"wrote {len(found.suggestions)} pending experiments to {path}", err=True)


@command()
def graph(
    name: Name,
    experiment: Annotated[
        str | None, _many("--experiment", "Colour each node by its prediction for this experiment.")
    ] = None,
    member: Annotated[
        str | None,
        _many("--member", "Draw this member (vegf_source=pyramidal) [default: default]."),
    ] = None,
    output_format: DrawingFormat = "mermaid",
    output: OutputFile = None,
    force: Force = False,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    allow_unknown: AllowUnknown = False,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """Draw a hypothesis: activation and inhibition told apart, gates, cell types as
    clusters; with --experiment, what each node is predicted to do."""
    found = api.draw(
        name,
        member=member,
        experiment=experiment,
        **_files(hypotheses, experiments, max_file_size),
        allow_unknown=allow_unknown,
    )
    _show("drawing", found, output_format, output, force=force, inputs=[found.hypothesis.file])


@command()
def report(
    names: Names = None,
    output: OutputFile = None,
    force: Force = False,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ErrorRate = api.DEFAULT_ERROR_RATE,
    max_states: MaxStates = api.DEFAULT_MAX_STATES,
    max_readings: MaxReadings = api.DEFAULT_MAX_READINGS,
    allow_unknown: AllowUnknown = False,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """One self-contained HTML page to share: the summary, every experiment with the
    disagreements marked, each hypothesis drawn, each source's words, and the verdicts
    that hinge on a reading. Viewing it fetches nothing."""
    with _progress("scoring every reading") as tick:
        found = api.report(
            names or [],
            **_files(hypotheses, experiments, max_file_size),
            error_rate=error_rate,
            max_states=max_states,
            max_readings=max_readings,
            allow_unknown=allow_unknown,
            progress=tick,
        )
    from pathcheck.render.report import is_report

    _show("report", found, "html", output, force=force, inputs=found.inputs, replaceable=is_report)
    if output is not None:
        drawn = len(found.drawings)
        typer.echo(
            f"wrote {output.resolve()}: {drawn} hypothes{'i' if drawn == 1 else 'e'}s drawn "
            "(SVG, laid out by pathcheck)",
            err=True,
        )


def _invalid_junit(arguments: dict[str, Any], error: Any) -> None:
    """The gate stopped on invalid input: its JUnit file says why, where the file is new or
    one pathcheck wrote (never over anything else, even with --force: the inputs are not
    known yet)."""
    from pathcheck.render.junit import is_report
    from pathcheck.render.junit import problems as junit_problems

    junit = arguments.get("junit")
    if junit is not None:
        with contextlib.suppress(api.InputError):  # not writable: the problems are told anyway
            api.write(junit, junit_problems(error.problems), replaceable=is_report)


@command(invalid=_invalid_junit)
def check(
    project: ProjectFile = None,
    strict: Strict = False,
    output: CheckFormat = "text",
    junit: JunitFile = None,
    force: Force = False,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ProjectErrorRate = None,
    max_states: MaxStates = api.DEFAULT_MAX_STATES,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> int:
    """The CI gate: exit 0 when every must-fit hypothesis fits the data, 1 when one
    contradicts an observation, 2 on invalid input."""
    _companion(force, junit, "--junit FILE")
    result = api.check(
        project,
        strict=strict,
        **_files(hypotheses, experiments, max_file_size),
        error_rate=error_rate,
        max_states=max_states,
    )
    _gate(result, output, junit, force, _on_github())
    return result.exit_code


def _gate(result: Any, output: str, junit: Path | None, force: bool, on_github: bool) -> None:
    """The gate's report, its JUnit XML and, on GitHub, its annotations; the JUnit file
    refused before anything is printed. On GitHub, what the files say is printed between
    a stop and a resume of workflow commands: text, never a command."""
    from pathcheck.render import github
    from pathcheck.render.junit import gate as junit_xml
    from pathcheck.render.junit import is_report

    if junit is not None:
        api.writable(junit, inputs=result.inputs, force=force, replaceable=is_report)
    stop, resume = github.stop_commands()
    _write(stop if on_github else "")
    for finding in result.findings:
        _say(str(finding))
    _show("check", result, output)
    if junit is not None:
        xml = junit_xml(result)
        api.write(junit, xml, inputs=result.inputs, force=force, replaceable=is_report)
    if on_github:
        _write(resume + github.findings(result.findings) + github.gate(result))


@command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Hypothesis and experiment files [default: every one found].", show_default=False
        ),
    ] = None,
    output: ValidationFormat = "text",
    project: ProjectFile = None,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> int:
    """Check files without scoring: each problem as file:line:col, errors apart from
    warnings; exit 2 when there is an error."""
    found = api.validate(
        files or [],
        project=project,
        **_files(hypotheses, experiments, max_file_size),
    )
    _show("validation", found, output)
    return found.exit_code


@command()
def schema(
    kind: Annotated[
        Literal["hypothesis", "experiments", "catalogue"],
        typer.Argument(help="Which file kind."),
    ],
) -> None:
    """Print the JSON Schema of a file kind, for editors that check YAML as you type."""
    _write(api.schema(kind))


@command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to create the repository's files.", file_okay=False)
    ] = Path("."),
    example: Example = None,
) -> None:
    """Scaffold a hypotheses repository: an example hypothesis and outcome table, the
    project file, a GitHub workflow, a pre-commit config and the schemas."""
    for path in api.init(folder, example=example):
        typer.echo(f"created {path}")
    if example:
        typer.echo(f"next: cd {folder} && pathcheck compare, and pathcheck check")
    else:
        typer.echo("next: edit the examples, then run `pathcheck check` there")


@command("import")
def import_file(
    source: Source,
    output: OutputFile = None,
    force: Force = False,
    midas: Midas = False,
    gates: Gates = "or",
    discretise: Discretise = "absolute:0.5",
    time: Time = None,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """Turn another tool's file into pathcheck's: a .bnet model or a SIF network into a
    hypothesis (every rule kept as written; every edge declared and gated), MIDAS data
    into an outcome table (each value discretised as stated in the file)."""
    found = api.convert(
        source,
        kind="midas" if midas else None,
        gates=gates,
        discretise=discretise,
        time=time,
        max_file_size=max_file_size,
    )
    _emit(found.text, output, force, [found.source])


@command()
def export(
    name: Name,
    to: Annotated[Literal["bnet", "sbml"], typer.Option("--to", help="The format to write.")],
    output: OutputFile = None,
    force: Force = False,
    hypotheses: HypothesesDir = None,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """Write a hypothesis for other tools: .bnet for PyBoolNet, mpbn, BoNesis, BoolNet;
    SBML-qual for GINsim, CellCollective, BioModels and AEON (pathcheck[sbml])."""
    hypothesis = api.load_hypothesis(name, folder=hypotheses, max_file_size=max_file_size)
    text = api.to_sbml(hypothesis) if to == "sbml" else api.to_bnet(hypothesis)
    _emit(text, output, force, [hypothesis.file])


def _emit(text: str, output: Path | None, force: bool, inputs: list[str]) -> None:
    """Print a file's text, or write it: never over an input, an existing file only with
    ``force``."""
    _companion(force, output)
    if output is None:
        _write(text)
    else:
        api.write(output, text, inputs=inputs, force=force)


@command()
def family(
    name: FamilyName,
    output: FamilyFormat = "table",
    top: KeepBest = None,
    workers: Workers = 1,
    scheduler: Scheduler = None,
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    error_rate: ErrorRate = api.DEFAULT_ERROR_RATE,
    max_states: MaxStates = api.DEFAULT_MAX_STATES,
    exclude_inferred: ExcludeInferred = False,
    max_readings: MaxReadings = api.DEFAULT_MAX_FAMILY_READINGS,
    allow_unknown: AllowUnknown = False,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """Every member of a hypothesis with open choices, in every reading of the data, scored
    and sorted; the options the data force, and those no fitting reading uses."""
    with _progress("scoring members") as tick:
        found = api.family(
            name,
            **_files(hypotheses, experiments, max_file_size),
            error_rate=error_rate,
            top=top,
            workers=workers,
            scheduler=scheduler,
            max_states=max_states,
            max_readings=max_readings,
            **_rows(allow_unknown, exclude_inferred),
            progress=tick,
        )
    _show("family", found, output)


@command("list")
def list_files(
    output: InventoryFormat = "text",
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """The hypotheses and outcome tables found, with their titles."""
    found = api.inventory(
        folder=hypotheses, experiments=experiments or [], max_file_size=max_file_size
    )
    _show("inventory", found, output)


@command()
def learn(
    pkn: Pkn,
    data: MidasData,
    fit: Fit = 0.0,
    size: SizeTolerance = 0,
    time: FitTime = None,
    discretization: Discretization = "round",
    factor: Factor = 100,
    length: TermLength = 0,
    max_models: MaxModels = api.DEFAULT_MAX_MODELS,
    write: ModelFolder = None,
    output: LearnFormat = "table",
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """The logic models over a prior-knowledge network that fit a MIDAS data set best, as
    caspo learns them (acyclic ORs of AND terms; the least squared error, then the fewest
    literals; every model within --fit and --size), each model's error and size, and each
    term's frequency across them. Needs clingo: pip install 'pathcheck[learn]'."""
    if write is not None and write.exists() and not write.is_dir():
        raise api.InputError.usage(f"--write {write}: is not a folder; nothing was learned")
    with _progress("learning") as tick:
        found = api.learn(
            pkn,
            data=data,
            fit=fit,
            size=size,
            time=time,
            discretization=discretization,
            factor=factor,
            length=length,
            max_models=max_models,
            progress=tick,
            max_file_size=max_file_size,
        )
    if write is not None:  # before any output: a refusal leaves nothing half done
        written = found.write_hypotheses(write)
        typer.echo(f"wrote {len(written)} hypothesis files to {write}", err=True)
    _show("learn", found, output)


RepairName = Annotated[
    str,
    typer.Argument(
        help="Hypothesis name or file; a member (serial[vegf_source=pyramidal]) to repair "
        "that member alone [default: every member]."
    ),
]
MaxEdits = Annotated[
    int, typer.Option(help="Edits per repair, at most 3 (the search is complete up to it).")
]
AllReadings = Annotated[
    bool, typer.Option("--all-readings", help="Fit every reading of the data, not the default.")
]
Candidates = Annotated[
    Path | None,
    _many(
        "--candidates",
        "A prior-knowledge network (.sif, or 'A -> B' / 'A -| B' lines): the regulators an "
        "edit may add, in place of the default ones.",
    ),
]
Signs = Annotated[
    bool, typer.Option("--signs", help="Let an edit negate a literal, or add an inhibitor.")
]
EditedRules = Annotated[
    list[str] | None, _many("--rule", "Edit only this node's rule; repeatable [default: all].")
]
RepairFolder = Annotated[
    Path | None,
    _many(
        "--write",
        "Also write each repair into this folder as NAME_repairN.yaml: the hypothesis file "
        "with its rules rewritten; never over a file that exists.",
    ),
]


@command()
def repair(
    name: RepairName,
    max_edits: MaxEdits = api.DEFAULT_MAX_EDITS,
    all_readings: AllReadings = False,
    candidates: Candidates = None,
    signs: Signs = False,
    rule: EditedRules = None,
    write: RepairFolder = None,
    output: RepairFormat = "table",
    hypotheses: HypothesesDir = None,
    experiments: ExperimentPaths = None,
    max_states: MaxStates = api.DEFAULT_MAX_STATES,
    strict: BnetStrict = False,
    max_file_size: MaxFileSize = api.DEFAULT_MAX_FILE_SIZE,
) -> None:
    """The smallest repairs of a hypothesis that fails the data: every minimal set of at
    most --max-edits edits (remove or add a regulator, flip a gate between AND and OR;
    negate with --signs) that makes every member fit every observation, each checked
    again by the exact engine; when none does, the variants that fit the most."""
    if write is not None and write.exists() and not write.is_dir():
        raise api.InputError.usage(f"--write {write}: is not a folder; nothing was searched")
    with _progress("searching repairs") as tick:
        found = api.repair(
            name,
            **_files(hypotheses, experiments, max_file_size),
            max_edits=max_edits,
            all_readings=all_readings,
            candidates=candidates,
            signs=signs,
            rules=rule or [],
            max_states=max_states,
            progress=tick,
        )
    if write is not None and found.repairs:  # before any output: a refusal leaves nothing
        written = found.write(write)
        typer.echo(f"wrote {len(written)} repaired hypotheses to {write}", err=True)
    _show("repair", found, output)


def main() -> None:
    """The console script's entry point."""
    app()
