"""What ``explain`` shows: per read-out, labelled facts, as wrapped text or Markdown.

The facts are built once (:func:`facts`), from the explanation alone; the text and the
Markdown only lay them out.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import NamedTuple

from pathcheck.analysis.explain import Explanation, ReadoutExplanation, attractor_values
from pathcheck.analysis.score import Verdict
from pathcheck.engine.explicit import Network, PackedAttractor
from pathcheck.render.cells import value_word
from pathcheck.render.escape import code
from pathcheck.render.escape import markdown as md

VERDICTS = {
    Verdict.MATCH: "✓ match",
    Verdict.MISMATCH: "✗ mismatch",
    Verdict.AMBIGUOUS: "? ambiguous",
    Verdict.UNKNOWN: "! unknown",
    Verdict.NOT_APPLICABLE: "– no such read-out",
}


class Fact(NamedTuple):
    label: str
    lines: tuple[str, ...]


def _on(network: Network, state: int) -> str:
    """A state as the nodes on in it: short, and what a biologist reads first."""
    on = [n for n, v in network.state_dict(state).items() if v]
    return "on: " + (", ".join(on) if on else "nothing")


def _attractor(network: Network, attractor: PackedAttractor) -> str:
    if attractor.size == 1 and attractor.states:
        return "fixed point, " + _on(network, attractor.states[0])
    fixed = [f"{n}={v}" for n, v in zip(network.nodes, attractor.values, strict=True) if v]
    varying = [n for n, v in zip(network.nodes, attractor.values, strict=True) if v is None]
    return (
        f"cycle of {attractor.size:,} states; on throughout: {', '.join(fixed) or 'nothing'}; "
        f"varying: {', '.join(varying)}"
    )


def heading(explanation: ReadoutExplanation) -> list[str]:
    e, experiment = explanation, explanation.experiment
    clamped = ", ".join(f"{n}={int(v)}" for n, v in e.clamps.values.items()) or "none"
    where = f" ({experiment.setting})" if experiment.setting else ""
    lines = [
        f"{e.hypothesis.name} · {experiment.id}: {experiment.label}{where}",
        f"clamps: {clamped}",
    ]
    lines += [
        f"† {selector} matches no node of {e.hypothesis.name}: it changes nothing here"
        for selector in e.clamps.unmatched
    ]
    return lines


def title(explanation: ReadoutExplanation) -> str:
    e = explanation
    text = f"{e.readout} ({e.node}): predicted {value_word(e.predicted)}"
    if e.observed is not None and e.verdict is not None:
        text += f", observed {int(e.observed)}: {VERDICTS[e.verdict]}"
    return text


def facts(explanation: ReadoutExplanation) -> list[Fact]:
    e = explanation
    network = e.prediction.network
    out = [Fact("rule", (f"{e.node} = {e.rule}",))]
    if e.formula is not None:
        over = ", ".join(e.variables) or "nothing"
        out.append(Fact("as set here", (f"{e.readout} = {e.formula}", f"over {over}; {e.how}")))
    else:
        out.append(Fact("as set here", (e.how,)))
    if e.ambiguous_when:
        out.append(Fact("ambiguous when", (e.ambiguous_when,)))
    held = e.clamps.values
    paths = [f"{p.text(held)}   ({p.sign})" for p in e.paths]
    if e.more_paths:
        paths.append(f"... and {e.more_paths} more")
    out.append(Fact("paths", tuple(paths) or ("no path from a clamped node to the read-out",)))
    prediction = e.prediction
    if prediction.basal is not None:
        out.append(Fact("start", tuple(_attractor(network, a) for a in prediction.basal)))
    if prediction.attractors is None:
        out.append(Fact("reached", (f"unknown: {prediction.unknown}",)))
    else:
        out.append(Fact("reached", tuple(_attractor(network, a) for a in prediction.attractors)))
    for point in e.excluded:
        lines = [f"fixed point, {_on(network, point.state)}: not reached"]
        if point.held:
            lines.append("from the state reached, each node that would differ is held by its rule:")
            for kept in point.held:
                regulators = ", ".join(f"{n}={int(v)}" for n, v in kept.regulators) or "constant"
                lines.append(f"{kept.node} = {kept.rule} stays {int(kept.value)} ({regulators})")
        out.append(Fact("excluded", tuple(lines)))
    if e.verdict is Verdict.AMBIGUOUS:
        split = [
            f"attractor {i} ({size:,} state{'s' if size > 1 else ''}): {e.readout} {value_word(v)}"
            for i, (size, v) in enumerate(attractor_values(e), start=1)
        ]
        out.append(Fact("disagree", tuple(split)))
    for divergence in e.divergences:
        node, value = divergence.node, int(divergence.predicted)
        observed = int(e.observed or False)
        lines = [
            f"{node} is predicted {value} but would need to be {int(divergence.needed)} for "
            f"{e.readout} to be {observed}, on {divergence.path.text(held)}"
        ]
        if divergence.bypassed:
            sources = ", ".join(sorted({p.nodes[0] for p in divergence.bypassed}))
            lines.append(
                f"the experiment holds {node} at {value}: the chain from {sources} is bypassed "
                f"there, so what the experiment does to {sources} cannot reach {e.readout}"
            )
            lines += [f"bypassed: {p.text(held)}" for p in divergence.bypassed]
        elif divergence.clamped:
            lines.append(
                f"the experiment itself sets {node} to {value}, and nothing on this path "
                f"blocks it from reaching {e.readout}"
            )
        out.append(Fact("parts", tuple(lines)))
    if e.verdict is Verdict.MISMATCH and not e.divergences:
        out.append(
            Fact(
                "parts",
                (
                    "no single node parts on these paths (the state reached is not one fixed "
                    "point, or no path links a clamped node to the read-out)",
                ),
            )
        )
    return out


def text(explanation: Explanation, width: int | None = None) -> str:
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    out: list[str] = []
    for line in heading(explanation.readouts[0]):
        out += textwrap.wrap(line, width=width, subsequent_indent="  ") or [""]
    out.append("")
    for e in explanation:
        out += textwrap.wrap(title(e), width=width, subsequent_indent="  ")
        label_width = 15
        for fact in facts(e):
            for j, line in enumerate(fact.lines):
                label = fact.label if j == 0 else ""
                first = f"  {label:<{label_width - 2}}"
                wrapped = textwrap.wrap(
                    line,
                    width=max(width, label_width + 20),
                    initial_indent=first,
                    subsequent_indent=" " * (label_width + 2),
                    break_on_hyphens=False,
                )
                out += wrapped or [first.rstrip()]
        out.append("")
    return "\n".join(out)


def markdown(explanation: Explanation) -> str:
    first, *rest = heading(explanation.readouts[0])
    out: list[str] = [f"## {md(first)}", "", *(f"{md(line)}  " for line in rest), ""]
    for e in explanation:
        out += [f"### {md(title(e))}", ""]
        for fact in facts(e):
            shown = code(fact.lines[0]) if fact.label in CODE else md(fact.lines[0])
            out.append(f"- **{md(fact.label)}**: {shown}")
            out += [f"  - {md(line)}" for line in fact.lines[1:]]
        out.append("")
    return "\n".join(out)


CODE = frozenset({"rule"})
