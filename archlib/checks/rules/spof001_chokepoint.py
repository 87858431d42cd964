"""SPOF001: a component every request path to a required store passes through, alone."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext, Chokepoint
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.instances import instance_count


def _check(context: CheckContext) -> Iterator[Finding]:
    for unit_id, classes in context.unredundant_chokepoints.items():
        unit = context.components[unit_id]
        hosted = context.residents.get(unit_id, [])
        count = instance_count(unit)
        azs = context.azs_of(unit)
        size = f"{count.min} instance{'s' if count.min != 1 else ''}" if count else "one AZ"
        where = f", in AZ {azs[0]}" if count and len(azs) == 1 else ""
        together = f"; it runs {', '.join(hosted)} together" if hosted else ""
        if classes:
            chokepoint = context.class_chokepoints[classes[0]][unit_id]
            paths = f"every {' and every '.join(_singular(c) for c in classes)} request to"
        else:
            chokepoint = context.chokepoints[unit_id]
            paths = "every request path to"
        yield RULE.finding(
            f"{unit_id} has no redundancy ({size}{where}){together}, and {paths} "
            f"{_needed(unit_id, hosted, chokepoint)} passes through it",
            component=unit_id,
            others=[*hosted, *chokepoint.stores],
        )


def _singular(request_class: str) -> str:
    """`reads` -> `read`, for "every read request"."""
    return {"reads": "read", "writes": "write", "jobs": "job", "sessions": "session"}.get(
        request_class, request_class
    )


def _needed(unit_id: str, hosted: list[str], chokepoint: Chokepoint) -> str:
    """`the data on it`, `mysql, static`, `db-1, db-2, db-3 and 7 more`."""
    parts = []
    elsewhere = [store for store in chokepoint.stores if store != unit_id]
    if unit_id in chokepoint.stores:
        parts.append("the data on it" if hosted else "its data")
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
        "Every request that needs the data passes through this component, or every request "
        "of one class (all reads, all writes), and nothing takes over when its one instance "
        "fails, so one failure stops the service or that half of it. Its single AZ, the "
        "components it hosts and its loss with an AZ are part of this one finding, not "
        "reported again."
    ),
    remediation=(
        "Run at least two instances (count, or an autoscaling minimum of 2) in different AZs "
        "behind a load balancer, or give the requests a second path."
    ),
    check=_check,
)
