"""What survives when one availability zone is lost: units left per component."""

from __future__ import annotations

from collections.abc import Mapping

from archlib.model import (
    ArchitectureGraph,
    Cache,
    Component,
    ComputeTier,
    DataWarehouse,
    Host,
    LoadBalancer,
    RelationalDatabase,
)


def host_of(component: Component) -> str | None:
    """The shared host a component runs on, if any."""
    if isinstance(component, ComputeTier | RelationalDatabase):
        return component.host
    return None


def placements(graph: ArchitectureGraph) -> dict[str, list[str]]:
    """Every component's AZs, in the network's order, following a shared host; built once."""
    return graph.zones


def _spread(units: int, azs: list[str], lost: str) -> int:
    """Units left when `units` are spread round-robin over `azs` in the network's order."""
    if not azs:
        return units
    # Unit i sits in azs[i % len(azs)]: the lost AZ's positions each take every len(azs)-th.
    in_lost = sum(len(range(at, units, len(azs))) for at, az in enumerate(azs) if az == lost)
    return units - in_lost


def units_left(component: Component, units: int, lost: str, placed: Mapping[str, list[str]]) -> int:
    """Units still serving after AZ `lost` fails, once AWS has done what it does by itself:
    Multi-AZ databases and replicated caches fail over, Auto Scaling groups relaunch their
    instances in the AZs left (up to their max), fixed fleets and replica sets just shrink."""
    if component.traits.managed_regional:
        return units
    azs = placed[component.id]
    if not azs:
        return units
    remaining = any(az != lost for az in azs)
    if isinstance(component, Host) or host_of(component) is not None:
        return units if remaining else 0
    if isinstance(component, LoadBalancer):
        return units if remaining else 0
    if isinstance(component, ComputeTier):
        if not component.uses_instances:  # Lambda runs in every AZ of the region
            return units
        if component.autoscaling is not None:
            return units if remaining else 0
        return _spread(units, azs, lost)
    if isinstance(component, RelationalDatabase):
        if component.is_replica:
            per_primary = _spread(component.count, azs, lost)
            return per_primary * component.primaries
        if component.multi_az and remaining:
            return units
        return 0 if azs[0] == lost else units
    if isinstance(component, Cache):
        if not component.multi_az:
            return 0 if azs[0] == lost else units
        return _spread(component.nodes, azs, lost) * component.shards
    if isinstance(component, DataWarehouse):
        return 0 if azs[0] == lost else units
    return units if remaining else 0
