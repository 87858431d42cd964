"""A networkx view of a model, with the look-up tables checks need, built once."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from archlib.model.architecture import Architecture
from archlib.model.components import Client, Component
from archlib.model.links import Link


@dataclass(frozen=True)
class ArchitectureGraph:
    """Nodes are component ids (attribute `component`); edges carry their `link`.

    `graph` is a MultiDiGraph because two components may talk on several ports.
    """

    model: Architecture
    graph: nx.MultiDiGraph
    components: dict[str, Component] = field(repr=False)
    outgoing: dict[str, list[Link]] = field(repr=False)
    incoming: dict[str, list[Link]] = field(repr=False)

    @classmethod
    def of(cls, model: Architecture) -> ArchitectureGraph:
        graph: nx.MultiDiGraph = nx.MultiDiGraph(name=model.name)
        components: dict[str, Component] = {}
        outgoing: dict[str, list[Link]] = {}
        incoming: dict[str, list[Link]] = {}
        for component in model.components:
            graph.add_node(component.id, component=component, kind=component.kind)
            components[component.id] = component
            outgoing[component.id] = []
            incoming[component.id] = []
        for index, link in enumerate(model.links):
            graph.add_edge(link.source, link.target, key=index, link=link)
            outgoing[link.source].append(link)
            incoming[link.target].append(link)
        return cls(model, graph, components, outgoing, incoming)

    def entry_points(self) -> list[str]:
        """Where requests start: the clients, or nodes nothing calls when there is no client."""
        clients = [c.id for c in self.model.components if isinstance(c, Client)]
        if clients:
            return clients
        return [node for node in self.graph.nodes if self.graph.in_degree(node) == 0]

    def hard_graph(self) -> nx.DiGraph:
        """Only the hard dependencies: the paths a request cannot do without."""
        hard: nx.DiGraph = nx.DiGraph()
        hard.add_nodes_from(self.graph.nodes)
        hard.add_edges_from(
            (link.source, link.target)
            for link in self.model.links
            if link.dependency == "hard" and link.mode != "replication"
        )
        return hard
