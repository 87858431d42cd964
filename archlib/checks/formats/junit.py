"""JUnit XML, which most CI systems show as a test report: one test case per rule and model."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from archlib.checks.engine import CheckResult
from archlib.checks.finding import at_least
from archlib.checks.locate import Locator
from archlib.checks.registry import CATALOGUE
from archlib.loader import LoadedModel


def junit_document(results: list[tuple[LoadedModel, CheckResult]], fail_on: str | None) -> str:
    """A rule's case fails when it has a finding at or above `fail_on` (None: never)."""
    suites = ET.Element("testsuites", name="archlib check")
    total = failed = 0
    for loaded, result in results:
        locator = Locator.of(loaded.model)
        path = loaded.path.as_posix()
        suite = ET.SubElement(suites, "testsuite", name=loaded.model.name, file=path)
        suite_failures = 0
        imported = loaded.model.imported
        if imported is not None:
            properties = ET.SubElement(suite, "properties")
            ET.SubElement(properties, "property", name="coverage", value=imported.coverage_line())
            for text in imported.not_modelled_lines():
                ET.SubElement(properties, "property", name="not_modelled", value=text)
        for rule in CATALOGUE:
            case = ET.SubElement(
                suite, "testcase", classname=loaded.model.name, name=f"{rule.id} {rule.title}"
            )
            findings = [f for f in result.findings if f.rule_id == rule.id]
            lines = [
                f"{loaded.file(locator.location(f)).as_posix()}:"
                f"{loaded.line(locator.location(f))}: {f.severity}: {f.message}"
                for f in findings
            ]
            failing = [f for f in findings if fail_on and at_least(f.severity, fail_on)]
            if failing:
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=failing[0].message,
                    type=failing[0].severity,
                )
                failure.text = "\n".join(lines)
                suite_failures += 1
            elif lines:
                ET.SubElement(case, "system-out").text = "\n".join(lines)
        suite.set("tests", str(len(CATALOGUE)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(CATALOGUE)
        failed += suite_failures
    suites.set("tests", str(total))
    suites.set("failures", str(failed))
    suites.set("errors", "0")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
