"""What every rule reads: the model, its graph and the date, with shared analyses built once.

Rules of any category take a `CheckContext`; an analysis several rules need belongs here as a
cached property, so it runs at most once per check however many rules read it.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from archlib.checks.dominance import immediate_dominators, reachable
from archlib.model import Architecture, ArchitectureGraph
from archlib.model.components import (
    Cache,
    Client,
    Component,
    ComputeTier,
    LoadBalancer,
    PlacedComponent,
    RelationalDatabase,
    field_or,
)
from archlib.model.exposure import (
    EffectiveRule,
    ingress_of,
    link_port,
    link_protocol,
    world_unions,
)
from archlib.model.links import Link
from archlib.model.network import Subnet

if TYPE_CHECKING:
    from archlib.capacity import Assumptions, CapacityReport
    from archlib.cost import CostEstimate
    from archlib.traffic import Flows

_ROOT = "<entry>"
"""A node no component id can equal: the common start of every request path."""
SAMPLE = 3
"""Stores named in a chokepoint's description; the rest are counted."""
FailureGraph = dict[str, dict[str, None]]
"""Failure unit -> the units it depends on hard, as an ordered set (a link counted once)."""


def is_hard(link: Link) -> bool:
    """A request needs the answer (as `ArchitectureGraph.hard_graph` counts it)."""
    return link.dependency == "hard" and link.mode != "replication"


@dataclass(frozen=True)
class Chokepoint:
    """A unit every request path to some required stores passes through."""

    stores: tuple[str, ...]
    """The first few of those stores, in model order (a store may be the unit itself)."""
    total: int


@dataclass(frozen=True)
class CheckContext:
    model: Architecture
    graph: ArchitectureGraph
    today: dt.date

    assumptions: Assumptions | None = None
    """The capacity assumptions the capacity rules judge by (default: the bundled table)."""

    @classmethod
    def of(
        cls,
        model: Architecture,
        today: dt.date | None = None,
        assumptions: Assumptions | None = None,
        capacity: CapacityReport | None = None,
    ) -> CheckContext:
        """`capacity`: an analysis of this model with these assumptions the caller already
        has (a series of stages analyses each once), so the rules judge that one."""
        context = cls(model, ArchitectureGraph.of(model), today or dt.date.today(), assumptions)
        if capacity is not None:
            context.__dict__["_capacity_outcome"] = (capacity, None)
        return context

    @cached_property
    def flows(self) -> Flows:
        """The model's traffic along its links, once, for the cost and capacity rules alike."""
        from archlib.traffic import compute

        return compute(self.model)

    @cached_property
    def cost_estimate(self) -> CostEstimate:
        """The model priced from the bundled snapshot, once, for every cost rule."""
        from archlib.cost import estimate

        return estimate(self.model, flows=self.flows)

    @cached_property
    def _capacity_outcome(self) -> tuple[CapacityReport | None, str | None]:
        from archlib.capacity import analyse
        from archlib.errors import InputError

        try:
            return analyse(self.model, self.assumptions, graph=self.graph, flows=self.flows), None
        except InputError as error:
            return None, str(error)

    @property
    def capacity(self) -> CapacityReport | None:
        """Load against capacity at peak, once, for every capacity rule; None when the
        capacity table cannot size the model (`capacity_error` says why)."""
        return self._capacity_outcome[0]

    @property
    def capacity_error(self) -> str | None:
        return self._capacity_outcome[1]

    # Look-ups (the model's own helpers scan lists; these are dictionaries).

    @property
    def components(self) -> dict[str, Component]:
        return self.graph.components

    @property
    def subnets(self) -> dict[str, Subnet]:
        return self.graph.subnets

    @property
    def hosts(self) -> dict[str, str]:
        """Component id -> the host it runs on, for hosted components only."""
        return self.graph.hosts

    def host_of(self, component: Component) -> Component:
        """The component whose failure takes this one down: its shared host, or itself."""
        return self.graph.host_of(component)

    def subnets_of(self, component: Component) -> list[Subnet]:
        return self.graph.subnets_of(component)

    def azs_of(self, component: Component) -> list[str]:
        return self.graph.azs_of(component)

    @cached_property
    def residents(self) -> dict[str, list[str]]:
        """Host id -> the components running on it, in model order."""
        hosted: dict[str, list[str]] = {}
        for component_id, host in self.hosts.items():
            hosted.setdefault(host, []).append(component_id)
        return hosted

    def is_local(self, link: Link) -> bool:
        """Both ends run on one host: the flow never leaves the machine."""
        source = self.hosts.get(link.source)
        return source is not None and source == self.hosts.get(link.target)

    def port_of(self, link: Link) -> int | None:
        return link_port(self.model, link, self.components[link.target])

    def protocol_of(self, link: Link) -> str:
        return link_protocol(self.model, link, self.components[link.target])

    def ingress(self, component: Component) -> list[EffectiveRule]:
        """The component's rules, then one per port span that several CIDRs open together to
        the whole internet (see `world_unions`)."""
        rules = self.guarded.get(component.id)
        if rules is not None:
            return rules
        return self._with_unions(component)

    @cached_property
    def guarded(self) -> dict[str, list[EffectiveRule]]:
        """Components behind a security group (their own, or their host's) and its rules."""
        return {
            component.id: self._with_unions(component)
            for component in self.model.components
            if isinstance(self.host_of(component), PlacedComponent)
        }

    def _with_unions(self, component: Component) -> list[EffectiveRule]:
        rules = ingress_of(
            self.model, component, self.graph.incoming[component.id], self.components
        )
        return rules + world_unions(rules)

    def component_index(self, component_id: str) -> int:
        return self.component_indexes[component_id]

    @cached_property
    def component_indexes(self) -> dict[str, int]:
        return {c.id: index for index, c in enumerate(self.model.components)}

    @cached_property
    def link_indexes(self) -> dict[str, int]:
        indexes: dict[str, int] = {}
        for index, link in enumerate(self.model.links):
            indexes.setdefault(link.key, index)
        return indexes

    # Request paths.

    @cached_property
    def entry_points(self) -> list[str]:
        return self.graph.entry_points()

    @cached_property
    def hard_reachable(self) -> frozenset[str]:
        """Components some request needs: reachable from an entry point over hard links."""
        reached = set(self.entry_points)
        pending = list(reached)
        while pending:
            for link in self.graph.outgoing[pending.pop()]:
                if is_hard(link) and link.target not in reached:
                    reached.add(link.target)
                    pending.append(link.target)
        return frozenset(reached)

    @cached_property
    def failure_graph(self) -> FailureGraph:
        """Hard dependencies between failure units: a hosted component is its host."""
        return self._failure_graph(None)

    def _failure_graph(self, request_class: str | None) -> FailureGraph:
        """Only the links that carry `request_class` (or every class), when one is given."""
        graph: FailureGraph = {_ROOT: {}}

        def add(source: str, target: str) -> None:
            graph.setdefault(source, {})[target] = None
            graph.setdefault(target, {})

        for entry in self.entry_points:
            add(_ROOT, self.host_of(self.components[entry]).id)
        for link in self.model.links:
            if not is_hard(link):
                continue
            if request_class is not None and link.traffic not in (request_class, "all"):
                continue
            source = self.host_of(self.components[link.source]).id
            target = self.host_of(self.components[link.target]).id
            if source != target:
                add(source, target)
        return graph

    @cached_property
    def required_stores(self) -> list[str]:
        """Failure units holding data that some request cannot do without, in model order."""
        stores = []
        seen: set[str] = set()
        for component in self.model.components:
            if component.traits.stores_data and component.id in self.hard_reachable:
                unit = self.host_of(component).id
                if unit not in seen:
                    seen.add(unit)
                    stores.append(unit)
        return stores

    @cached_property
    def chokepoints(self) -> dict[str, Chokepoint]:
        """Failure units that lie on every path from the entry points to some required store."""
        return _chokepoints(self.failure_graph, self.required_stores)

    @cached_property
    def request_classes(self) -> tuple[str, ...]:
        """The classes of request (reads, writes, ...) that links route apart, sorted."""
        named = {link.traffic for link in self.model.links if is_hard(link)}
        return tuple(sorted(named - {"all", "replication"}))

    @cached_property
    def class_chokepoints(self) -> dict[str, dict[str, Chokepoint]]:
        """Per request class: units every request of that class to some store passes through.

        A tier that all reads (or all writes) need is a single point of failure for them
        even when the other class takes another path past it.
        """
        found: dict[str, dict[str, Chokepoint]] = {}
        for request_class in self.request_classes:
            graph = self._failure_graph(request_class)
            reached = reachable(graph, _ROOT)
            stores = [store for store in self.required_stores if store in reached]
            found[request_class] = _chokepoints(graph, stores)
        return found

    @cached_property
    def unredundant_chokepoints(self) -> dict[str, tuple[str, ...]]:
        """SPOF001's subjects: unit -> the request classes it stops (empty: every request).

        Databases and caches are left to SPOF003 and SPOF004. Rules that would restate the
        same root cause for these units (its one AZ, its residents, a database it hosts,
        its loss with an AZ) leave it to SPOF001.
        """

        def reported(unit_id: str) -> bool:
            unit = self.components[unit_id]
            excluded = isinstance(unit, Client | RelationalDatabase | Cache)
            return not excluded and not self.is_redundant(unit)

        units: dict[str, tuple[str, ...]] = {u: () for u in self.chokepoints if reported(u)}
        for request_class, chokepoints in self.class_chokepoints.items():
            for unit_id in chokepoints:
                if unit_id not in self.chokepoints and reported(unit_id):
                    units[unit_id] = (*units.get(unit_id, ()), request_class)
        return dict(sorted(units.items()))

    # Redundancy.

    def is_redundant(self, component: Component) -> bool:
        """Survives the loss of one instance (an AZ spread is `SPOF002`'s concern).

        Managed regional services are redundant; a load balancer is once it spans two AZs.
        """
        unit = self.host_of(component)
        if isinstance(unit, Client) or unit.traits.managed_regional:
            return True
        multi_az = len(self.azs_of(unit)) >= 2
        if isinstance(unit, LoadBalancer):
            return multi_az
        if isinstance(unit, ComputeTier):
            return not unit.uses_instances or unit.min_instances >= 2
        if isinstance(unit, RelationalDatabase):  # a standby needs a subnet in a second AZ
            return multi_az and (unit.multi_az or (unit.is_replica and unit.count >= 2))
        if isinstance(unit, Cache):
            return unit.nodes >= 2 and unit.automatic_failover and unit.multi_az and multi_az
        count = field_or(unit, "nodes", 1)
        return isinstance(count, int) and count >= 2


def _chokepoints(graph: FailureGraph, required: list[str]) -> dict[str, Chokepoint]:
    """Nodes that lie on every path from the root to some required store.

    Such a node dominates the store (a store dominates itself). One pass up the dominator
    tree counts the stores below each node, keeping the first few names for messages, so
    the cost stays linear in the size of the graph.
    """
    dominators = immediate_dominators(graph, _ROOT)
    children: dict[str, list[str]] = {}
    for node, parent in dominators.items():
        if node != parent:
            children.setdefault(parent, []).append(node)
    rank = {store: index for index, store in enumerate(required)}
    totals: dict[str, int] = {}
    samples: dict[str, list[str]] = {}
    stack: list[tuple[str, bool]] = [(_ROOT, False)]
    while stack:
        node, expanded = stack.pop()
        if not expanded:
            stack.append((node, True))
            stack.extend((child, False) for child in children.get(node, []))
            continue
        below = children.get(node, [])
        own = [node] if node in rank else []
        if not below:
            totals[node], samples[node] = len(own), own
            continue
        totals[node] = len(own) + sum(totals[child] for child in below)
        merged = own + [store for child in below for store in samples[child]]
        samples[node] = heapq.nsmallest(SAMPLE, merged, key=rank.__getitem__)
    return {
        node: Chokepoint(tuple(samples[node]), total)
        for node, total in totals.items()
        if total and node != _ROOT
    }
