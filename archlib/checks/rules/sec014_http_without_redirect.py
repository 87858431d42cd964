"""SEC014: port 80 open to users on a TLS load balancer that does not redirect it."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import Client, LoadBalancer


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, lb in enumerate(context.model.components):
        if not (isinstance(lb, LoadBalancer) and lb.tls and not lb.redirect_http):
            continue
        for link in context.graph.incoming[lb.id]:
            if link.port == 80 and isinstance(context.components[link.source], Client):
                yield RULE.finding(
                    f"{lb.id} (load_balancer) serves plain HTTP on 80 beside TLS on "
                    f"{lb.listener_port} instead of redirecting it",
                    component=lb.id,
                    link=link.key,
                    location=("components", index, "redirect_http"),
                )


RULE = Rule(
    id="SEC014",
    category="security",
    severity="warning",
    title="HTTP listener without a redirect to HTTPS",
    rationale=(
        "A listener on 80 that answers in clear text beside the TLS one lets sessions, cookies "
        "and forms travel unencrypted whenever a link or a typed address says http://."
    ),
    remediation=(
        "Set redirect_http: true (an ALB answers 80 with a 301 to HTTPS), or drop the port-80 "
        "link; a classic ELB cannot redirect: move it to an ALB."
    ),
    check=_check,
)
