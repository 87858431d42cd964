"""Pricing a tier of ECS tasks on Fargate: each running task is billed per vCPU-hour and per
GB-hour of its size (Linux, on-demand; x86 and ARM are priced apart)."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricelist import PriceBook
from archlib.model.components.fargate import FargateTask
from archlib.model.traffic import HOURS_PER_MONTH


def fargate_lines(
    book: PriceBook, region: str, task: FargateTask, tasks: float, basis: str
) -> Iterator[CostLine]:
    """`tasks` is the average number running over the month, `basis` how it was found."""
    if region not in catalogue.USAGE_PREFIXES:
        from archlib.cost.pricelist import MissingPriceError

        raise MissingPriceError(f"no Fargate prices for {region}")
    hours = tasks * HOURS_PER_MONTH
    arch = "ARM" if task.architecture == "arm64" else "x86"
    yield CostLine(
        f"Fargate vCPU (Linux/{arch}, {task.vcpu:g} vCPU per task)",
        hours * task.vcpu,
        book.price(catalogue.fargate_vcpu(region, task.architecture)),
        f"{basis} x {task.vcpu:g} vCPU",
    )
    yield CostLine(
        f"Fargate memory (Linux/{arch}, {task.memory_gb:g} GB per task)",
        hours * task.memory_gb,
        book.price(catalogue.fargate_memory(region, task.architecture)),
        f"{basis} x {task.memory_gb:g} GB",
    )
