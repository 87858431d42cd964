"""Utilisation at peak, the bottleneck, the users a stage sustains, and the AZ-failure test."""

from __future__ import annotations

from dataclasses import dataclass

from archlib.capacity.assumptions import Assumptions, default_assumptions
from archlib.capacity.demand import Demand, Load, OfferedLoads
from archlib.capacity.fleet import FleetSizing, size_fleet
from archlib.capacity.sizing import Capacity, capacity_of
from archlib.capacity.zones import host_of, placements, units_left
from archlib.errors import InputError
from archlib.gc_pause import cyclic_gc_paused
from archlib.model import Architecture, ArchitectureGraph, Component, ComputeTier, Host
from archlib.model.components import Autoscaling
from archlib.traffic import Flows, Routes


@dataclass(frozen=True)
class ComponentUse:
    """One component at peak. A hosted component's utilisation is its share of its host's."""

    id: str
    kind: str
    label: str
    host: str | None
    load: Load
    capacity: Capacity | None
    units: int | None
    utilisation: float | None
    needed_units: int | None = None
    """Autoscaled tiers: instances the peak needs at the utilisation limit."""
    fleet: FleetSizing | None = None
    """Autoscaled tiers: the instances running each hour of the week (what cost prices)."""
    down: bool = False
    shares: tuple[tuple[str, float], ...] = ()
    """Utilisation by traffic class, largest first."""

    @property
    def driver(self) -> str | None:
        """The traffic class that takes most of the capacity."""
        return self.shares[0][0] if self.shares else None

    @property
    def limited(self) -> bool:
        """Counts towards the bottleneck: has a finite capacity and is not folded into a host."""
        return self.utilisation is not None and self.host is None


@dataclass(frozen=True)
class ZoneScenario:
    az: str
    components: tuple[ComponentUse, ...]
    failed: tuple[str, ...]
    """Components that are lost with the AZ while a hard link still sends them load, or that
    run over 100 %, worst first."""
    tightest: str | None
    tightest_utilisation: float | None

    @property
    def carries_peak(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class CapacityReport:
    model: Architecture
    demand: Demand
    utilisation_limit: float
    components: tuple[ComponentUse, ...]
    bottleneck: str | None
    bottleneck_utilisation: float | None
    zones: tuple[ZoneScenario, ...]

    @property
    def max_factor(self) -> float | None:
        """How far the whole profile scales before the bottleneck reaches 100 %."""
        if not self.bottleneck_utilisation:
            return None
        return 1 / self.bottleneck_utilisation

    @property
    def max_users(self) -> float | None:
        factor = self.max_factor
        return None if factor is None else self.demand.users * factor

    @property
    def max_requests_per_second(self) -> float | None:
        factor = self.max_factor
        return None if factor is None else self.demand.requests_per_second * factor

    @property
    def headroom(self) -> float | None:
        """Growth the peak can take before saturation: 0.25 means 25 % more."""
        factor = self.max_factor
        return None if factor is None else factor - 1

    @property
    def survives_az_loss(self) -> bool:
        return all(zone.carries_peak for zone in self.zones)

    @property
    def zone_max_users(self) -> float | None:
        """Users sustained with the worst single AZ lost (0 when a loss takes a hard path)."""
        worst = None
        for zone in self.zones:
            if any(use.down for use in zone.components if use.id in zone.failed):
                return 0.0
            if zone.tightest_utilisation:
                users = self.demand.users / zone.tightest_utilisation
                worst = users if worst is None else min(worst, users)
        return worst

    def use(self, component_id: str) -> ComponentUse:
        for use in self.components:
            if use.id == component_id:
                return use
        raise KeyError(component_id)


@dataclass(frozen=True)
class _Sized:
    """A component as every scenario sees it, worked out once: what it carries, the units it
    runs at full strength and the host it shares."""

    component: Component
    label: str
    capacity: Capacity | None
    limited: bool
    """Has a capacity with a fixed limit (not one that scales by itself)."""
    autoscaling: Autoscaling | None
    units: int
    host: str | None


def _sized(capacities: dict[str, Capacity | None], model: Architecture) -> list[_Sized]:
    sized = []
    for component in model.components:
        capacity = capacities[component.id]
        units = capacity.units if capacity is not None else 1
        limited = capacity is not None and not capacity.elastic
        scaling = component.autoscaling if isinstance(component, ComputeTier) else None
        sized.append(
            _Sized(
                component,
                component.display_name,
                capacity,
                limited,
                scaling,
                units,
                host_of(component),
            )
        )
    return sized


def _alive(sized: list[_Sized], placed: dict[str, list[str]], lost: str | None) -> list[int]:
    """Units still serving per component, in model order, with AZ `lost` gone (if any)."""
    if lost is None:
        return [each.units for each in sized]
    return [units_left(each.component, each.units, lost, placed) for each in sized]


def _same_load(load: Load, other: Load) -> bool:
    """The same figures in the same order (reports list the classes as they come)."""
    return load == other and list(load) == list(other)


def _use(
    model: Architecture, each: _Sized, load: Load, units: int, down: bool, limit: float
) -> ComponentUse:
    """One component in one scenario, with `units` of its units serving."""
    component, capacity = each.component, each.capacity
    utilisation = None
    needed = None
    fleet = None
    shares: tuple[tuple[str, float], ...] = ()
    if each.limited and capacity is not None:
        by_class = capacity.shares(load, units)
        shares = tuple(sorted(by_class.items(), key=_largest_first))
        utilisation = sum(by_class.values())
        if each.autoscaling and units:
            fleet = size_fleet(
                each.autoscaling, utilisation * units, model.traffic.daily_curve, limit
            )
            needed = fleet.need_at_limit
    return ComponentUse(
        component.id,
        component.kind,
        each.label,
        each.host,
        load,
        capacity,
        None if capacity is None else units,
        utilisation,
        needed,
        fleet,
        down=down,
        shares=shares,
    )


def _largest_first(item: tuple[str, float]) -> tuple[float, str]:
    return -item[1], item[0]


@dataclass(frozen=True)
class _Scenario:
    """One scenario's uses before hosts are folded in, and the units serving in it."""

    uses: list[ComponentUse]
    alive: list[int]
    down: frozenset[str]


def _scenario(
    model: Architecture,
    sized: list[_Sized],
    limit: float,
    offered: OfferedLoads,
    alive: list[int],
    peak: _Scenario | None = None,
) -> _Scenario:
    """Every component's use; those the scenario leaves as they are at peak (same load, same
    units serving) are the peak's own, not worked out again."""
    down = frozenset(
        each.component.id for each, units in zip(sized, alive, strict=True) if not units
    )
    loads = offered.at(down)
    uses: list[ComponentUse] = []
    for index, each in enumerate(sized):
        cid = each.component.id
        load, units, lost = loads[cid], alive[index], cid in down
        if peak is not None:
            before = peak.uses[index]
            same = peak.alive[index] == units and before.down == lost
            if same and (load is before.load or _same_load(load, before.load)):
                uses.append(before)
                continue
        uses.append(_use(model, each, load, units, lost, limit))
    return _Scenario(uses, alive, down)


def _folded(model: Architecture, scenario: _Scenario) -> tuple[ComponentUse, ...]:
    host_share: dict[str, float] = {}
    for use in scenario.uses:
        if use.host is not None and use.utilisation is not None:
            host_share[use.host] = host_share.get(use.host, 0.0) + use.utilisation
    return _fold_hosts(model, scenario.uses, host_share, scenario.down)


def _fold_hosts(
    model: Architecture,
    uses: list[ComponentUse],
    host_share: dict[str, float],
    down: frozenset[str],
) -> tuple[ComponentUse, ...]:
    """A host is as busy as the sum of what runs on it; its shares name the residents."""
    residents: dict[str, list[tuple[str, float]]] = {}
    for use in uses:
        if use.host is not None:
            residents.setdefault(use.host, []).append((use.id, use.utilisation or 0.0))
    result = []
    for component, use in zip(model.components, uses, strict=True):
        if isinstance(component, Host):
            lost = use.id in down
            by_share = sorted(residents.get(component.id, []), key=lambda item: (-item[1], item[0]))
            use = ComponentUse(
                use.id, use.kind, use.label, None, {}, None, 0 if lost else 1,
                host_share.get(component.id), down=lost, shares=tuple(by_share),
            )  # fmt: skip
        result.append(use)
    return tuple(result)


def _busy(use: ComponentUse, uses: tuple[ComponentUse, ...]) -> bool:
    """Has load of its own, or (a host) runs a component that has."""
    if use.load:
        return True
    return use.kind == "host" and any(other.host == use.id and other.load for other in uses)


def _worst(uses: tuple[ComponentUse, ...]) -> tuple[str | None, float | None]:
    limited = [u for u in uses if u.limited and u.utilisation is not None and not u.down]
    if not limited:
        return None, None
    top = max(limited, key=lambda u: (u.utilisation or 0.0, u.id))
    return top.id, top.utilisation


def _zone(az: str, uses: tuple[ComponentUse, ...]) -> ZoneScenario:
    lost = sorted(
        (u for u in uses if u.down and u.host is None and _busy(u, uses)),
        key=lambda u: u.id,
    )
    over = sorted(
        (u for u in uses if u.limited and not u.down and (u.utilisation or 0) > 1),
        key=lambda u: (-(u.utilisation or 0.0), u.id),
    )
    tightest, utilisation = _worst(uses)
    failed = tuple(u.id for u in lost) + tuple(u.id for u in over)
    return ZoneScenario(az, uses, failed, tightest, utilisation)


def analyse(
    model: Architecture,
    assumptions: Assumptions | None = None,
    *,
    users: float | None = None,
    requests_per_second: float | None = None,
    graph: ArchitectureGraph | None = None,
    flows: Flows | None = None,
) -> CapacityReport:
    """Capacity at the profile's peak, or at `users` / `requests_per_second` instead.

    Pass the model's `graph` when one is already built (the checks have one), and its `flows`
    when they are (to price it)."""
    table = assumptions if assumptions is not None else default_assumptions()
    if users is not None and requests_per_second is not None:
        raise InputError("give either a user count or a request rate, not both")
    base = Demand.of(model)
    factor = 1.0
    if users is not None:
        if users <= 0:
            raise InputError("the user count must be positive")
        factor = users / model.traffic.users
    elif requests_per_second is not None:
        if requests_per_second <= 0 or base.requests_per_second <= 0:
            raise InputError("the request rate must be positive")
        factor = requests_per_second / base.requests_per_second
    with cyclic_gc_paused():
        return _analyse(
            model, table, Demand.of(model, factor), graph or ArchitectureGraph.of(model), flows
        )


def _analyse(
    model: Architecture,
    table: Assumptions,
    demand: Demand,
    graph: ArchitectureGraph,
    flows: Flows | None,
) -> CapacityReport:
    limit = model.checks.utilisation_limit
    capacities = {c.id: capacity_of(model, c, table, graph) for c in model.components}
    routes = flows.routes if flows is not None else Routes.of(model)
    offered = OfferedLoads(model, demand, routes, flows)
    placed = placements(graph)
    sized = _sized(capacities, model)
    peak = _scenario(model, sized, limit, offered, _alive(sized, placed, None))
    uses = _folded(model, peak)
    bottleneck, utilisation = _worst(uses)
    zones = tuple(
        _zone(az, _folded(model, _scenario(model, sized, limit, offered, alive, peak)))
        for az, alive in ((az, _alive(sized, placed, az)) for az in model.network.azs)
    )
    return CapacityReport(model, demand, limit, uses, bottleneck, utilisation, zones)
