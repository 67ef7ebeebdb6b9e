"""Reports for people: the linter's findings, and the gate's failures with their place."""

from __future__ import annotations

from pathcheck.analysis.check import CheckResult, Status
from pathcheck.analysis.score import Verdict
from pathcheck.analysis.validate import Validation
from pathcheck.render.cells import case_message

MARKS = {Status.FAILED: "FAILED", Status.KNOWN: "known ", Status.UNDECIDED: "undecided"}


def gate(result: CheckResult) -> str:
    project = result.project
    must_fit = ", ".join(project.must_fit) or "none declared"
    out = [f"pathcheck check · {project.file} · must fit: {must_fit}"]
    for case in result.cases:
        mark = MARKS.get(case.status)
        if mark:
            out.append(f"{mark}  {case.observation.location}: {case_message(case)}")
    for known in result.stale:
        out.append(
            f"stale   {known.location}: {known.hypothesis} no longer fails {known.experiment}; "
            "remove it from known-failures"
        )
    out.append("")
    for hypothesis in dict.fromkeys(c.hypothesis.name for c in result.cases):
        cases = [c for c in result.cases if c.hypothesis.name == hypothesis]
        counts = {s: sum(c.status is s for c in cases) for s in Status}
        if counts[Status.UNGATED]:
            matched = sum(c.cell.verdict is Verdict.MATCH for c in cases)
            out.append(f"{hypothesis}: not gated ({matched}/{len(cases)} observations matched)")
        else:
            known_count, undecided = counts[Status.KNOWN], counts[Status.UNDECIDED]
            out.append(
                f"{hypothesis}: {counts[Status.PASSED]} passed, {counts[Status.FAILED]} failed, "
                + (f"{undecided} undecided, " if undecided else "")
                + f"{known_count} known failure{'' if known_count == 1 else 's'}"
            )
    failed = len(result.failures)
    strict = " (strict: ambiguous and unknown predictions fail)" if result.strict else ""
    out.append(f"{'FAILED' if failed else 'OK'}: {failed} failed checks{strict}")
    return "\n".join(out) + "\n"


def findings(report: Validation) -> str:
    lines = [str(f) for f in report.findings]
    noun = "file" if len(report.files) == 1 else "files"
    lines.append(
        f"{report.errors} errors, {report.warnings} warnings in {len(report.files)} {noun}"
    )
    return "\n".join(lines) + "\n"
