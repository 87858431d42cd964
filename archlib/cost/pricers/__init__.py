"""One pricer per component kind, registered here; and the pricers every component passes.

A pricer module has `price(ctx, component)` yielding cost lines and `USAGE_KEYS`, the usage
figures it accepts (the shared ones also `applies(ctx, component)`, a quick test); adding a
kind means one module and one entry below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

from archlib.cost.estimate import CostLine
from archlib.cost.pricers import (
    cache,
    cdn,
    cloudwatch_logs,
    cloudwatch_metrics,
    compute,
    data_warehouse,
    dns,
    host,
    inter_az,
    internet_egress,
    load_balancer,
    nat_gateway,
    nosql_table,
    object_store,
    queue,
    relational_database,
)
from archlib.cost.pricers.context import Context
from archlib.model import Component

Pricer = Callable[[Context, Any], Iterator[CostLine]]

BY_KIND: dict[str, ModuleType] = {
    "web_server": compute,
    "app_server": compute,
    "worker": compute,
    "bastion": compute,
    "host": host,
    "relational_database": relational_database,
    "cache": cache,
    "data_warehouse": data_warehouse,
    "load_balancer": load_balancer,
    "nat_gateway": nat_gateway,
    "object_store": object_store,
    "cdn": cdn,
    "dns": dns,
    "nosql_table": nosql_table,
    "queue": queue,
}
"""Kinds without an entry (the client) have nothing to price."""

EVERY_COMPONENT: tuple[ModuleType, ...] = (
    internet_egress,
    inter_az,
    cloudwatch_metrics,
    cloudwatch_logs,
)
"""Charges any component can incur: its traffic to the internet and between AZs, and the
monitoring the model's operations turn on."""


def usage_keys(kind: str) -> tuple[str, ...]:
    """The usage figures a component of this kind accepts, sorted."""
    modules = ((BY_KIND[kind],) if kind in BY_KIND else ()) + EVERY_COMPONENT
    return tuple(sorted({key for module in modules for key in module.USAGE_KEYS}))


def lines(ctx: Context, component: Component) -> Iterator[CostLine]:
    module = BY_KIND.get(component.kind)
    if module is not None:
        yield from module.price(ctx, component)
    for shared in EVERY_COMPONENT:
        if shared.applies(ctx, component):
            yield from shared.price(ctx, component)


__all__ = ["BY_KIND", "EVERY_COMPONENT", "Context", "Pricer", "lines", "usage_keys"]
