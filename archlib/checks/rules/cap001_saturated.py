"""CAP001: a component the peak saturates (utilisation at or over 100 %)."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule


def _check(context: CheckContext) -> Iterator[Finding]:
    report = context.capacity
    if report is None:
        return
    for use in report.components:
        if not use.limited or use.utilisation is None or use.utilisation < 1:
            continue
        yield RULE.finding(
            f"{use.id}: {use.utilisation:.0%} utilised at the peak "
            f"({report.demand.users:,.0f} users), mostly {use.driver}; it saturates at "
            f"{report.demand.users / use.utilisation:,.0f} users",
            component=use.id,
        )


RULE = Rule(
    id="CAP001",
    category="capacity",
    severity="error",
    title="Saturated at peak",
    rationale=(
        "At the traffic profile's peak the component is offered more requests than its "
        "capacity: queues grow, latency climbs and requests time out."
    ),
    remediation=(
        "Add instances or a larger class, take load off it (cache, CDN, read replicas), or "
        "split it (sharding, federation, NoSQL). `archlib capacity` shows the figures."
    ),
    check=_check,
)
