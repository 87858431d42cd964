"""COST002: a component runs on a type AWS lists as previous generation."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import field_or

TYPE_FIELDS = ("instance_type", "instance_class", "node_type")
"""Where a component names a catalogue type."""


def _check(context: CheckContext) -> Iterator[Finding]:
    from archlib.catalogue import Catalogue

    known = Catalogue.bundled()
    for component in context.model.components:
        for field in TYPE_FIELDS:
            name = field_or(component, field)
            item = known.get(name) if isinstance(name, str) else None
            if item is None or item.generation != "previous":
                continue
            upgrade = known.upgrade_for(item.name)
            advice = (
                f"; AWS's upgrade path is {item.upgrade_family}, where {upgrade.name} "
                f"({upgrade.vcpu} vCPU, {upgrade.memory_gib:g} GiB) covers its "
                f"{item.vcpu} vCPU and {item.memory_gib:g} GiB"
                if upgrade is not None
                else ""
            )
            yield RULE.finding(
                f"{component.id} runs on {item.name}, a previous-generation type{advice}",
                component=component.id,
                key=field,
                location=("components", context.component_index(component.id), field),
            )


RULE = Rule(
    id="COST002",
    category="cost",
    severity="info",
    title="Previous-generation instance type",
    rationale=(
        "AWS still sells previous-generation types but supersedes them: the current "
        "generation it names as the upgrade path is newer hardware on the Nitro System, often "
        "cheaper for the same work, and old types may not be offered in every region or AZ."
    ),
    remediation=(
        "Move to the current-generation size the finding names (`archlib catalogue --family "
        "FAMILY` lists its sizes and rates), after checking the software runs on it."
    ),
    check=_check,
)
