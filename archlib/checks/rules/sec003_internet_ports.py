"""SEC003: internet ingress on a port other than HTTP and HTTPS."""

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
from archlib.model.security import ADMIN_PORTS, WEB_PORTS


def _check(context: CheckContext) -> Iterator[Finding]:
    for item in guarded(context):
        for rule in item.rules:
            if not rule.from_internet:
                continue
            extra = [p for p in ports(rule) if p not in WEB_PORTS]
            if not extra or (rule.protocol == "tcp" and set(extra) <= ADMIN_PORTS.keys()):
                continue  # only admin ports left: SEC001 reports those
            yield RULE.finding(
                f"{item.component.id}: internet ingress {describe(rule)} (only 80 and 443 "
                "should face the internet)",
                component=item.component.id,
                key=rule_key(rule),
                location=stated_location(context, item.component, rule),
            )


RULE = Rule(
    id="SEC003",
    category="security",
    severity="error",
    title="Internet ingress on a port other than 80/443",
    rationale=(
        "A web service needs only HTTP and HTTPS from the internet. Every other open port is "
        "attack surface: a database, admin console or debug port reachable by anyone."
    ),
    remediation=("Remove the rule, or narrow its source to the components or CIDRs that need it."),
    check=_check,
)
