"""SEC005: a data store reachable from the internet or placed in a public subnet."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.checks.rules._ingress import describe, rule_key, stated_location
from archlib.model.components import (
    Cache,
    Client,
    DataWarehouse,
    NoSqlTable,
    PlacedComponent,
    Queue,
    RelationalDatabase,
)

STORES = (RelationalDatabase, Cache, Queue, NoSqlTable, DataWarehouse)
"""Object stores have rules of their own (SEC011, SEC012): S3 behind a CDN is the design."""


def _check(context: CheckContext) -> Iterator[Finding]:
    for component in context.model.components:
        if not isinstance(component, STORES):
            continue
        index = context.component_index(component.id)
        if isinstance(component, PlacedComponent):
            for rule in context.ingress(component):
                if rule.from_internet:
                    yield RULE.finding(
                        f"{component.id} ({component.kind}) is reachable from the internet "
                        f"({describe(rule)})",
                        component=component.id,
                        key=rule_key(rule),
                        location=stated_location(context, component, rule),
                    )
            public = [s.id for s in context.subnets_of(component) if s.type == "public"]
            if public and component.subnets:  # a hosted store is judged by its reachability
                yield RULE.finding(
                    f"{component.id} ({component.kind}) sits in public subnet(s) "
                    f"{', '.join(public)}",
                    component=component.id,
                    key="public-subnet",
                    location=("components", index, "subnets"),
                )
        else:
            for link in context.graph.incoming[component.id]:
                if isinstance(context.components[link.source], Client):
                    yield RULE.finding(
                        f"{component.id} ({component.kind}) is called by clients directly",
                        component=component.id,
                        link=link.key,
                        location=("links", context.link_indexes[link.key]),
                    )


RULE = Rule(
    id="SEC005",
    category="security",
    severity="error",
    title="Data store exposed to the internet",
    rationale=(
        "Databases, caches, queues and tables hold the data worth stealing. Reachable from "
        "the internet, or one security-group mistake away from it in a public subnet, they "
        "are the first thing an attacker probes."
    ),
    remediation=(
        "Place the store in private subnets, allow its port only from the tiers that use it, "
        "and reach managed stores (SQS, DynamoDB) through the application, never from clients."
    ),
    check=_check,
)
