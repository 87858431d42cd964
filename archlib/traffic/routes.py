"""The routes requests take: the model's links merged per caller and target, checked once.

A worker's link to a queue is a pull, so jobs flow from the queue to the worker. Lookups to
DNS are cached by resolvers and are priced from the user count, not routed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from archlib.errors import InputError
from archlib.model import (
    Architecture,
    Cache,
    Cdn,
    Client,
    Component,
    DataWarehouse,
    Dns,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
    Worker,
)
from archlib.traffic.classes import FORWARDED

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


@dataclass
class Route:
    """Every link from one caller to one target, merged: the classes they name, and a share."""

    source: str
    target: str
    classes: set[str] = field(default_factory=set)
    share: float | None = None
    soft: bool = True
    links: list[int] = field(default_factory=list)
    """Indexes into the model's links."""

    @property
    def key(self) -> str:
        return f"{self.source}->{self.target}"


@dataclass(frozen=True)
class Routes:
    """The routes, the order to follow them in and where traffic enters, built once a model."""

    index: Mapping[str, Component]
    out: Mapping[str, tuple[Route, ...]]
    carriers: Mapping[str, Mapping[str, tuple[Route, ...]]]
    """Per caller and forwarded class: the routes that carry its stream on (cache lookups
    excluded: they are side calls, not part of the stream)."""
    lookups: Mapping[str, tuple[Route, ...]]
    """Per caller: its cache-aside reads to a memory cache."""
    order: tuple[str, ...]
    entries: tuple[str, ...]
    has_jobs: bool

    @classmethod
    def of(cls, model: Architecture) -> Routes:
        index = {c.id: c for c in model.components}
        merged = _merge(model, index)
        out = {
            cid: tuple(sorted(targets.values(), key=lambda r: r.target))
            for cid, targets in merged.items()
        }
        entries = [c.id for c in model.components if isinstance(c, Client)]
        if not entries:
            called = {route.target for routes in out.values() for route in routes}
            entries = [c.id for c in model.components if c.id not in called]
        has_jobs = any("jobs" in r.classes for routes in out.values() for r in routes)
        carriers: dict[str, dict[str, tuple[Route, ...]]] = {}
        lookups: dict[str, tuple[Route, ...]] = {}
        for source, routes in out.items():
            named = {t for route in routes for t in route.classes if t != "all"}
            cache_reads = tuple(
                r for r in routes if isinstance(index[r.target], Cache) and "reads" in r.classes
            )
            if cache_reads and not isinstance(index[source], Cache):
                lookups[source] = cache_reads
            by_class: dict[str, tuple[Route, ...]] = {}
            for traffic in FORWARDED:
                carrying = tuple(
                    r
                    for r in routes
                    if _carries(traffic, r, named, index[r.target])
                    and not (traffic == "reads" and r in cache_reads and source in lookups)
                )
                if carrying:
                    _check_shares(source, traffic, carrying)
                    by_class[traffic] = carrying
            if by_class:
                carriers[source] = by_class
        return cls(index, out, carriers, lookups, _order(model, out), tuple(entries), has_jobs)


def _merge(model: Architecture, index: Mapping[str, Component]) -> dict[str, dict[str, Route]]:
    merged: dict[str, dict[str, Route]] = {c.id: {} for c in model.components}
    for position, link in enumerate(model.links):
        source, target = link.source, link.target
        if isinstance(index[target], Dns):
            continue
        if isinstance(index[source], Worker) and isinstance(index[target], Queue):
            source, target = target, source
        route = merged[source].setdefault(target, Route(source, target))
        route.classes.add(link.traffic)
        route.soft = route.soft and link.dependency == "soft"
        route.links.append(position)
        if link.share is not None:
            route.share = (route.share or 0.0) + link.share
    return merged


def _carries(traffic: str, route: Route, named: set[str], target: Component) -> bool:
    if traffic in route.classes:
        return True
    if "all" not in route.classes or traffic in named:
        return False
    delivers = ALL_DELIVERS.get(type(target))
    return delivers is None or traffic in delivers


def _check_shares(source: str, traffic: str, routes: tuple[Route, ...]) -> None:
    """The shares of a caller's links of one class add up to at most 1; links without a share
    carry the whole stream besides (fan-out)."""
    shared = [r for r in routes if r.share is not None]
    total = sum(r.share or 0.0 for r in shared)
    if total > 1 + 1e-9:
        raise InputError(
            f"the shares of {source}'s {traffic} links add up to {total:g}, more than 1",
            field=f"links[{shared[-1].links[-1]}].share",
        )


def _order(model: Architecture, out: Mapping[str, tuple[Route, ...]]) -> tuple[str, ...]:
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(c.id for c in model.components)
    graph.add_edges_from((r.source, r.target) for routes in out.values() for r in routes)
    try:
        return tuple(nx.lexicographical_topological_sort(graph))
    except nx.NetworkXUnfeasible:
        edges = nx.find_cycle(graph)
        cycle = " -> ".join([edge[0] for edge in edges] + [edges[0][0]])
        raise InputError(
            f"traffic cannot be followed through a cycle of links ({cycle})", field="links"
        ) from None
