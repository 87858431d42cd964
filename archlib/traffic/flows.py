"""Requests and bytes a month along every route and at every component, per request class.

The traffic profile enters at the users (or, without a client, at the components nothing
calls) and is carried along the routes in topological order. At each component, per class:

    arrived = absorbed + forwarded + stopped + unserved

`absorbed` is what the component answers itself (a store at the end of a path, a CDN's or an
in-path cache's hits, or the hits of the memory cache a caller reads aside); `forwarded` is the
stream it passes on (a link with a share carries that fraction of it, a link without one all
of it: fan-out); `stopped` is what the shares leave behind when no link takes the whole
stream, or what a lost component or a lost soft dependency no longer passes on; `unserved` is
what ends, with no route on, at a kind that answers nothing itself (a client, a load balancer,
a CDN beyond its hits, DNS, NAT): requests that reach nothing that serves them. Side calls
(cache lookups and fills, session lookups, replication) arrive at their target on top of
the stream and are absorbed there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from archlib.gc_pause import cyclic_gc_paused
from archlib.model import (
    Architecture,
    Cache,
    Cdn,
    Client,
    Component,
    LoadBalancer,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
)
from archlib.model.architecture import placement_subnets
from archlib.model.endpoints import gateway_endpoint_kinds
from archlib.model.traffic import SECONDS_PER_MONTH_EXACT, TrafficProfile
from archlib.traffic.classes import CLASSES, FORWARDED
from archlib.traffic.routes import PASS_THROUGH, Route, Routes

KB = 1_000.0
REGIONAL_ENDPOINTS = (ObjectStore, NoSqlTable, Queue)
"""Services reached at public regional endpoints: from a private subnet, through its NAT
unless a gateway endpoint routes them."""

PerClass = dict[str, float]
NOTHING: Mapping[str, float] = MappingProxyType({})
"""No requests of any class (shared, read-only)."""


class LinkFlow(NamedTuple):
    """One route (the model's links between a caller and a target, merged) in a month."""

    source: str
    target: str
    links: tuple[int, ...]
    requests: Mapping[str, float]
    request_bytes: float
    response_bytes: float
    cross_az_bytes: float
    internet_bytes: float
    """Bytes that leave AWS to the users: responses on a route from a client."""
    bytes: Mapping[str, float]
    """Bytes both ways by class."""

    @property
    def key(self) -> str:
        return f"{self.source}->{self.target}"


class ComponentFlow(NamedTuple):
    """One component's month, per class: what arrives and where it goes."""

    id: str
    kind: str
    arrived: Mapping[str, float]
    absorbed: Mapping[str, float]
    forwarded: Mapping[str, float]
    stopped: Mapping[str, float]
    unserved: Mapping[str, float]
    """Requests that end here with no route on although this kind answers none itself."""
    hits: float
    """Requests a cache or CDN answered from what it holds."""
    cross_az_bytes: float
    """Bytes its outgoing routes carry between AZs (requests and responses)."""
    internet_bytes: float
    """Bytes it sends to the users over the internet."""
    bytes_in: Mapping[str, float]
    """Bytes both ways by class on the routes into it."""

    @property
    def requests(self) -> float:
        return sum(self.arrived.values())


@dataclass(frozen=True)
class Flows:
    """The whole model's month of traffic: the one source cost and capacity both read."""

    profile: TrafficProfile
    components: Mapping[str, ComponentFlow]
    links: tuple[LinkFlow, ...]
    nat_bytes: Mapping[str, float]
    """Bytes each NAT gateway processes for private callers of regional services not reached
    through a gateway endpoint (SQS; S3 and DynamoDB where the VPC runs no instances)."""
    entries: tuple[str, ...]
    routes: Routes
    """The routes they were carried along, for scenarios that recompute them."""

    def component(self, component_id: str) -> ComponentFlow:
        return self.components[component_id]

    def peak_per_second(self, component_id: str, factor: float = 1.0) -> PerClass:
        """Requests per second by class at the profile's peak, scaled by `factor`."""
        scale = peak_scale(self.profile, factor)
        return {
            traffic: rate * scale
            for traffic, rate in self.components[component_id].arrived.items()
            if rate > 0
        }

    @property
    def internet_bytes(self) -> float:
        return sum(link.internet_bytes for link in self.links)

    @property
    def cross_az_bytes(self) -> float:
        return sum(link.cross_az_bytes for link in self.links)


def entry_load(profile: TrafficProfile, has_jobs: bool) -> PerClass:
    """The month's requests by class as the users send them."""
    async_share = profile.async_write_share if has_jobs else 0.0
    return {
        "static": profile.reads_per_month * profile.static_share,
        "reads": profile.reads_per_month * (1 - profile.static_share),
        "writes": profile.writes_per_month * (1 - async_share),
        "jobs": profile.writes_per_month * async_share,
    }


def hit_rate(component: Component, profile: TrafficProfile) -> float:
    """A cache's own hit rate, or a CDN's for static objects, else the profile's."""
    if isinstance(component, Cdn):
        return component.hit_rate if component.hit_rate is not None else profile.cdn_hit_rate
    if isinstance(component, Cache):
        return component.hit_rate if component.hit_rate is not None else profile.cache_hit_rate
    return 0.0


def hit_rates(component: Component, profile: TrafficProfile) -> Mapping[str, float]:
    """Per class, the share a cache or CDN answers from what it holds. A CDN answers static
    objects at its hit rate and API reads only at the `read_hit_rate` the model states;
    writes and jobs always go on. An in-path memory cache answers reads and static alike."""
    if isinstance(component, Cdn):
        return {"static": hit_rate(component, profile), "reads": component.read_hit_rate}
    if isinstance(component, Cache):
        rate = hit_rate(component, profile)
        return {"static": rate, "reads": rate}
    return NOTHING


class _Month:
    """The running totals while the profile is carried through the routes."""

    def __init__(self, model: Architecture, routes: Routes) -> None:
        self.profile = model.traffic
        self.arrived: defaultdict[str, PerClass] = defaultdict(dict)
        self.absorbed: defaultdict[str, PerClass] = defaultdict(dict)
        self.forwarded: defaultdict[str, PerClass] = defaultdict(dict)
        self.stopped: defaultdict[str, PerClass] = defaultdict(dict)
        self.unserved: defaultdict[str, PerClass] = defaultdict(dict)
        self.hits: dict[str, float] = {}
        self.on_route: dict[tuple[str, str], PerClass] = {}
        self.request_kb: dict[tuple[str, str], float] = {}
        self.response_kb: dict[tuple[str, str], float] = {}
        self.class_kb: dict[tuple[str, str], PerClass] = {}
        self.sizes = {c: self.profile.size(c) for c in CLASSES}
        self.routes = routes
        self.hit = {
            c.id: hit_rates(c, self.profile) for c in model.components if isinstance(c, Cache | Cdn)
        }
        """Per cache or CDN and class: the share it answers."""
        self.passes = frozenset(c.id for c in model.components if isinstance(c, PASS_THROUGH))
        self.only: frozenset[str] | None = None
        """When set, the only components whose arrivals are wanted: sends to others are not
        recorded (carrying again after a loss)."""

    def send(
        self, route: Route, traffic: str, requests: float, answered: float | None = None
    ) -> None:
        """Put requests on a route; `answered` of them bring a response (all by default)."""
        if requests <= 0 or (self.only is not None and route.target not in self.only):
            return
        key = (route.source, route.target)
        volumes = self.on_route.setdefault(key, {})
        volumes[traffic] = volumes.get(traffic, 0.0) + requests
        request_kb, response_kb = self.sizes[traffic]
        replies = requests if answered is None else answered
        if request_kb:
            self.request_kb[key] = self.request_kb.get(key, 0.0) + requests * request_kb
        if response_kb:
            self.response_kb[key] = self.response_kb.get(key, 0.0) + replies * response_kb
        moved = requests * request_kb + replies * response_kb
        if moved:
            by_class = self.class_kb.setdefault(key, {})
            by_class[traffic] = by_class.get(traffic, 0.0) + moved
        target = self.arrived[route.target]
        target[traffic] = target.get(traffic, 0.0) + requests

    def fill(self, route: Route, requests: float) -> None:
        """Cache fills after misses: a write of the value read, counted as `writes`."""
        if requests <= 0 or (self.only is not None and route.target not in self.only):
            return
        key = (route.source, route.target)
        volumes = self.on_route.setdefault(key, {})
        volumes["writes"] = volumes.get("writes", 0.0) + requests
        moved = requests * self.sizes["reads"][1]
        self.request_kb[key] = self.request_kb.get(key, 0.0) + moved
        if moved:
            by_class = self.class_kb.setdefault(key, {})
            by_class["writes"] = by_class.get("writes", 0.0) + moved
        target = self.arrived[route.target]
        target["writes"] = target.get("writes", 0.0) + requests


def _side_calls(month: _Month, node: str, down: frozenset[str]) -> None:
    routes = month.routes.side.get(node)
    if not routes:
        return
    inbound = month.arrived[node]
    requests = sum(inbound.get(t, 0.0) for t in FORWARDED)
    written = inbound.get("writes", 0.0) + inbound.get("jobs", 0.0)
    for route in routes:
        if route.target in down and route.soft:
            continue
        if "sessions" in route.classes:
            month.send(route, "sessions", requests)
        if "replication" in route.classes:
            month.send(route, "replication", written)


def _aside(month: _Month, lookups: tuple[Route, ...], reads: float, down: frozenset[str]) -> float:
    """Cache-aside reads: look each cache up in turn; returns the share still missing."""
    missing = 1.0
    for route in lookups:
        if route.target in down:
            if not route.soft:
                month.send(route, "reads", reads * missing, answered=0.0)
            continue
        rate = month.hit[route.target]["reads"]
        looked_up = reads * missing
        month.send(route, "reads", looked_up, answered=looked_up * rate)
        month.fill(route, looked_up * (1 - rate))
        missing *= 1 - rate
    return missing


def _carry(month: _Month, node: str, down: frozenset[str]) -> None:
    inbound = month.arrived.get(node)
    if not inbound:
        return
    if node in down:
        month.stopped[node] = {t: v for t, v in inbound.items() if v > 0}
        return
    carriers = month.routes.carriers.get(node, {})
    lookups = month.routes.lookups.get(node)
    own_hit = month.hit.get(node)
    absorbed = month.absorbed[node]
    for traffic, arrived in list(inbound.items()):
        if arrived <= 0:
            continue
        answered = 0.0
        if lookups and traffic == "reads":
            answered = arrived * (1 - _aside(month, lookups, arrived, down))
        elif own_hit is not None and own_hit.get(traffic):
            answered = arrived * own_hit[traffic]
            month.hits[node] = month.hits.get(node, 0.0) + answered
        routes = carriers.get(traffic)
        if not routes and node not in month.passes:
            absorbed[traffic] = arrived
            continue
        remaining = arrived - answered
        if answered > 0:
            absorbed[traffic] = answered
        if not routes:
            if remaining > 0:
                month.unserved[node][traffic] = remaining
            continue
        live = [r for r in routes if not (r.soft and r.target in down)] if down else routes
        copies = False
        shared = 0.0
        for route in live:
            if route.share is None:
                copies = True
                month.send(route, traffic, remaining)
            else:
                shared += route.share
                month.send(route, traffic, remaining * route.share)
        sent = remaining if copies else remaining * shared
        if sent > 0:
            month.forwarded[node][traffic] = sent
        if remaining - sent > 0:
            month.stopped[node][traffic] = remaining - sent


class _Zones:
    """The AZs of a component, following a shared host; looked up once each, when needed."""

    def __init__(self, model: Architecture, routes: Routes) -> None:
        self._index = routes.index
        self._subnets = {s.id: s for s in model.network.subnets}
        self._known: dict[str, frozenset[str]] = {}

    def __getitem__(self, component_id: str) -> frozenset[str]:
        zones = self._known.get(component_id)
        if zones is None:
            placed = placement_subnets(
                self._index[component_id], self._index.__getitem__, self._subnets.__getitem__
            )
            zones = frozenset(subnet.az for subnet in placed)
            self._known[component_id] = zones
        return zones


def crossing_share(route: Route, routes: Routes, zones: _Zones) -> float:
    """Share of a route's bytes that cross AZs, callers and targets spread evenly over their
    AZs with no AZ affinity. None from a load balancer to its targets (an application load
    balancer's cross-zone traffic is free; a network load balancer keeps traffic in its zone
    unless cross-zone is turned on) nor between a database and its replicas (in-region
    replication is not charged)."""
    source, target = routes.index[route.source], routes.index[route.target]
    if isinstance(source, LoadBalancer):
        return 0.0
    if isinstance(source, RelationalDatabase) and isinstance(target, RelationalDatabase):
        return 0.0
    here, there = zones[route.source], zones[route.target]
    if not here or not there:
        return 0.0
    return 1 - len(here & there) / (len(here) * len(there))


def _nat_gateways(model: Architecture, routes: Routes) -> dict[tuple[str, str], list[str]]:
    """Per route between a VPC caller and a regional service: the NAT gateways it uses.

    None for services the VPC reaches through a gateway endpoint (`gateway_endpoint_kinds`)."""
    subnets = {s.id: s for s in model.network.subnets}
    bypassed = gateway_endpoint_kinds(model)
    result: dict[tuple[str, str], list[str]] = {}
    for source_routes in routes.out.values():
        for route in source_routes:
            source, target = routes.index[route.source], routes.index[route.target]
            if isinstance(target, REGIONAL_ENDPOINTS):
                inside, service = source, target
            elif isinstance(source, REGIONAL_ENDPOINTS):
                inside, service = target, source
            else:
                continue
            if service.kind in bypassed:
                continue
            placed = placement_subnets(inside, routes.index.__getitem__, subnets.__getitem__)
            gateways = [s.nat_gateway for s in placed if s.nat_gateway is not None]
            if gateways:
                result[(route.source, route.target)] = gateways
    return result


@dataclass(frozen=True)
class _Rerun:
    """Carrying a month again with components lost, given the month with nothing lost."""

    before: Mapping[str, Mapping[str, float]]
    """Every component's arrivals with nothing lost."""
    changed: frozenset[str]
    """The components whose arrivals the loss can change (`Routes.downstream_of`)."""
    feeding: frozenset[str]
    """Components the loss leaves as they were that send to one of `changed`."""

    @classmethod
    def of(
        cls, routes: Routes, down: frozenset[str], before: Mapping[str, Mapping[str, float]]
    ) -> _Rerun:
        changed = routes.downstream_of(down)
        feeding = frozenset(
            caller
            for target in changed
            for caller in routes.callers.get(target, ())
            if caller not in changed
        )
        return cls(before, changed, feeding)


def _carry_month(
    model: Architecture, routes: Routes, down: frozenset[str], rerun: _Rerun | None = None
) -> _Month:
    """With `rerun`, only its changed components are carried, from what their callers send
    them; a caller the loss leaves as it was starts from its arrivals before. The month's
    other figures are then left incomplete."""
    month = _Month(model, routes)
    if rerun is not None:
        month.only = rerun.changed
    start = entry_load(model.traffic, routes.has_jobs)
    for entry in routes.entries:
        inbound = month.arrived[entry]
        for traffic, requests in start.items():
            if requests > 0:
                inbound[traffic] = inbound.get(traffic, 0.0) + requests / len(routes.entries)
    for node in routes.order:
        if rerun is not None and node not in rerun.changed:
            if node not in rerun.feeding:
                continue
            month.arrived[node] = dict(rerun.before[node])
        if node not in down:
            _side_calls(month, node, down)
        _carry(month, node, down)
    return month


def compute(
    model: Architecture, routes: Routes | None = None, down: frozenset[str] = frozenset()
) -> Flows:
    """The month's flows; `down` components pass nothing on and soft links to them carry
    nothing (the AZ-loss scenarios)."""
    with cyclic_gc_paused():
        routes = routes if routes is not None else Routes.of(model)
        return _result(model, routes, _carry_month(model, routes, down))


def arrivals(
    model: Architecture, routes: Routes | None = None, down: frozenset[str] = frozenset()
) -> dict[str, Mapping[str, float]]:
    """Only the requests a month that reach each component, by class: what `compute` gives
    as `arrived`, without the bytes (capacity asks once per AZ scenario)."""
    with cyclic_gc_paused():
        routes = routes if routes is not None else Routes.of(model)
        month = _carry_month(model, routes, down)
        return {c.id: month.arrived.get(c.id, NOTHING) for c in model.components}


def changed_arrivals(
    model: Architecture,
    routes: Routes,
    down: frozenset[str],
    before: Mapping[str, Mapping[str, float]],
) -> dict[str, Mapping[str, float]]:
    """What `arrivals` gives with `down` lost, for only the components whose arrivals can
    differ from `before` (those with nothing lost), in model order: the others are not
    carried again, so a scenario that loses a few components costs little."""
    with cyclic_gc_paused():
        rerun = _Rerun.of(routes, down, before)
        month = _carry_month(model, routes, down, rerun)
        return {
            c.id: month.arrived.get(c.id, NOTHING)
            for c in model.components
            if c.id in rerun.changed
        }


def peak_scale(profile: TrafficProfile, factor: float = 1.0) -> float:
    """From requests a month to requests per second at the profile's peak, times `factor`."""
    return factor * profile.peak_to_average / SECONDS_PER_MONTH_EXACT


def _result(model: Architecture, routes: Routes, month: _Month) -> Flows:
    zones = _Zones(model, routes)
    nat = _nat_gateways(model, routes)
    nat_bytes: dict[str, float] = {}
    cross: dict[str, float] = {}
    internet: dict[str, float] = {}
    bytes_in: dict[str, PerClass] = {}
    links = []
    for source in routes.order:
        outgoing = routes.out.get(source)
        if not outgoing:
            continue
        from_client = isinstance(routes.index[source], Client)
        for route in outgoing:
            key = (route.source, route.target)
            volumes = month.on_route.get(key, NOTHING)
            request_bytes = month.request_kb.get(key, 0.0) * KB
            response_bytes = month.response_kb.get(key, 0.0) * KB
            moved = request_bytes + response_bytes
            crossing = moved * crossing_share(route, routes, zones) if moved else 0.0
            out = response_bytes if from_client else 0.0
            cross[source] = cross.get(source, 0.0) + crossing
            internet[route.target] = internet.get(route.target, 0.0) + out
            for gateway in nat.get(key, ()):
                nat_bytes[gateway] = nat_bytes.get(gateway, 0.0) + moved / len(nat[key])
            class_kb = month.class_kb.get(key)
            by_class = {t: kb * KB for t, kb in class_kb.items()} if class_kb else {}
            if by_class:
                into = bytes_in.setdefault(route.target, {})
                for traffic, moved_bytes in by_class.items():
                    into[traffic] = into.get(traffic, 0.0) + moved_bytes
            links.append(
                LinkFlow(
                    route.source,
                    route.target,
                    tuple(route.links),
                    volumes,
                    request_bytes,
                    response_bytes,
                    crossing,
                    out,
                    by_class,
                )
            )
    components = {
        c.id: ComponentFlow(
            c.id,
            c.kind,
            month.arrived.get(c.id, NOTHING),
            month.absorbed.get(c.id, NOTHING),
            month.forwarded.get(c.id, NOTHING),
            month.stopped.get(c.id, NOTHING),
            month.unserved.get(c.id, NOTHING),
            month.hits.get(c.id, 0.0),
            cross.get(c.id, 0.0),
            internet.get(c.id, 0.0),
            bytes_in.get(c.id, NOTHING),
        )
        for c in model.components
    }
    return Flows(model.traffic, components, tuple(links), nat_bytes, routes.entries, routes)
