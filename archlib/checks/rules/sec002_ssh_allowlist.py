"""SEC002: SSH allowed from something that is neither an allowlist nor a bastion."""

from __future__ import annotations

from collections.abc import Iterator
from ipaddress import IPv4Network, IPv6Network

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.checks.rules._ingress import (
    describe,
    guarded,
    ports,
    rule_key,
    stated_location,
)
from archlib.model.components import Bastion
from archlib.model.security import ADMIN_PORTS

WIDEST_ALLOWLIST = 16
"""A CIDR wider than a /16 (65,536 addresses) is no longer a list of trusted operators."""


def _problem(
    context: CheckContext, source: str, cidr: IPv4Network | IPv6Network | None
) -> str | None:
    if cidr is not None:
        if cidr.prefixlen < WIDEST_ALLOWLIST:
            return f"a /{cidr.prefixlen} is too wide for an allowlist"
        vpc = context.model.network.vpc_cidr
        if cidr.version == vpc.version and cidr.overlaps(vpc):
            return "a range inside the VPC; internal SSH should come from the bastion"
        return None
    component = context.components.get(source)
    if component is None or isinstance(component, Bastion):
        return None
    return f"{source} is a {component.kind}, not a bastion"


def _check(context: CheckContext) -> Iterator[Finding]:
    for item in guarded(context):
        for rule in item.rules:
            if rule.from_internet or rule.protocol != "tcp":
                continue  # world-open admin ports are SEC001's
            if not any(port in ports(rule) for port in ADMIN_PORTS):
                continue
            problem = _problem(context, rule.source, rule.rule.cidr if rule.rule else None)
            if problem is None:
                continue
            yield RULE.finding(
                f"{item.component.id}: remote administration {describe(rule)}: {problem}",
                component=item.component.id,
                key=rule_key(rule),
                location=stated_location(context, item.component, rule),
            )


RULE = Rule(
    id="SEC002",
    category="security",
    severity="warning",
    title="SSH not limited to an allowlist or a bastion",
    rationale=(
        "Administrative access should come from a short list of operator addresses or "
        "through one hardened bastion, so it can be audited and revoked in one place."
    ),
    remediation=(
        "Narrow the source to the operators' public CIDRs (a /16 at the widest) or to the "
        "bastion component, or use SSM Session Manager and remove the rule."
    ),
    check=_check,
)
