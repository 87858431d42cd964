"""The cost section: the total, its split, the bars by component and the line items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlib.review import charts, numbers

if TYPE_CHECKING:
    from collections.abc import Sequence

    from archlib.cost import ComponentCost, CostEstimate, CostLine
    from archlib.review.facts import ModelReview


def total_text(estimate: CostEstimate) -> str:
    """The total as a page prints it: one that leaves components unpriced says so ($0.00 in a
    region with no bundled prices is no cost, it is no price)."""
    total = numbers.money(estimate.monthly_usd)
    if not estimate.unpriced:
        return total
    return f"{total} at least" if any(c.lines for c in estimate.components) else "not priced"


BARS_SHOWN = 15
"""Components drawn as bars of their own; the rest share one "other" bar."""


def _split(lines: Sequence[CostLine]) -> tuple[float, float]:
    fixed = sum(line.monthly_usd for line in lines if not line.usage_based)
    return fixed, sum(line.monthly_usd for line in lines) - fixed


def _component_bars(priced: Sequence[ComponentCost]) -> list[charts.Bar]:
    """Each bar split into its fixed and usage-based cost, the share of the bar each takes."""
    bars = []
    shown, rest = priced[:BARS_SHOWN], priced[BARS_SHOWN:]
    if len(rest) == 1:
        shown, rest = priced, []
    for component in shown:
        fixed, usage = _split(component.lines)
        bars.append(
            charts.Bar(
                component.id,
                component.monthly_usd,
                "neutral",
                title=f"{component.label}: fixed {numbers.money(fixed)}, "
                f"usage-based {numbers.money(usage)}",
                parts=(("fixed", fixed), ("usage", usage)),
            )
        )
    if rest:
        lines = [line for component in rest for line in component.lines]
        fixed, usage = _split(lines)
        bars.append(
            charts.Bar(
                f"other ({len(rest)})",
                fixed + usage,
                "neutral",
                title="other: " + ", ".join(c.id for c in rest),
                parts=(("fixed", fixed), ("usage", usage)),
            )
        )
    return bars


def cost_section(review: ModelReview) -> dict[str, Any]:
    from archlib.cost.render import TIERED, quantity, unit_price

    estimate = review.estimate
    priced = sorted(
        (c for c in estimate.components if c.lines),
        key=lambda c: (-c.monthly_usd, c.id),
    )
    by_component = charts.bar_chart(
        "cost-by-component",
        f"Monthly cost by component, {numbers.money(estimate.monthly_usd)} in all (log scale)",
        _component_bars(priced),
        numbers.money,
        log_ticks=numbers.money_short,
    )
    fixed, usage = estimate.fixed_monthly_usd, estimate.usage_monthly_usd
    split = charts.share_bar(
        "cost-fixed-usage",
        "Fixed and usage-based monthly cost",
        [
            charts.Bar("fixed", fixed, "fixed", title="Paid whatever the traffic: hours, storage"),
            charts.Bar("usage-based", usage, "usage", title="Per request and per GB moved"),
        ],
        numbers.money,
    )
    rows = []
    for component in estimate.components:
        for line in component.lines:
            rows.append(
                {
                    "component": component.id,
                    "name": line.name,
                    "quantity": quantity(line.quantity),
                    "quantity_value": line.quantity,
                    "unit": line.unit,
                    "unit_price": unit_price(line).removesuffix(TIERED),
                    "unit_price_note": TIERED.strip() if not line.price.flat else "",
                    "unit_price_value": line.unit_price,
                    "monthly": numbers.money(line.monthly_usd),
                    "monthly_value": line.monthly_usd,
                    "share": "usage" if line.usage_based else "fixed",
                    "basis": line.basis,
                }
            )
    per_million = estimate.usd_per_million_requests
    return {
        "total": numbers.money(estimate.monthly_usd),
        "headline": total_text(estimate),
        "fixed": numbers.money(fixed),
        "usage": numbers.money(usage),
        "per_million": numbers.money(per_million) if per_million is not None else "",
        "requests": numbers.whole(estimate.requests_per_month),
        "region": estimate.region,
        "price_source": estimate.price_source,
        "prices_footer": estimate.prices[:1].upper() + estimate.prices[1:],
        "chart_components": by_component,
        "chart_split": split,
        "rows": rows,
        "assumptions": list(estimate.assumptions),
        "partial": estimate.partial,
        "unpriced": list(estimate.unpriced),
        "not_priced": list(estimate.not_priced),
    }
