"""How the review pages print figures; every page formats through these."""

from __future__ import annotations

from archlib.cost.render import usd


def money(value: float | None) -> str:
    return "-" if value is None else usd(value)


def money_short(value: float) -> str:
    """Axis ticks and chart labels: $1.2k, $45k, $1.1M."""
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"${value / size:.3g}{suffix}"
    return f"${value:,.0f}" if abs(value) >= 10 else f"${value:.3g}"


def count(value: float | None) -> str:
    """People and requests: 11.7M, 450k, 1,000."""
    if value is None:
        return "no limit"
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= max(size, 1e4):
            return f"{value / size:.3g}{suffix}"
    return f"{value:,.0f}"


def whole(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def rate(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


def percent(value: float | None) -> str:
    if value is None:
        return "-"
    if value == float("inf"):
        return "lost"
    return f"{value:.1%}"


STRAINED_SHARE = 0.5
"""A component is called the bottleneck once it runs at half the utilisation limit or more;
below that it only saturates first, which is no strain worth a reader's alarm."""


def strained(utilisation: float | None, limit: float) -> bool:
    return utilisation is not None and utilisation >= limit * STRAINED_SHARE
