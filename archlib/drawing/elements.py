"""What a diagram is made of: nodes, clusters and edges, whatever the output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from archlib.drawing.detail import Detail
from archlib.drawing.highlight import Mark

ClusterStyle = Literal[
    "vpc",
    "public_subnets",
    "private_subnets",
    "subnets",
    "autoscale",
    "host",
    "sql",
    "partition",
    "group",
]
"""After AWS's architecture icons: a green VPC, green public and blue private subnets (a tier
of both kinds keeps the plain subnet style)."""
Shape = Literal["person", "box", "cylinder", "queue", "round"]
EdgeMode = Literal["sync", "async", "replication", "egress"]


@dataclass(frozen=True)
class SceneNode:
    id: str
    kind: str
    title: str
    detail: str
    shape: Shape
    mark: Mark | None = None
    component: str = ""
    """The component whose icon the node wears (the node's own id unless it stands for several)."""

    @property
    def label(self) -> str:
        return f"{self.title}\n{self.detail}" if self.detail else self.title


@dataclass
class SceneCluster:
    id: str
    label: str
    style: ClusterStyle
    mark: Mark | None = None
    nodes: list[str] = field(default_factory=list)
    clusters: list[SceneCluster] = field(default_factory=list)


@dataclass(frozen=True)
class SceneEdge:
    """Drawn from `tail` to `head`; `backwards` keeps the arrow on the caller's target.

    A worker polling a queue calls the queue, but the work flows from the queue to the worker,
    so the edge is laid out queue -> worker with the arrowhead at the queue. An end may be a
    cluster (a partitioned database, a subnet tier): see `Scene.endpoint`.
    """

    tail: str
    head: str
    label: str
    mode: EdgeMode
    soft: bool
    backwards: bool = False
    both: bool = False
    """Calls both ways (A calls B, B calls A): one line with a head at each end."""


@dataclass
class Scene:
    title: str
    root: SceneCluster
    nodes: dict[str, SceneNode]
    edges: list[SceneEdge]
    rows: list[list[str]] = field(default_factory=list)
    """Nodes drawn on the same row, top row first."""
    order: list[tuple[str, str]] = field(default_factory=list)
    """Pairs drawn left to right in their row: unlinked siblings in model order (NAT a, b)."""
    endpoints: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Edge ends that are clusters: end id -> (a node inside to aim at, the cluster id)."""
    detail: Detail = "full"
    coverage: str = ""
    """For an imported template: how much of it the diagram shows."""

    def clusters(self) -> list[SceneCluster]:
        found: list[SceneCluster] = []

        def walk(cluster: SceneCluster) -> None:
            for child in cluster.clusters:
                found.append(child)
                walk(child)

        walk(self.root)
        return found

    def endpoint(self, end: str) -> tuple[str, str | None]:
        """The node an edge end is drawn to, and the cluster it stops at (None: the node)."""
        if end in self.endpoints:
            return self.endpoints[end]
        return end, None


def members(cluster: SceneCluster) -> list[str]:
    found = list(cluster.nodes)
    for child in cluster.clusters:
        found.extend(members(child))
    return found
