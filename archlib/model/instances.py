"""How many servers or nodes a component runs: the figure SPOF, cost and capacity share."""

from __future__ import annotations

from dataclasses import dataclass

from archlib.model.components import (
    Cache,
    ComponentBase,
    ComputeTier,
    DataWarehouse,
    Host,
    NatGateway,
    RelationalDatabase,
)


@dataclass(frozen=True)
class InstanceCount:
    """`None` for managed services that have no instances a user sizes (S3, SQS, ...)."""

    min: int
    baseline: int
    max: int

    def __str__(self) -> str:
        if self.min == self.max:
            return str(self.min)
        return f"{self.min}-{self.max} (baseline {self.baseline})"


def instance_count(component: ComponentBase) -> InstanceCount | None:
    if isinstance(component, ComputeTier):
        if component.host is not None or not component.uses_instances:
            return None
        return InstanceCount(
            component.min_instances, component.baseline_instances, component.max_instances
        )
    if isinstance(component, RelationalDatabase):
        if component.host is not None:
            return None
        per_primary = component.count * (2 if component.multi_az else 1)
        total = per_primary * component.primaries
        return InstanceCount(total, total, total)
    if isinstance(component, Cache):
        total = component.nodes * component.shards
        return InstanceCount(total, total, total)
    if isinstance(component, DataWarehouse):
        return InstanceCount(component.nodes, component.nodes, component.nodes)
    if isinstance(component, Host | NatGateway):
        return InstanceCount(1, 1, 1)
    return None
