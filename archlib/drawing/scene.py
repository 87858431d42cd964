"""What a diagram shows, worked out once from the model; DOT and Mermaid only differ in syntax.

Everything here is ordered by the model's own order (components, links, subnets), never by
set or dict iteration of unordered data, so the drawing is the same on every run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from archlib.drawing.highlight import Mark
from archlib.model import (
    KIND_NAMES,
    Architecture,
    Cache,
    Cdn,
    Client,
    ComponentBase,
    ComputeTier,
    DataWarehouse,
    Dns,
    Host,
    LoadBalancer,
    NatGateway,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
    Worker,
)
from archlib.model.links import Link, LinkMode
from archlib.model.network import Subnet

ClusterStyle = Literal["vpc", "subnets", "autoscale", "host", "sql", "group"]
Shape = Literal["person", "box", "cylinder", "queue", "round"]


@dataclass(frozen=True)
class SceneNode:
    id: str
    kind: str
    title: str
    detail: str
    shape: Shape
    mark: Mark | None = None

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
    so the edge is laid out queue -> worker with the arrowhead at the queue.
    """

    tail: str
    head: str
    label: str
    mode: LinkMode
    soft: bool
    backwards: bool = False


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

    def clusters(self) -> list[SceneCluster]:
        found: list[SceneCluster] = []

        def walk(cluster: SceneCluster) -> None:
            for child in cluster.clusters:
                found.append(child)
                walk(child)

        walk(self.root)
        return found


def build_scene(model: Architecture, highlight: Mapping[str, Mark] | None = None) -> Scene:
    marks = dict(highlight or {})
    unknown = sorted(set(marks) - {c.id for c in model.components})
    if unknown:
        raise ValueError(f"highlight names unknown components: {', '.join(unknown)}")
    nodes = {
        c.id: _node(model, c, marks.get(c.id)) for c in model.components if not isinstance(c, Host)
    }
    root = SceneCluster("root", "", "group")
    where = _place(model, root, nodes, marks)
    edges = _edges(model)
    rows = _rows(model, edges, where)
    return Scene(model.title, root, nodes, edges, rows, _order(rows, edges, where))


# Nodes


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _spread(model: Architecture, component: ComponentBase) -> str:
    azs = model.azs_of(component)
    if not azs:
        return ""
    return f"AZ {azs[0]}" if len(azs) == 1 else f"{len(azs)} AZs"


def _join(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _detail(model: Architecture, c: ComponentBase) -> str:
    spread = _spread(model, c)
    if isinstance(c, ComputeTier):
        if c.host is not None:
            return f"on {c.host}"
        if isinstance(c, Worker) and c.runtime == "lambda":
            return "Lambda"
        if c.autoscaling is not None:
            count = f"x{c.autoscaling.min}-{c.autoscaling.max}"
        else:
            count = f"x{c.count}"
        return _join(count, spread)
    if isinstance(c, RelationalDatabase):
        if c.host is not None:
            return f"on {c.host}"
        if c.is_replica:
            return _join(f"x{c.count} replicas", spread)
        if c.partitioning is not None:
            names = "/".join(p.name for p in c.partitioning.partitions)
            return _join(f"{c.partitioning.strategy}: {names}", spread)
        if c.multi_az:
            return _join("master + standby", spread)
        return "single instance"
    if isinstance(c, Cache):
        shards = f" x {_plural(c.shards, 'shard')}" if c.shards > 1 else ""
        return _join(f"{_plural(c.nodes, 'node')}{shards}", spread)
    if isinstance(c, DataWarehouse):
        return _join(_plural(c.nodes, "node"), spread)
    if isinstance(c, LoadBalancer):
        kind = "ALB" if c.type == "application" else "NLB"
        return _join(f"{c.scheme} {kind}", spread)
    if isinstance(c, NatGateway):
        return spread
    return ""


def _shape(c: ComponentBase) -> Shape:
    if isinstance(c, Client):
        return "person"
    if isinstance(c, Queue):
        return "queue"
    if isinstance(c, RelationalDatabase | NoSqlTable | DataWarehouse | ObjectStore | Cache):
        return "cylinder"
    if isinstance(c, Dns | Cdn):
        return "round"
    return "box"


def _node(model: Architecture, c: ComponentBase, mark: Mark | None) -> SceneNode:
    title = c.display_name
    said = title.lower()
    detail = _join(*(p for p in _detail(model, c).split(", ") if p.lower() not in said))
    return SceneNode(c.id, KIND_NAMES[type(c)], title, detail, _shape(c), mark)


# Clusters


def _tier_of(subnet: Subnet) -> str:
    """`app-a` in AZ `a` belongs to tier `app`; a name without the AZ suffix is its own tier."""
    suffix = f"-{subnet.az}"
    return subnet.id[: -len(suffix)] if subnet.id.endswith(suffix) else subnet.id


def _tier_label(model: Architecture, tier: str) -> str:
    members = [s for s in model.network.subnets if _tier_of(s) == tier]
    types = {s.type for s in members}
    kind = types.pop() if len(types) == 1 else "mixed"
    noun = "subnet" if len(members) == 1 else "subnets"
    cidrs = ", ".join(f"{s.az}: {s.cidr}" for s in members)
    described = f"{kind} {noun} ({cidrs})"
    return described if tier == kind else f"{tier}: {described}"


def _tier_path(model: Architecture, c: ComponentBase) -> list[str]:
    """The clusters a component sits in from the VPC down: [] outside the VPC."""
    subnets = model.subnets_of(c)
    if not subnets:
        return ["vpc"] if c.traits.in_vpc else []
    tiers = list(dict.fromkeys(_tier_of(s) for s in subnets))
    return ["vpc", f"tier-{tiers[0]}"] if len(tiers) == 1 else ["vpc"]


def _sql_groups(model: Architecture) -> dict[str, str]:
    """Component id -> the primary whose group it joins: its replicas and their balancers."""
    databases = list(model.of_type(RelationalDatabase))
    members: dict[str, str] = {}
    for replica in databases:
        if replica.replica_of is not None:
            members[replica.id] = replica.replica_of
    for primary in dict.fromkeys(members.values()):
        members[primary] = primary
    targets_of: dict[str, set[str]] = {}
    for link in model.links:
        targets_of.setdefault(link.source, set()).add(link.target)
    for balancer in model.of_type(LoadBalancer):
        targets = targets_of.get(balancer.id, set())
        owners = {members.get(t) for t in targets}
        if targets and len(owners) == 1 and None not in owners:
            members[balancer.id] = owners.pop()  # type: ignore[assignment]
    return members


def _place(
    model: Architecture,
    root: SceneCluster,
    nodes: dict[str, SceneNode],
    marks: Mapping[str, Mark],
) -> dict[str, list[str]]:
    """Put each node in its cluster; returns each node's cluster ids, outermost first."""
    index: dict[str, SceneCluster] = {"root": root}
    paths: dict[str, list[str]] = {}

    def cluster(path: list[tuple[str, str, ClusterStyle, Mark | None]]) -> SceneCluster:
        parent = root
        for key, label, style, mark in path:
            if key not in index:
                index[key] = SceneCluster(key, label, style, mark)
                parent.clusters.append(index[key])
            parent = index[key]
        return parent

    vpc_label = f"VPC {model.network.vpc_cidr} ({model.region})"
    sql = _sql_groups(model)
    for c in model.components:
        if c.id not in nodes:
            continue
        path: list[tuple[str, str, ClusterStyle, Mark | None]] = []
        for key in _tier_path(model, c):
            if key == "vpc":
                path.append(("vpc", vpc_label, "vpc", None))
            else:
                tier = key.removeprefix("tier-")
                path.append((key, _tier_label(model, tier), "subnets", None))
        host_id = getattr(c, "host", None)
        if host_id is not None:
            host = model.component(host_id)
            assert isinstance(host, Host)
            label = _join(f"{host.display_name} {host.instance_type}", _spread(model, host))
            if host.elastic_ip:
                label += ", Elastic IP"
            path.append((f"host-{host.id}", label, "host", marks.get(host.id)))
        elif c.id in sql:
            primary = model.component(sql[c.id])
            path.append((f"sql-{primary.id}", "SQL: master-slave and read replicas", "sql", None))
        elif isinstance(c, ComputeTier) and c.autoscaling is not None:
            scaling = c.autoscaling
            label = f"Autoscale {scaling.min}-{scaling.max} (baseline {scaling.baseline})"
            path.append((f"asg-{c.id}", label, "autoscale", None))
        if c.layout is not None and c.layout.group is not None:
            path.append((f"group-{c.layout.group}", c.layout.group, "group", None))
        cluster(path).nodes.append(c.id)
        paths[c.id] = [key for key, *_ in path]
    return paths


def _longest_paths(flow: Any, floor: Mapping[str, int]) -> dict[str, int]:
    """Each node's row: the longest path reaching it, and at least its floor (cycles share)."""
    import networkx as nx

    condensed = nx.condensation(flow)
    members = condensed.graph["mapping"]
    lowest: dict[int, int] = {}
    for node, group in members.items():
        lowest[group] = max(lowest.get(group, 0), floor.get(node, 0))
    level: dict[int, int] = {}
    for group in nx.topological_sort(condensed):
        parents = [level[p] + 1 for p in condensed.predecessors(group)]
        level[group] = max([lowest[group], *parents])
    return {node: level[members[node]] for node in flow}


def _rows(
    model: Architecture, edges: list[SceneEdge], where: dict[str, list[str]]
) -> list[list[str]]:
    """Rows top to bottom: the longest request path from the client, as in the source's figures.

    Subnet tiers stack (public above app above data) so no two tiers share a row and edges
    run down rather than across them. A stated `layout.rank` wins; DNS asked only by clients
    sits beside them; a primary sits beside its read replicas; a component with no links
    joins the top row of its cluster.
    """
    import networkx as nx

    drawn = [c for c in model.components if c.id in where]
    flow: nx.DiGraph = nx.DiGraph()
    flow.add_nodes_from(c.id for c in drawn)
    flow.add_edges_from(
        (e.tail, e.head) for e in edges if e.mode != "replication" and e.tail in where
    )
    callers = {c.id: list(flow.predecessors(c.id)) for c in drawn}
    depth = _longest_paths(flow, {})
    tiers: dict[str, list[str]] = {}
    for c in drawn:
        tier = next((key for key in where[c.id] if key.startswith("tier-")), None)
        if tier is not None and (callers[c.id] or list(flow.successors(c.id))):
            tiers.setdefault(tier, []).append(c.id)
    floor: dict[str, int] = {}
    bottom = -1
    for members in sorted(tiers.values(), key=lambda ms: min(depth[m] for m in ms)):
        for member in members:
            floor[member] = bottom + 1
        depth = _longest_paths(flow, floor)
        bottom = max(depth[m] for m in members)
    for c in drawn:
        successors = list(flow.successors(c.id))
        if callers[c.id] or not successors or isinstance(c, Client):
            continue
        depth[c.id] = max(0, min(depth[s] for s in successors) - 1)
    clients = {c.id for c in model.of_type(Client)}
    for dns in model.of_type(Dns):
        if dns.id in depth and callers[dns.id] and set(callers[dns.id]) <= clients:
            depth[dns.id] = min(depth[client] for client in callers[dns.id])
    for replica in model.of_type(RelationalDatabase):
        if replica.replica_of and replica.id in depth and replica.replica_of in depth:
            lowest = max(depth[replica.id], depth[replica.replica_of])
            depth[replica.id] = depth[replica.replica_of] = lowest
    linked = {e.tail for e in edges} | {e.head for e in edges}
    for c in drawn:
        if c.id in linked:
            continue
        cluster = where[c.id][-1:]
        neighbours = [depth[o] for o, p in where.items() if p[-1:] == cluster and o in linked]
        if neighbours:
            depth[c.id] = min(neighbours)
        else:
            del depth[c.id]
    for c in drawn:
        if c.layout is not None and c.layout.rank is not None:
            depth[c.id] = c.layout.rank
    rows: dict[int, list[str]] = {}
    for c in drawn:
        if c.id in depth:
            rows.setdefault(depth[c.id], []).append(c.id)
    return [rows[number] for number in sorted(rows)]


def _order(
    rows: list[list[str]], edges: list[SceneEdge], where: dict[str, list[str]]
) -> list[tuple[str, str]]:
    linked = {e.tail for e in edges} | {e.head for e in edges}
    pairs: list[tuple[str, str]] = []
    for row in rows:
        loose = [node for node in row if node not in linked]
        for left, right in pairwise(loose):
            if where[left] == where[right]:
                pairs.append((left, right))
    return pairs


# Edges


def _link_label(link: Link) -> str:
    port = f":{link.port}" if link.port is not None else ""
    return " ".join(part for part in (link.purpose or "", port) if part)


def _is_consumer(model: Architecture, link: Link) -> bool:
    return isinstance(model.component(link.target), Queue) and isinstance(
        model.component(link.source), Worker
    )


def _edges(model: Architecture) -> list[SceneEdge]:
    """One edge per caller, callee and style; parallel links (443 and 80) share it."""
    hosts = {c.id for c in model.of_type(Host)}
    grouped: dict[tuple[str, str, LinkMode, bool, bool], list[str]] = {}
    for link in model.links:
        if link.source in hosts or link.target in hosts:
            continue
        backwards = _is_consumer(model, link)
        tail, head = (link.target, link.source) if backwards else (link.source, link.target)
        key = (tail, head, link.mode, link.dependency == "soft", backwards)
        labels = grouped.setdefault(key, [])
        label = _link_label(link)
        if label and label not in labels:
            labels.append(label)
    return [
        SceneEdge(tail, head, "\n".join(labels), mode, soft, backwards)
        for (tail, head, mode, soft, backwards), labels in grouped.items()
    ]
