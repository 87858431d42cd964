"""SEC001: SSH or RDP open to the whole internet."""

from __future__ import annotations

from collections.abc import Iterator

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
from archlib.model.security import ADMIN_PORTS


def _check(context: CheckContext) -> Iterator[Finding]:
    for item in guarded(context):
        for rule in item.rules:
            if not rule.from_internet:
                continue
            opened = [name for port, name in ADMIN_PORTS.items() if port in ports(rule)]
            if opened and rule.protocol == "tcp":
                yield RULE.finding(
                    f"{item.component.id}: {' and '.join(opened)} open to the internet "
                    f"({describe(rule)})",
                    component=item.component.id,
                    key=rule_key(rule),
                    location=stated_location(context, item.component, rule),
                )


RULE = Rule(
    id="SEC001",
    category="security",
    severity="error",
    title="SSH or RDP open to the internet",
    rationale=(
        "Remote-administration ports open to 0.0.0.0/0 or ::/0 are scanned and brute-forced "
        "within minutes of going up; one weak key or password gives away the machine."
    ),
    remediation=(
        "Allow SSH/RDP only from an allowlisted CIDR or from a bastion's security group, or "
        "drop the port and use SSM Session Manager."
    ),
    check=_check,
)
