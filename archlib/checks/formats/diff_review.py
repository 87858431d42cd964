"""What a reviewer of a change wants beside the findings: cost, users sustained and AZ loss,
before and after. Read from the same diff result the gate uses; the JSON of `archlib diff`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archlib.capacity import CapacityReport
    from archlib.checks.context import CheckContext
    from archlib.checks.diff import ModelDiff
    from archlib.checks.finding import Finding
    from archlib.cost import CostEstimate
    from archlib.model import Architecture

CENT = 0.005
"""Cost changes smaller than this print as $0.00 and are left out."""


@dataclass(frozen=True)
class Side:
    """One of the two models with the figures a reviewer compares."""

    path: str
    model: Architecture
    cost: CostEstimate
    capacity: CapacityReport


@dataclass(frozen=True)
class CostChange:
    component: str
    before: float | None
    """None: the component is not in the base."""
    after: float | None

    @property
    def change(self) -> float:
        return (self.after or 0.0) - (self.before or 0.0)


@dataclass(frozen=True)
class Gate:
    """What `--fail-on-new` asked for and the findings that failed it."""

    selectors: tuple[str, ...] = ()
    new_suppressions_allowed: bool = False
    failed_by: tuple[Finding, ...] = ()

    def document(self) -> dict[str, Any]:
        return {
            "selectors": list(self.selectors),
            "new_suppressions_allowed": self.new_suppressions_allowed,
            "failed_by": [f.fingerprint for f in self.failed_by],
        }


@dataclass(frozen=True)
class DiffReview:
    base: Side
    head: Side
    changes: ModelDiff
    gate: Gate = Gate()

    @property
    def components_changed(self) -> tuple[str, ...]:
        """In both models, defined differently (resized, moved, scaled)."""
        before = {c.id: c for c in self.base.model.components}
        return tuple(
            sorted(c.id for c in self.head.model.components if c.id in before and c != before[c.id])
        )

    @property
    def introduced(self) -> tuple[Finding, ...]:
        """New findings, single points of failure first, then by severity."""
        return spof_first(self.changes.introduced)

    @property
    def resolved(self) -> tuple[Finding, ...]:
        return spof_first(self.changes.resolved)

    @property
    def cost_changes(self) -> tuple[CostChange, ...]:
        """Components whose monthly cost moved by a cent or more, largest move first."""
        before = {c.id: c.monthly_usd for c in self.base.cost.components}
        after = {c.id: c.monthly_usd for c in self.head.cost.components}
        moves = [
            CostChange(cid, before.get(cid), after.get(cid))
            for cid in sorted(set(before) | set(after))
        ]
        kept = [m for m in moves if abs(m.change) >= CENT]
        return tuple(sorted(kept, key=lambda m: (-abs(m.change), m.component)))


def spof_first(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.category != "spof", *f.sort_key())))


def side(path: str, context: CheckContext) -> Side:
    """One model's figures, from the analyses its checks already made."""
    from archlib.errors import InputError

    if context.capacity is None:
        raise InputError(context.capacity_error or "capacity not analysed", path=path)
    return Side(path, context.model, context.cost_estimate, context.capacity)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _in_order(entries: list[dict[str, Any]], order: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """The diff's own finding entries, put in the review's order (by fingerprint)."""
    rank = {f.fingerprint: index for index, f in enumerate(order)}
    return sorted(entries, key=lambda entry: rank.get(entry["fingerprint"], len(rank)))


def diff_document(review: DiffReview) -> dict[str, Any]:
    """The diff's own document, with what changed in cost and capacity alongside."""
    document = review.changes.document()
    base, head = review.base, review.head
    document["base"] = {"path": base.path, "model": base.model.name, "title": base.model.title}
    document["head"] = {"path": head.path, "model": head.model.name, "title": head.model.title}
    document["components"] = {
        **document["components"],
        "changed": list(review.components_changed),
    }
    document["findings"] = {
        **document["findings"],
        "introduced": _in_order(document["findings"]["introduced"], review.introduced),
        "resolved": _in_order(document["findings"]["resolved"], review.resolved),
    }
    document["gate"] = review.gate.document()
    coverage = {
        label: side.model.imported.summary()
        for label, side in (("before", review.base), ("after", review.head))
        if side.model.imported is not None
    }
    if coverage:
        document["coverage"] = coverage
    document["cost"] = {
        "monthly_usd": {
            "before": round(base.cost.monthly_usd, 2),
            "after": round(head.cost.monthly_usd, 2),
            "change": round(head.cost.monthly_usd - base.cost.monthly_usd, 2),
        },
        "components": [
            {
                "id": move.component,
                "before": _round(move.before, 2),
                "after": _round(move.after, 2),
                "change": round(move.change, 2),
            }
            for move in review.cost_changes
        ],
    }
    document["capacity"] = {
        "users_sustained": {
            "before": _round(base.capacity.max_users, 0),
            "after": _round(head.capacity.max_users, 0),
        },
        "bottleneck": {"before": base.capacity.bottleneck, "after": head.capacity.bottleneck},
        "survives_az_loss": {
            "before": base.capacity.survives_az_loss,
            "after": head.capacity.survives_az_loss,
        },
    }
    return document
