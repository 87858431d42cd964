"""SPOF003: a relational database on a hard request path without failover."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import RelationalDatabase


def _check(context: CheckContext) -> Iterator[Finding]:
    for database in context.model.of_type(RelationalDatabase):
        if database.id not in context.hard_reachable or context.is_redundant(database):
            continue
        if database.host in context.unredundant_chokepoints:
            continue  # its host's finding (SPOF001) names it
        if database.host is not None:
            why = f"self-managed on host {database.host}, with no standby"
        elif database.is_replica:
            why = f"{database.count} replica(s) in {len(context.azs_of(database))} AZ(s)"
        elif database.multi_az:
            why = "Multi-AZ, but its subnets leave the standby no second AZ"
        else:
            why = "a single instance without Multi-AZ failover"
        yield RULE.finding(
            f"{database.id}: {why}; requests depend on it (hard dependency)",
            component=database.id,
        )


RULE = Rule(
    id="SPOF003",
    category="spof",
    severity="error",
    title="Relational database without failover on a hard path",
    rationale=(
        "Requests cannot be served without the database. A single instance (or a database on "
        "a shared host) is lost with its instance or AZ, and restoring from a backup takes "
        "far longer than a failover."
    ),
    remediation=(
        "Enable Multi-AZ (a standby in another AZ that RDS fails over to); for a read-replica "
        "set, run at least two replicas in different AZs."
    ),
    check=_check,
)
