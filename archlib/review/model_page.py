"""What one model's page shows, as plain data for its template."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from archlib.review import numbers
from archlib.review.prose import prose
from archlib.review.sections.capacity import capacity_section
from archlib.review.sections.components import component_cards
from archlib.review.sections.cost import cost_section
from archlib.review.sections.findings import findings_section
from archlib.review.sections.profile import assumption_rows, traffic_section
from archlib.review.sections.rules import rules_section

if TYPE_CHECKING:
    from archlib.review.facts import ModelReview


def model_context(review: ModelReview) -> dict[str, Any]:
    model = review.loaded.model
    findings = findings_section(review)
    cost = cost_section(review)
    capacity = capacity_section(review)
    errors = sum(1 for f in review.result.findings if f.severity == "error")
    detail = f"{errors} error{'s' if errors != 1 else ''}"
    suppressed = review.result.suppressed
    if suppressed:
        rules = ", ".join(sorted({f.rule_id for f in suppressed}))
        detail += f", {len(suppressed)} suppressed ({rules})"
    limit = review.capacity.utilisation_limit
    zone_over = any((z.tightest_utilisation or 0.0) > limit for z in review.capacity.zones)
    survives = capacity["survives"]
    tiles = [
        {
            "label": "findings",
            "value": str(findings["count"]),
            "detail": detail,
            "tone": "over" if errors else ("warn" if findings["count"] or suppressed else "ok"),
            "href": "#findings",
        },
        _cost_tile(review),
        {"label": "users sustained", "value": numbers.count(review.capacity.max_users),
         "detail": f"profile: {numbers.count(model.traffic.users)}"
         + (f"; {capacity['bottleneck']}, over the {limit:.0%} limit"
            if capacity["over_limit"] else ""),
         "tone": "warn" if capacity["over_limit"] else "neutral", "href": "#capacity"},
        {"label": "one AZ lost", "value": "carries the peak" if survives else "fails",
         "detail": f"{len(review.capacity.zones)} scenario(s)"
         + (f"; above the {limit:.0%} limit" if survives and zone_over else ""),
         "tone": ("warn" if zone_over else "ok") if survives else "over", "href": "#az-loss"},
    ]  # fmt: skip
    return {
        "title": model.title,
        "name": model.name,
        "path": review.loaded.path.as_posix(),
        "description": prose(model.description) if model.description else "",
        "stage_note": model.stage.bottleneck if model.stage and model.stage.bottleneck else "",
        "tiles": tiles,
        "diagram": Markup(review.diagram.svg),
        "graphviz": review.diagram.graphviz,
        "cards": component_cards(review),
        "findings": findings,
        "cost": cost,
        "capacity": capacity,
        "traffic": traffic_section(review),
        "imported": model.imported.model_dump(mode="json") if model.imported else None,
        "coverage_line": model.imported.coverage_line() if model.imported else "",
        "assumptions": assumption_rows(review),
        "change": _change(review),
        "rules": rules_section(review),
    }


def _cost_tile(review: ModelReview) -> dict[str, Any]:
    """A total that leaves components out says how many, and is no all-clear."""
    from archlib.review.sections.cost import total_text

    estimate = review.estimate
    unpriced = len(estimate.unpriced)
    if not unpriced:
        return {"label": "monthly cost", "value": total_text(estimate), "detail": "AWS on-demand",
                "tone": "neutral", "href": "#cost"}  # fmt: skip
    return {
        "label": "monthly cost",
        "value": total_text(estimate),
        "detail": f"{unpriced} component{'s' if unpriced != 1 else ''} not priced in "
        f"{estimate.region}",
        "tone": "warn",
        "href": "#assumptions",
    }


def _change(review: ModelReview) -> dict[str, Any] | None:
    from archlib.review.sections.change import change_section

    if review.change is None:
        return None
    section = change_section(review.change.diff, review.change.against)
    section["page"] = review.change.page
    return section
