"""CAP006: a request class that ends at a component that answers nothing itself."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule


def _check(context: CheckContext) -> Iterator[Finding]:
    for flow in context.flows.components.values():
        if not flow.unserved:
            continue
        classes = ", ".join(
            f"{traffic} {requests:,.0f}" for traffic, requests in flow.unserved.items()
        )
        yield RULE.finding(
            f"{flow.id} ({flow.kind}) passes requests on but has no route for "
            f"{classes} a month: they reach nothing that serves them, and every figure "
            "downstream leaves them out",
            component=flow.id,
            key=",".join(flow.unserved),
            location=("components", context.component_index(flow.id)),
        )


RULE = Rule(
    id="CAP006",
    category="capacity",
    severity="error",
    title="Requests that reach nothing that serves them",
    rationale=(
        "A client, load balancer, CDN (beyond its cache hits), DNS or NAT only passes "
        "requests on. Requests of a class that end at one of them are answered by nothing in "
        "the model, so the load, capacity and cost of the servers and stores that would "
        "answer them in reality are missing from every figure."
    ),
    remediation=(
        "Link the component to what answers that class (a load balancer to its servers, a "
        "CDN to its origin), or name the classes each link carries with `traffic:`."
    ),
    check=_check,
)
