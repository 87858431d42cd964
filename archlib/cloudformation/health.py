"""The health an instance proves before it signals CloudFormation that it is ready.

A signal sent when the script ends says only that it ended; the load balancer then finds an
application that does not answer and the rolling update has already moved on. So the
script first asks the service itself, on each target group's port and health check path,
the way the balancer will, and signals failure if it never answers.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from archlib.cloudformation.context import ExportContext
from archlib.model import ComponentBase, LoadBalancer
from archlib.model.exposure import link_port

ATTEMPTS = 30
WAIT_S = 10
REQUEST_TIMEOUT_S = 5
"""At most 30 x (5 + 10) s = 7.5 minutes per check, within the 15 minutes of the signal."""


@dataclass(frozen=True, order=True)
class HealthCheck:
    port: int
    path: str | None
    """The HTTP path of an application load balancer's check; None for a TCP check."""


def target_group_checks(ctx: ExportContext, component: ComponentBase) -> list[HealthCheck]:
    """What the load balancers in front of the component (or what it hosts) will ask."""
    checks: set[HealthCheck] = set()
    for member in [component, *ctx.graph.hosted_on(component.id)]:
        for link in ctx.graph.incoming[member.id]:
            balancer = ctx.model.component(link.source)
            if not isinstance(balancer, LoadBalancer) or not ctx.deploys_balancer(balancer):
                continue
            port = link_port(ctx.model, link, member)
            if port is None:
                continue
            path = balancer.health_check_path if balancer.type == "application" else None
            checks.add(HealthCheck(port, path))
    return sorted(checks, key=lambda c: (c.port, c.path or ""))


def probe_lines(checks: list[HealthCheck]) -> list[str]:
    """Shell lines that wait for every check to pass, or signal failure and stop."""
    if not checks:
        return []
    lines = ["# The service must answer its load balancer's health check before the signal."]
    if any(c.path is not None for c in checks):
        lines += _retried(
            "probe_http",
            f'curl -fsS -o /dev/null --max-time {REQUEST_TIMEOUT_S} "http://127.0.0.1:$1$2"',
        )
    if any(c.path is None for c in checks):
        lines += _retried(
            "probe_tcp", f'timeout {REQUEST_TIMEOUT_S} bash -c "exec 3<>/dev/tcp/127.0.0.1/$1"'
        )
    for check in checks:
        if check.path is None:
            lines.append(f"probe_tcp {check.port} || {{ signal 1; exit 1; }}")
        else:
            path = shlex.quote(check.path).replace("${", "${!")  # literal for Fn::Sub
            lines.append(f"probe_http {check.port} {path} || {{ signal 1; exit 1; }}")
    return lines


def _retried(name: str, attempt: str) -> list[str]:
    """A shell function, on one line, that tries `attempt` until it succeeds, a bounded
    number of times."""
    return [
        f"{name}() {{ for _ in $(seq {ATTEMPTS}); do {attempt} && return 0; sleep {WAIT_S}; "
        "done; return 1; }"
    ]
