"""JUnit XML for CI dashboards: one test case per hypothesis x experiment x read-out.

A must-fit hypothesis that contradicts an observation, or cannot score it, fails; a
known failure, an undecided (ambiguous or unknown) prediction and a hypothesis not
declared to fit are skipped with their reason: none of them is reported as passed. No timestamps or
durations, so the same input gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby
from pathlib import Path

from pathcheck.analysis.check import CheckResult, Status
from pathcheck.base.problems import Problem
from pathcheck.render.cells import case_message
from pathcheck.render.escape import xml

# the start of every JUnit report pathcheck writes: what CI may rewrite on each run
DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
GENERATOR = "pathcheck"  # the root's generator attribute: no user's file has it by chance

# neither passed nor failed: a known failure, an undecided case, a hypothesis not gated
SKIPPED = frozenset({Status.KNOWN, Status.UNDECIDED, Status.UNGATED})


def gate(result: CheckResult) -> str:
    cases = list(result.cases)
    root = ET.Element("testsuites", name="pathcheck", generator=GENERATOR)
    _counts(root, cases, len(result.hollow))
    for name, group in groupby(cases, key=lambda c: c.hypothesis.name):
        members = list(group)
        suite = ET.SubElement(root, "testsuite", name=name)
        _counts(suite, members)
        for case in members:
            where = case.observation.location
            element = ET.SubElement(
                suite,
                "testcase",
                classname=f"pathcheck.{name}",
                name=xml(case.name),
                file=xml(where.file),
                line=str(where.line),
            )
            said = xml(case_message(case))
            if case.status is Status.FAILED:
                failure = ET.SubElement(element, "failure", message=said, type="mismatch")
                failure.text = f"{xml(str(where))}: {said}"
            elif case.status in SKIPPED:
                ET.SubElement(element, "skipped", message=f"{case.status.value}: {said}")
    if result.hollow:  # a gate that held nothing to the data is a failure of its own
        suite = ET.SubElement(root, "testsuite", name="the gate")
        _counts(suite, [], len(result.hollow))
        for problem in result.hollow:
            where = problem.location
            element = ET.SubElement(
                suite,
                "testcase",
                classname="pathcheck.gate",
                name="holds something to the data",
                file=xml(where.file),
                line=str(where.line),
            )
            failure = ET.SubElement(element, "failure", message=xml(problem.message), type="empty")
            failure.text = xml(str(problem))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def is_report(path: Path) -> bool:
    """Whether ``path`` holds a JUnit report pathcheck wrote, told by its structure: the
    declaration pathcheck writes, then, parsed, a ``testsuites`` root named pathcheck
    with pathcheck's generator attribute and nothing but test suites in it. A file that
    only mentions any of these (notes quoting a report) is a user's, and is kept."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_REPORT + 1)
    except OSError:
        return False
    if len(data) > MAX_REPORT or b"<!" in data:  # a DOCTYPE or an entity: not ours
        return False
    text = data.decode("utf-8", errors="replace")
    if not text.startswith(DECLARATION + "<testsuites "):
        return False
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return False
    return (
        root.tag == "testsuites"
        and root.get("name") == "pathcheck"
        and root.get("generator") == GENERATOR
        and all(child.tag == "testsuite" for child in root)
    )


MAX_REPORT = 50_000_000  # a report larger than this is no report pathcheck wrote


def _counts(element: ET.Element, cases: list, hollow: int = 0) -> None:  # type: ignore[type-arg]
    element.set("tests", str(len(cases) + hollow))
    element.set("failures", str(sum(c.status is Status.FAILED for c in cases) + hollow))
    element.set("errors", "0")
    element.set("skipped", str(sum(c.status in SKIPPED for c in cases)))


def problems(found: list[Problem]) -> str:
    """Invalid input, when the gate stopped before scoring (exit 2): one errored test case
    per problem, so that a dashboard shows why there are no checks."""
    root = ET.Element("testsuites", name="pathcheck", generator=GENERATOR)
    suite = ET.SubElement(root, "testsuite", name="invalid input")
    for element in (root, suite):
        element.set("tests", str(len(found)))
        element.set("failures", "0")
        element.set("errors", str(len(found)))
        element.set("skipped", "0")
    for number, problem in enumerate(found, start=1):
        where = problem.location
        case = ET.SubElement(
            suite,
            "testcase",
            classname="pathcheck.input",
            name=f"problem {number}",
            file=xml(where.file),
            line=str(where.line),
        )
        error = ET.SubElement(case, "error", message=xml(problem.message), type="invalid input")
        error.text = xml(str(problem))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
