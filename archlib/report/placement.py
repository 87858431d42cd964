"""Where a component runs, and where it can fail over to: two answers `show` keeps apart.

A subnet group spanning AZs a and b says where RDS *may* place a database, not that it runs
in both: a Single-AZ instance runs in one of them and fails over nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from archlib.model import Architecture
from archlib.model.components import (
    Cache,
    ComponentBase,
    ComputeTier,
    LoadBalancer,
    RelationalDatabase,
)
from archlib.model.instances import instance_count


@dataclass(frozen=True)
class Placement:
    runs_in: tuple[str, ...]
    """AZs it runs in; with `one_of`, the AZs it may be placed in, running in one."""
    one_of: bool
    fails_over_to: tuple[str, ...]
    """AZs that take over when its AZ or its instance is lost."""
    regional: bool = False
    """A managed service spread over the region by AWS."""

    @property
    def runs_in_text(self) -> str:
        if self.regional:
            return "regional"
        if not self.runs_in:
            return "-"
        azs = ", ".join(self.runs_in)
        return f"one of {azs}" if self.one_of and len(self.runs_in) > 1 else azs

    @property
    def fails_over_text(self) -> str:
        if self.regional:
            return "regional"
        return ", ".join(self.fails_over_to) or "-"


def placement(model: Architecture, component: ComponentBase) -> Placement:
    if component.traits.managed_regional:
        return Placement((), False, (), regional=True)
    host_id = getattr(component, "host", None)
    if host_id is not None:
        return placement(model, model.component(host_id))
    azs = tuple(model.azs_of(component))
    if isinstance(component, ComputeTier) and not component.uses_instances:
        return Placement((), False, (), regional=True)
    if isinstance(component, LoadBalancer):
        return Placement(azs, False, azs if len(azs) > 1 else ())
    if isinstance(component, RelationalDatabase):
        if component.is_replica:
            spread = component.count >= 2 and len(azs) > 1
            return Placement(azs, not spread, azs if spread else ())
        if component.multi_az and len(azs) > 1:  # a primary and a standby, in two AZs
            return Placement(azs, False, azs)
        return Placement(azs, True, ())
    if isinstance(component, Cache):
        spread = component.nodes >= 2 and component.multi_az and len(azs) > 1
        failover = azs if spread and component.automatic_failover else ()
        return Placement(azs, not spread, failover)
    count = instance_count(component)
    instances = count.min if count is not None else 1
    spread = instances >= 2 and len(azs) > 1
    relaunch = isinstance(component, ComputeTier) and component.autoscaling is not None
    failover = azs if len(azs) > 1 and (spread or relaunch) else ()
    return Placement(azs, not spread, failover)
