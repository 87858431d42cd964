"""SPOF001: a component every request path to a required store passes through, alone."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext, Chokepoint
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import Cache, Client, RelationalDatabase
from archlib.model.instances import instance_count


def _check(context: CheckContext) -> Iterator[Finding]:
    for unit_id, chokepoint in sorted(context.chokepoints.items()):
        unit = context.components[unit_id]
        if isinstance(unit, Client | RelationalDatabase | Cache) or context.is_redundant(unit):
            continue  # databases and caches have rules of their own (SPOF003, SPOF004)
        hosted = context.residents.get(unit_id, [])
        count = instance_count(unit)
        size = f"{count.min} instance{'s' if count.min != 1 else ''}" if count else "one AZ"
        yield RULE.finding(
            f"{unit_id} has no redundancy ({size}) and every request path to "
            f"{_needed(unit_id, hosted, chokepoint)} passes through it",
            component=unit_id,
            others=[*hosted, *chokepoint.stores],
        )


def _needed(unit_id: str, hosted: list[str], chokepoint: Chokepoint) -> str:
    """`the data it holds (web, mysql)`, `mysql, static`, `db-1, db-2, db-3 and 7 more`."""
    parts = []
    elsewhere = [store for store in chokepoint.stores if store != unit_id]
    if unit_id in chokepoint.stores:
        parts.append(f"the data it holds ({', '.join(hosted)})" if hosted else "its data")
    if elsewhere:
        more = chokepoint.total - len(chokepoint.stores)
        parts.append(", ".join(elsewhere) + (f" and {more} more" if more else ""))
    return " and to ".join(parts)


RULE = Rule(
    id="SPOF001",
    category="spof",
    severity="error",
    title="Single component on every request path",
    rationale=(
        "Every request that needs the data passes through this component and nothing takes "
        "over when its one instance fails, so one failure stops the service."
    ),
    remediation=(
        "Run at least two instances (count, or an autoscaling minimum of 2) in different AZs "
        "behind a load balancer, or give the requests a second path."
    ),
    check=_check,
)
