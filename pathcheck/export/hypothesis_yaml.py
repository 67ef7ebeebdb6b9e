"""A ``.bnet`` model written as a hypothesis file, every rule kept as it was written."""

from __future__ import annotations

import json

from pathcheck.loading.bnet import BnetModel, to_hypothesis


def _quoted(text: str) -> str:
    """A YAML scalar that reads back as ``text``: a JSON string is a YAML one."""
    return json.dumps(text, ensure_ascii=False)


def hypothesis_yaml(model: BnetModel) -> str:
    """The model as a hypothesis file, every rule as it was written."""
    h = to_hypothesis(model)
    inputs = set(h.inputs)
    out = [
        f"# Imported by pathcheck from {model.file}",
        f"name: {_quoted(h.name)}",
        f"title: {_quoted(h.title)}",
        f"source: {_quoted(h.source)}",
    ]
    if h.description:
        out.append(f"description: {_quoted(h.description)}")
    if inputs:
        out.append(f"inputs: [{', '.join(h.inputs)}]")
    if h.settings:
        out.append("settings:")
        for setting, values in h.settings.items():
            pairs = ", ".join(f"{k}: {str(v).lower()}" for k, v in values.items())
            out.append(f"  {setting}: {{{pairs}}}")
    out.append("nodes:")
    out += [f"  {n}: {_quoted(r)}" for n, r in model.rules.items() if n not in inputs]
    out.append("readouts:")
    out += [f"  {r}: {n}" for r, n in h.readouts.items()]
    return "\n".join(out) + "\n"
