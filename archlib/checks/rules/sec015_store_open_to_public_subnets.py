"""SEC015: a data store admitting a CIDR that covers public subnets (such as the VPC's)."""

from __future__ import annotations

from collections.abc import Iterator
from ipaddress import ip_network

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.checks.rules._ingress import describe, rule_key, stated_location
from archlib.model.components import Cache, DataWarehouse, RelationalDatabase

STORES = (RelationalDatabase, Cache, DataWarehouse)


def _check(context: CheckContext) -> Iterator[Finding]:
    public = [
        (subnet.id, ip_network(subnet.cidr, strict=False))
        for subnet in context.model.network.subnets
        if subnet.type == "public" and subnet.cidr
    ]
    if not public:
        return
    for component in context.model.components:
        if not isinstance(component, STORES):
            continue
        for rule in context.ingress(component):
            if rule.from_internet or rule.origin != "stated":
                continue
            try:
                network = ip_network(rule.source, strict=False)
            except ValueError:
                continue  # a component id: a link SEC006 and the rules above judge
            covered = [sid for sid, cidr in public if cidr.subnet_of(network)]  # type: ignore[arg-type]
            if covered:
                yield RULE.finding(
                    f"{component.id} ({component.kind}) admits {describe(rule)}, which covers "
                    f"public subnet(s) {', '.join(covered)}",
                    component=component.id,
                    key=rule_key(rule),
                    location=stated_location(context, component, rule),
                )


RULE = Rule(
    id="SEC015",
    category="security",
    severity="error",
    title="Data store open to public subnets",
    rationale=(
        "A rule that admits the VPC's whole range (or any range covering a public subnet) lets "
        "every instance with a public address reach the store: one compromised web host, or "
        "one group opened too wide, and the data is a hop from the internet."
    ),
    remediation=(
        "Admit the store's port only from the tiers that use it (their component ids, so the "
        "rule follows their security groups) or from the private subnets' CIDRs."
    ),
    check=_check,
)
