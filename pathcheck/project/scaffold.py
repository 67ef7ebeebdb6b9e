"""``pathcheck init``: a new hypotheses repository that passes ``pathcheck check`` as made.

Everything is written or nothing is: when any file to be created exists already, or a
file stands where a folder is needed, the user's files are left as they are and the
command says which ones stand in the way; when writing fails half way (a read-only
folder, a full disk), what was written is removed again.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from pathcheck.base.files import write_new
from pathcheck.formats.schemas import schema_text

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
    templates = files("pathcheck.project") / "templates"
    made = {p: (templates / t).read_text(encoding="utf-8") for p, t in TEMPLATES.items()}
    made.update({p: schema_text(kind) for p, kind in SCHEMAS.items()})
    return made


def scaffold(folder: Path) -> list[Path]:
    """Write the new repository's files under ``folder``, all or none; return them."""
    targets = {folder / relative: text for relative, text in contents().items()}
    write_new(targets)
    return sorted(targets)
