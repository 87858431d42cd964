"""A tier's tasks on AWS Fargate: the task size ECS bills by, checked against what Fargate
offers."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from archlib.model.base import StrictModel

MEMORY_GB: dict[float, tuple[Decimal, Decimal, Decimal]] = {
    0.25: (Decimal("0.5"), Decimal(2), Decimal("0.5")),
    0.5: (Decimal(1), Decimal(4), Decimal(1)),
    1: (Decimal(2), Decimal(8), Decimal(1)),
    2: (Decimal(4), Decimal(16), Decimal(1)),
    4: (Decimal(8), Decimal(30), Decimal(1)),
    8: (Decimal(16), Decimal(60), Decimal(4)),
    16: (Decimal(32), Decimal(120), Decimal(8)),
}
"""vCPU -> (least, most, step) GB of memory a Fargate task of that size may have (Amazon ECS
Developer Guide, task CPU and memory; 0.25 vCPU takes 0.5, 1 or 2 GB)."""


def memory_choices(vcpu: float) -> list[Decimal]:
    low, high, step = MEMORY_GB[vcpu]
    if vcpu == 0.25:
        return [Decimal("0.5"), Decimal(1), Decimal(2)]
    count = int((high - low) / step) + 1
    return [low + step * i for i in range(count)]


class FargateTask(StrictModel):
    """One task's size: ECS on Fargate bills each running task per vCPU-hour and GB-hour."""

    vcpu: float = Field(
        description="vCPUs per task (the task definition's Cpu / 1024): 0.25, 0.5, 1, 2, 4, 8 "
        "or 16.",
        json_schema_extra={"enum": [0.25, 0.5, 1, 2, 4, 8, 16]},
    )
    memory_gb: float = Field(gt=0, description="Memory per task in GB (Memory / 1024).")
    architecture: Literal["x86_64", "arm64"] = Field(
        default="x86_64", description="The task's CPU architecture (runtimePlatform)."
    )

    @field_validator("vcpu")
    @classmethod
    def _a_fargate_size(cls, value: float) -> float:
        if value not in MEMORY_GB:
            raise ValueError(f"Fargate tasks have 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU, not {value:g}")
        return value

    @model_validator(mode="after")
    def _fargate_offers_it(self) -> FargateTask:
        choices = memory_choices(self.vcpu)
        if Decimal(str(self.memory_gb)) not in choices:
            low, high, step = MEMORY_GB[self.vcpu]
            offered = (
                "0.5, 1 or 2" if self.vcpu == 0.25 else f"{low:g} to {high:g} in steps of {step:g}"
            )
            raise ValueError(
                f"Fargate gives a {self.vcpu:g} vCPU task {offered} GB of memory, "
                f"not {self.memory_gb:g}"
            )
        return self
