"""Data transfer out to the internet from the origin's entry points (not CloudFront's own)."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import GB, Context
from archlib.model import Cdn, ComponentBase

USAGE_KEYS = ("egress_gb_per_month",)


def applies(ctx: Context, component: ComponentBase) -> bool:
    return bool(ctx.flow(component).internet_bytes) or ctx.stated(component, "egress_gb_per_month")


def price(ctx: Context, component: ComponentBase) -> Iterator[CostLine]:
    if isinstance(component, Cdn):
        return
    flow = ctx.flow(component)
    derived = flow.internet_bytes / GB
    if derived <= 0 and not ctx.stated(component, "egress_gb_per_month"):
        return
    egress, basis = ctx.figure(
        component,
        "egress_gb_per_month",
        derived,
        f"responses to {flow.requests:,.0f} requests from the users, by class size",
    )
    yield ctx.line(
        "Data transfer out to the internet", catalogue.data_transfer_out(), egress, basis, True
    )
