"""Every command x every output format x a corpus of hostile files, generated.

The commands come from the command line itself, the kinds of result and their formats
from :data:`pathcheck.render.formats.FORMATS`: a new command, kind or format joins the
matrix by being registered, and the bookkeeping tests below fail until the matrix knows
how to ask for it and what its language may never contain. Each corpus is a small
project with one kind of trouble in it (labels holding every language's
metacharacters, names that are constants in SBML's MathML, a link to nothing, a table
that is a pipe, a table in a subfolder, a family of 2^40 members, a cyclic network of
ten inputs, a misspelt selector in a reading, a stale note in a .bnet). In every cell:
no traceback, each line of standard error one located line, the answer within seconds,
and an output its language's reader accepts, in which no file's text acts as syntax.
The labels corpus runs in the fast tier; the others are marked slow.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import textwrap
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pathcheck.cli import app
from pathcheck.render.formats import FORMATS, IMAGES
from tests.samples import FAMILY, HOSTILE_HYPOTHESIS, HOSTILE_TABLE, TABLE, hostile_yaml

runner = CliRunner()

# how each kind of result is asked for, {family} and {other} the corpus's two hypotheses
ASK: dict[str, list[str]] = {
    "comparison": ["compare", "{family}", "{other}"],
    "summary": ["compare", "--summary", "{family}", "{other}"],
    "prediction": ["predict", "{family}", "--experiment", "E1"],
    "explanation": ["explain", "{family}", "E1"],
    "design": ["design", "{family}", "{other}", "--catalogue", "catalogue.yaml"],
    "family": ["family", "{family}"],
    "check": ["check"],
    "validation": ["validate"],
    "inventory": ["list"],
    "drawing": ["graph", "{family}", "--experiment", "E1"],
    "report": ["report", "{family}", "{other}"],
    "learn": ["learn", "m.sif", "m.csv"],
    "repair": ["repair", "{family}", "--max-edits", "1"],
}
# the commands whose output is a file of another kind, each asked these ways
FILES: dict[str, list[list[str]]] = {
    "import": [["import", "m.bnet"], ["import", "m.sif"], ["import", "m.csv"]],
    "export": [["export", "{family}", "--to", "bnet"], ["export", "{family}", "--to", "sbml"]],
    "init": [["init", "new"]],
    "schema": [["schema", "hypothesis"], ["schema", "experiments"]],
}
# the commands that read the outcome tables: a table that cannot be read refuses them
READ_TABLES = {"compare", "summary", "prediction", "explanation", "design", "family", "check"}
READ_TABLES |= {"validation", "inventory", "drawing", "report", "repair"}

# ---- what each output language may never hold ----------------------------------------

MARKERS = ("click n0", "# heading", "::error::forged", "%%{init")


def _lines_never_start_with_a_marker(text: str) -> None:
    for line in text.splitlines():
        assert not line.lstrip().startswith(MARKERS), line


def terminal(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    _lines_never_start_with_a_marker(text)


def markdown(text: str) -> None:
    terminal(text)
    assert not re.search(r"(?<!\\)<", text), "raw HTML"
    assert not re.search(r"(?<!\\)\]\(", text), "a link"


def csv_text(text: str) -> None:
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        assert not [c for c in row if c.startswith(("=", "+", "-", "@")) and not _number(c)]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def json_text(text: str) -> None:
    json.loads(text)
    assert not re.search(r"[\x7f-\x9f\u202a-\u202e]", text)


def github(text: str) -> None:
    for line in text.splitlines():
        assert re.match(r"::(error|warning|notice) [^:]*::", line), line


def mermaid(text: str) -> None:
    terminal(text)
    assert "%%{" not in text and "}%%" not in text
    for line in text.splitlines():
        assert line.count('"') % 2 == 0, line


def dot(text: str) -> None:
    terminal(text)
    for line in text.splitlines():
        assert line.replace('\\"', "").count('"') % 2 == 0, line


def svg(text: str) -> None:
    ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", text).strip().encode())
    assert "<script" not in text and "onerror=" not in text


def png(data: bytes) -> None:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        assert not [a for a, _ in attrs if a.startswith("on")], (tag, attrs)


def html(text: str) -> None:
    parser = _Tags()
    parser.feed(text)
    assert not parser.tags & {"script", "img", "iframe", "object", "embed"}, parser.tags


LANGUAGES: dict[str, Callable[..., None]] = {
    "table": terminal,
    "text": terminal,
    "markdown": markdown,
    "csv": csv_text,
    "json": json_text,
    "github": github,
    "mermaid": mermaid,
    "dot": dot,
    "svg": svg,
    "png": png,
    "html": html,
}

# ---- the corpus -------------------------------------------------------------------------

PLAIN = """
name: plain
title: A ligand acts alone
source: a test
inputs: [drug]
settings: {in_vivo: {}}
nodes:
  L@b: drug
  R@a: L@b
  out: R@a
readouts: {r: out, ligand: L@b}
"""

CATALOGUE = """
items:
  - {id: drug, label: the drug, on: drug, kind: systemic drug, settings: [in_vivo],
     cost: 1, used: a test}
  - {id: R-del, label: R deleted, off: R@a, kind: cell-type-specific deletion,
     cre: X-Cre, settings: [in_vivo], cost: 2, proposed: a test}
"""

MIDAS = "TR:drug,DA:out,DV:out\n0,0,0\n1,10,1\n0,10,0\n"


def base(root: Path) -> None:
    """A project that works: a family, a plain hypothesis, a table read two ways, a
    catalogue, and another tool's files of each kind."""
    for folder in ("hypotheses", "experiments", ".git"):
        (root / folder).mkdir()
    (root / "hypotheses" / "fam.yaml").write_text(textwrap.dedent(FAMILY))
    (root / "hypotheses" / "plain.yaml").write_text(textwrap.dedent(PLAIN))
    table = textwrap.dedent(TABLE).replace("VEGF@neuron", "L@neuron")
    table = table.replace("[TRKB]", "[R@a]").replace("[FLK1]", "[drug]")
    (root / "experiments" / "t.yaml").write_text(table.replace("pyramidal", "a").replace("PV", "b"))
    (root / "catalogue.yaml").write_text(textwrap.dedent(CATALOGUE))
    (root / "pathcheck.toml").write_text('must-fit = ["plain"]\n')
    (root / "m.bnet").write_text("# pathcheck input: drug\ndrug, drug\nout, drug\n")
    (root / "m.sif").write_text("drug 1 out\n")
    (root / "m.csv").write_text(MIDAS)


def labels(root: Path) -> None:
    """Every free-text field holds each language's metacharacters."""
    base(root)
    text = hostile_yaml()
    (root / "hypotheses" / "hostile.yaml").write_text(HOSTILE_HYPOTHESIS.format(text=text))
    (root / "experiments" / "hostile.yaml").write_text(
        HOSTILE_TABLE.format(text=text)
        .replace("id: E2", "id: H2")
        .replace("- id: " + text, "- id: " + hostile_yaml("hostile id\n::error::forged"))
    )
    for name in ("fam", "plain"):
        path = root / "hypotheses" / f"{name}.yaml"
        path.write_text(re.sub(r"(?m)^title: .*$", lambda _: f"title: {text}", path.read_text()))


def mathml(root: Path) -> None:
    """Node names that SBML's formula parser reads as constants (pi, time, true...)."""
    base(root)
    names = ["pi", "time", "avogadro", "exponentiale", "infinity", "notanumber", "nan", "inf"]
    rules = "\n".join(f"  {n}: {names[i - 1] if i else 'drug'}" for i, n in enumerate(names))
    (root / "hypotheses" / "plain.yaml").write_text(
        "name: plain\ntitle: t\nsource: s\ninputs: [drug]\nsettings: {in_vivo: {}}\n"
        f"nodes:\n{rules}\n  out: inf\n  R@a: drug\n  L@b: drug\n"
        "readouts: {r: out, ligand: L@b}\n"
    )


def dangling(root: Path) -> None:
    """A link to nothing where a table would be: a submodule CI did not fetch."""
    base(root)
    os.symlink(root / "not-fetched", root / "experiments" / "smith2020")


def fifo(root: Path) -> None:
    base(root)
    os.mkfifo(root / "experiments" / "pipe.yaml")


def subfolder(root: Path) -> None:
    """A table in a subfolder, named in capitals, that plain contradicts."""
    base(root)
    (root / "experiments" / "smith").mkdir()
    (root / "experiments" / "smith" / "T.YAML").write_text(
        'source: {citation: "S"}\nexperiments:\n  - {id: S1, label: s, setting: in_vivo, '
        "on: [drug], observed: {r: false}, source: s}\n"
    )


def huge(root: Path) -> None:
    """A family of 2^40 members: refused before any work, by every command that would
    weigh all of them."""
    base(root)
    edges = "\n".join(f"  - drug -> n{i}" for i in range(40))
    nodes = "\n".join(f"  n{i}: {{gate: [and, or]}}" for i in range(40))
    (root / "hypotheses" / "fam.yaml").write_text(
        "name: fam\ntitle: t\nsource: s\ninputs: [drug]\nsettings: {in_vivo: {}}\n"
        f"edges:\n{edges}\nnodes:\n{nodes}\n  R@a: n0\n  L@a: drug\n  L@b: n1\n  out: R@a\n"
        "readouts: {r: out, ligand: L@b}\n"
    )


def cyclic(root: Path) -> None:
    """A cyclic network of ten inputs: explain must not tabulate 2^10 predictions."""
    base(root)
    inputs = [f"i{k}" for k in range(10)]
    nodes = [f"  a{k}: i{k} | b{(k + 1) % 10}\n  b{k}: a{k} & ~b{(k + 2) % 10}" for k in range(10)]
    (root / "hypotheses" / "fam.yaml").write_text(
        f"name: fam\ntitle: t\nsource: s\ninputs: [drug, {', '.join(inputs)}]\n"
        "settings: {in_vivo: {}}\nnodes:\n"
        + "\n".join(nodes)
        + "\n  R@a: a0 | drug\n  L@a: drug\n  L@b: b0\n  out: R@a\n"
        + "readouts: {r: out, ligand: L@b}\n"
    )


def typo(root: Path) -> None:
    """A misspelt selector in a reading that is not the default."""
    base(root)
    path = root / "experiments" / "t.yaml"
    path.write_text(path.read_text().replace("{trkb: [R@a]", "{trkb: [R@aa]"))


def stale(root: Path) -> None:
    """A .bnet hypothesis whose pathcheck notes another tool left stale."""
    base(root)
    (root / "hypotheses" / "other.bnet").write_text(
        "# pathcheck name: other\n# pathcheck input: out\n# pathcheck readout: r = out\n"
        "# pathcheck readout: gone = nothing\n# pathcheck setting: in_vivo out=1\n"
        "drug, drug\nout, drug\n"
    )


CORPUS: dict[str, tuple[Callable[[Path], None], tuple[str, str]]] = {
    "labels": (labels, ("fam", "hostile")),
    "mathml": (mathml, ("fam", "plain")),
    "dangling": (dangling, ("fam", "plain")),
    "fifo": (fifo, ("fam", "plain")),
    "subfolder": (subfolder, ("fam", "plain")),
    "huge": (huge, ("fam", "plain")),
    "cyclic": (cyclic, ("fam", "plain")),
    "typo": (typo, ("fam", "plain")),
    "stale": (stale, ("fam", "other")),
}
# what each corpus must get from the commands that read the tables (None: any answer)
REFUSED = {
    "dangling": ("experiments/smith2020: a link to", READ_TABLES),
    "fifo": ("not a regular file (a pipe)", READ_TABLES),
    # a misspelt selector is the linter's, which every command that predicts runs
    "typo": (
        "'R@aa' in E2 (in the reading E2.on=trkb) matches a node in no hypothesis",
        READ_TABLES - {"inventory"},
    ),
}
WEIGHED = {"comparison", "summary", "design", "family", "report"}  # refused for huge

# ---- the bookkeeping: everything registered is in the matrix ---------------------------


def test_every_command_kind_and_format_is_in_the_matrix() -> None:
    commands = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
    asked = {args[0] for args in ASK.values()} | set(FILES)
    assert commands <= asked, f"add to ASK or FILES: {sorted(commands - asked)}"
    assert set(FORMATS) == set(ASK), f"add to ASK: {sorted(set(FORMATS) ^ set(ASK))}"
    formats = {f for kind in FORMATS.values() for f in kind}
    assert formats <= set(LANGUAGES), f"add to LANGUAGES: {sorted(formats - set(LANGUAGES))}"


def _flags(command: str) -> set[str]:
    click = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {o for p in click.params for o in getattr(p, "opts", [])}


def cells() -> list[tuple[str, str, str]]:
    return [(corpus, kind, f) for corpus in CORPUS for kind in FORMATS for f in FORMATS[kind]]


def _marks(corpus: str) -> list[pytest.MarkDecorator]:
    return [] if corpus == "labels" else [pytest.mark.slow]


@pytest.fixture
def project(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    build, _ = CORPUS[request.param]
    build(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def _run(args: list[str]) -> tuple[int, str, str, float]:
    start = time.process_time()
    result = runner.invoke(app, args)
    spent = time.process_time() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr, spent


def _told(stderr: str) -> None:
    """Standard error: each line one located problem, a warning or a note of what was
    written, and nothing a terminal or GitHub would act on."""
    terminal(stderr)
    for line in stderr.splitlines():
        assert re.match(r"(\S.*?:(\d+:\d+:)? |command line: |wrote |created )", line), line


@pytest.mark.parametrize(
    ("project", "kind", "format"),
    [pytest.param(c, k, f, marks=_marks(c), id=f"{c}-{k}-{f}") for c, k, f in cells()],
    indirect=["project"],
)
def test_every_command_in_every_format_on_every_corpus(
    project: Path, request: pytest.FixtureRequest, kind: str, format: str
) -> None:
    corpus = request.node.callspec.params["project"]
    family, other = CORPUS[corpus][1]
    args = [a.format(family=family, other=other) for a in ASK[kind]]
    if "--format" in _flags(args[0]):
        args += ["--format", format]
    image = project / "out.bin"
    if (kind, format) in IMAGES:
        args += ["-o", str(image)]
    code, out, err, spent = _run(args)
    assert spent < 10, f"{spent:.1f} s of CPU"
    _told(err)
    said = out + err  # validate says its findings on standard output
    if corpus in REFUSED and kind in REFUSED[corpus][1]:
        assert code == 2 and REFUSED[corpus][0] in said, (code, said)
        return
    if corpus == "huge" and kind in WEIGHED:
        assert code == 2 and "(1,099,511,627,776 members x" in err, err
        return
    if code == 2:  # refused: every line said where, and what an optional tool needs
        assert said, "a refusal says why"
        return
    assert code in (0, 1), (code, err)
    if corpus == "subfolder" and kind == "check":
        assert code == 1 and "S1" in out
    LANGUAGES[format](image.read_bytes() if (kind, format) in IMAGES else out)


@pytest.mark.parametrize(
    ("project", "command"),
    [
        pytest.param(c, (name, i), marks=_marks(c), id=f"{c}-{'-'.join(FILES[name][i])}")
        for c in CORPUS
        for name in FILES
        for i in range(len(FILES[name]))
    ],
    indirect=["project"],
)
def test_every_file_command_on_every_corpus_writes_what_loads(
    project: Path, request: pytest.FixtureRequest, command: tuple[str, int]
) -> None:
    corpus = request.node.callspec.params["project"]
    family, other = CORPUS[corpus][1]
    name, i = command
    args = [a.format(family=family, other=other) for a in FILES[name][i]]
    code, out, err, spent = _run(args)
    assert spent < 10
    _told(err)
    if code == 2:
        assert out + err
        return
    assert code == 0, err
    if name == "import":  # what import writes, the loaders accept
        written = project / "imported.yaml"
        written.write_text(out)
        checked = runner.invoke(
            app, ["validate", str(written), "--hypotheses", str(project / "nowhere")]
        )
        assert "[format]" not in checked.stdout, checked.stdout
    if name == "export":  # a round trip predicts the same
        exported = project / f"back.{args[-1]}"
        exported.write_text(out)
        imported = runner.invoke(app, ["import", str(exported)])
        assert imported.exit_code == 0, imported.stderr
        (project / "back.yaml").write_text(imported.stdout)
        predicted = []
        for hypothesis in ("back.yaml", family):
            done = runner.invoke(
                app, ["predict", hypothesis, "--setting", "in_vivo", "--format", "json"]
            )
            predicted.append(json.loads(done.stdout)["readouts"])
        assert predicted[0] == predicted[1]
