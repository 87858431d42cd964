"""SEC006: a link its target's ingress rules do not allow."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.checks.rules._ingress import allows
from archlib.model.components import PlacedComponent


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, link in enumerate(context.model.links):
        if link.mode == "replication" or context.is_local(link):
            continue
        target = context.components[link.target]
        if not isinstance(target, PlacedComponent) or target.ingress_from_links:
            continue
        if any(allows(context, rule, link) for rule in target.ingress):
            continue
        port = context.port_of(link)
        yield RULE.finding(
            f"{link.key} on port {port}/{context.protocol_of(link)} is not allowed by "
            f"{target.id}'s ingress rules: the connection will be refused",
            component=target.id,
            link=link.key,
            others=[link.source],
            location=("links", index),
        )


RULE = Rule(
    id="SEC006",
    category="security",
    severity="error",
    title="Link blocked by the target's ingress rules",
    rationale=(
        "The model says the caller talks to the target, but the target's security group "
        "(ingress_from_links: false, stated rules only) lets no such traffic in: the "
        "deployed system would fail on this path."
    ),
    remediation=(
        "Add an ingress rule from the caller (its component id, or a CIDR covering its "
        "subnets) on the link's port, or let the component derive its rules from its links."
    ),
    check=_check,
)
