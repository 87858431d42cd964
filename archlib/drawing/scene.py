"""What a diagram shows, worked out once from the model; DOT and Mermaid only differ in syntax.

Everything here is ordered by the model's own order (components, links, subnets), never by
set or dict iteration of unordered data, so the drawing is the same on every run. Look-ups go
through dictionaries built once, so a scene is built in time linear in the model's size.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from archlib.drawing import rows as row_layout
from archlib.drawing.detail import (
    GROUP_AT,
    MAX_LABEL_LINES,
    Detail,
    folds_into_links,
    is_plumbing,
)
from archlib.drawing.highlight import Mark, strongest
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
from archlib.model.architecture import azs_in_order, placement_subnets
from archlib.model.links import Link, LinkMode
from archlib.model.network import Subnet

ClusterStyle = Literal["vpc", "subnets", "autoscale", "host", "sql", "partition", "group"]
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


class _Index:
    """The model's look-ups by id, built once."""

    def __init__(self, model: Architecture) -> None:
        self.model = model
        self.components = {c.id: c for c in model.components}
        self.subnets = {s.id: s for s in model.network.subnets}
        self._placed: dict[str, list[Subnet]] = {}
        self._tier_labels: dict[str, str] = {}
        self.targets: dict[str, list[Link]] = {}
        for link in model.links:
            self.targets.setdefault(link.source, []).append(link)

    def subnets_of(self, component: ComponentBase) -> list[Subnet]:
        if component.id not in self._placed:
            self._placed[component.id] = placement_subnets(
                component, self.components.__getitem__, self.subnets.__getitem__
            )
        return self._placed[component.id]

    def tier_label(self, tier: str) -> str:
        if not self._tier_labels:
            tiers: dict[str, list[Subnet]] = {}
            for subnet in self.model.network.subnets:
                tiers.setdefault(_tier_of(subnet), []).append(subnet)
            for name, members in tiers.items():
                self._tier_labels[name] = _tier_label(name, members)
        return self._tier_labels[tier]

    def azs_of(self, component: ComponentBase) -> list[str]:
        return azs_in_order(self.model.network.azs, self.subnets_of(component))


@dataclass
class _Unit:
    """What edges connect: one node, or a partitioned database drawn as a cluster of them."""

    id: str
    members: list[ComponentBase]
    place: list[tuple[str, str, ClusterStyle]]

    @property
    def first(self) -> ComponentBase:
        return self.members[0]


def build_scene(
    model: Architecture,
    highlight: Mapping[str, Mark] | None = None,
    detail: Detail = "full",
) -> Scene:
    marks = dict(highlight or {})
    index = _Index(model)
    unknown = sorted(set(marks) - set(index.components))
    if unknown:
        raise ValueError(f"highlight names unknown components: {', '.join(unknown)}")
    left_out, folded = _left_out(index, detail)
    units = _units(index, detail, left_out | folded)
    unit_of = {member.id: unit.id for unit in units for member in unit.members}
    root = SceneCluster("root", "", "group")
    clusters: dict[str, SceneCluster] = {"root": root}
    nodes: dict[str, SceneNode] = {}
    drawn: dict[str, list[str]] = {}
    where: dict[str, list[str]] = {}
    endpoints: dict[str, tuple[str, str]] = {}
    for unit in units:
        mark = _strongest(marks, unit.members)
        home = _cluster(root, clusters, unit.place)
        where[unit.id] = [key for key, _, _ in unit.place]
        partitioning = getattr(unit.first, "partitioning", None)
        if partitioning is not None and len(unit.members) == 1:
            part = SceneCluster(f"part-{unit.id}", _partition_label(unit.first), "partition", mark)
            home.clusters.append(part)
            clusters[part.id] = part
            base = _node(index, unit.first, None)
            for partition in partitioning.partitions:
                node_id = f"{unit.id}--{partition.name}"
                title = partition.name if partition.description is None else partition.description
                nodes[node_id] = SceneNode(
                    node_id, base.kind, title, base.detail, base.shape, None, unit.first.id
                )
                part.nodes.append(node_id)
            drawn[unit.id] = list(part.nodes)
            endpoints[unit.id] = (part.nodes[0], part.id)
            continue
        node = _node(index, unit.first, mark) if len(unit.members) == 1 else None
        if node is None:
            node = _group_node(unit, mark)
        elif detail != "full":
            node = _with_bounds(index, unit.first, node)
        nodes[unit.id] = node
        home.nodes.append(unit.id)
        drawn[unit.id] = [unit.id]
    for key, cluster in clusters.items():
        if cluster.style == "host":
            cluster.mark = marks.get(key.removeprefix("host-"))
    edges = _edges(index, unit_of, folded)
    row_edges = [row_layout.RowEdge(e.tail, e.head, e.mode == "replication") for e in edges]
    representative = {unit.id: unit.first for unit in units}
    unit_rows = row_layout.rows([u.id for u in units], representative, row_edges, where)
    unit_order = row_layout.order(unit_rows, row_edges, where)
    rows = [[node for unit in row for node in drawn[unit]] for row in unit_rows]
    order = [(drawn[left][-1], drawn[right][0]) for left, right in unit_order]
    for _, cluster_id in endpoints.values():
        order += pairwise(clusters[cluster_id].nodes)  # shards in the model's order
    if detail != "overview":
        edges += _egress(index, clusters, unit_of, rows, endpoints)
    return Scene(model.title, root, nodes, edges, rows, order, endpoints, detail)


def _strongest(marks: Mapping[str, Mark], members: list[ComponentBase]) -> Mark | None:
    found = [marks[m.id] for m in members if m.id in marks]
    return strongest(found) if found else None


def _cluster(
    root: SceneCluster,
    index: dict[str, SceneCluster],
    path: list[tuple[str, str, ClusterStyle]],
) -> SceneCluster:
    parent = root
    for key, label, style in path:
        if key not in index:
            index[key] = SceneCluster(key, label, style)
            parent.clusters.append(index[key])
        parent = index[key]
    return parent


# What each level leaves out


def _left_out(index: _Index, detail: Detail) -> tuple[set[str], set[str]]:
    """(components not drawn at all, internal load balancers folded into their links)."""
    hosts = {c.id for c in index.model.components if isinstance(c, Host)}
    if detail != "overview":
        return hosts, set()
    plumbing = {c.id for c in index.model.components if is_plumbing(c)}
    folded = {
        c.id for c in index.model.components if folds_into_links(c, bool(index.targets.get(c.id)))
    }
    return hosts | plumbing, folded


def _units(index: _Index, detail: Detail, skipped: set[str]) -> list[_Unit]:
    """Drawn units in model order; in an overview, fleets of one kind in one place merge."""
    model = index.model
    units: list[_Unit] = []
    by_key: dict[tuple[str, tuple[str, ...]], _Unit] = {}  # (what it is, where it is)
    sql = _sql_groups(index)
    for c in model.components:
        if c.id in skipped:
            continue
        place = _place(index, c, sql, detail)
        if detail == "overview" and getattr(c, "partitioning", None) is None:
            key = (_fleet_title(c), tuple(_fleet_key(k) for k, _, _ in place))
            if key in by_key:
                by_key[key].members.append(c)
                continue
            unit = _Unit(c.id, [c], place)
            by_key[key] = unit
        else:
            unit = _Unit(c.id, [c], place)
        units.append(unit)
    merged: list[_Unit] = []
    for unit in units:
        if len(unit.members) >= GROUP_AT:
            unit.place = [(_fleet_key(k), label, style) for k, label, style in unit.place]
            where = "--".join(k for k, _, _ in unit.place)
            unit.id = re.sub(r"[^a-z0-9]+", "-", _fleet_title(unit.first).lower()).strip("-")
            unit.id += "--all"
            unit.id += f"--{where}" if where else ""
            merged.append(unit)
        elif len(unit.members) > 1:
            merged.extend(_Unit(m.id, [m], unit.place) for m in unit.members)
        else:
            merged.append(unit)
    position = {c.id: n for n, c in enumerate(model.components)}
    return sorted(merged, key=lambda u: position[u.first.id])


def _fleet_title(c: ComponentBase) -> str:
    """What a fleet of one kind is called; read replicas are not their primaries' fleet."""
    if isinstance(c, RelationalDatabase) and c.is_replica:
        return f"{c.traits.title} read replicas"
    if isinstance(c, Worker) and c.runtime == "lambda":
        return f"{c.traits.title} (Lambda)"
    return c.traits.title


def _fleet_key(cluster_key: str) -> str:
    """SQL groups of many primaries are alike: their fleets merge into one group."""
    return "sql-all" if cluster_key.startswith("sql-") else cluster_key


# Nodes


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _spread(index: _Index, component: ComponentBase) -> str:
    azs = index.azs_of(component)
    if not azs:
        return ""
    return f"AZ {azs[0]}" if len(azs) == 1 else f"{len(azs)} AZs"


def _join(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _detail(index: _Index, c: ComponentBase) -> str:
    spread = _spread(index, c)
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
        if c.multi_az:
            return _join("master + standby", spread)
        return _join("single instance", spread if c.partitioning is not None else "")
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


def _node(index: _Index, c: ComponentBase, mark: Mark | None) -> SceneNode:
    title = c.display_name
    said = title.lower()
    detail = _join(*(p for p in _detail(index, c).split(", ") if p.lower() not in said))
    return SceneNode(c.id, KIND_NAMES[type(c)], title, detail, _shape(c), mark, c.id)


def _with_bounds(index: _Index, c: ComponentBase, node: SceneNode) -> SceneNode:
    """A tier and its autoscaling group as one node: the bounds and baseline in its label."""
    if not isinstance(c, ComputeTier) or c.autoscaling is None or c.host is not None:
        return node
    scaling = c.autoscaling
    bounds = f"autoscale {scaling.min}-{scaling.max}, baseline {scaling.baseline}"
    detail = _join(bounds, _spread(index, c))
    return SceneNode(node.id, node.kind, node.title, detail, node.shape, node.mark, node.component)


def _group_node(unit: _Unit, mark: Mark | None) -> SceneNode:
    first = unit.first
    return SceneNode(
        unit.id,
        KIND_NAMES[type(first)],
        _fleet_title(first),
        f"{len(unit.members)} components",
        _shape(first),
        mark,
        first.id,
    )


def _partition_label(c: ComponentBase) -> str:
    assert isinstance(c, RelationalDatabase) and c.partitioning is not None
    count = len(c.partitioning.partitions)
    noun = "shards" if c.partitioning.strategy == "sharding" else "databases"
    return f"{c.display_name}: {c.partitioning.strategy}, {count} {noun}"


# Clusters


def _tier_of(subnet: Subnet) -> str:
    """`app-a` in AZ `a` belongs to tier `app`; a name without the AZ suffix is its own tier."""
    suffix = f"-{subnet.az}"
    return subnet.id[: -len(suffix)] if subnet.id.endswith(suffix) else subnet.id


def _tier_label(tier: str, members: list[Subnet]) -> str:
    types = {s.type for s in members}
    kind = types.pop() if len(types) == 1 else "mixed"
    noun = "subnet" if len(members) == 1 else "subnets"
    cidrs = ", ".join(f"{s.az}: {s.cidr}" for s in members)
    described = f"{kind} {noun} ({cidrs})"
    return described if tier == kind else f"{tier}: {described}"


def _tier_path(index: _Index, c: ComponentBase) -> list[str]:
    """The clusters a component sits in from the VPC down: [] outside the VPC."""
    subnets = index.subnets_of(c)
    if not subnets:
        return ["vpc"] if c.traits.in_vpc else []
    tiers = list(dict.fromkeys(_tier_of(s) for s in subnets))
    return ["vpc", f"tier-{tiers[0]}"] if len(tiers) == 1 else ["vpc"]


def _sql_groups(index: _Index) -> dict[str, str]:
    """Component id -> the primary whose group it joins: its replicas and their balancers."""
    members: dict[str, str] = {}
    for replica in index.model.of_type(RelationalDatabase):
        if replica.replica_of is not None:
            members[replica.id] = replica.replica_of
    for primary in dict.fromkeys(members.values()):
        members[primary] = primary
    for balancer in index.model.of_type(LoadBalancer):
        targets = {link.target for link in index.targets.get(balancer.id, [])}
        owners = {members.get(t) for t in targets}
        if targets and len(owners) == 1 and None not in owners:
            members[balancer.id] = owners.pop()  # type: ignore[assignment]
    return members


def _place(
    index: _Index, c: ComponentBase, sql: Mapping[str, str], detail: Detail
) -> list[tuple[str, str, ClusterStyle]]:
    """The clusters a component is drawn in, outermost first."""
    model = index.model
    path: list[tuple[str, str, ClusterStyle]] = []
    if detail != "overview":
        for key in _tier_path(index, c):
            if key == "vpc":
                path.append(("vpc", f"VPC {model.network.vpc_cidr} ({model.region})", "vpc"))
            else:
                path.append((key, index.tier_label(key.removeprefix("tier-")), "subnets"))
    host_id = getattr(c, "host", None)
    if host_id is not None:
        host = index.components[host_id]
        assert isinstance(host, Host)
        label = _join(f"{host.display_name} {host.instance_type}", _spread(index, host))
        if host.elastic_ip:
            label += ", Elastic IP"
        path.append((f"host-{host.id}", label, "host"))
    elif c.id in sql:
        primary = sql[c.id]
        path.append((f"sql-{primary}", "SQL: master-slave and read replicas", "sql"))
    elif detail == "full" and isinstance(c, ComputeTier) and c.autoscaling is not None:
        scaling = c.autoscaling
        label = f"Autoscale {scaling.min}-{scaling.max} (baseline {scaling.baseline})"
        path.append((f"asg-{c.id}", label, "autoscale"))
    if c.layout is not None and c.layout.group is not None:
        path.append((f"group-{c.layout.group}", c.layout.group, "group"))
    return path


# Edges


def _link_label(link: Link) -> str:
    """`port 80: redirect to HTTPS`: the port first, so it never reads as part of the purpose."""
    if link.port is None:
        return link.purpose or ""
    return f"port {link.port}: {link.purpose}" if link.purpose else f"port {link.port}"


def _is_consumer(index: _Index, link: Link) -> bool:
    return isinstance(index.components[link.target], Queue) and isinstance(
        index.components[link.source], Worker
    )


def _through(index: _Index, folded: set[str], target: str) -> list[str]:
    """Where a call to `target` ends when folded load balancers pass it on."""
    ends: list[str] = []
    seen: set[str] = set()
    pending = [target]
    while pending:
        current = pending.pop(0)
        if current in seen:
            continue
        seen.add(current)
        if current in folded:
            pending.extend(link.target for link in index.targets.get(current, []))
        else:
            ends.append(current)
    return ends


@dataclass
class _Bundle:
    """Links drawn as one edge: the first one's style, every purpose in the label."""

    mode: LinkMode
    soft: bool
    labels: list[str] = field(default_factory=list)

    def add(self, link: Link) -> None:
        self.soft = self.soft and link.dependency == "soft"
        label = _link_label(link)
        if link.mode != self.mode:
            label = f"{label} ({link.mode})" if label else link.mode
        if label and label not in self.labels:
            self.labels.append(label)


def _edges(index: _Index, unit_of: Mapping[str, str], folded: set[str]) -> list[SceneEdge]:
    """One edge per caller and callee: parallel links (443 and 80, reads and jobs) share it.

    Graphviz would set the labels of parallel edges side by side with no room between them;
    one edge with the purposes one under the other reads better. A purpose whose link has
    another style than the edge says so: `jobs (async)`.
    """
    bundles: dict[tuple[str, str, bool], _Bundle] = {}
    for link in index.model.links:
        if link.source not in unit_of:
            continue
        for end in _through(index, folded, link.target):
            if end not in unit_of or unit_of[end] == unit_of[link.source]:
                continue
            backwards = _is_consumer(index, link)
            source, target = unit_of[link.source], unit_of[end]
            tail, head = (target, source) if backwards else (source, target)
            key = (tail, head, backwards)
            if key not in bundles:
                bundles[key] = _Bundle(link.mode, link.dependency == "soft")
            bundles[key].add(link)
    first_member: dict[str, str] = {}
    for component, owner in unit_of.items():
        first_member.setdefault(owner, component)
    edges: list[SceneEdge] = []
    merged: set[tuple[str, str, bool]] = set()
    for (tail, head, backwards), bundle in bundles.items():
        if (tail, head, backwards) in merged:
            continue
        labels = list(bundle.labels)
        opposite = bundles.get((head, tail, False)) if not backwards else None
        if opposite is not None:
            merged.add((head, tail, False))
            caller = index.components[first_member[head]].display_name
            labels += [f"{label} (from {caller})" for label in opposite.labels]
        edges.append(
            SceneEdge(
                tail,
                head,
                _combined(labels),
                bundle.mode,
                bundle.soft,
                backwards,
                both=opposite is not None,
            )
        )
    return edges


def _combined(labels: list[str]) -> str:
    if len(labels) <= MAX_LABEL_LINES:
        return "\n".join(labels)
    shown = labels[: MAX_LABEL_LINES - 1]
    return "\n".join([*shown, f"+{len(labels) - len(shown)} more"])


def _egress(
    index: _Index,
    clusters: Mapping[str, SceneCluster],
    unit_of: Mapping[str, str],
    rows: list[list[str]],
    endpoints: dict[str, tuple[str, str]],
) -> list[SceneEdge]:
    """Each NAT gateway to the subnet tiers that send their outbound traffic through it."""
    row_of = {node: number for number, row in enumerate(rows) for node in row}
    edges: list[SceneEdge] = []
    served: dict[tuple[str, str], list[str]] = {}
    # Unlabelled: the legend says what the line means and the NAT's label names its AZ.
    for subnet in index.model.network.subnets:
        if subnet.nat_gateway is None or subnet.nat_gateway not in unit_of:
            continue
        tier = f"tier-{_tier_of(subnet)}"
        if tier in clusters:
            served.setdefault((subnet.nat_gateway, tier), []).append(subnet.id)
    for nat, tier in served:
        inside = _members(clusters[tier])
        if nat in inside:
            continue
        ranked = [n for n in inside if n in row_of]
        if not ranked:
            continue
        endpoints[tier] = (min(ranked, key=lambda n: row_of[n]), tier)
        edges.append(SceneEdge(nat, tier, "", "egress", False, backwards=True))
    return edges


def _members(cluster: SceneCluster) -> list[str]:
    found = list(cluster.nodes)
    for child in cluster.clusters:
        found.extend(_members(child))
    return found
