"""A rule: a stable id, what it is about, why it matters, how to fix it, and its check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archlib.checks.finding import Category, Finding, Location, Severity

if TYPE_CHECKING:
    from archlib.checks.context import CheckContext


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    severity: Severity
    """The default; a model may override it in `checks.severity`."""
    title: str
    rationale: str
    remediation: str
    check: Callable[[CheckContext], Iterable[Finding]] | None
    """Reads the context and yields findings; `None` for the rules about the model's check
    policy, whose findings the engine raises while it applies that policy."""

    def finding(
        self,
        message: str,
        *,
        component: str | None = None,
        link: str | None = None,
        others: Iterable[str] = (),
        key: str = "",
        location: Location | None = None,
    ) -> Finding:
        """A finding of this rule at its default severity (the engine applies overrides)."""
        involved = [component] if component else []
        involved += [c for c in others if c not in involved]
        return Finding(
            rule_id=self.id,
            category=self.category,
            severity=self.severity,
            message=message,
            component=component,
            link=link,
            components=tuple(involved),
            key=key,
            location=location,
        )
