"""EC2 detailed monitoring, where the model turns it on: one-minute metrics billed per metric."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.compute import instance_count
from archlib.cost.pricers.context import Context
from archlib.model import ComponentBase, ComputeTier, Host

USAGE_KEYS: tuple[str, ...] = ()
METRICS_PER_INSTANCE = 7
"""Detailed monitoring sends seven EC2 metrics a minute: CPU, disk read/write ops and bytes,
network in and out."""


def applies(ctx: Context, component: ComponentBase) -> bool:
    return ctx.model.operations.monitoring == "detailed"


def price(ctx: Context, component: ComponentBase) -> Iterator[CostLine]:
    if ctx.model.operations.monitoring != "detailed":
        return
    if isinstance(component, Host):
        count, usage_based = 1.0, False
    elif isinstance(component, ComputeTier) and component.uses_instances:
        if component.host is not None:
            return
        count, _, usage_based = instance_count(ctx, component)
    else:
        return
    yield ctx.line(
        "Detailed monitoring metrics",
        catalogue.cloudwatch_metrics(),
        count * METRICS_PER_INSTANCE,
        f"{METRICS_PER_INSTANCE} metrics x {count:.3g} instance(s) (operations.monitoring "
        "detailed)",
        usage_based,
    )
