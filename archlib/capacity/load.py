"""Offered load: the traffic profile at peak, carried along the links by traffic class."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from archlib.capacity.sizing import REQUEST_CLASSES
from archlib.errors import InputError
from archlib.model import (
    Architecture,
    Cache,
    Cdn,
    Client,
    Component,
    DataWarehouse,
    Dns,
    NatGateway,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
    Worker,
)

Load = dict[str, float]
"""Requests per second by traffic class."""

ALL_DELIVERS: dict[type, frozenset[str]] = {
    RelationalDatabase: frozenset({"reads", "writes", "jobs"}),
    NoSqlTable: frozenset({"reads", "writes", "jobs"}),
    Cache: frozenset({"reads"}),
    ObjectStore: frozenset({"static", "writes"}),
    Queue: frozenset({"jobs"}),
    DataWarehouse: frozenset({"writes", "jobs"}),
    Cdn: frozenset({"static"}),
}
"""What a link of class `all` delivers to a kind; servers and load balancers take every class.
Static files stop at an object store or CDN; a database never serves them."""


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


@dataclass
class _Route:
    classes: set[str] = field(default_factory=set)
    soft: bool = True


def _routes(model: Architecture, index: Mapping[str, Component]) -> dict[str, dict[str, _Route]]:
    """Links merged per (caller, target); a worker's link to a queue is a pull, so jobs flow
    from the queue to the worker. Lookups to DNS are cached by resolvers and not counted."""
    routes: dict[str, dict[str, _Route]] = {c.id: {} for c in model.components}
    for link in model.links:
        source, target = link.source, link.target
        source_c, target_c = index[source], index[target]
        if isinstance(target_c, Dns):
            continue
        if isinstance(source_c, Worker) and isinstance(target_c, Queue):
            source, target = target, source
        route = routes[source].setdefault(target, _Route())
        route.classes.add(link.traffic)
        route.soft = route.soft and link.dependency == "soft"
    return routes


def _order(model: Architecture, routes: Mapping[str, Mapping[str, _Route]]) -> list[str]:
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(c.id for c in model.components)
    graph.add_edges_from((s, t) for s, targets in routes.items() for t in targets)
    try:
        return list(nx.lexicographical_topological_sort(graph))
    except nx.NetworkXUnfeasible:
        edges = nx.find_cycle(graph)
        cycle = " -> ".join([edge[0] for edge in edges] + [edges[0][0]])
        raise InputError(
            f"capacity: traffic cannot be followed through a cycle of links ({cycle})",
            field="links",
        ) from None


def _entry_load(model: Architecture, demand: Demand, has_jobs: bool) -> Load:
    profile = model.traffic
    async_share = profile.async_write_share if has_jobs else 0.0
    return {
        "static": demand.reads_per_second * profile.cdn_offload,
        "reads": demand.reads_per_second * (1 - profile.cdn_offload),
        "writes": demand.writes_per_second * (1 - async_share),
        "jobs": demand.writes_per_second * async_share,
    }


def _carries(traffic: str, route: _Route, named: set[str], target: Component) -> bool:
    if traffic in route.classes:
        return True
    if "all" not in route.classes or traffic in named:
        return False
    delivers = ALL_DELIVERS.get(type(target))
    return delivers is None or traffic in delivers


@dataclass(frozen=True)
class Flows:
    """The routes traffic takes and the order to follow them in, built once per model."""

    index: Mapping[str, Component]
    routes: Mapping[str, Mapping[str, _Route]]
    order: tuple[str, ...]
    entries: tuple[str, ...]
    has_jobs: bool

    @classmethod
    def of(cls, model: Architecture) -> Flows:
        index = {c.id: c for c in model.components}
        routes = _routes(model, index)
        entries = [c.id for c in model.components if isinstance(c, Client)]
        if not entries:
            called = {target for targets in routes.values() for target in targets}
            entries = [
                c.id
                for c in model.components
                if c.id not in called and not isinstance(c, NatGateway)  # takes no requests
            ]
        has_jobs = any("jobs" in r.classes for targets in routes.values() for r in targets.values())
        return cls(index, routes, tuple(_order(model, routes)), tuple(entries), has_jobs)


def offered_load(
    model: Architecture,
    demand: Demand,
    down: frozenset[str] = frozenset(),
    flows: Flows | None = None,
) -> dict[str, Load]:
    """Each component's load at the demand's peak; `down` components forward nothing, soft
    links to them carry nothing, and a cache that is down answers no reads."""
    flows = flows if flows is not None else Flows.of(model)
    index, routes, entries = flows.index, flows.routes, flows.entries
    loads: dict[str, Load] = {c.id: defaultdict(float) for c in model.components}
    start = _entry_load(model, demand, flows.has_jobs)
    for entry in entries:
        for traffic, rate in start.items():
            loads[entry][traffic] += rate / len(entries)
    hit_rate = model.traffic.cache_hit_rate
    for node in flows.order:
        if node in down:
            continue
        inbound = loads[node]
        targets = routes[node]
        named = {t for route in targets.values() for t in route.classes if t != "all"}
        components = {target: index[target] for target in targets}
        cached = any(
            isinstance(components[t], Cache) and t not in down and "reads" in r.classes
            for t, r in targets.items()
        )
        requests = sum(inbound.get(t, 0.0) for t in REQUEST_CLASSES)
        for target, route in sorted(targets.items()):
            if target in down and route.soft:
                continue
            component = components[target]
            out = loads[target]
            is_cache = isinstance(component, Cache)
            for traffic in REQUEST_CLASSES:
                rate = inbound.get(traffic, 0.0)
                if rate <= 0 or not _carries(traffic, route, named, component):
                    continue
                if traffic == "reads" and is_cache:
                    out["reads"] += rate
                    out["writes"] += rate * (1 - hit_rate)
                elif traffic == "reads" and cached:
                    out["reads"] += rate * (1 - hit_rate)
                else:
                    out[traffic] += rate
            if "sessions" in route.classes and requests > 0:
                out["sessions"] += requests
            if "replication" in route.classes:
                written = inbound.get("writes", 0.0) + inbound.get("jobs", 0.0)
                if written > 0:
                    out["replication"] += written
    return {cid: {t: r for t, r in sorted(load.items()) if r > 0} for cid, load in loads.items()}
