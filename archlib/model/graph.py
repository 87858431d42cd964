"""Look-up tables checks and exporters need, built once, and a networkx view on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from archlib.model.architecture import Architecture, azs_in_order, placement_subnets
from archlib.model.components import (
    Client,
    Component,
    ComputeTier,
    NatGateway,
    RelationalDatabase,
)
from archlib.model.links import Link
from archlib.model.network import Subnet

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class ArchitectureGraph:
    """Component ids to components, links, subnets, AZs and hosts, as dictionaries.

    The networkx view (`graph`) is built on first use: the indexes are plain dictionaries, so
    commands that only look things up never import networkx.
    """

    model: Architecture
    components: dict[str, Component] = field(repr=False)
    outgoing: dict[str, list[Link]] = field(repr=False)
    incoming: dict[str, list[Link]] = field(repr=False)
    subnets: dict[str, Subnet] = field(repr=False)
    placed_in: dict[str, list[Subnet]] = field(repr=False)
    """Component id -> the subnets its network interfaces sit in (its host's, if shared)."""
    zones: dict[str, list[str]] = field(repr=False)
    """Component id -> its AZs, in the network's order."""
    hosts: dict[str, str] = field(repr=False)
    """Component id -> the host it shares, for hosted components only."""

    @classmethod
    def of(cls, model: Architecture) -> ArchitectureGraph:
        components: dict[str, Component] = {}
        outgoing: dict[str, list[Link]] = {}
        incoming: dict[str, list[Link]] = {}
        for component in model.components:
            components[component.id] = component
            outgoing[component.id] = []
            incoming[component.id] = []
        for link in model.links:
            outgoing[link.source].append(link)
            incoming[link.target].append(link)
        subnets = {subnet.id: subnet for subnet in model.network.subnets}
        placed_in = {
            c.id: placement_subnets(c, components.__getitem__, subnets.__getitem__)
            for c in model.components
        }
        zones = {cid: azs_in_order(model.network.azs, s) for cid, s in placed_in.items()}
        hosts = {
            c.id: c.host
            for c in model.components
            if isinstance(c, ComputeTier | RelationalDatabase) and c.host is not None
        }
        return cls(model, components, outgoing, incoming, subnets, placed_in, zones, hosts)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """Nodes are component ids (attribute `component`); edges carry their `link`.

        A MultiDiGraph because two components may talk on several ports.
        """
        import networkx as nx

        graph: nx.MultiDiGraph = nx.MultiDiGraph(name=self.model.name)
        for component in self.model.components:
            graph.add_node(component.id, component=component, kind=component.kind)
        for index, link in enumerate(self.model.links):
            graph.add_edge(link.source, link.target, key=index, link=link)
        return graph

    @cached_property
    def residents(self) -> dict[str, list[Component]]:
        """Host id -> the components running on it, in model order."""
        hosted: dict[str, list[Component]] = {}
        for component_id, host in self.hosts.items():
            hosted.setdefault(host, []).append(self.components[component_id])
        return hosted

    def hosted_on(self, host_id: str) -> list[Component]:
        """`Architecture.hosted_on`, looked up."""
        return list(self.residents.get(host_id, ()))

    def host_of(self, component: Component) -> Component:
        """The component that owns the network interface (and fails with it): the shared
        host, or the component itself."""
        host_id = self.hosts.get(component.id)
        return self.components[host_id] if host_id is not None else component

    def subnets_of(self, component: Component) -> list[Subnet]:
        """`Architecture.subnets_of`, looked up."""
        return self.placed_in[component.id]

    def azs_of(self, component: Component) -> list[str]:
        return self.zones[component.id]

    def entry_points(self) -> list[str]:
        """Where requests start: the clients, or nodes nothing calls when there is no client.

        A NAT gateway is never called, yet takes no requests: it is never an entry point."""
        clients = [c.id for c in self.model.components if isinstance(c, Client)]
        if clients:
            return clients
        return [
            node
            for node, calls in self.incoming.items()
            if not calls and not isinstance(self.components[node], NatGateway)
        ]

    def hard_graph(self) -> nx.DiGraph:
        """Only the hard dependencies: the paths a request cannot do without."""
        import networkx as nx

        hard: nx.DiGraph = nx.DiGraph()
        hard.add_nodes_from(self.graph.nodes)
        hard.add_edges_from(
            (link.source, link.target)
            for link in self.model.links
            if link.dependency == "hard" and link.mode != "replication"
        )
        return hard
