"""What changed against a baseline: per component cost and utilisation before and after, and
the findings that came and went, as the pull-request comment reports them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlib.review import numbers

if TYPE_CHECKING:
    from archlib.capacity import CapacityReport
    from archlib.checks.finding import Finding
    from archlib.checks.formats.diff_review import DiffReview

UTILISATION_STEP = 0.001
"""Utilisation moves smaller than a tenth of a point print the same and are left out."""


def _signed_money(value: float) -> str:
    sign = "+" if value > 0 else "-" if value < 0 else ""
    return f"{sign}{numbers.money(abs(value))}"


def _utilisation(report: CapacityReport) -> dict[str, float | None]:
    return {use.id: use.utilisation for use in report.components if use.kind != "client"}


def _finding(finding: Finding) -> dict[str, str]:
    return {
        "rule": finding.rule_id,
        "severity": finding.severity,
        "category": finding.category,
        "subject": finding.subject,
        "message": finding.message.removeprefix(f"{finding.subject}: "),
        "anchor": f"finding-{finding.fingerprint}",
    }


def _status(review: DiffReview) -> dict[str, str]:
    changes = review.changes
    status = {cid: "added" for cid in changes.components_added}
    status.update({cid: "removed" for cid in changes.components_removed})
    status.update({cid: "changed" for cid in review.components_changed})
    status.update({new: f"renamed from {old}" for old, new in changes.components_renamed})
    return status


def _rows(review: DiffReview) -> list[dict[str, Any]]:
    from archlib.checks.formats.diff_review import CENT

    renamed = {old: new for old, new in review.changes.components_renamed}
    cost_before = {renamed.get(c.id, c.id): c.monthly_usd for c in review.base.cost.components}
    cost_after = {c.id: c.monthly_usd for c in review.head.cost.components}
    before = {renamed.get(k, k): v for k, v in _utilisation(review.base.capacity).items()}
    after = _utilisation(review.head.capacity)
    status = _status(review)
    order = [c.id for c in review.head.model.components]
    order += [renamed.get(c.id, c.id) for c in review.base.model.components]
    rows = []
    for cid in dict.fromkeys(order):
        if cid == "users":
            continue
        move = cost_after.get(cid, 0.0) - cost_before.get(cid, 0.0)
        used = (before.get(cid), after.get(cid))
        shifted = (used[0] is None) != (used[1] is None) or (
            used[0] is not None
            and used[1] is not None
            and abs(used[1] - used[0]) >= UTILISATION_STEP
        )
        if cid not in status and abs(move) < CENT and not shifted:
            continue
        rows.append(
            {
                "id": cid,
                "status": status.get(cid, ""),
                "cost_before": numbers.money(cost_before.get(cid)),
                "cost_after": numbers.money(cost_after.get(cid)),
                "cost_change": _signed_money(move) if abs(move) >= CENT else "",
                "tone": "over" if move >= CENT else "ok" if move <= -CENT else "neutral",
                "utilisation_before": numbers.percent(used[0]),
                "utilisation_after": numbers.percent(used[1]),
            }
        )
    return rows


def change_section(review: DiffReview, against: str) -> dict[str, Any]:
    """The page's "what changed" section against `against` (a path, a ref or a stage)."""
    base, head = review.base, review.head
    total = head.cost.monthly_usd - base.cost.monthly_usd
    changes = review.changes
    return {
        "against": against,
        "title": base.model.title,
        "cost": {
            "before": numbers.money(base.cost.monthly_usd),
            "after": numbers.money(head.cost.monthly_usd),
            "change": _signed_money(total),
        },
        "users": {
            "before": numbers.count(base.capacity.max_users),
            "after": numbers.count(head.capacity.max_users),
        },
        "bottleneck": {
            "before": base.capacity.bottleneck or "-",
            "after": head.capacity.bottleneck or "-",
        },
        "az": {
            "before": "carries the peak" if base.capacity.survives_az_loss else "fails",
            "after": "carries the peak" if head.capacity.survives_az_loss else "fails",
        },
        "added": list(changes.components_added),
        "removed": list(changes.components_removed),
        "changed": list(review.components_changed),
        "renamed": [f"{old} to {new}" for old, new in changes.components_renamed],
        "introduced": [_finding(f) for f in review.introduced],
        "resolved": [_finding(f) for f in review.resolved],
        "rows": _rows(review),
    }
