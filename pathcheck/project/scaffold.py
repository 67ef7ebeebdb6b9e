"""``pathcheck init``: a new hypotheses repository that passes ``pathcheck check`` as made.

Everything is written or nothing is: when any file to be created exists already, or a
file stands where a folder is needed, the user's files are left as they are and the
command says which ones stand in the way; when writing fails half way (a read-only
folder, a full disk), what was written is removed again.

With an example (``--example deyama2019``), the repository holds the case bundled with
pathcheck instead of the made-up one: its hypotheses, its outcome tables and catalogue,
and its project file, each file's schema modeline pointed at the schemas written beside.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from pathlib import Path

from pathcheck.base.files import write_new
from pathcheck.formats.schemas import schema_text
from pathcheck.project.discovery import YAML_SUFFIXES, bundled, discover, hypothesis_files

# where each file goes -> the template it is made from (templates have no leading dots,
# which packaging tools may drop)
CI = {
    ".github/workflows/pathcheck.yml": "workflow.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
}
TEMPLATES = {
    "pathcheck.toml": "pathcheck.toml",
    "hypotheses/example.yaml": "hypothesis.yaml",
    "experiments/example.yaml": "experiments.yaml",
    **CI,
}
SCHEMAS = {
    f"schemas/{kind}.schema.json": kind for kind in ("hypothesis", "experiments", "catalogue")
}
EXAMPLES = ("deyama2019",)  # the bundled case, the one example init can copy
PLACEHOLDER = "<set me: pathcheck @ git+https://github.com/OWNER/pathcheck@TAG>"
MODELINE = re.compile(r"(yaml-language-server: \$schema=)\S*?([\w-]+\.schema\.json)")


def relinked(text: str) -> str:
    """A bundled file's text with its schema modeline pointed at ../schemas/, where init
    writes the schemas (in the source tree it points into the package)."""
    return MODELINE.sub(r"\g<1>../schemas/\g<2>", text, count=1)


def install_spec() -> str | None:
    """Where pip can install this pathcheck from on another machine: the Git commit or the
    archive it was installed from (pip records it, PEP 610); ``None`` for a local folder,
    a wheel file, or an index, none of which a CI runner can be sure to reach."""
    try:
        record = distribution("pathcheck").read_text("direct_url.json")
        found = json.loads(record) if record else {}
    except (PackageNotFoundError, ValueError):
        return None
    url = found.get("url", "") if isinstance(found, dict) else ""
    vcs = found.get("vcs_info") if isinstance(found, dict) else None
    if not url.startswith("https://"):
        return None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"pathcheck @ git+{url}@{vcs['commit_id']}"
    return f"pathcheck @ {url}" if "archive_info" in found else None


def contents(example: str | None = None) -> dict[str, str]:
    """Every file ``init`` writes, by its path in the new repository."""
    templates = files("pathcheck.project") / "templates"
    chosen = CI if example else TEMPLATES
    made = {p: (templates / t).read_text(encoding="utf-8") for p, t in chosen.items()}
    workflow = ".github/workflows/pathcheck.yml"
    made[workflow] = made[workflow].replace("@PATHCHECK@", install_spec() or PLACEHOLDER)
    if example:
        for kind, found in (
            ("hypotheses", hypothesis_files(bundled("hypotheses"))),
            ("experiments", discover(bundled("experiments"), YAML_SUFFIXES)),
        ):
            made.update({f"{kind}/{p.name}": relinked(p.read_text("utf-8")) for p in found})
        made["pathcheck.toml"] = bundled("pathcheck.toml").read_text(encoding="utf-8")
    made.update({p: schema_text(kind) for p, kind in SCHEMAS.items()})
    return made


def scaffold(folder: Path, example: str | None = None) -> list[Path]:
    """Write the new repository's files under ``folder``, all or none; return them."""
    targets = {folder / relative: text for relative, text in contents(example).items()}
    write_new(targets)
    return sorted(targets)
