"""The model's own check policy: suppressions that need a reason, and severity overrides.

These rules judge the policy and the findings it applies to, so they have no check function
of their own and are not in `registry.RULES`: `apply_policy` raises their findings after the
architecture rules have run. They are in the catalogue for their ids and severities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.policy import ChecksPolicy, Suppression

UNJUSTIFIED = Rule(
    id="CHK001",
    category="policy",
    severity="error",
    title="Suppression without a justification",
    rationale=(
        "A suppression hides a finding from every later review; without a written reason "
        "nobody can tell an accepted risk from a silenced one."
    ),
    remediation="Say in `justification` why the finding is acceptable here, or remove it.",
    check=None,
)
EXPIRED = Rule(
    id="CHK002",
    category="policy",
    severity="error",
    title="Expired suppression",
    rationale=(
        "The suppression was accepted until a date that has passed: the risk was meant to "
        "be fixed or reviewed by then."
    ),
    remediation="Fix the finding, or review the suppression and move its `expires` date.",
    check=None,
)
UNUSED = Rule(
    id="CHK003",
    category="policy",
    severity="warning",
    title="Suppression that matches nothing",
    rationale=(
        "A suppression for a finding that no longer occurs would silently hide the next, "
        "possibly different, occurrence."
    ),
    remediation="Remove the suppression.",
    check=None,
)
UNKNOWN_RULE = Rule(
    id="CHK004",
    category="policy",
    severity="warning",
    title="Policy names an unknown rule",
    rationale="A typo in a rule id makes a suppression or severity override do nothing.",
    remediation="Use a rule id from `archlib rules`.",
    check=None,
)
POLICY_RULES: tuple[Rule, ...] = (UNJUSTIFIED, EXPIRED, UNUSED, UNKNOWN_RULE)


@dataclass(frozen=True)
class PolicyOutcome:
    active: list[Finding]
    suppressed: list[Finding]


def _matches(suppression: Suppression, finding: Finding) -> bool:
    if suppression.rule != finding.rule_id:
        return False
    if suppression.component is not None and suppression.component not in (
        finding.component,
        *finding.components,
    ):
        return False
    return suppression.link is None or suppression.link == finding.link


def matching_suppression(policy: ChecksPolicy, finding: Finding) -> Suppression | None:
    """The first suppression in the policy that names this finding."""
    return next((s for s in policy.suppressions if _matches(s, finding)), None)


def apply_policy(
    findings: Iterable[Finding], policy: ChecksPolicy, known: set[str], today: dt.date
) -> PolicyOutcome:
    """Override severities, set aside what valid suppressions cover, report broken policy."""
    overridden = [
        replace(f, severity=policy.severity[f.rule_id]) if f.rule_id in policy.severity else f
        for f in findings
    ]
    problems: list[Finding] = []
    for rule_id in sorted(policy.severity):
        if rule_id not in known:
            problems.append(
                UNKNOWN_RULE.finding(
                    f"severity override for unknown rule {rule_id}",
                    key=f"severity:{rule_id}",
                    location=("checks", "severity", rule_id),
                )
            )
    valid: list[tuple[int, Suppression]] = []
    for index, suppression in enumerate(policy.suppressions):
        where = ("checks", "suppressions", index)
        key = f"{suppression.rule}:{suppression.component or ''}:{suppression.link or ''}"
        subject = suppression.component
        if suppression.rule not in known:
            problems.append(
                UNKNOWN_RULE.finding(
                    f"suppression names unknown rule {suppression.rule}",
                    component=subject,
                    key=f"suppression:{key}",
                    location=where,
                )
            )
        elif not suppression.justification.strip():
            problems.append(
                UNJUSTIFIED.finding(
                    f"suppression of {suppression.rule} has no justification, so it does not apply",
                    component=subject,
                    key=key,
                    location=(*where, "justification"),
                )
            )
        elif suppression.expires is not None and suppression.expires < today:
            problems.append(
                EXPIRED.finding(
                    f"suppression of {suppression.rule} expired on "
                    f"{suppression.expires.isoformat()}, so it no longer applies",
                    component=subject,
                    key=key,
                    location=(*where, "expires"),
                )
            )
        else:
            valid.append((index, suppression))
    active: list[Finding] = []
    suppressed: list[Finding] = []
    used: set[int] = set()
    for finding in overridden:
        matched = [index for index, s in valid if _matches(s, finding)]
        used.update(matched)
        (suppressed if matched else active).append(finding)
    for index, suppression in valid:
        if index not in used:
            problems.append(
                UNUSED.finding(
                    f"suppression of {suppression.rule} matches no finding",
                    component=suppression.component,
                    key=f"{suppression.rule}:{suppression.component or ''}:"
                    f"{suppression.link or ''}",
                    location=("checks", "suppressions", index),
                )
            )
    problems = [
        replace(f, severity=policy.severity[f.rule_id]) if f.rule_id in policy.severity else f
        for f in problems
    ]
    return PolicyOutcome(active + problems, suppressed)
