"""What a check reports: findings with a fingerprint that survives unrelated model edits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

Category = Literal["spof", "security", "capacity", "cost", "policy"]
"""`policy` is for findings about the model's own check policy (suppressions, overrides)."""
Severity = Literal["error", "warning", "info"]

SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
"""Lower is more severe; output lists errors first."""

Location = tuple[str | int, ...]
"""A field path into the model file, e.g. ("components", 3, "ingress", 0)."""


@dataclass(frozen=True)
class Finding:
    rule_id: str
    category: Category
    severity: Severity
    message: str
    component: str | None = None
    link: str | None = None
    """The link key `source->target`."""
    components: tuple[str, ...] = ()
    """Every component involved, the main one first."""
    key: str = ""
    """Tells apart findings of one rule on one component (e.g. which ingress rule)."""
    location: Location | None = field(default=None, compare=False)
    """Where in the model file the finding points; derived from component/link if unset."""

    @property
    def fingerprint(self) -> str:
        """Rule plus what it is about: nothing else in the model changes it."""
        identity = "|".join((self.rule_id, self.component or "", self.link or "", self.key))
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]

    @property
    def subject(self) -> str:
        """A short name of what the finding is about, for output."""
        return self.component or self.link or "(model)"

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        return (
            SEVERITY_RANK[self.severity],
            self.rule_id,
            self.component or "",
            self.link or "",
            self.key,
            self.message,
        )


def at_least(severity: str, threshold: str) -> bool:
    """True when `severity` is as severe as `threshold` or more."""
    return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold]
