"""What every pricer reads: the model, the prices, the shared flows and the usage figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from archlib.capacity.fleet import FleetSizing
from archlib.cost.catalogue import PriceQuery
from archlib.cost.estimate import CostLine
from archlib.cost.pricelist import PriceBook
from archlib.model import Architecture, ComponentBase
from archlib.model.storage import content_gb_per_month
from archlib.model.traffic import HOURS_PER_MONTH
from archlib.traffic import ComponentFlow, Flows

if TYPE_CHECKING:
    from archlib.cost.pricers.relational_database import BackupPool

GB = 1e9
KB = 1e3
NONE_STATED: Mapping[str, float] = MappingProxyType({})


@dataclass(frozen=True)
class Context:
    model: Architecture
    book: PriceBook
    flows: Flows
    usage: Mapping[str, Mapping[str, float]]
    """Per component: the usage figures stated in the model or a usage file."""
    bytes_in: Mapping[str, float]
    """Per component: request and response bytes on the routes into it."""
    fleets: Mapping[str, FleetSizing]
    """Per autoscaled tier: the instances it runs each hour, as capacity sizes them."""

    @cached_property
    def rds_backups(self) -> BackupPool:
        """The region's free RDS backup storage and what each database's backups need,
        worked out once per estimate."""
        from archlib.cost.pricers.relational_database import backup_pool

        return backup_pool(self)

    def flow(self, component: ComponentBase) -> ComponentFlow:
        return self.flows.component(component.id)

    def line(
        self,
        name: str,
        query: PriceQuery,
        quantity: float,
        basis: str,
        usage_based: bool = False,
    ) -> CostLine:
        return CostLine(name, quantity, self.book.price(query), basis, usage_based)

    def figure(
        self, component: ComponentBase, key: str, derived: float, basis: str
    ) -> tuple[float, str]:
        """The stated figure when one is given, else the derived one; with its reason."""
        stated = self.usage.get(component.id, NONE_STATED)
        if key in stated:
            return stated[key], f"usage.{key} stated"
        return derived, basis

    def stated(self, component: ComponentBase, key: str) -> bool:
        return key in self.usage.get(component.id, NONE_STATED)

    def content_gb_per_month(self, component: ComponentBase) -> float:
        """Content the component stores a month: the writes and jobs that reach it."""
        return content_gb_per_month(component, self.flow(component).arrived, self.model.traffic)

    def stored(self, monthly_gb: float, months: int, rolling: bool = False) -> tuple[float, str]:
        """Growing storage at the profile's stated point, with the month-end figure. A rolling
        window (older content moves elsewhere) is full from its first turn on, so it is
        priced full: its first months' average would undercharge every month after."""
        traffic = self.model.traffic
        priced = monthly_gb * traffic.stored_months(months)
        end = monthly_gb * months
        if rolling:
            return end, (
                f"a rolling {months}-month window of {monthly_gb:,.4g} GB a month, kept full "
                f"at {end:,.0f} GB as older content moves on"
            )
        if traffic.storage_point == "end":
            return priced, f"{end:,.0f} GB when the {months}-month window is full"
        return priced, (
            f"average over the {months}-month window of {monthly_gb:,.4g} GB a month "
            f"({end:,.0f} GB when full)"
        )


__all__ = ["GB", "HOURS_PER_MONTH", "KB", "Context"]
