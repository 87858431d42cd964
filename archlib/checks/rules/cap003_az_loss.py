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
    failures: dict[str, list[str]] = {}
    reasons: dict[str, str] = {}
    for zone in report.zones:
        uses = {use.id: use for use in zone.components}
        for component in zone.failed:
            failures.setdefault(component, []).append(zone.az)
            use = uses[component]
            if use.down:
                reasons.setdefault(component, "is lost with it while requests still need it")
            else:
                reasons.setdefault(component, f"runs at {use.utilisation or 0:.0%} on what is left")
    for component, azs in failures.items():
        which = "AZ " + ", ".join(azs) if len(azs) == 1 else "AZs " + ", ".join(azs)
        yield RULE.finding(
            f"{component}: with {which} lost (one at a time), it {reasons[component]}",
            component=component,
        )


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
