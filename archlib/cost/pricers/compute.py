"""Server tiers (web, app, worker, bastion): instance hours and root volumes, or Lambda."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers import fargate, rates
from archlib.cost.pricers.context import HOURS_PER_MONTH, Context
from archlib.model import ComputeTier, Worker

USAGE_KEYS = ("instances", "invocations_per_month")


def instance_count(ctx: Context, tier: ComputeTier) -> tuple[float, str, bool]:
    """Average instances (or Fargate tasks) running, why, and whether that follows the
    traffic."""
    unit = "tasks" if tier.fargate is not None else "instances"
    if tier.autoscaling is not None:
        fleet = ctx.fleets[tier.id]
        derived = fleet.average
        basis = (
            f"autoscaled {tier.autoscaling.min}-{tier.autoscaling.max}: "
            f"average {derived:.3g} {unit} over the week's hours ({fleet.basis}; peak hour "
            f"{fleet.peak}) x {HOURS_PER_MONTH} h"
        )
        usage_based = True
    else:
        derived = float(tier.count)
        basis = f"{tier.count} {unit[:-1]}(s) x {HOURS_PER_MONTH} h"
        usage_based = False
    count, basis = ctx.figure(tier, "instances", derived, basis)
    return count, basis, usage_based or ctx.stated(tier, "instances")


def price(ctx: Context, tier: ComputeTier) -> Iterator[CostLine]:
    if isinstance(tier, Worker) and tier.runtime == "lambda":
        yield from _lambda(ctx, tier)
        return
    if tier.host is not None:
        return
    count, basis, usage_based = instance_count(ctx, tier)
    if tier.fargate is not None:
        yield from fargate.price(ctx, tier.fargate, count, basis, usage_based)
        return
    assert tier.instance_type is not None
    yield ctx.line(
        f"Instance usage (Linux, on-demand, {tier.instance_type})",
        rates.ec2_instance(tier.instance_type),
        count * HOURS_PER_MONTH,
        basis,
        usage_based,
    )
    yield ctx.line(
        "Root volumes (gp3)",
        catalogue.ebs_volume("gp3"),
        count * tier.volume_gb,
        f"{tier.volume_gb} GB x {count:.3g} instance(s)",
        usage_based,
    )
    if tier.elastic_ip:
        yield ipv4(ctx, count, f"{count:.3g} instance(s) x {HOURS_PER_MONTH} h", usage_based)


def ipv4(ctx: Context, addresses: float, basis: str, usage_based: bool = False) -> CostLine:
    return ctx.line(
        "Public IPv4 addresses",
        catalogue.public_ipv4(),
        addresses * HOURS_PER_MONTH,
        basis,
        usage_based,
    )


def _lambda(ctx: Context, worker: Worker) -> Iterator[CostLine]:
    arrived = ctx.flow(worker).arrived
    derived = sum(arrived.get(t, 0.0) for t in ("jobs", "writes", "reads", "static"))
    jobs, basis = ctx.figure(
        worker, "invocations_per_month", derived, "one invocation per request that reaches it"
    )
    yield ctx.line("Requests", catalogue.lambda_requests(), jobs, basis, True)
    gb_seconds = jobs * worker.lambda_duration_ms / 1000 * worker.lambda_memory_mb / 1024
    yield ctx.line(
        "Duration",
        catalogue.lambda_duration(),
        gb_seconds,
        f"{jobs:,.0f} jobs x {worker.lambda_duration_ms} ms x {worker.lambda_memory_mb} MB",
        True,
    )
