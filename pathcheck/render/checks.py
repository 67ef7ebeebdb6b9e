"""Reports for people: the linter's findings, and the gate's failures with their place."""

from __future__ import annotations

from pathcheck.analysis.check import CheckResult, Status
from pathcheck.analysis.score import Verdict
from pathcheck.analysis.validate import Validation
from pathcheck.base.problems import one_line
from pathcheck.project.config import Project
from pathcheck.render.cells import case_message

MARKS = {Status.FAILED: "FAILED", Status.KNOWN: "known ", Status.UNDECIDED: "undecided"}


def gate(result: CheckResult) -> str:
    project = result.project
    must_fit = ", ".join(_scoped(project, name) for name in project.must_fit) or "none declared"
    out = [one_line(f"pathcheck check · {project.file} · must fit: {must_fit}")]
    for case in result.cases:
        mark = MARKS.get(case.status)
        if mark:
            out.append(f"{mark}  {case.observation.location}: {case_message(case)}")
    for known in result.stale:
        out.append(
            f"stale   {known.location}: {known.hypothesis} no longer fails {known.experiment}; "
            "remove it from known-failures"
        )
    out += [f"FAILED  {problem}" for problem in result.hollow]
    out.append("")
    names = [*(c.hypothesis.name for c in result.cases), *project.must_fit]
    for hypothesis in dict.fromkeys(names):
        cases = [c for c in result.cases if c.hypothesis.name == hypothesis]
        counts = {s: sum(c.status is s for c in cases) for s in Status}
        if hypothesis not in project.must_fit:
            matched = sum(c.cell.verdict is Verdict.MATCH for c in cases)
            out.append(f"{hypothesis}: not gated ({matched}/{len(cases)} observations matched)")
        else:
            known_count, undecided = counts[Status.KNOWN], counts[Status.UNDECIDED]
            outside = counts[Status.UNGATED]
            out.append(
                f"{hypothesis}: {counts[Status.PASSED]} passed, {counts[Status.FAILED]} failed, "
                + (f"{undecided} undecided, " if undecided else "")
                + f"{known_count} known failure{'' if known_count == 1 else 's'}"
                + (f", {outside} outside its scope, not gated" if outside else "")
                + f" ({result.scored(hypothesis)} of {len(cases) - outside} observations scored)"
            )
    if any(c.cell.verdict is Verdict.NOT_APPLICABLE for c in result.failures):
        out.append(
            "A must-fit hypothesis fails on each observation it has no read-out for: give it "
            f"the read-out, or list the tables it answers for under [scope] in {project.file}"
        )
    failed = len(result.failures)
    strict = " (strict: ambiguous and unknown predictions fail)" if result.strict else ""
    verdict = "FAILED" if result.exit_code else "OK"
    nothing = "; the gate held nothing to the data" if result.hollow else ""
    out.append(f"{verdict}: {failed} failed checks{nothing}{strict}")
    return "\n".join(out) + "\n"


def _scoped(project: Project, name: str) -> str:
    """A must-fit hypothesis, and the tables it answers for when not every one."""
    scoped = project.scope.get(name)
    return name if scoped is None else f"{name} (on {', '.join(map(str, scoped[0]))})"


def findings(report: Validation) -> str:
    lines = [str(f) for f in report.findings]
    noun = "file" if len(report.files) == 1 else "files"
    lines.append(
        f"{report.errors} errors, {report.warnings} warnings in {len(report.files)} {noun}"
    )
    return "\n".join(lines) + "\n"
