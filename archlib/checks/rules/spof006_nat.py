"""SPOF006: one NAT gateway serving private subnets in several AZs."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import NatGateway


def _check(context: CheckContext) -> Iterator[Finding]:
    served: dict[str, list[str]] = {}
    for subnet in context.model.network.subnets:
        if subnet.nat_gateway is not None:
            served.setdefault(subnet.nat_gateway, []).append(subnet.id)
    for nat in context.model.of_type(NatGateway):
        subnet_ids = served.get(nat.id, [])
        own_az = context.subnets[nat.subnet].az
        other = sorted({context.subnets[s].az for s in subnet_ids} - {own_az})
        if not other:
            continue
        yield RULE.finding(
            f"{nat.id} (AZ {own_az}) also serves private subnets in AZ {', '.join(other)}: "
            f"an outage of AZ {own_az} cuts off their outbound traffic",
            component=nat.id,
            key=",".join(other),
        )


RULE = Rule(
    id="SPOF006",
    category="spof",
    severity="error",
    title="One NAT gateway for several AZs",
    rationale=(
        "A NAT gateway lives in one AZ. Private subnets in other AZs that route through it "
        "lose outbound access (package updates, AWS APIs without endpoints) when its AZ fails."
    ),
    remediation="Put a NAT gateway in each AZ and route each private subnet to its own AZ's.",
    check=_check,
)
