"""The findings section: grouped by severity, each with its rule's why and fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archlib.checks import Finding
    from archlib.review.facts import ModelReview

SEVERITY_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def about(finding: Finding, component_id: str) -> bool:
    """A finding is about its subject; one on a link is about both ends (as the diagram marks)."""
    if finding.component is not None:
        return finding.component == component_id
    return component_id in finding.components


def _finding(finding: Finding, line: int) -> dict[str, Any]:
    from archlib.checks import rule_by_id

    rule = rule_by_id(finding.rule_id)
    return {
        "anchor": f"finding-{finding.fingerprint}",
        "fingerprint": finding.fingerprint,
        "rule": finding.rule_id,
        "title": rule.title if rule else finding.rule_id,
        "category": finding.category,
        "severity": finding.severity,
        "subject": finding.subject,
        "line": line,
        "message": finding.message,
        "rationale": rule.rationale if rule else "",
        "remediation": rule.remediation if rule else "",
    }


def findings_section(review: ModelReview) -> dict[str, Any]:
    from archlib.checks.locate import Locator

    locator = Locator.of(review.loaded.model)

    def line(finding: Finding) -> int:
        return review.loaded.line(locator.location(finding))

    groups = []
    for severity, heading in SEVERITY_HEADINGS.items():
        found = [f for f in review.result.findings if f.severity == severity]
        if found:
            groups.append(
                {
                    "severity": severity,
                    "heading": heading,
                    "findings": [_finding(f, line(f)) for f in found],
                }
            )
    return {
        "groups": groups,
        "count": len(review.result.findings),
        "suppressed": [_suppressed(review, f, line(f)) for f in review.result.suppressed],
    }


def _suppressed(review: ModelReview, finding: Finding, line: int) -> dict[str, Any]:
    """A suppressed finding with what the model says of accepting it."""
    from archlib.checks.suppressions import matching_suppression

    entry = _finding(finding, line)
    suppression = matching_suppression(review.loaded.model.checks, finding)
    entry["justification"] = suppression.justification if suppression else ""
    entry["expires"] = (
        suppression.expires.isoformat() if suppression and suppression.expires else ""
    )
    return entry
