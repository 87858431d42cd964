"""SEC016: servers behind a load balancer placed in public subnets all the same."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import ComputeTier, LoadBalancer


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, tier in enumerate(context.model.components):
        if not isinstance(tier, ComputeTier) or not tier.subnets:
            continue
        fronted = [
            link.source
            for link in context.graph.incoming[tier.id]
            if isinstance(context.components[link.source], LoadBalancer)
        ]
        public = [s.id for s in context.subnets_of(tier) if s.type == "public"]
        if fronted and public:
            yield RULE.finding(
                f"{tier.id} ({tier.kind}) sits in public subnet(s) {', '.join(public)} although "
                f"{', '.join(sorted(set(fronted)))} fronts it",
                component=tier.id,
                key="public-subnet",
                location=("components", index, "subnets"),
            )


RULE = Rule(
    id="SEC016",
    category="security",
    severity="warning",
    title="Servers behind a load balancer in public subnets",
    rationale=(
        "Instances a load balancer fronts need no route from the internet; in public subnets "
        "they get public addresses and are one security-group rule away from direct exposure."
    ),
    remediation=(
        "Move the tier to private subnets (outbound through a NAT gateway or VPC endpoints) "
        "and keep only the load balancer in the public ones."
    ),
    check=_check,
)
