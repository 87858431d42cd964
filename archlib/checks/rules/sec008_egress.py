"""SEC008: a component that must not initiate connections is the source of a link."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import PlacedComponent


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, link in enumerate(context.model.links):
        if link.mode == "replication" or context.is_local(link):
            continue
        source = context.components[link.source]
        holder = context.host_of(source)
        policies = [c for c in (source, holder) if isinstance(c, PlacedComponent)]
        if not any(c.egress == "none" for c in policies):
            continue
        yield RULE.finding(
            f"{source.id} must not initiate connections (egress: none) but calls "
            f"{link.target} ({link.key})",
            component=source.id,
            link=link.key,
            others=[link.target],
            location=("links", index),
        )


RULE = Rule(
    id="SEC008",
    category="security",
    severity="error",
    title="Outbound connection where egress is forbidden",
    rationale=(
        "A server that never calls out cannot be used to exfiltrate data or reach a command "
        "server once compromised; a link from it contradicts that policy."
    ),
    remediation=(
        "Remove the link, keep the call on the same host, or relax the component's egress "
        "to `links` if the design really needs it."
    ),
    check=_check,
)
