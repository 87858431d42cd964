"""What every rule reads: the model, its graph and the date, with shared analyses built once.

Rules of any category take a `CheckContext`; an analysis several rules need belongs here as a
cached property, so it runs at most once per check however many rules read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from archlib.model import Architecture, ArchitectureGraph
from archlib.model.components import (
    Cache,
    Client,
    Component,
    ComputeTier,
    LoadBalancer,
    PlacedComponent,
    RelationalDatabase,
)
from archlib.model.exposure import EffectiveRule, ingress_of, link_port, link_protocol
from archlib.model.links import Link
from archlib.model.network import Subnet

if TYPE_CHECKING:
    import networkx as nx

    from archlib.capacity import CapacityReport
    from archlib.cost import CostEstimate

_ROOT = "<entry>"
"""A node no component id can equal: the common start of every request path."""
SAMPLE = 3
"""Stores named in a chokepoint's description; the rest are counted."""


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

    @classmethod
    def of(cls, model: Architecture, today: dt.date | None = None) -> CheckContext:
        return cls(model, ArchitectureGraph.of(model), today or dt.date.today())

    @cached_property
    def cost_estimate(self) -> CostEstimate:
        """The model priced from the bundled snapshot, once, for every cost rule."""
        from archlib.cost import estimate

        return estimate(self.model)

    @cached_property
    def _capacity_outcome(self) -> tuple[CapacityReport | None, str | None]:
        from archlib.capacity import analyse
        from archlib.errors import InputError

        try:
            return analyse(self.model, graph=self.graph), None
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
        rules = self.guarded.get(component.id)
        if rules is not None:
            return rules
        return ingress_of(self.model, component, self.graph.incoming[component.id], self.components)

    @cached_property
    def guarded(self) -> dict[str, list[EffectiveRule]]:
        """Components behind a security group (their own, or their host's) and its rules."""
        return {
            component.id: ingress_of(
                self.model, component, self.graph.incoming[component.id], self.components
            )
            for component in self.model.components
            if isinstance(self.host_of(component), PlacedComponent)
        }

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
    def failure_graph(self) -> nx.DiGraph:
        """Hard dependencies between failure units: a hosted component is its host."""
        import networkx as nx

        graph: nx.DiGraph = nx.DiGraph()
        graph.add_node(_ROOT)
        for entry in self.entry_points:
            graph.add_edge(_ROOT, self.host_of(self.components[entry]).id)
        for link in self.model.links:
            if not is_hard(link):
                continue
            source = self.host_of(self.components[link.source]).id
            target = self.host_of(self.components[link.target]).id
            if source != target:
                graph.add_edge(source, target)
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
        """Failure units that lie on every path from the entry points to some required store.

        Such a unit dominates the store (a store dominates itself). One pass up the dominator
        tree counts the stores below each node, keeping the first few names for messages,
        so the cost stays linear in the size of the model.
        """
        import networkx as nx

        dominators = nx.immediate_dominators(self.failure_graph, _ROOT)
        children: dict[str, list[str]] = {}
        for node, parent in dominators.items():
            if node != parent:
                children.setdefault(parent, []).append(node)
        rank = {store: index for index, store in enumerate(self.required_stores)}
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
            totals[node] = len(own) + sum(totals[child] for child in below)
            merged = own + [store for child in below for store in samples[child]]
            samples[node] = sorted(merged, key=rank.__getitem__)[:SAMPLE]
        return {
            node: Chokepoint(tuple(samples[node]), total)
            for node, total in totals.items()
            if total and node != _ROOT
        }

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
        count = getattr(unit, "nodes", 1)
        return isinstance(count, int) and count >= 2
