"""SEC004: internet ingress to something other than the internet-facing entry."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.checks.rules._ingress import describe, guarded, rule_key, stated_location
from archlib.model.components import Component, Host, LoadBalancer, WebServer


def _may_face_internet(context: CheckContext, component: Component, has_lb: bool) -> bool:
    if isinstance(component, LoadBalancer):
        return component.scheme == "internet-facing"
    if has_lb:
        return False  # behind a load balancer, servers take traffic from it only
    if isinstance(component, WebServer):
        return True  # the single web server of a design without a load balancer
    return isinstance(component, Host) and any(
        isinstance(context.components[r], WebServer)
        for r in context.residents.get(component.id, [])
    )


def _check(context: CheckContext) -> Iterator[Finding]:
    has_lb = any(
        isinstance(c, LoadBalancer) and c.scheme == "internet-facing"
        for c in context.model.components
    )
    for item in guarded(context):
        if _may_face_internet(context, item.component, has_lb):
            continue
        for rule in item.rules:
            if not rule.from_internet:
                continue
            yield RULE.finding(
                f"{item.component.id} ({item.component.kind}) takes traffic straight from the "
                f"internet ({describe(rule)}); only the entry point should",
                component=item.component.id,
                key=rule_key(rule),
                location=stated_location(context, item.component, rule),
            )


RULE = Rule(
    id="SEC004",
    category="security",
    severity="error",
    title="Internet ingress past the entry point",
    rationale=(
        "Requests should enter through one place that is built for it: an internet-facing "
        "load balancer or the CDN (or, before there is one, the single web server). Servers "
        "reachable around it skip TLS termination, health checks and rate limits."
    ),
    remediation=(
        "Route users through the load balancer or CDN and allow the servers' ports only from "
        "the load balancer's security group."
    ),
    check=_check,
)
