"""ECS tasks on Fargate: each running task is billed per vCPU-hour and per GB-hour of its
size (Linux, on-demand; x86 and ARM are priced apart)."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricelist import MissingPriceError
from archlib.cost.pricers.context import HOURS_PER_MONTH, Context
from archlib.model.components.fargate import FargateTask


def price(
    ctx: Context, task: FargateTask, tasks: float, basis: str, usage_based: bool
) -> Iterator[CostLine]:
    """`tasks` is the average number running over the month, `basis` how it was found."""
    region = ctx.model.region
    if region not in catalogue.USAGE_PREFIXES:
        raise MissingPriceError(f"no Fargate prices for {region}")
    hours = tasks * HOURS_PER_MONTH
    arch = "ARM" if task.architecture == "arm64" else "x86"
    yield ctx.line(
        f"Fargate vCPU (Linux/{arch}, {task.vcpu:g} vCPU per task)",
        catalogue.fargate_vcpu(region, task.architecture),
        hours * task.vcpu,
        f"{basis} x {task.vcpu:g} vCPU",
        usage_based,
    )
    yield ctx.line(
        f"Fargate memory (Linux/{arch}, {task.memory_gb:g} GB per task)",
        catalogue.fargate_memory(region, task.architecture),
        hours * task.memory_gb,
        f"{basis} x {task.memory_gb:g} GB",
        usage_based,
    )
