"""What a diagram shows, worked out once from the model; DOT and Mermaid only differ in syntax.

Everything here is ordered by the model's own order (components, links, subnets), never by
set or dict iteration of unordered data, so the drawing is the same on every run. Look-ups go
through dictionaries built once, so a scene is built in time linear in the model's size.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from archlib.drawing import rows as row_layout
from archlib.drawing.detail import GROUP_AT, Detail, folds_into_links, is_plumbing
from archlib.drawing.edges import egress_edges, link_edges
from archlib.drawing.elements import (
    ClusterStyle,
    EdgeMode,
    Scene,
    SceneCluster,
    SceneEdge,
    SceneNode,
    Shape,
)
from archlib.drawing.highlight import Mark, strongest
from archlib.drawing.lookup import ModelIndex, tier_of
from archlib.drawing.nodes import (
    component_node,
    fleet_node,
    fleet_title,
    join,
    partition_label,
    spread,
    with_bounds,
)
from archlib.model import (
    Architecture,
    ComponentBase,
    ComputeTier,
    Host,
    LoadBalancer,
    RelationalDatabase,
)

__all__ = [
    "ClusterStyle",
    "EdgeMode",
    "Scene",
    "SceneCluster",
    "SceneEdge",
    "SceneNode",
    "Shape",
    "build_scene",
]


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
    index = ModelIndex(model)
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
            part = SceneCluster(f"part-{unit.id}", partition_label(unit.first), "partition", mark)
            home.clusters.append(part)
            clusters[part.id] = part
            base = component_node(index, unit.first, None)
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
        node = component_node(index, unit.first, mark) if len(unit.members) == 1 else None
        if node is None:
            node = fleet_node(unit.id, unit.members, mark)
        elif detail != "full":
            node = with_bounds(index, unit.first, node)
        nodes[unit.id] = node
        home.nodes.append(unit.id)
        drawn[unit.id] = [unit.id]
    for key, cluster in clusters.items():
        if cluster.style == "host":
            cluster.mark = marks.get(key.removeprefix("host-"))
    edges = link_edges(index, unit_of, folded)
    row_edges = [row_layout.RowEdge(e.tail, e.head, e.mode == "replication") for e in edges]
    representative = {unit.id: unit.first for unit in units}
    public = {f"tier-{tier_of(s)}" for s in model.network.subnets if s.type == "public"}
    public -= {f"tier-{tier_of(s)}" for s in model.network.subnets if s.type != "public"}
    unit_rows = row_layout.rows([u.id for u in units], representative, row_edges, where, public)
    unit_order = row_layout.order(unit_rows, row_edges, where)
    rows = [[node for unit in row for node in drawn[unit]] for row in unit_rows]
    order = [(drawn[left][-1], drawn[right][0]) for left, right in unit_order]
    for _, cluster_id in endpoints.values():
        order += pairwise(clusters[cluster_id].nodes)  # shards in the model's order
    if detail != "overview":
        edges += egress_edges(index, clusters, unit_of, rows, endpoints)
    coverage = model.imported.short_line() if model.imported is not None else ""
    return Scene(model.title, root, nodes, edges, rows, order, endpoints, detail, coverage)


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


def _left_out(index: ModelIndex, detail: Detail) -> tuple[set[str], set[str]]:
    """(components not drawn at all, internal load balancers folded into their links)."""
    hosts = {c.id for c in index.model.components if isinstance(c, Host)}
    if detail != "overview":
        return hosts, set()
    plumbing = {c.id for c in index.model.components if is_plumbing(c)}
    folded = {
        c.id for c in index.model.components if folds_into_links(c, bool(index.targets.get(c.id)))
    }
    return hosts | plumbing, folded


def _units(index: ModelIndex, detail: Detail, skipped: set[str]) -> list[_Unit]:
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
            key = (fleet_title(c), tuple(_fleet_key(k) for k, _, _ in place))
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
            unit.id = re.sub(r"[^a-z0-9]+", "-", fleet_title(unit.first).lower()).strip("-")
            unit.id += "--all"
            unit.id += f"--{where}" if where else ""
            merged.append(unit)
        elif len(unit.members) > 1:
            merged.extend(_Unit(m.id, [m], unit.place) for m in unit.members)
        else:
            merged.append(unit)
    position = {c.id: n for n, c in enumerate(model.components)}
    return sorted(merged, key=lambda u: position[u.first.id])


def _fleet_key(cluster_key: str) -> str:
    """SQL groups of many primaries are alike: their fleets merge into one group."""
    return "sql-all" if cluster_key.startswith("sql-") else cluster_key


# Clusters


SUBNET_STYLES: dict[str, ClusterStyle] = {
    "public": "public_subnets",
    "private": "private_subnets",
    "mixed": "subnets",
}


def _tier_path(index: ModelIndex, c: ComponentBase) -> list[str]:
    """The clusters a component sits in from the VPC down: [] outside the VPC.

    No Region frame around the VPC and the regional services: inside one, edges from the VPC
    to S3 or SQS leave the VPC's border at one point and Graphviz sets their labels on each
    other (the generated-model layout test finds such a model at once)."""
    subnets = index.subnets_of(c)
    if not subnets:
        # A Lambda function without subnets runs in the Lambda service, not in the VPC.
        in_vpc = c.traits.in_vpc and getattr(c, "runtime", None) != "lambda"
        return ["vpc"] if in_vpc else []
    tiers = list(dict.fromkeys(tier_of(s) for s in subnets))
    return ["vpc", f"tier-{tiers[0]}"] if len(tiers) == 1 else ["vpc"]


def _sql_groups(index: ModelIndex) -> dict[str, str]:
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
    index: ModelIndex, c: ComponentBase, sql: Mapping[str, str], detail: Detail
) -> list[tuple[str, str, ClusterStyle]]:
    """The clusters a component is drawn in, outermost first."""
    model = index.model
    path: list[tuple[str, str, ClusterStyle]] = []
    if detail != "overview":
        for key in _tier_path(index, c):
            if key == "vpc":
                path.append(("vpc", f"VPC {model.network.vpc_cidr} ({model.region})", "vpc"))
            else:
                tier = key.removeprefix("tier-")
                path.append((key, index.tier_label(tier), SUBNET_STYLES[index.tier_kind(tier)]))
    host_id = getattr(c, "host", None)
    if host_id is not None:
        host = index.components[host_id]
        assert isinstance(host, Host)
        label = join(f"{host.display_name} {host.instance_type}", spread(index, host))
        if host.elastic_ip:
            label += ", Elastic IP"
        path.append((f"host-{host.id}", label, "host"))
    elif c.id in sql:
        primary = sql[c.id]
        path.append((f"sql-{primary}", "SQL: primary and read replicas", "sql"))
    elif detail == "full" and isinstance(c, ComputeTier) and c.autoscaling is not None:
        scaling = c.autoscaling
        label = f"Autoscale {scaling.min}-{scaling.max} (baseline {scaling.baseline})"
        path.append((f"asg-{c.id}", label, "autoscale"))
    if c.layout is not None and c.layout.group is not None:
        path.append((f"group-{c.layout.group}", c.layout.group, "group"))
    return path
