"""What one model's page shows, as plain data for its template: every figure formatted here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from archlib.review import charts, numbers
from archlib.review.split import fixed_and_usage, usage_based

if TYPE_CHECKING:
    from archlib.capacity import CapacityReport, ComponentUse
    from archlib.checks import Finding
    from archlib.cost import ComponentCost
    from archlib.review.facts import ModelReview

SEVERITY_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def about(finding: Finding, component_id: str) -> bool:
    """A finding is about its subject; one on a link is about both ends (as the diagram marks)."""
    if finding.component is not None:
        return finding.component == component_id
    return component_id in finding.components


def _finding(finding: Finding, line: int) -> dict[str, Any]:
    from archlib.checks import rule_by_id

    rule = rule_by_id(finding.rule_id)
    return {
        "anchor": f"finding-{finding.fingerprint}",
        "fingerprint": finding.fingerprint,
        "rule": finding.rule_id,
        "title": rule.title if rule else finding.rule_id,
        "category": finding.category,
        "severity": finding.severity,
        "subject": finding.subject,
        "line": line,
        "message": finding.message,
        "rationale": rule.rationale if rule else "",
        "remediation": rule.remediation if rule else "",
    }


def findings_section(review: ModelReview) -> dict[str, Any]:
    from archlib.checks.locate import Locator

    locator = Locator.of(review.loaded.model)

    def line(finding: Finding) -> int:
        return review.loaded.line(locator.location(finding))

    groups = []
    for severity, heading in SEVERITY_HEADINGS.items():
        found = [f for f in review.result.findings if f.severity == severity]
        if found:
            groups.append(
                {
                    "severity": severity,
                    "heading": heading,
                    "findings": [_finding(f, line(f)) for f in found],
                }
            )
    return {
        "groups": groups,
        "count": len(review.result.findings),
        "suppressed": [_finding(f, line(f)) for f in review.result.suppressed],
    }


def _utilisation_tone(use: ComponentUse, limit: float) -> str:
    value = use.utilisation or 0.0
    if use.down:
        return "lost"
    if value > 1:
        return "over"
    return "warn" if value >= limit else "ok"


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
                "bottleneck": component.id == report.bottleneck,
                "preferred": component.id == preferred,
                "links": links,
            }
        )
    return cards


def cost_section(review: ModelReview) -> dict[str, Any]:
    from archlib.cost.render import quantity, unit_price

    estimate = review.estimate
    priced = sorted(
        (c for c in estimate.components if c.lines),
        key=lambda c: (-c.monthly_usd, c.id),
    )
    by_component = charts.bar_chart(
        "cost-by-component",
        f"Monthly cost by component, {numbers.money(estimate.monthly_usd)} in all",
        [charts.Bar(c.id, c.monthly_usd, "neutral", title=c.label) for c in priced],
        numbers.money,
    )
    fixed, usage = fixed_and_usage(estimate)
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
                    "unit_price": unit_price(line),
                    "unit_price_value": line.unit_price,
                    "monthly": numbers.money(line.monthly_usd),
                    "monthly_value": line.monthly_usd,
                    "share": "usage" if usage_based(line) else "fixed",
                    "basis": line.basis,
                }
            )
    per_million = estimate.usd_per_million_requests
    return {
        "total": numbers.money(estimate.monthly_usd),
        "fixed": numbers.money(fixed),
        "usage": numbers.money(usage),
        "per_million": numbers.money(per_million) if per_million is not None else "",
        "requests": numbers.whole(estimate.requests_per_month),
        "region": estimate.region,
        "price_date": estimate.price_date,
        "price_origin": estimate.price_origin,
        "chart_components": by_component,
        "chart_split": split,
        "rows": rows,
        "assumptions": list(estimate.assumptions),
    }


def _zone_rows(report: CapacityReport) -> list[dict[str, Any]]:
    rows = []
    for zone in report.zones:
        lost = sorted(u.id for u in zone.components if u.down and u.host is None)
        if zone.carries_peak:
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


def capacity_section(review: ModelReview) -> dict[str, Any]:
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
        "bottleneck": "none (no component with a fixed limit)"
        if bottleneck is None
        else f"{bottleneck.id} at {numbers.percent(bottleneck.utilisation)}"
        + (f", mostly {bottleneck.driver}" if bottleneck.driver else ""),
        "headroom": numbers.percent(report.headroom),
        "sustains": numbers.whole(report.max_users),
        "sustains_rps": numbers.rate(report.max_requests_per_second),
        "zone_users": numbers.whole(report.zone_max_users),
        "survives": report.survives_az_loss,
        "zones": _zone_rows(report),
        "rows": rows,
    }


def traffic_section(review: ModelReview) -> dict[str, Any]:
    from archlib.report.usage import usage_document

    model = review.loaded.model
    doc = usage_document(model)
    profile = model.traffic
    users = f"{doc['users']:,}" + (" (illustrative)" if doc["users_illustrative"] else "")
    rows = [
        ("users", users, ""),
        ("reads a month", numbers.whole(doc["reads_per_month"]), ""),
        ("writes a month", numbers.whole(doc["writes_per_month"]), ""),
        ("reads a second, average", numbers.rate(doc["rounded"]["reads_per_second"]),
         numbers.rate(doc["exact"]["reads_per_second"])),
        ("writes a second, average", numbers.rate(doc["rounded"]["writes_per_second"]),
         numbers.rate(doc["exact"]["writes_per_second"])),
        (f"reads a second, peak (x{profile.peak_to_average:g})", "",
         numbers.rate(doc["peak"]["reads_per_second"])),
        (f"writes a second, peak (x{profile.peak_to_average:g})", "",
         numbers.rate(doc["peak"]["writes_per_second"])),
        ("new content a month", f"{doc['new_content_tb_per_month']:,.3g} TB", ""),
        (f"content after {doc['retention_months']} months",
         f"{doc['content_tb_retained']:,.3g} TB", ""),
    ]  # fmt: skip
    if doc["read_write_ratio"] is not None:
        rows.insert(3, ("read:write", f"{doc['read_write_ratio']:,.0f}:1", ""))
    settings = [
        ("write size", f"{profile.write_size_kb:g} KB"),
        ("response size", f"{profile.response_size_kb:g} KB"),
        ("peak to average", f"x{profile.peak_to_average:g}"),
        ("cache hit rate", f"{profile.cache_hit_rate:.0%}"),
        ("CDN offload", f"{profile.cdn_offload:.0%}"),
        ("writes handed to a queue", f"{profile.async_write_share:.0%}"),
        ("retention", f"{profile.retention_months} months"),
    ]
    curve = charts.bar_chart(
        "daily-curve",
        "Load by hour of the day, relative to the peak hour",
        [charts.Bar(f"{hour:02d}:00", share) for hour, share in enumerate(profile.daily_curve)],
        lambda value: f"{value:.0%}",
        scale_max=1.0,
    )
    return {
        "rows": [{"figure": f, "rounded": r, "exact": e} for f, r, e in rows],
        "settings": [{"name": n, "value": v} for n, v in settings],
        "curve": curve,
    }


def assumption_rows(review: ModelReview) -> list[dict[str, Any]]:
    from archlib.capacity.docs import TITLES

    rows = []
    for entry in review.assumptions:
        value = "no fixed limit" if entry.value is None else f"{entry.value:,.10g}"
        rows.append(
            {
                "section": TITLES.get(entry.section, entry.section),
                "name": f"{entry.section}.{entry.name}",
                "value": value,
                "unit": entry.unit,
                "basis": entry.basis,
                "overridden": entry.overridden,
            }
        )
    return rows


def model_context(review: ModelReview) -> dict[str, Any]:
    model = review.loaded.model
    findings = findings_section(review)
    cost = cost_section(review)
    capacity = capacity_section(review)
    errors = sum(1 for f in review.result.findings if f.severity == "error")
    detail = f"{errors} error{'s' if errors != 1 else ''}"
    if review.result.suppressed:
        detail += f", {len(review.result.suppressed)} suppressed"
    tiles = [
        {
            "label": "findings",
            "value": str(findings["count"]),
            "detail": detail,
            "tone": "over" if errors else ("warn" if findings["count"] else "ok"),
            "href": "#findings",
        },
        {"label": "monthly cost", "value": cost["total"], "detail": "AWS on-demand",
         "tone": "neutral", "href": "#cost"},
        {"label": "users sustained", "value": numbers.count(review.capacity.max_users),
         "detail": f"profile: {numbers.count(model.traffic.users)}",
         "tone": "neutral", "href": "#capacity"},
        {"label": "one AZ lost", "value": "survives" if capacity["survives"] else "fails",
         "detail": f"{len(review.capacity.zones)} scenario(s)",
         "tone": "ok" if capacity["survives"] else "over", "href": "#az-loss"},
    ]  # fmt: skip
    return {
        "title": model.title,
        "name": model.name,
        "path": review.loaded.path.as_posix(),
        "description": model.description or "",
        "stage_note": model.stage.bottleneck if model.stage and model.stage.bottleneck else "",
        "tiles": tiles,
        "diagram": Markup(review.diagram.svg),
        "graphviz": review.diagram.graphviz,
        "cards": component_cards(review),
        "findings": findings,
        "cost": cost,
        "capacity": capacity,
        "traffic": traffic_section(review),
        "assumptions": assumption_rows(review),
    }
