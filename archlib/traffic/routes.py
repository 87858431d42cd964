"""The routes requests take: the model's links merged per caller and target, checked once.

A worker's link to a queue is a pull, so jobs flow from the queue to the worker. Lookups to
DNS are cached by resolvers and are priced from the user count, not routed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from archlib.errors import InputError
from archlib.model import (
    Architecture,
    Cache,
    Cdn,
    Client,
    Component,
    DataWarehouse,
    Dns,
    LoadBalancer,
    NatGateway,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
    Worker,
)
from archlib.traffic.classes import FORWARDED, SIDE_CALLS

FORWARDED_SET = frozenset(FORWARDED)
SIDE_CALLS_SET = frozenset(SIDE_CALLS)
"""Classes a route carries as side calls beside the stream."""

ALL_DELIVERS: dict[type, frozenset[str]] = {
    RelationalDatabase: frozenset({"reads", "writes", "jobs"}),
    NoSqlTable: frozenset({"reads", "writes", "jobs"}),
    Cache: frozenset({"reads"}),
    ObjectStore: frozenset({"static", "writes"}),
    Queue: frozenset({"jobs"}),
    DataWarehouse: frozenset({"writes", "jobs"}),
}
"""What a link of class `all` delivers to a kind; servers, load balancers and CDNs take every
class. Static files stop at an object store or CDN; a database never serves them."""

BESIDE_ENTRY: frozenset[str] = frozenset({"static"})
"""What a caller's `all` link to a CDN carries when the caller also has an `all` link to
something else (users -> cdn beside users -> lb): the CDN serves the static objects and the
other entry takes the rest. A CDN that is the caller's only way in takes every class and
forwards what it cannot answer to its origins."""

PASS_THROUGH = (Client, LoadBalancer, Cdn, Dns, NatGateway)
"""Kinds that answer no request themselves (a CDN only its cache hits): requests that end at
one of them, with no route on, reach nothing that serves them."""


@dataclass(slots=True)
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
    side: Mapping[str, tuple[Route, ...]]
    """Per caller: its routes that carry session lookups or replication."""
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
            entries = [
                c.id
                for c in model.components
                if c.id not in called and not isinstance(c, NatGateway)  # takes no requests
            ]
        has_jobs = any("jobs" in r.classes for routes in out.values() for r in routes)
        carriers: dict[str, dict[str, tuple[Route, ...]]] = {}
        lookups: dict[str, tuple[Route, ...]] = {}
        for source, routes in out.items():
            if not routes:
                continue
            named = {t for route in routes for t in route.classes if t != "all"}
            beside = any(
                "all" in route.classes and not isinstance(index[route.target], Cdn)
                for route in routes
            )
            aside = not isinstance(index[source], Cache)
            by_class: dict[str, list[Route]] = {}
            looked_up: list[Route] = []
            for route in routes:
                target = index[route.target]
                carried = _carried(route, named, target, beside)
                if aside and "reads" in carried and isinstance(target, Cache):
                    looked_up.append(route)
                    carried.discard("reads")
                for traffic in carried:
                    by_class.setdefault(traffic, []).append(route)
            if looked_up:
                lookups[source] = tuple(looked_up)
            if by_class:
                if any(route.share is not None for route in routes):
                    for traffic, carrying in by_class.items():
                        _check_shares(source, traffic, carrying)
                carriers[source] = {t: tuple(by_class[t]) for t in FORWARDED if t in by_class}
        side: dict[str, tuple[Route, ...]] = {}
        for source, routes in out.items():
            calls = tuple(r for r in routes if not SIDE_CALLS_SET.isdisjoint(r.classes))
            if calls:
                side[source] = calls
        return cls(
            index, out, carriers, lookups, side, _order(model, out), tuple(entries), has_jobs
        )

    @cached_property
    def callers(self) -> Mapping[str, tuple[str, ...]]:
        """Per target: the components with a route to it, in route order (built on first use:
        only scenarios that lose components ask)."""
        found: dict[str, list[str]] = {}
        for routes in self.out.values():
            for route in routes:
                found.setdefault(route.target, []).append(route.source)
        return {target: tuple(sources) for target, sources in found.items()}

    def downstream_of(self, down: frozenset[str]) -> frozenset[str]:
        """The components whose traffic can change when `down` are lost: those lost, their
        callers (a soft link or a cache lookup to them carries less), and every component
        after one of those on a route."""
        reached = set(down)
        for target in down:
            reached.update(self.callers.get(target, ()))
        pending = list(reached)
        while pending:
            for route in self.out.get(pending.pop(), ()):
                if route.target not in reached:
                    reached.add(route.target)
                    pending.append(route.target)
        return frozenset(reached)


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


def _carried(route: Route, named: set[str], target: Component, beside: bool) -> set[str]:
    """The forwarded classes a route carries: those it names, and for `all` the rest that
    the caller names on no other link and the target takes (`beside`: the caller has an
    `all` link to something other than a CDN)."""
    carried = {t for t in route.classes if t in FORWARDED}
    if "all" in route.classes:
        if isinstance(target, Cdn):
            delivers = BESIDE_ENTRY if beside else FORWARDED_SET
        else:
            delivers = ALL_DELIVERS.get(type(target), FORWARDED_SET)
        carried |= {t for t in FORWARDED if t not in named and t in delivers}
    return carried


def _check_shares(source: str, traffic: str, routes: list[Route]) -> None:
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
    """Callers before the components they call, ties in model order (Kahn's algorithm)."""
    ids = [c.id for c in model.components]
    waiting = dict.fromkeys(ids, 0)
    for routes in out.values():
        for route in routes:
            waiting[route.target] += 1
    ready = deque(cid for cid in ids if not waiting[cid])
    order: list[str] = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for route in out.get(node, ()):
            waiting[route.target] -= 1
            if not waiting[route.target]:
                ready.append(route.target)
    if len(order) < len(ids):
        raise InputError(
            f"traffic cannot be followed through a cycle of links ({_cycle(ids, out, waiting)})",
            field="links",
        )
    return tuple(order)


def _cycle(ids: list[str], out: Mapping[str, tuple[Route, ...]], waiting: dict[str, int]) -> str:
    """One cycle among the components left waiting, as `a -> b -> a`: each of them still
    waits for a caller that is left waiting too, so walking callers back must loop."""
    callers: dict[str, str] = {}
    for routes in out.values():
        for route in routes:
            if waiting[route.source] and waiting[route.target]:
                callers.setdefault(route.target, route.source)
    node = next(cid for cid in ids if waiting[cid])
    path: list[str] = []
    while node not in path:
        path.append(node)
        node = callers[node]
    cycle = [*path[path.index(node) :], node]
    return " -> ".join(reversed(cycle))
