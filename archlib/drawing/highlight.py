"""Marks on components a review should look at first, independent of how they were found."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

MarkCategory = Literal["spof", "security", "capacity", "cost"]
MarkSeverity = Literal["error", "warning", "info"]

CATEGORIES: tuple[MarkCategory, ...] = ("spof", "security", "capacity", "cost")
SEVERITIES: tuple[MarkSeverity, ...] = ("error", "warning", "info")

MARK_COLOURS: dict[MarkCategory, str] = {
    "spof": "#D62728",
    "security": "#9467BD",
    "capacity": "#FF7F0E",
    "cost": "#1F77B4",
}
"""Red is kept for single points of failure, so the weak point is the first thing one sees."""

MARK_COLOUR_NAMES: dict[MarkCategory, str] = {
    "spof": "red",
    "security": "purple",
    "capacity": "orange",
    "cost": "blue",
}

MARK_MEANING: dict[MarkCategory, str] = {
    "spof": "single point of failure",
    "security": "security finding",
    "capacity": "capacity finding",
    "cost": "cost finding",
}


@dataclass(frozen=True, order=True)
class Mark:
    category: MarkCategory
    severity: MarkSeverity = "error"

    @property
    def colour(self) -> str:
        return MARK_COLOURS[self.category]

    @property
    def line_style(self) -> str:
        """Solid for errors, dashed for warnings, dotted for information."""
        return {"error": "solid", "warning": "dashed", "info": "dotted"}[self.severity]


HighlightInput = Mapping[str, "Mark | str"]
"""Component id to a Mark, or to a bare category or severity name."""


def to_mark(value: Mark | str) -> Mark:
    if isinstance(value, Mark):
        return value
    if value in CATEGORIES:
        return Mark(value)
    if value in SEVERITIES:
        return Mark("spof" if value == "error" else "capacity", value)
    raise ValueError(f"unknown highlight {value!r}: use one of {', '.join(CATEGORIES)}")


def _priority(mark: Mark) -> tuple[int, int]:
    return (CATEGORIES.index(mark.category), SEVERITIES.index(mark.severity))


def strongest(marks: Iterable[Mark]) -> Mark:
    """SPOF before security before capacity before cost; errors before warnings."""
    return min(marks, key=_priority)


class FindingLike(Protocol):
    @property
    def category(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def component(self) -> str | None: ...
    @property
    def components(self) -> tuple[str, ...]: ...


def marks_from_findings(findings: Iterable[FindingLike]) -> dict[str, Mark]:
    """One mark per component: the strongest of the findings about it.

    A finding marks its subject only; the other components it involves (the stores a single
    point of failure guards, say) are context, not faults. A finding about a link, with no
    single subject, marks the components at its ends."""
    collected: dict[str, list[Mark]] = {}
    for finding in findings:
        if finding.category not in CATEGORIES or finding.severity not in SEVERITIES:
            continue
        mark = Mark(finding.category, finding.severity)
        named = {finding.component} if finding.component else set(finding.components)
        for component_id in named:
            collected.setdefault(component_id, []).append(mark)
    return {cid: strongest(marks) for cid, marks in sorted(collected.items())}
