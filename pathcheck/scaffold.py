"""``pathcheck init``: a new hypotheses repository that passes ``pathcheck check`` as made.

Everything is written or nothing is: when any file to be created exists already, the
user's file is left as it is and the command says which ones stand in the way.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from pathcheck.problems import InputError, Location, Problem
from pathcheck.schemas import schema_text

# where each file goes -> the template it is made from (templates have no leading dots,
# which packaging tools may drop)
TEMPLATES = {
    "pathcheck.toml": "pathcheck.toml",
    "hypotheses/example.yaml": "hypothesis.yaml",
    "experiments/example.yaml": "experiments.yaml",
    ".github/workflows/pathcheck.yml": "workflow.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
}
SCHEMAS = {f"schemas/{kind}.schema.json": kind for kind in ("hypothesis", "experiments")}


def contents() -> dict[str, str]:
    """Every file ``init`` writes, by its path in the new repository."""
    templates = files("pathcheck") / "templates"
    made = {p: (templates / t).read_text(encoding="utf-8") for p, t in TEMPLATES.items()}
    made.update({p: schema_text(kind) for p, kind in SCHEMAS.items()})
    return made


def scaffold(folder: Path) -> list[Path]:
    """Write the new repository's files under ``folder``; return them."""
    made = contents()
    targets = {folder / relative: text for relative, text in made.items()}
    present = [p for p in targets if p.exists()]
    if present:
        raise InputError(
            Problem(Location(str(p), 0, 0), "exists already: pathcheck init leaves it as it is")
            for p in present
        )
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(targets)
