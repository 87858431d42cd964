"""NAT gateways: hours, data processed for private callers of regional services, the EIP."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.compute import ipv4
from archlib.cost.pricers.context import GB, HOURS_PER_MONTH, Context
from archlib.model import NatGateway

USAGE_KEYS = ("processed_gb_per_month",)


def price(ctx: Context, nat: NatGateway) -> Iterator[CostLine]:
    yield ctx.line(
        "NAT gateway hours",
        catalogue.nat_gateway_hours(),
        HOURS_PER_MONTH,
        f"1 gateway x {HOURS_PER_MONTH} h",
    )
    derived = ctx.flows.nat_bytes.get(nat.id, 0.0) / GB
    processed, basis = ctx.figure(
        nat,
        "processed_gb_per_month",
        derived,
        f"{derived:,.0f} GB between private subnets and the regional services they reach "
        "without a gateway endpoint",
    )
    yield ctx.line("Data processed", catalogue.nat_gateway_bytes(), processed, basis, True)
    yield ipv4(ctx, 1, f"its Elastic IP x {HOURS_PER_MONTH} h")
