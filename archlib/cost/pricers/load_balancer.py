"""Elastic Load Balancing: hours, capacity units from requests and bytes, public addresses."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.compute import ipv4
from archlib.cost.pricers.context import GB, HOURS_PER_MONTH, Context
from archlib.model import LoadBalancer
from archlib.model.traffic import SECONDS_PER_MONTH_EXACT

USAGE_KEYS = ("requests_per_month", "lcu")
ALB_CONNECTIONS_PER_LCU = 25.0
NLB_FLOWS_PER_LCU = 800.0
GB_PER_LCU_HOUR = 1.0
ALB_MIN_AZS = 2
"""CreateLoadBalancer refuses an Application Load Balancer with subnets in fewer AZs."""


def price(ctx: Context, lb: LoadBalancer) -> Iterator[CostLine]:
    if lb.type == "classic":
        yield from _classic(ctx, lb)
        return
    yield ctx.line(
        f"{lb.type.capitalize()} load balancer hours",
        catalogue.load_balancer_hours(lb.type),
        HOURS_PER_MONTH,
        f"1 load balancer x {HOURS_PER_MONTH} h",
    )
    flow = ctx.flow(lb)
    requests, basis = ctx.figure(
        lb, "requests_per_month", flow.requests, f"{flow.requests:,.0f} requests a month reach it"
    )
    processed = ctx.bytes_in.get(lb.id, 0.0) / GB
    per_request_gb = processed / flow.requests if flow.requests else 0.0
    per_unit = ALB_CONNECTIONS_PER_LCU if lb.type == "application" else NLB_FLOWS_PER_LCU
    # Both dimensions follow the same hourly rate, so the larger one is the same in every hour
    # of the daily curve and the month's average rate gives the month's capacity units.
    average_rate = requests / SECONDS_PER_MONTH_EXACT
    reuse = ctx.model.traffic.requests_per_connection
    per_request = max(1 / (per_unit * reuse), 3600 * per_request_gb / GB_PER_LCU_HOUR)
    derived = average_rate * per_request * HOURS_PER_MONTH
    capacity_basis = (
        f"{basis}; per hour the larger of new connections/{per_unit:g} (one per "
        f"{reuse:g} request{'s' if reuse != 1 else ''}, traffic.requests_per_connection) and "
        f"GB processed ({processed:,.0f} GB a month, requests and responses)"
    )
    if ctx.stated(lb, "lcu"):
        derived = ctx.usage[lb.id]["lcu"] * HOURS_PER_MONTH
        capacity_basis = "usage.lcu stated"
    yield ctx.line(
        "Capacity units",
        catalogue.load_balancer_capacity(lb.type),
        derived,
        capacity_basis,
        True,
    )
    yield from _public_addresses(ctx, lb)


def _public_addresses(ctx: Context, lb: LoadBalancer) -> Iterator[CostLine]:
    """An internet-facing balancer holds one public IPv4 address in each AZ it spans."""
    if lb.scheme != "internet-facing":
        return
    azs = len(ctx.model.azs_of(lb)) or 1
    if lb.type == "application" and azs < ALB_MIN_AZS:
        yield ipv4(
            ctx,
            ALB_MIN_AZS,
            f"one public IPv4 address per AZ: the model places it in {azs}, but an ALB "
            f"needs subnets in at least {ALB_MIN_AZS} AZs "
            f"({ALB_MIN_AZS} x {HOURS_PER_MONTH} h)",
        )
    else:
        yield ipv4(ctx, azs, f"one public IPv4 address per AZ ({azs}) x {HOURS_PER_MONTH} h")


def _classic(ctx: Context, lb: LoadBalancer) -> Iterator[CostLine]:
    """A classic ELB bills its hours and each GB it processes; it has no capacity units."""
    yield ctx.line(
        "Classic load balancer hours",
        catalogue.classic_balancer_hours(),
        HOURS_PER_MONTH,
        f"1 load balancer x {HOURS_PER_MONTH} h",
    )
    processed = ctx.bytes_in.get(lb.id, 0.0) / GB
    flow = ctx.flow(lb)
    yield ctx.line(
        "Data processed",
        catalogue.classic_balancer_bytes(),
        processed,
        f"{flow.requests:,.0f} requests a month reach it: {processed:,.0f} GB, requests and "
        "responses",
        True,
    )
    yield from _public_addresses(ctx, lb)
