"""What changed between two versions of a model, and which findings came or went.

Findings are matched by fingerprint. A component renamed and otherwise unchanged keeps its
findings: they are matched across the rename, not reported as new. Suppressions the head
adds or widens are listed, with the new findings they hide, so a change cannot silence the
gate it is judged by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from archlib.checks.engine import CheckResult
from archlib.checks.finding import SEVERITY_RANK, Finding, at_least
from archlib.checks.suppressions import matching_suppression
from archlib.model import Architecture
from archlib.model.policy import Severity, Suppression

GATE_CATEGORIES = ("spof", "security", "capacity", "cost", "policy")
GATE_SEVERITIES = tuple(SEVERITY_RANK)


@dataclass(frozen=True)
class SuppressionChange:
    """A suppression in the head that covers more than the base's did."""

    suppression: Suppression
    index: int
    """Its position in the head's `checks.suppressions`."""
    change: Literal["added", "widened"]
    detail: str
    """What it covers, or how it grew: `no expiry (was 2026-03-01)`."""

    def document(self) -> dict[str, Any]:
        s = self.suppression
        return {
            "change": self.change,
            "rule": s.rule,
            "component": s.component,
            "link": s.link,
            "justification": s.justification,
            "expires": s.expires.isoformat() if s.expires else None,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class SeverityChange:
    """A rule's severity in the head differs from the base's (override added, changed, gone)."""

    rule: str
    before: Severity
    after: Severity

    @property
    def lowers(self) -> bool:
        return SEVERITY_RANK[self.after] > SEVERITY_RANK[self.before]  # error ranks 0

    def document(self) -> dict[str, Any]:
        return {"rule": self.rule, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class ModelDiff:
    components_added: tuple[str, ...]
    components_removed: tuple[str, ...]
    links_added: tuple[str, ...]
    links_removed: tuple[str, ...]
    introduced: tuple[Finding, ...]
    """Active in the head, not in the base (by fingerprint, across renames)."""
    resolved: tuple[Finding, ...]
    """Active in the base, neither active nor suppressed in the head."""
    components_renamed: tuple[tuple[str, str], ...] = ()
    """(old id, new id): same kind and fields, new id; its findings are matched across."""
    suppressions: tuple[SuppressionChange, ...] = ()
    """Suppressions the head adds or widens."""
    hidden: tuple[Finding, ...] = ()
    """New findings (in neither side of the base) that a suppression from `suppressions`
    hides in the head: they count for the gate unless suppressions are allowed."""
    silenced: tuple[Finding, ...] = ()
    """Active in the base, suppressed in the head: not fixed, only accepted."""
    severity_changes: tuple[SeverityChange, ...] = ()
    """Severity overrides the head adds, changes or removes: policy changes like suppressions."""
    covered: tuple[tuple[Finding, Suppression], ...] = ()
    """New findings hidden by a suppression the base already had, with that suppression: they
    do not fail the gate, but every comment names them and what hides them."""

    def gated(self, selectors: list[str], *, allow_suppressions: bool = False) -> list[Finding]:
        """New findings that any selector (a category, or a severity and above) names,
        hidden ones included unless the caller allows the head's new policy entries; a
        finding whose rule the head made milder is judged at the base's severity."""
        candidates = self.introduced if allow_suppressions else self.introduced + self.hidden
        lowered = {c.rule: c.before for c in self.severity_changes if c.lowers}
        judged = [
            f
            if allow_suppressions or f.rule_id not in lowered
            else replace(f, severity=lowered[f.rule_id])
            for f in candidates
        ]
        return [
            original
            for original, f in zip(candidates, judged, strict=True)
            if any(selects(s, f) for s in selectors)
        ]

    def document(self) -> dict[str, Any]:
        def brief(finding: Finding) -> dict[str, Any]:
            return {
                "rule": finding.rule_id,
                "category": finding.category,
                "severity": finding.severity,
                "subject": finding.subject,
                "message": finding.message,
                "fingerprint": finding.fingerprint,
            }

        return {
            "components": {
                "added": list(self.components_added),
                "removed": list(self.components_removed),
                "renamed": [{"from": old, "to": new} for old, new in self.components_renamed],
            },
            "links": {"added": list(self.links_added), "removed": list(self.links_removed)},
            "suppressions": [change.document() for change in self.suppressions],
            "severity_changes": [change.document() for change in self.severity_changes],
            "findings": {
                "introduced": [brief(f) for f in self.introduced],
                "hidden": [brief(f) for f in self.hidden],
                "silenced": [brief(f) for f in self.silenced],
                "covered": [
                    {
                        **brief(f),
                        "suppression": {"rule": s.rule, "component": s.component, "link": s.link},
                    }
                    for f, s in self.covered
                ],
                "resolved": [brief(f) for f in self.resolved],
            },
        }


def selects(selector: str, finding: Finding) -> bool:
    if selector in GATE_SEVERITIES:
        return at_least(finding.severity, selector)
    return finding.category == selector


def diff_models(
    base: Architecture, base_result: CheckResult, head: Architecture, head_result: CheckResult
) -> ModelDiff:
    renamed = _renames(base, head)
    mapping = dict(renamed)
    base_ids = [mapping.get(c.id, c.id) for c in base.components]
    head_ids = [c.id for c in head.components]
    base_links = sorted({_rename_text(link.key, mapping) for link in base.links})
    head_links = sorted({link.key for link in head.links})
    base_active = {_renamed(f, mapping).fingerprint for f in base_result.findings}
    base_suppressed = {_renamed(f, mapping).fingerprint for f in base_result.suppressed}
    head_active = {f.fingerprint for f in head_result.findings}
    head_suppressed = {f.fingerprint for f in head_result.suppressed}
    changes = _suppression_changes(base, head, mapping)
    changed = {id(change.suppression) for change in changes}
    hidden = tuple(
        f
        for f in head_result.suppressed
        if f.fingerprint not in base_active | base_suppressed
        and id(matching_suppression(head.checks, f)) in changed
    )
    return ModelDiff(
        components_added=tuple(sorted(set(head_ids) - set(base_ids))),
        components_removed=tuple(
            sorted(c.id for c in base.components if mapping.get(c.id, c.id) not in head_ids)
        ),
        links_added=tuple(k for k in head_links if k not in set(base_links)),
        links_removed=tuple(k for k in base_links if k not in set(head_links)),
        introduced=tuple(f for f in head_result.findings if f.fingerprint not in base_active),
        resolved=tuple(
            f
            for f in base_result.findings
            if _renamed(f, mapping).fingerprint not in head_active | head_suppressed
        ),
        components_renamed=renamed,
        suppressions=changes,
        hidden=hidden,
        silenced=tuple(
            f for f in head_result.suppressed if f.fingerprint in base_active and f not in hidden
        ),
        severity_changes=_severity_changes(base, head),
        covered=tuple(
            (f, suppression)
            for f in head_result.suppressed
            if f.fingerprint not in base_active | base_suppressed
            and f not in hidden
            and (suppression := matching_suppression(head.checks, f)) is not None
        ),
    )


def _severity_changes(base: Architecture, head: Architecture) -> tuple[SeverityChange, ...]:
    from archlib.checks.registry import CATALOGUE

    defaults = {rule.id: rule.severity for rule in CATALOGUE}
    rules = sorted(set(base.checks.severity) | set(head.checks.severity))
    changes = []
    for rule in rules:
        default = defaults.get(rule)
        before = base.checks.severity.get(rule, default)
        after = head.checks.severity.get(rule, default)
        if before is not None and after is not None and before != after:
            changes.append(SeverityChange(rule, before, after))
    return tuple(changes)


def _renames(base: Architecture, head: Architecture) -> tuple[tuple[str, str], ...]:
    """Removed components that reappear under a new id, of the same kind and fields."""
    head_ids = {c.id for c in head.components}
    base_ids = {c.id for c in base.components}
    added = [c for c in head.components if c.id not in base_ids]
    pairs: list[tuple[str, str]] = []
    for old in base.components:
        if old.id in head_ids:
            continue
        body = old.model_dump(exclude={"id"})
        match = next(
            (
                new
                for new in added
                if new.kind == old.kind and new.model_dump(exclude={"id"}) == body
            ),
            None,
        )
        if match is not None:
            added.remove(match)
            pairs.append((old.id, match.id))
    return tuple(pairs)


def _rename_text(text: str, mapping: dict[str, str]) -> str:
    """Ids inside keys such as `web->db` or `web:80-80/tcp`, whole ids only."""
    if not mapping:
        return text
    pattern = re.compile(
        r"(?<![a-z0-9-])(" + "|".join(map(re.escape, mapping)) + r")(?![a-z0-9]|-(?!>))"
    )
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def _renamed(finding: Finding, mapping: dict[str, str]) -> Finding:
    if not mapping:
        return finding
    return replace(
        finding,
        component=mapping.get(finding.component, finding.component) if finding.component else None,
        link=_rename_text(finding.link, mapping) if finding.link else None,
        components=tuple(mapping.get(c, c) for c in finding.components),
        key=_rename_text(finding.key, mapping),
    )


def _suppression_changes(
    base: Architecture, head: Architecture, mapping: dict[str, str]
) -> tuple[SuppressionChange, ...]:
    def identity(s: Suppression, renames: dict[str, str]) -> tuple[str, str | None, str | None]:
        component = renames.get(s.component, s.component) if s.component else None
        link = _rename_text(s.link, renames) if s.link else None
        return s.rule, component, link

    before = {identity(s, mapping): s for s in base.checks.suppressions}
    changes: list[SuppressionChange] = []
    for index, suppression in enumerate(head.checks.suppressions):
        old = before.get(identity(suppression, {}))
        expiry = suppression.expires.isoformat() if suppression.expires else "no expiry"
        if old is None:
            scope = suppression.component or suppression.link or "the whole model"
            changes.append(SuppressionChange(suppression, index, "added", f"{scope}, {expiry}"))
        elif old.expires is not None and (
            suppression.expires is None or suppression.expires > old.expires
        ):
            changes.append(
                SuppressionChange(
                    suppression, index, "widened", f"{expiry} (was {old.expires.isoformat()})"
                )
            )
    return tuple(changes)
