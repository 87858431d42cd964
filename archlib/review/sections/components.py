"""The card each diagram component opens: its findings, cost, load and links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlib.review import numbers
from archlib.review.sections.findings import about

if TYPE_CHECKING:
    from archlib.cost import ComponentCost
    from archlib.review.facts import ModelReview


def _component_cost(review: ModelReview, component_id: str) -> ComponentCost | None:
    try:
        return review.estimate.component(component_id)
    except KeyError:
        return None


def component_cards(review: ModelReview) -> list[dict[str, Any]]:
    """What clicking a component on the diagram shows: its findings, cost, load and links."""
    model = review.loaded.model
    report = review.capacity
    subjects = [f.component for f in review.result.findings if f.component is not None]
    preferred = subjects[0] if subjects else report.bottleneck
    cards = []
    for component in model.components:
        cost = _component_cost(review, component.id)
        use = report.use(component.id)
        utilisation = "no fixed limit"
        if use.utilisation is not None:
            utilisation = numbers.percent(use.utilisation)
            if use.driver:
                utilisation += f" (mostly {use.driver})"
            if use.host:
                utilisation += f" of {use.host}"
        links = [
            {
                "direction": "to" if link.source == component.id else "from",
                "other": link.target if link.source == component.id else link.source,
                "purpose": link.purpose or link.traffic,
                "detail": ", ".join(
                    part
                    for part in (
                        f"port {link.port}" if link.port else "",
                        link.mode if link.mode != "sync" else "",
                        "soft" if link.dependency == "soft" else "",
                    )
                    if part
                ),
            }
            for link in model.links
            if component.id in (link.source, link.target)
        ]
        cards.append(
            {
                "id": component.id,
                "label": component.display_name,
                "kind": component.kind,
                "findings": [
                    {
                        "anchor": f"finding-{f.fingerprint}",
                        "rule": f.rule_id,
                        "severity": f.severity,
                        "message": f.message,
                    }
                    for f in review.result.findings
                    if about(f, component.id)
                ],
                "suppressed": [
                    {"anchor": f"finding-{f.fingerprint}", "rule": f.rule_id, "message": f.message}
                    for f in review.result.suppressed
                    if about(f, component.id)
                ],
                "cost": numbers.money(cost.monthly_usd) if cost is not None else "-",
                "cost_note": cost.note if cost is not None and cost.note else "",
                "utilisation": utilisation,
                "capacity": use.capacity.basis if use.capacity is not None else "",
                "bottleneck": component.id == report.bottleneck
                and numbers.strained(use.utilisation, report.utilisation_limit),
                "saturates_first": component.id == report.bottleneck,
                "preferred": component.id == preferred,
                "links": links,
            }
        )
    return cards
