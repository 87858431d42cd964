"""SEC013: an internet-facing listener whose security policy still accepts TLS 1.0 or 1.1."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import LoadBalancer
from archlib.model.security import modern_tls_policy


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, lb in enumerate(context.model.components):
        if (
            isinstance(lb, LoadBalancer)
            and lb.scheme == "internet-facing"
            and lb.tls
            and not modern_tls_policy(lb.ssl_policy)
        ):
            yield RULE.finding(
                f"{lb.id} (load_balancer) negotiates with {lb.ssl_policy}, which accepts "
                "TLS 1.0 or 1.1",
                component=lb.id,
                key="ssl_policy",
                location=("components", index, "ssl_policy"),
            )


RULE = Rule(
    id="SEC013",
    category="security",
    severity="error",
    title="TLS policy accepts TLS 1.0 or 1.1",
    rationale=(
        "TLS 1.0 and 1.1 are deprecated (RFC 8996); a listener that still offers them lets a "
        "client, or an attacker in the middle, settle on ciphers with known weaknesses."
    ),
    remediation=(
        "Set the listener's ssl_policy to a TLS 1.2 or 1.3 policy such as "
        "ELBSecurityPolicy-TLS13-1-2-2021-06 (the exporter's default)."
    ),
    check=_check,
)
