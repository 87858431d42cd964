"""Data transfer between AZs on the routes a component calls, billed in both directions."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import GB, Context
from archlib.model import ComponentBase

USAGE_KEYS = ("cross_az_gb_per_month",)


def applies(ctx: Context, component: ComponentBase) -> bool:
    return bool(ctx.flow(component).cross_az_bytes) or ctx.stated(
        component, "cross_az_gb_per_month"
    )


def price(ctx: Context, component: ComponentBase) -> Iterator[CostLine]:
    derived = ctx.flow(component).cross_az_bytes / GB
    if derived <= 0 and not ctx.stated(component, "cross_az_gb_per_month"):
        return
    crossing, basis = ctx.figure(
        component,
        "cross_az_gb_per_month",
        derived,
        f"{derived:,.0f} GB its calls and their answers carry between AZs",
    )
    yield ctx.line(
        "Data transfer between AZs (out and in)",
        catalogue.inter_az_transfer(),
        crossing * 2,
        f"{basis}, charged out of one AZ and into the other",
        True,
    )
