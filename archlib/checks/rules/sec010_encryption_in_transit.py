"""SEC010: traffic from users, or to the cache, not protected by TLS."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import Cache, Cdn, Component, LoadBalancer


def _gaps(component: Component) -> list[tuple[str, str]]:
    """(field, what is wrong) pairs."""
    if isinstance(component, LoadBalancer) and component.scheme == "internet-facing":
        gaps = []
        if not component.tls:
            gaps.append(("tls", "does not terminate TLS"))
        elif component.listener_port != 443:
            gaps.append(("listener_port", f"listens on {component.listener_port}, not 443"))
        return gaps
    if isinstance(component, Cdn):
        gaps = []
        if component.viewer_protocol == "allow-all":
            gaps.append(("viewer_protocol", "serves viewers over plain HTTP (allow-all)"))
        if not component.minimum_tls.startswith("TLSv1.2"):
            oldest = {"TLSv1.1_2016": "TLS 1.1", "SSLv3": "SSL 3"}.get(
                component.minimum_tls, "TLS 1.0"
            )
            gaps.append(("minimum_tls", f"accepts {oldest} ({component.minimum_tls})"))
        return gaps
    if isinstance(component, Cache) and not component.encrypted_in_transit:
        return [("encrypted_in_transit", "carries data in clear text")]
    return []


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, component in enumerate(context.model.components):
        for field, problem in _gaps(component):
            yield RULE.finding(
                f"{component.id} ({component.kind}) {problem}",
                component=component.id,
                key=field,
                location=("components", index, field),
            )


RULE = Rule(
    id="SEC010",
    category="security",
    severity="error",
    title="Data not encrypted in transit",
    rationale=(
        "Requests and session data cross networks the operator does not control; without "
        "TLS at the load balancer and CDN (HTTPS only to viewers, TLS 1.2 or later) they can "
        "be read and altered on the way."
    ),
    remediation=(
        "Terminate TLS on 443 at the internet-facing load balancer (redirect 80 to HTTPS), "
        "set the CDN to redirect-to-https or https-only with TLSv1.2, and enable in-transit "
        "encryption on the cache."
    ),
    check=_check,
)
