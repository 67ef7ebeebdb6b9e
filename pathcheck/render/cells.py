"""What the comparison's cells and rows say, the same in every format.

Renderers differ in how they lay a table out (rich on a terminal, aligned plain text
when piped, Markdown), not in what it holds: the rows are built here once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pathcheck.analysis.outcomes import UNKNOWN, Predicted
from pathcheck.analysis.score import (
    RANGES_HEADER,
    SCORES_HEADER,
    Cell,
    Comparison,
    Reading,
    Readings,
    Robustness,
    Row,
    Verdict,
)
from pathcheck.base.problems import did_you_mean, one_line
from pathcheck.engine.explicit import AMBIGUOUS

if TYPE_CHECKING:
    from pathcheck.analysis.check import Case
    from pathcheck.analysis.family import Family

MARKS = {
    Verdict.MATCH: "✓",
    Verdict.MISMATCH: "✗",
    Verdict.AMBIGUOUS: "?",
    Verdict.UNKNOWN: "!",
    Verdict.NOT_APPLICABLE: "–",
}
HINGING = "◐"
LEGEND = (
    "✓ match   ✗ mismatch   ? ambiguous   ! unknown (past every bound)   – no such read-out   "
    "≠ the hypotheses disagree   † an intervention matches no node of that hypothesis"
)
READINGS_LEGEND = (
    f"✓ and ✗ hold in every reading   {HINGING} hinges on a reading: the verdict changes "
    "with an open choice (the value shown is the default reading's)"
)
NEIGHBOUR = "◇"
NEIGHBOURS_LEGEND = (
    f"{NEIGHBOUR} differs in a one-edit neighbour of that hypothesis that fits the data as "
    "well (the note names the edit)"
)
READINGS_HEADER = ("hypothesis", "readings", "fit all", "", "reading", "log L")
ROW_HEADER = ("≠", "experiment", "intervention", "read-out", "obs")
SUMMARY_HEADER = SCORES_HEADER
SUMMARY_LEGEND = (
    "fit: observations matched of those scored · ✗ contradicted · ? undecided (ambiguous, "
    "unknown, or no such read-out) · log10 BF: the Bayes factor against the best, in the "
    "default readings, and its range over every reading · size: nodes/edges"
)
# when some default reading rests on an open choice: every reading first, the default after
RANGE_HEADER = RANGES_HEADER
RANGE_LEGEND = (
    "Over every reading (each member, in each reading of the data), least to most, since "
    "some default readings rest on a choice no source favours: fit: observations matched of "
    "those scored · ✗ contradicted · ? undecided (ambiguous, unknown, or no such read-out) · "
    "log10 BF: the Bayes factor against the best · default: the default reading's log10 BF, "
    "* where it rests on such a choice · size: nodes/edges"
)


def summary_header(result: Comparison) -> tuple[str, ...]:
    return result.table()[0]


def summary_legend(result: Comparison) -> str:
    return RANGE_LEGEND if result.ranges_lead else SUMMARY_LEGEND


def value_text(value: Predicted | bool | None) -> str:
    if value is None:
        return "–"
    if value == AMBIGUOUS:
        return "?"
    if value == UNKNOWN:
        return "!"
    return "1" if value else "0"


def value_word(value: Predicted | bool | None) -> str:
    """A predicted value in a sentence: 1, 0, ? (ambiguous), or 'unknown', whether the
    engine says so or the Python API's plain data carries it as None."""
    return "unknown" if value is None or value == UNKNOWN else value_text(value)


def cell_text(cell: Cell, robustness: Robustness | None = None, near: bool = False) -> str:
    dagger = (" †" if cell.unmatched else "") + (f" {NEIGHBOUR}" if near else "")
    if robustness is not None and not robustness.robust:
        return f"{value_text(cell.predicted)} {HINGING}{dagger}"
    if cell.verdict in (Verdict.NOT_APPLICABLE, Verdict.UNKNOWN):
        return f"{MARKS[cell.verdict]}{dagger}"
    return f"{value_text(cell.predicted)} {MARKS[cell.verdict]}{dagger}"


class Line(NamedTuple):
    """One observation as a table row: the fixed columns, then one cell per hypothesis."""

    fixed: tuple[str, ...]  # as ROW_HEADER
    cells: tuple[str, ...]
    verdicts: tuple[Verdict, ...]
    hinging: tuple[bool, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        return self.fixed + self.cells


class Section(NamedTuple):
    """The rows of one outcome table (one source)."""

    title: str
    lines: tuple[Line, ...]


def header(result: Comparison) -> tuple[str, ...]:
    return ROW_HEADER + tuple(h.name for h in result.hypotheses)


def disagreements(result: Comparison) -> Section:
    """The observations on which the compared hypotheses predict differently."""
    rows = [
        (r, result.robustness[i] if result.robustness else None, _near(result, i))
        for i, r in enumerate(result.rows)
        if r.disagreement
    ]
    title = f"Where they disagree ({len({r.experiment.id for r, _, _ in rows})} experiments)"
    return Section(title, tuple(_lines(rows)))


def sections(result: Comparison) -> list[Section]:
    """The rows grouped by the file they come from; an experiment's id and label are
    shown on its first row only."""
    built: list[Section] = []
    for table in result.files:
        rows = [
            (r, result.robustness[i] if result.robustness else None, _near(result, i))
            for i, r in enumerate(result.rows)
            if r.experiment.location.file == table.file
        ]
        if rows:
            built.append(Section(one_line(table.title), tuple(_lines(rows))))
    return built


def _near(result: Comparison, row: int) -> tuple[bool, ...]:
    """Per hypothesis, whether the row's verdict differs in a neighbour (--neighbours)."""
    found = result.neighbours
    columns = range(len(result.hypotheses))
    return tuple(found is not None and found.flipped(row, c) is not None for c in columns)


def _lines(
    rows: list[tuple[Row, tuple[Robustness, ...] | None, tuple[bool, ...]]],
) -> list[Line]:
    lines: list[Line] = []
    previous = None
    for row, robustness, near in rows:
        experiment = row.experiment
        first = experiment.id != previous
        previous = experiment.id
        label = experiment.label + ("" if experiment.verified else " (inferred)")
        fixed = (
            "≠" if row.disagreement else "",
            one_line(experiment.id) if first else "",
            one_line(label) if first else "",
            one_line(row.observation.readout),
            value_text(row.observation.value),
        )
        each = robustness or (None,) * len(row.cells)
        cells = tuple(cell_text(c, r, n) for c, r, n in zip(row.cells, each, near, strict=True))
        hinging = tuple(r is not None and not r.robust for r in each)
        lines.append(Line(fixed, cells, tuple(c.verdict for c in row.cells), hinging))
    return lines


def coverage_note(result: Comparison) -> list[str]:
    """Under the summary, when a hypothesis cannot score every observation: why its
    coverage is short of 100% beside a full 'matched', and what that costs it."""
    short = [s for s in result.summaries if s.not_applicable]
    if not short:
        return []
    observed: dict[str, set[str]] = {}
    for row in result.rows:
        observed.setdefault(row.observation.readout, set())
    parts = []
    for summary in short:
        missing = sorted(r for r in observed if r not in summary.hypothesis.readouts)
        shown = ", ".join(missing[:4]) + (", ..." if len(missing) > 4 else "")
        parts.append(
            f"{summary.hypothesis.name} scores {summary.scored} of {summary.total} "
            f"(no read-out {shown})"
        )
    return [
        one_line(
            "Coverage is the share of observations a hypothesis has the read-out for: "
            + "; ".join(parts)
            + ". Each observation it cannot score counts as a coin flip (0.5) in its log L."
        )
    ]


def legend(result: Comparison) -> list[str]:
    found = [LEGEND, READINGS_LEGEND] if result.robustness else [LEGEND]
    return found + ([NEIGHBOURS_LEGEND] if result.neighbours is not None else [])


def readings_rows(result: Comparison) -> list[tuple[str, ...]]:
    """Per hypothesis, two rows: how many readings it has and how many fit every
    observation, then its best and its worst reading with their log-likelihoods."""
    rows: list[tuple[str, ...]] = []
    for family in result.readings:
        best, worst = family.best, family.worst
        count = len(family.readings)
        name = family.hypothesis.name
        rows.append(
            (name, str(count), f"{family.fitting}/{count}", "best", best.name, _fixed(best))
        )
        rows.append(("", "", "", "worst", worst.name, _fixed(worst)))
    return rows


def _fixed(reading: Reading) -> str:
    return f"{reading.log_likelihood:.2f}"


READINGS_TITLE = "Readings (every member of each family, in every reading of the data)"
CHOICES_TITLE = "Open choices (a verdict marked ◐ changes with one of these)"


def choice_lines(result: Comparison) -> list[str]:
    """Every open choice, with its question, options and the sentence that leaves it open."""
    lines = []
    seen: dict[str, list[str]] = {}
    choices = {}
    for hypothesis in result.hypotheses:
        for choice in hypothesis.open_choices:
            key = f"{choice.name}: {choice.question}"
            seen.setdefault(key, []).append(hypothesis.compared_as)
            choices[key] = choice
    for choice in result.data_choices:
        key = f"{choice.name}: {choice.question}"
        seen.setdefault(key, []).append("the data")
        choices[key] = choice
    for key, owners in seen.items():
        choice = choices[key]
        options = ", ".join(f"{o} (default)" if o == choice.default else o for o in choice.options)
        lines.append(one_line(f"{', '.join(owners)} · {key} {options}. Source: {choice.source}"))
    return lines


def summary_rows(result: Comparison) -> list[tuple[str, ...]]:
    """The scores, as the comparison gives them (:meth:`Comparison.table`)."""
    return list(result.table()[1])


def summary_title(result: Comparison) -> str:
    return f"Scores (error rate {result.error_rate:g}; equal priors)"


def title(result: Comparison) -> str:
    """What was compared with what: the hypotheses, the observations, their sources."""
    names = " vs ".join(h.name for h in result.hypotheses)
    sources = len({r.experiment.location.file for r in result.rows})
    observations = len(result.rows)
    return one_line(
        f"{names}: {observations} observation{'s' * (observations != 1)} from {sources} "
        f"source{'s' * (sources != 1)}"
    )


def footnotes(result: Comparison, disagreeing: bool | None = None) -> list[str]:
    """Notes beside the verdicts: selectors that matched no node and predictions the engine
    could not decide (once per experiment and hypothesis), how the reachable attractors
    split on each ambiguous read-out, and what each hinging verdict hinges on; of the
    rows where the hypotheses disagree (``disagreeing``), the others, or all."""
    notes: list[str] = []
    seen: set[tuple[str, str]] = set()
    unmodelled = {t.file: t.unmodelled for t in result.files}
    for row in result.rows:
        if disagreeing is not None and row.disagreement != disagreeing:
            continue
        declared = unmodelled.get(row.experiment.location.file, {})
        for hypothesis, cell in zip(result.hypotheses, row.cells, strict=True):
            key = (row.experiment.id, hypothesis.name)
            first = key not in seen
            seen.add(key)
            if cell.unmatched and first:
                names = ", ".join(cell.unmatched)
                why = (
                    "is declared outside every hypothesis (an unrelated factor)"
                    if all(n.partition("@")[0] in declared for n in cell.unmatched)
                    else f"matches no node of {hypothesis.name}"
                )
                notes.append(
                    f"† {row.experiment.id}, {hypothesis.name}: {names} {why}, so that "
                    "intervention changes nothing there"
                )
            if cell.verdict is Verdict.UNKNOWN and first:
                notes.append(f"! {row.experiment.id}, {hypothesis.name}: {cell.unknown}")
            if cell.verdict is Verdict.AMBIGUOUS:
                notes.append(_ambiguity(row, hypothesis.name, cell))
    if result.robustness:
        notes += _hinges(result, disagreeing)
    notes += _flips(result, disagreeing)
    return [one_line(note) for note in notes]


def _flips(result: Comparison, disagreeing: bool | None) -> list[str]:
    """For each verdict that differs in a neighbour: how, and the edit behind it."""
    if result.neighbours is None:
        return []
    notes = []
    for flip in result.neighbours.flips:
        row = result.rows[flip.row]
        if disagreeing is not None and row.disagreement != disagreeing:
            continue
        written = row.cells[flip.column].verdict
        others = flip.neighbours - 1
        more = f" (and {others} other neighbour{'s' * (others != 1)})" if others else ""
        notes.append(
            f"{NEIGHBOUR} {row.experiment.id} {row.observation.readout}, "
            f"{result.hypotheses[flip.column].name}: {MARKS[written]} → {MARKS[flip.verdict]} "
            f"in a neighbour that fits as well{more}: {'; '.join(flip.changes)}"
        )
    return notes


NEIGHBOURS_TITLE = (
    "Neighbours (each hypothesis one edit away, as pathcheck repair edits it; fitting as "
    "well: matching as many observations and contradicting no more, in every reading scored)"
)
NEIGHBOURS_HEADER = ("hypothesis", "one edit away", "fit as well", "fit better", "verdicts changed")


def neighbours_rows(result: Comparison) -> list[tuple[str, ...]]:
    """Per hypothesis: its one-edit variants, those that fit as well (and better), and
    how many of its verdicts differ in one of them."""
    found = result.neighbours
    if found is None:
        return []
    return [
        (
            near.hypothesis.name,
            f"{near.space.single():,}",
            f"{len(near.fitting):,}",
            f"{near.better:,}",
            str(sum(f.column == column for f in found.flips)),
        )
        for column, near in enumerate(found.hypotheses)
    ]


def _hinges(result: Comparison, disagreeing: bool | None) -> list[str]:
    """For each hinging verdict: how it fares, and with which options it would differ."""
    notes = []
    for row, robustness in zip(result.rows, result.robustness, strict=True):
        if disagreeing is not None and row.disagreement != disagreeing:
            continue
        columns = zip(result.hypotheses, row.cells, robustness, result.readings, strict=True)
        for hypothesis, cell, found, family in columns:
            if found.robust:
                continue
            parts, silent = [], []
            for choice in found.hinges_on:
                options = [(o, v) for c, o, v in found.by_option if c == choice]
                if len({v for _, v in options}) > 1:
                    marks = ", ".join(f"{o} {MARKS[v]}" for o, v in options)
                    parts.append(f"{choice} ({marks})")
                else:
                    silent.append(choice)
            if silent:  # choices that change the verdict only with another's option
                parts.append(_together(found, family, silent))
            notes.append(
                f"{HINGING} {row.experiment.id} {row.observation.readout}, {hypothesis.name}: "
                f"{MARKS[cell.verdict]} in the default reading, ✓ in {found.matches} of "
                f"{len(found.verdicts)} readings; it hinges on {'; '.join(parts)}"
            )
    return notes


def _together(found: Robustness, family: Readings, silent: list[str]) -> str:
    """The fewest options, away from the default reading, with which one of the
    ``silent`` choices (none of whose options changes the verdict alone) changes it."""
    default = dict(family.readings[0].assignment)
    verdict_of = {r.assignment: v for r, v in zip(family.readings, found.verdicts, strict=True)}
    best: tuple[int, Reading, Verdict] | None = None
    for reading, verdict in zip(family.readings, found.verdicts, strict=True):
        for choice in (c for c, o in reading.assignment if c in silent and o != default[c]):
            alone = tuple((c, default[c] if c == choice else o) for c, o in reading.assignment)
            if verdict_of.get(alone) != verdict:
                moved = sum(o != default[c] for c, o in reading.assignment)
                if best is None or moved < best[0]:
                    best = (moved, reading, verdict)
    if best is None:
        return ", ".join(silent)
    _, reading, verdict = best
    options = [f"{c}={o}" for c, o in reading.assignment if o != default[c]]
    return f"{' and '.join(options)} together ({MARKS[verdict]})"


def _ambiguity(row: Row, hypothesis: str, cell: Cell) -> str:
    values = cell.by_attractor
    counts = ", ".join(
        f"{value_text(v)} in {values.count(v)}" for v in (True, False, AMBIGUOUS) if v in values
    )
    experiment = row.experiment
    args = [f"--on {i.selector.text}" for i in experiment.interventions if i.value]
    args += [f"--off {i.selector.text}" for i in experiment.interventions if not i.value]
    command = " ".join(["pathcheck predict", hypothesis, *args, f"--setting {experiment.setting}"])
    return (
        f"? {experiment.id}, {hypothesis}: {row.observation.readout} differs between its "
        f"{len(values)} reachable attractors ({counts}); `{command}` shows them"
    )


def case_message(case: Case) -> str:
    """One line for a gate case: what was predicted and observed, and why it stands."""
    readout, hypothesis = case.observation.readout, case.hypothesis
    what = f"{case.experiment.id} ({case.experiment.label})"
    if case.cell.verdict is Verdict.NOT_APPLICABLE:
        hint = did_you_mean(readout, hypothesis.readouts)
        text = f"{hypothesis.name} has no read-out '{readout}'{hint}, so {what} cannot be scored"
    elif case.cell.verdict is Verdict.UNKNOWN:
        text = f"{hypothesis.name} cannot predict {readout} for {what}: {case.cell.unknown}"
    else:
        predicted = value_text(case.cell.predicted)
        observed = value_text(case.observation.value)
        text = f"{hypothesis.name} predicts {readout}={predicted} for {what}, observed {observed}"
    return one_line(f"{text}: {case.reason}" if case.reason else text)


def family_rows(found: Family) -> list[tuple[str, ...]]:
    """Every reading kept, best first, as the family gives them (:meth:`Family.table`)."""
    return list(found.table()[1])


FAMILY_HEADER = ("rank", "reading", "log L", "✓", "✗", "?", "fits")
FAMILY_LEGEND = "✓ matched · ✗ contradicted · ? undecided · fits: every observation matched"


def family_notes(found: Family) -> list[str]:
    """What the data say about the options: forced, and unused by any fitting reading."""
    name = found.hypothesis.compared_as
    members = found.total // max(_data_size(found), 1)
    lines = [
        f"{name}: {found.total:,} readings ({members:,} member{'s' * (members != 1)} x "
        f"{_data_size(found)} reading{'s' * (_data_size(found) != 1)} of the data); "
        f"{found.fitting:,} fit every observation"
    ]
    own = [c.name for c in found.hypothesis.choices]
    if own:
        lines.append(f"Members are named by their options, in order: {', '.join(own)}.")
    if len(found.scored) < found.total:
        lines.append(f"Listing the best {len(found.scored):,} (--top).")
    if found.forced:
        forced = ", ".join(f"{c}={o}" for c, o in found.forced)
        lines.append(f"The data force {forced}: every best-scoring reading takes it.")
    else:
        lines.append("The data force no option: the best-scoring readings differ in every choice.")
    if not found.fitting:
        lines.append("No reading fits every observation.")
    elif found.unused:
        unused = ", ".join(f"{c}={o}" for c, o in found.unused)
        lines.append(f"No reading that fits every observation takes {unused}.")
    else:
        lines.append("Every option is taken by some reading that fits every observation.")
    return [one_line(line) for line in lines]


def _data_size(found: Family) -> int:
    size = 1
    for choice in found.choices[len(found.hypothesis.choices) :]:
        size *= len(choice.options)
    return size


PENDING_TITLE = "Pending experiments (not yet run: predicted, not scored)"


def pending_lines(result: Comparison) -> list[str]:
    """One line per pending experiment and read-out: each hypothesis's prediction."""
    lines = []
    for pending in result.pending:
        e = pending.experiment
        for readout, values in pending.predictions:
            predicted = ", ".join(
                f"{h.name} {value_text(v)}" for h, v in zip(result.hypotheses, values, strict=True)
            )
            lines.append(one_line(f"{e.id}  {e.label} ({e.setting}): {readout}: {predicted}"))
    return lines
