"""SEC007: a stated ingress rule no link uses and no reason explains."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.checks.rules._ingress import allows
from archlib.model.components import PlacedComponent


def _check(context: CheckContext) -> Iterator[Finding]:
    for component in context.model.components:
        if not isinstance(component, PlacedComponent):
            continue
        incoming = [
            link for link in context.graph.incoming[component.id] if link.mode != "replication"
        ]
        for rule_index, rule in enumerate(component.ingress):
            if rule.reason or any(allows(context, rule, link) for link in incoming):
                continue
            last = rule.port_to if rule.port_to is not None else rule.port
            span = str(rule.port) if last == rule.port else f"{rule.port}-{last}"
            yield RULE.finding(
                f"{component.id}: ingress {span}/{rule.protocol} from {rule.source} is used by "
                "no link and states no reason",
                component=component.id,
                key=f"{rule.source}:{rule.port}-{last}/{rule.protocol}",
                location=(
                    "components",
                    context.component_index(component.id),
                    "ingress",
                    rule_index,
                ),
            )


RULE = Rule(
    id="SEC007",
    category="security",
    severity="warning",
    title="Ingress rule used by no link",
    rationale=(
        "An opening nothing in the design needs is over-permissive: it stays open long "
        "after anyone remembers why."
    ),
    remediation=(
        "Remove the rule, add the link that needs it, or say why it exists in its `reason` "
        "(e.g. operator SSH from the office allowlist)."
    ),
    check=_check,
)
