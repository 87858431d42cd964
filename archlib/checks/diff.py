"""What changed between two versions of a model, and which findings came or went."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archlib.checks.engine import CheckResult
from archlib.checks.finding import SEVERITY_RANK, Finding, at_least
from archlib.model import Architecture

GATE_CATEGORIES = ("spof", "security", "capacity", "cost", "policy")
GATE_SEVERITIES = tuple(SEVERITY_RANK)


@dataclass(frozen=True)
class ModelDiff:
    components_added: tuple[str, ...]
    components_removed: tuple[str, ...]
    links_added: tuple[str, ...]
    links_removed: tuple[str, ...]
    introduced: tuple[Finding, ...]
    """Active in the head, not in the base (by fingerprint)."""
    resolved: tuple[Finding, ...]
    """Active in the base, gone from the head."""

    def gated(self, selectors: list[str]) -> list[Finding]:
        """Introduced findings that any selector (a category, or a severity and above) names."""
        return [f for f in self.introduced if any(selects(s, f) for s in selectors)]

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
            },
            "links": {"added": list(self.links_added), "removed": list(self.links_removed)},
            "findings": {
                "introduced": [brief(f) for f in self.introduced],
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
    base_ids = [c.id for c in base.components]
    head_ids = [c.id for c in head.components]
    base_links = sorted({link.key for link in base.links})
    head_links = sorted({link.key for link in head.links})
    before = {f.fingerprint for f in base_result.findings}
    after = {f.fingerprint for f in head_result.findings}
    return ModelDiff(
        components_added=tuple(sorted(set(head_ids) - set(base_ids))),
        components_removed=tuple(sorted(set(base_ids) - set(head_ids))),
        links_added=tuple(k for k in head_links if k not in set(base_links)),
        links_removed=tuple(k for k in base_links if k not in set(head_links)),
        introduced=tuple(f for f in head_result.findings if f.fingerprint not in before),
        resolved=tuple(f for f in base_result.findings if f.fingerprint not in after),
    )
