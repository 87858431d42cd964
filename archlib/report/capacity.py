"""`archlib capacity` content: a JSON-ready document, rich tables and Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from archlib.capacity.fleet import FleetSizing
from archlib.capacity import CapacityReport, ComponentUse, ZoneScenario


def _round(value: float | None, digits: int = 4) -> float | None:
    """JSON has no infinity: a component with no units left reports no utilisation."""
    if value is None or value == float("inf"):
        return None
    return round(value, digits)


def _whole(value: float | None) -> int | None:
    return None if value is None or value == float("inf") else round(value)


def _use_document(use: ComponentUse) -> dict[str, Any]:
    return {
        "id": use.id,
        "kind": use.kind,
        "label": use.label,
        "host": use.host,
        "load": {traffic: _round(rate, 2) for traffic, rate in use.load.items()},
        "capacity": None if use.capacity is None else use.capacity.basis,
        "units": use.units,
        "utilisation": _round(use.utilisation),
        "driver": use.driver,
        "needed_instances": use.needed_units,
        "fleet": None if use.fleet is None else _fleet_document(use.fleet),
        "down": use.down,
    }


def _fleet_document(fleet: FleetSizing) -> dict[str, Any]:
    """What cost prices: the same counts, so a reviewer can check one against the other."""
    return {
        "average_instances": _round(fleet.average, 3),
        "peak_hour_instances": fleet.peak,
        "peak_need_at_target": fleet.peak_need,
        "target_utilisation": fleet.target,
        "basis": fleet.basis,
    }


def _zone_document(zone: ZoneScenario) -> dict[str, Any]:
    return {
        "az": zone.az,
        "carries_peak": zone.carries_peak,
        "failed": list(zone.failed),
        "first_failure": zone.failed[0] if zone.failed else None,
        "tightest": zone.tightest,
        "tightest_utilisation": _round(zone.tightest_utilisation),
        "lost": sorted(u.id for u in zone.components if u.down),
        "utilisation": {
            u.id: _round(u.utilisation) for u in zone.components if u.limited and not u.down
        },
    }


def capacity_document(report: CapacityReport) -> dict[str, Any]:
    demand = report.demand
    bottleneck = report.use(report.bottleneck) if report.bottleneck else None
    return {
        "model": report.model.name,
        "title": report.model.title,
        "stage": report.model.stage.number if report.model.stage else None,
        "peak": {
            "users": _whole(demand.users),
            "reads_per_second": _round(demand.reads_per_second, 2),
            "writes_per_second": _round(demand.writes_per_second, 2),
            "requests_per_second": _round(demand.requests_per_second, 2),
            "scale": _round(demand.factor, 6),
        },
        "utilisation_limit": report.utilisation_limit,
        "bottleneck": None
        if bottleneck is None
        else {
            "component": bottleneck.id,
            "utilisation": _round(bottleneck.utilisation),
            "driver": bottleneck.driver,
        },
        "headroom": _round(report.headroom),
        "sustains": {
            "users": _whole(report.max_users),
            "requests_per_second": _round(report.max_requests_per_second, 1),
            "users_with_one_az_lost": _whole(report.zone_max_users),
        },
        "az_failure": {
            "survives": report.survives_az_loss,
            "scenarios": [_zone_document(zone) for zone in report.zones],
        },
        "components": [_use_document(use) for use in report.components],
    }


def headroom_text(factor: float | None) -> str:
    """`51x the peak` reads at a glance where `5032.8% more` does not."""
    if factor is None:
        return "-"
    if factor >= 2:
        return f"carries {factor:,.0f}x the peak"
    if factor >= 1:
        return f"{factor - 1:.1%} more peak traffic"
    return f"over capacity: carries {factor:.1%} of the peak"


def _percent(value: float | None) -> str:
    if value is None:
        return "-"
    if value == float("inf"):
        return "lost"
    return f"{value:.1%}"


def _rate(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


def _total(use: ComponentUse) -> float:
    return sum(use.load.values())


def _rows(report: CapacityReport) -> list[list[str]]:
    """Components that carry load, with the rate at which their current mix saturates them."""
    rows = []
    for use in report.components:
        if use.kind == "client" or (not use.load and use.utilisation is None):
            continue
        name = f"{use.id} (on {use.host})" if use.host else use.id
        if use.id == report.bottleneck:
            name += " *"
        if use.shares and use.capacity is None:
            load = "shared by " + ", ".join(share[0] for share in use.shares)
            capacity = "-"
        else:
            load = _rate(_total(use))
            utilisation = use.utilisation or 0.0
            capacity = _rate(_total(use) / utilisation) if utilisation > 0 else "no limit"
            if use.utilisation is None:
                capacity = "no limit"
        needed = "" if use.needed_units is None else f"{use.needed_units} of {use.units}"
        rows.append([name, load, capacity, _percent(use.utilisation), use.driver or "", needed])
    return rows


HEADERS = ["component", "load/s", "capacity/s", "utilisation", "mostly", "instances needed"]


def _summary(report: CapacityReport) -> list[tuple[str, str]]:
    demand = report.demand
    bottleneck = report.use(report.bottleneck) if report.bottleneck else None
    lines = [
        ("peak", f"{demand.users:,.0f} users, {_rate(demand.reads_per_second)} reads/s, "
         f"{_rate(demand.writes_per_second)} writes/s"),
    ]  # fmt: skip
    if bottleneck is not None:
        driver = f" ({bottleneck.driver})" if bottleneck.driver else ""
        lines.append(
            ("bottleneck", f"{bottleneck.id}{driver} at {_percent(bottleneck.utilisation)}")
        )
        lines.append(("headroom", headroom_text(report.max_factor)))
        lines.append(
            (
                "sustains",
                f"{report.max_users or 0:,.0f} users "
                f"({report.max_requests_per_second or 0:,.0f} requests/s at peak)",
            )
        )
    for zone in report.zones:
        if zone.carries_peak:
            verdict = f"carries the peak; tightest {zone.tightest} at "
            verdict += _percent(zone.tightest_utilisation)
        else:
            verdict = f"FAILS: {zone.failed[0]} first"
            lost = [u for u in zone.components if u.id == zone.failed[0] and u.down]
            verdict += " (lost with the AZ)" if lost else ""
        lines.append((f"AZ {zone.az} lost", verdict))
    return lines


def capacity_tables(report: CapacityReport) -> list[Table]:
    from rich.table import Table

    table = Table(title=f"{report.model.title}: capacity at peak", title_justify="left")
    for header in HEADERS:
        table.add_column(header, justify="left" if header in {"component", "mostly"} else "right")
    for row in _rows(report):
        table.add_row(*row)
    summary = Table(show_header=False, box=None)
    summary.add_column("figure", style="bold")
    summary.add_column("value")
    for label, value in _summary(report):
        summary.add_row(label, value)
    return [table, summary]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def capacity_markdown(report: CapacityReport) -> str:
    lines = [f"## {report.model.title}", ""]
    for label, value in _summary(report):
        lines.append(f"- **{label}**: {_cell(value)}")
    lines += ["", "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in _rows(report):
        lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
    return "\n".join(lines) + "\n"
