"""Offered load: the shared monthly flows, read at the profile's peak and scaled by demand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from archlib.model import Architecture
from archlib.traffic import Flows, Routes, arrivals, peak_scale
from archlib.traffic.flows import changed_arrivals

Load = dict[str, float]
"""Requests per second by traffic class."""


@dataclass(frozen=True)
class Demand:
    """The peak the profile asks for, scaled by `factor` (1 = the model's own profile)."""

    users: float
    reads_per_second: float
    writes_per_second: float
    factor: float = 1.0

    @classmethod
    def of(cls, model: Architecture, factor: float = 1.0) -> Demand:
        usage = model.traffic.usage()
        return cls(
            usage.users * factor,
            usage.peak_reads_per_second * factor,
            usage.peak_writes_per_second * factor,
            factor,
        )

    @property
    def requests_per_second(self) -> float:
        return self.reads_per_second + self.writes_per_second


def offered_load(
    model: Architecture,
    demand: Demand,
    down: frozenset[str] = frozenset(),
    routes: Routes | None = None,
) -> dict[str, Load]:
    """Each component's load at the demand's peak: its monthly requests from the shared flows,
    divided by the month and scaled to the peak. `down` components pass nothing on, soft
    links to them carry nothing, and a cache that is down answers no reads."""
    scale = peak_scale(model.traffic, demand.factor)
    return {
        cid: {traffic: rate * scale for traffic, rate in monthly.items()}
        for cid, monthly in arrivals(model, routes, down).items()
    }


class OfferedLoads:
    """The offered load of one model and demand, per set of lost components, computed once
    each: AZ scenarios that lose nothing on the traffic's path share the base figures, and
    those that do carry again only the components downstream of their losses."""

    def __init__(
        self, model: Architecture, demand: Demand, routes: Routes, flows: Flows | None = None
    ) -> None:
        self._model = model
        self._routes = routes
        self._scale = peak_scale(model.traffic, demand.factor)
        self._monthly: Mapping[str, Mapping[str, float]] = (
            {cid: flow.arrived for cid, flow in flows.components.items()}
            if flows is not None
            else arrivals(model, routes)
        )
        self._by_down: dict[frozenset[str], dict[str, Load]] = {
            frozenset(): {cid: self._at_peak(monthly) for cid, monthly in self._monthly.items()}
        }

    def _at_peak(self, monthly: Mapping[str, float]) -> Load:
        return {traffic: rate * self._scale for traffic, rate in monthly.items()}

    def at(self, down: frozenset[str] = frozenset()) -> dict[str, Load]:
        loads = self._by_down.get(down)
        if loads is None:
            changed = changed_arrivals(self._model, self._routes, down, self._monthly)
            loads = {
                cid: self._at_peak(changed[cid]) if cid in changed else load
                for cid, load in self._by_down[frozenset()].items()
            }
            self._by_down[down] = loads
        return loads
