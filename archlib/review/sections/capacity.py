"""The capacity section: utilisation against the limit, the bottleneck and AZ loss."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from archlib.review import charts, numbers

if TYPE_CHECKING:
    from archlib.capacity import CapacityReport, ComponentUse
    from archlib.review.facts import ModelReview


def _utilisation_tone(use: ComponentUse, limit: float) -> str:
    value = use.utilisation or 0.0
    if use.down:
        return "lost"
    if value > 1:
        return "over"
    return "warn" if value > limit else "ok"


def _zone_rows(report: CapacityReport) -> list[dict[str, Any]]:
    limit = report.utilisation_limit
    rows = []
    for zone in report.zones:
        lost = sorted(u.id for u in zone.components if u.down and u.host is None)
        if zone.carries_peak and (zone.tightest_utilisation or 0.0) > limit:
            verdict, tone = f"carries the peak, above the {limit:.0%} limit", "warn"
        elif zone.carries_peak:
            verdict, tone = "carries the peak", "ok"
        else:
            first = zone.failed[0]
            with_zone = any(u.id == first and u.down for u in zone.components)
            verdict = f"fails: {first}" + (" is lost with the AZ" if with_zone else " overloads")
            tone = "over"
        rows.append(
            {
                "az": zone.az,
                "verdict": verdict,
                "tone": tone,
                "tightest": zone.tightest or "-",
                "tightest_utilisation": numbers.percent(zone.tightest_utilisation),
                "failed": ", ".join(zone.failed) or "-",
                "lost": ", ".join(lost) or "-",
            }
        )
    return rows


def _bottleneck(use: ComponentUse | None, limit: float) -> str:
    if use is None:
        return "none (no component with a fixed limit)"
    at = f"{use.id} at {numbers.percent(use.utilisation)}" + (
        f", mostly {use.driver}" if use.driver else ""
    )
    if not numbers.strained(use.utilisation, limit):
        return f"none under strain: {at} saturates first"
    return at


def capacity_section(review: ModelReview) -> dict[str, Any]:
    from archlib.report.capacity import headroom_text

    report = review.capacity
    limit = report.utilisation_limit
    limited = [u for u in report.components if u.limited]
    bars = [
        charts.Bar(
            u.id,
            u.utilisation,
            _utilisation_tone(u, limit),
            note=numbers.percent(u.utilisation)
            + (" (bottleneck)" if u.id == report.bottleneck else ""),
            title=u.capacity.basis if u.capacity is not None else u.label,
        )
        for u in limited
    ]
    chart = Markup("")
    if bars:
        chart = charts.bar_chart(
            "utilisation",
            f"Utilisation at peak against the {limit:.0%} limit",
            bars,
            numbers.percent,
            scale_max=1.0,
            markers=[(limit, f"{limit:.0%} limit"), (1.0, "100%")],
            track=True,
        )
    bottleneck = report.use(report.bottleneck) if report.bottleneck else None
    demand = report.demand
    rows = []
    for use in report.components:
        if use.kind == "client":
            continue
        rows.append(
            {
                "id": use.id,
                "load": numbers.rate(sum(use.load.values())) if use.load else "-",
                "utilisation": numbers.percent(use.utilisation),
                "utilisation_value": -1.0 if use.utilisation is None else use.utilisation,
                "driver": use.driver or "",
                "capacity": use.capacity.basis if use.capacity is not None else "",
                "host": use.host or "",
                "needed": "" if use.needed_units is None else f"{use.needed_units} of {use.units}",
            }
        )
    return {
        "chart": chart,
        "limit": f"{limit:.0%}",
        "peak": f"{numbers.whole(demand.users)} users, {numbers.rate(demand.reads_per_second)} "
        f"reads/s and {numbers.rate(demand.writes_per_second)} writes/s",
        "bottleneck": _bottleneck(bottleneck, limit),
        "strained": bottleneck is not None and numbers.strained(bottleneck.utilisation, limit),
        "over_limit": bottleneck is not None and (bottleneck.utilisation or 0.0) > limit,
        "headroom": headroom_text(report.max_factor),
        "sustains": numbers.whole(report.max_users),
        "sustains_rps": numbers.rate(report.max_requests_per_second),
        "zone_users": numbers.whole(report.zone_max_users),
        "survives": report.survives_az_loss,
        "zones": _zone_rows(report),
        "rows": rows,
    }
