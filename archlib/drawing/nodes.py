"""What each node says: its title, its count and spread, its shape."""

from __future__ import annotations

from archlib.drawing.elements import SceneNode, Shape
from archlib.drawing.highlight import Mark
from archlib.drawing.lookup import ModelIndex
from archlib.model import (
    KIND_NAMES,
    Cache,
    Cdn,
    Client,
    ComponentBase,
    ComputeTier,
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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def spread(index: ModelIndex, component: ComponentBase) -> str:
    azs = index.azs_of(component)
    if not azs:
        return ""
    return f"AZ {azs[0]}" if len(azs) == 1 else f"{len(azs)} AZs"


def join(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _detail(index: ModelIndex, c: ComponentBase) -> str:
    azs = spread(index, c)
    if isinstance(c, ComputeTier):
        if c.host is not None:
            return f"on {c.host}"
        if isinstance(c, Worker) and c.runtime == "lambda":
            return "Lambda"
        if c.autoscaling is not None:
            count = f"x{c.autoscaling.min}-{c.autoscaling.max}"
        else:
            count = f"x{c.count}"
        return join(count, azs)
    if isinstance(c, RelationalDatabase):
        if c.host is not None:
            return f"on {c.host}"
        if c.is_replica:
            return join(f"x{c.count} replicas", azs)
        if c.multi_az:
            return join("primary + standby", azs)
        return join("single instance", azs if c.partitioning is not None else "")
    if isinstance(c, Cache):
        shards = f" x {_plural(c.shards, 'shard')}" if c.shards > 1 else ""
        return join(f"{_plural(c.nodes, 'node')}{shards}", azs)
    if isinstance(c, DataWarehouse):
        return join(_plural(c.nodes, "node"), azs)
    if isinstance(c, LoadBalancer):
        kind = {"application": "ALB", "network": "NLB", "classic": "classic ELB"}[c.type]
        return join(f"{c.scheme} {kind}", azs)
    if isinstance(c, NatGateway):
        return azs
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


def component_node(index: ModelIndex, c: ComponentBase, mark: Mark | None) -> SceneNode:
    title = c.display_name
    said = title.lower()
    detail = join(*(p for p in _detail(index, c).split(", ") if p.lower() not in said))
    return SceneNode(c.id, KIND_NAMES[type(c)], title, detail, _shape(c), mark, c.id)


def with_bounds(index: ModelIndex, c: ComponentBase, node: SceneNode) -> SceneNode:
    """A tier and its autoscaling group as one node: the bounds and baseline in its label."""
    if not isinstance(c, ComputeTier) or c.autoscaling is None or c.host is not None:
        return node
    scaling = c.autoscaling
    bounds = f"autoscale {scaling.min}-{scaling.max}, baseline {scaling.baseline}"
    detail = join(bounds, spread(index, c))
    return SceneNode(node.id, node.kind, node.title, detail, node.shape, node.mark, node.component)


def fleet_node(node_id: str, fleet: list[ComponentBase], mark: Mark | None) -> SceneNode:
    """Components of one kind drawn as one node: what they are and how many."""
    first = fleet[0]
    return SceneNode(
        node_id,
        KIND_NAMES[type(first)],
        fleet_title(first),
        f"{len(fleet)} components",
        _shape(first),
        mark,
        first.id,
    )


def partition_label(c: ComponentBase) -> str:
    assert isinstance(c, RelationalDatabase) and c.partitioning is not None
    count = len(c.partitioning.partitions)
    noun = "shards" if c.partitioning.strategy == "sharding" else "databases"
    return f"{c.display_name}: {c.partitioning.strategy}, {count} {noun}"


def fleet_title(c: ComponentBase) -> str:
    """What a fleet of one kind is called; read replicas are not their primaries' fleet."""
    if isinstance(c, RelationalDatabase) and c.is_replica:
        return f"{c.traits.title} read replicas"
    if isinstance(c, Worker) and c.runtime == "lambda":
        return f"{c.traits.title} (Lambda)"
    return c.traits.title
