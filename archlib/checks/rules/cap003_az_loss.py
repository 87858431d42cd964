"""CAP003: the peak cannot be carried with one availability zone lost."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule


def _check(context: CheckContext) -> Iterator[Finding]:
    report = context.capacity
    if report is None:
        return
    lost: dict[str, list[str]] = {}
    overloaded: dict[str, list[str]] = {}
    for zone in report.zones:
        uses = {use.id: use for use in zone.components}
        for component in zone.failed:
            use = uses[component]
            if use.down and component in context.unredundant_chokepoints:
                continue  # lost with any failure, not only its AZ's: SPOF001 reports it
            if use.down:
                lost.setdefault(component, []).append(f"AZ {zone.az}")
            else:
                overloaded.setdefault(component, []).append(
                    f"{use.utilisation or 0:.0%} with AZ {zone.az} lost"
                )
    for component in sorted(set(lost) | set(overloaded)):
        parts = []
        if component in lost:
            parts.append(f"lost with {' or '.join(lost[component])} while requests need it")
        if component in overloaded:
            parts.append("runs at " + ", ".join(overloaded[component]))
        yield RULE.finding(f"{component}: {'; '.join(parts)}", component=component)


RULE = Rule(
    id="CAP003",
    category="capacity",
    severity="error",
    title="Cannot carry the peak with one AZ lost",
    rationale=(
        "An AZ outage is a planned-for event on AWS. Redundancy alone is not enough: the "
        "capacity left in the other AZs must still carry the peak (N+1), or the outage "
        "becomes an overload of everything that survived."
    ),
    remediation=(
        "Spread the tier over more AZs, add instances so that the others carry the peak, "
        "use an Auto Scaling group (it relaunches in the AZs left), or Multi-AZ failover."
    ),
    check=_check,
)
