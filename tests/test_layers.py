"""The architecture, held by a test: every import, read with ``ast``, points down.

The layers are the package's folders, from the bottom: ``base`` (defaults, problems,
files: the foundation every layer may use); ``logic`` (the rule language, formulas, SAT);
``engine`` (both searches, one prediction); ``model``; ``formats`` (every file format,
read and written); ``project`` (the project file, where files are found); ``analysis``
(what each command answers); ``api``; ``render``; the shells (``cli``, ``notebook``). A
module imports from its own layer or below, whether at the top of the file, inside a
function, or for type checking only: the engine never
learns of file formats, the analysis never of output formats, and the command line
reaches the rest only through the API and the renderers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pathcheck"

LAYERS: list[tuple[str, set[str]]] = [
    ("foundation", {"base"}),
    ("logic", {"logic"}),
    ("engine", {"engine"}),
    ("model", {"model"}),
    ("formats", {"formats"}),
    ("project", {"project"}),
    ("analysis", {"analysis"}),
    ("api", {"api"}),
    ("render", {"render"}),
    ("shell", {"cli", "__main__", "notebook"}),
]
RANK = {top: rank for rank, (_, tops) in enumerate(LAYERS) for top in tops}
# the package root only re-exports the API, lazily, and holds the version every layer may print
FACADE = {"pathcheck", "pathcheck.__init__"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def top(module: str) -> str:
    """``pathcheck.formats.experiments`` -> ``loading``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def name_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, here: str | None = None) -> list[tuple[int, str]]:
    """Every module of the package that ``path`` imports, anywhere in it."""
    found = []
    here = here or name_of(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("pathcheck")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if not module.startswith("pathcheck"):
                continue
            if module == "pathcheck":  # from pathcheck import api, __version__
                found += [(node.lineno, f"pathcheck.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, module))
    return found


def test_every_module_has_a_layer() -> None:
    unplaced = {top(name_of(p)) for p in modules()} - set(RANK) - {"pathcheck"}
    assert not unplaced, f"place these in LAYERS: {sorted(unplaced)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: name_of(p))
def test_imports_point_down(path: Path) -> None:
    here = name_of(path)
    if here in FACADE:
        return
    upward = [
        f"{path.name}:{line}: {top(here)} imports {target} ({top(target)})"
        for line, target in imports(path)
        if target not in {"pathcheck.__version__"} | FACADE
        and RANK.get(top(target), -1) > RANK[top(here)]
    ]
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize("shell", ["cli.py", "notebook.py"])
def test_the_shells_reach_the_rest_only_through_the_api(shell: str) -> None:
    allowed = {"api", "render", "__version__"}
    reached = {top(target) for _, target in imports(PACKAGE / shell)}
    assert reached <= allowed, sorted(reached - allowed)


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The test itself can fail: an engine module importing the loader is caught."""
    planted = tmp_path / "explicit.py"
    planted.write_text("def f():\n    from ..formats.hypothesis import member\n")
    assert imports(planted, "pathcheck.engine.explicit") == [(2, "pathcheck.formats.hypothesis")]
    assert RANK[top("pathcheck.formats.hypothesis")] > RANK["engine"]


def loaded(path: Path) -> set[str]:
    """The package's modules that importing ``path`` loads: its top-level imports, not
    those inside functions or kept for type checking."""
    tree = ast.parse(path.read_text(), str(path))
    body = [
        n
        for n in tree.body
        if not (isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test))
    ]
    module = ast.Module(body=body, type_ignores=[])
    lines = {n.lineno for n in module.body if isinstance(n, (ast.Import, ast.ImportFrom))}
    return {target for line, target in imports(path) if line in lines}


def test_no_two_parts_import_each_other_on_loading() -> None:
    """The loading -> bnet -> loading cycle, and any like it, stays gone."""
    graph: dict[str, set[str]] = {}
    for path in modules():
        here = top(name_of(path))
        graph.setdefault(here, set()).update(
            top(t) for t in loaded(path) if top(t) != here and t not in FACADE
        )
    cycles = [(a, b) for a, targets in graph.items() for b in targets if a in graph.get(b, set())]
    assert not cycles, cycles


def test_the_readme_layout_map_names_every_module() -> None:
    """The map a newcomer reads first: every module and folder of the package, under the
    folder it is in (two spaces of indent per level)."""
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Project layout", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    listed: set[str] = set()
    folders: list[str] = []
    for line in block.splitlines():
        name = line.strip().split(" ", 1)[0]
        depth = (len(line) - len(line.lstrip())) // 2
        folders = folders[:depth]
        listed.add("/".join([*folders, name]).rstrip("/"))
        if name.endswith("/"):
            folders.append(name.rstrip("/"))
    wanted = {  # a package is listed as its folder
        (p.parent if p.name == "__init__.py" else p).relative_to(PACKAGE.parent).as_posix()
        for p in modules()
    }
    assert not wanted - listed, sorted(wanted - listed)


def test_each_command_is_one_short_function_inside_the_one_guard() -> None:
    """A command is an API call and a renderer: no function of the command line runs
    past 40 lines, and only the guard catches an error (no command writes its own)."""
    tree = ast.parse((PACKAGE / "cli.py").read_text())
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    commands = [f for f in functions if any("command" in ast.unparse(d) for d in f.decorator_list)]
    assert len(commands) >= 14
    long = {f.name: f.end_lineno - f.lineno + 1 for f in functions if f.end_lineno}
    assert {n: size for n, size in long.items() if size > 40} == {}
    assert not [f.name for f in commands if any(isinstance(n, ast.Try) for n in ast.walk(f))]
    guards = [
        f.name
        for f in functions
        if any(
            isinstance(n, ast.ExceptHandler) and "InputError" in ast.unparse(n.type or n)
            for n in ast.walk(f)
        )
    ]
    assert guards == ["command"], guards
