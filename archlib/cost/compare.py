"""The difference between two estimates: which components and cost lines changed, by how much."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archlib.cost.estimate import CostEstimate

EPSILON = 0.005
"""Half a cent: smaller monthly differences are rounding, not change."""


@dataclass(frozen=True)
class LineChange:
    component: str
    line: str
    status: str
    """added, removed or changed."""
    before_quantity: float | None
    after_quantity: float | None
    unit: str
    before_usd: float
    after_usd: float

    @property
    def delta_usd(self) -> float:
        return self.after_usd - self.before_usd

    def as_dict(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "line": self.line,
            "status": self.status,
            "unit": self.unit,
            "before_quantity": self.before_quantity,
            "after_quantity": self.after_quantity,
            "before_usd": self.before_usd,
            "after_usd": self.after_usd,
            "delta_usd": self.delta_usd,
        }


@dataclass(frozen=True)
class Comparison:
    before: CostEstimate
    after: CostEstimate
    changes: tuple[LineChange, ...]

    @property
    def delta_usd(self) -> float:
        return self.after.monthly_usd - self.before.monthly_usd

    def component_deltas(self) -> list[tuple[str, str, float]]:
        """(component, status, delta) for every component whose cost changed."""
        before = {c.id: c for c in self.before.components}
        after = {c.id: c for c in self.after.components}
        result = []
        for component_id in sorted(before.keys() | after.keys()):
            old = before[component_id].monthly_usd if component_id in before else 0.0
            new = after[component_id].monthly_usd if component_id in after else 0.0
            if component_id not in before:
                status = "added"
            elif component_id not in after:
                status = "removed"
            else:
                status = "changed"
            if status != "changed" or abs(new - old) >= EPSILON:
                result.append((component_id, status, new - old))
        return result

    def as_dict(self) -> dict[str, Any]:
        return {
            "before": {
                "model": self.before.model,
                "monthly_usd": self.before.monthly_usd,
                "prices_published": self.before.price_date,
            },
            "after": {
                "model": self.after.model,
                "monthly_usd": self.after.monthly_usd,
                "prices_published": self.after.price_date,
            },
            "delta_usd": self.delta_usd,
            "components": [
                {"component": c, "status": s, "delta_usd": d} for c, s, d in self.component_deltas()
            ],
            "lines": [change.as_dict() for change in self.changes],
        }


def compare(before: CostEstimate, after: CostEstimate) -> Comparison:
    def lines(estimate: CostEstimate) -> dict[tuple[str, str], tuple[float, str, float]]:
        return {
            (component.id, line.name): (line.quantity, line.unit, line.monthly_usd)
            for component in estimate.components
            for line in component.lines
        }

    old, new = lines(before), lines(after)
    changes = []
    for key in sorted(old.keys() | new.keys()):
        if key not in old:
            quantity, unit, usd = new[key]
            changes.append(LineChange(*key, "added", None, quantity, unit, 0.0, usd))
        elif key not in new:
            quantity, unit, usd = old[key]
            changes.append(LineChange(*key, "removed", quantity, None, unit, usd, 0.0))
        else:
            (q0, unit, usd0), (q1, _, usd1) = old[key], new[key]
            if abs(usd1 - usd0) >= EPSILON or abs(q1 - q0) > 1e-9 * max(abs(q0), 1.0):
                changes.append(LineChange(*key, "changed", q0, q1, unit, usd0, usd1))
    return Comparison(before, after, tuple(changes))
