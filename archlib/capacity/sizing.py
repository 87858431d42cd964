"""What one component carries: throughput per traffic class, from the assumptions table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from archlib.capacity.assumptions import Assumptions
from archlib.catalogue import Catalogue, InstanceType
from archlib.errors import InputError
from archlib.model import (
    AppServer,
    Architecture,
    ArchitectureGraph,
    Cache,
    Cdn,
    Component,
    ComputeTier,
    Host,
    LoadBalancer,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
    WebServer,
    Worker,
)
from archlib.model.components import Bastion, Client, DataWarehouse, Dns, NatGateway

REQUEST_CLASSES = ("static", "reads", "writes", "jobs")
"""Classes that are requests a server handles; sessions and replication are derived from them."""


@dataclass(frozen=True)
class Capacity:
    """`per_unit`: the rate of a class one unit carries alone (load spreads over the units).
    `every_unit`: the rate of a class each unit must carry in full (replicas apply every write).
    Both empty means the component scales by itself (no fixed limit)."""

    units: int
    basis: str
    per_unit: Mapping[str, float] = field(default_factory=dict)
    every_unit: Mapping[str, float] = field(default_factory=dict)

    @property
    def elastic(self) -> bool:
        return not self.per_unit and not self.every_unit

    def shares(self, load: Mapping[str, float], alive_units: int | None = None) -> dict[str, float]:
        """Utilisation by traffic class; their sum is the component's utilisation."""
        units = self.units if alive_units is None else alive_units
        shares: dict[str, float] = {}
        for traffic, rate in sorted(load.items()):
            if rate <= 0:
                continue
            share = 0.0
            if traffic in self.per_unit:
                share += rate / (self.per_unit[traffic] * units) if units > 0 else float("inf")
            if traffic in self.every_unit:
                share += rate / self.every_unit[traffic]
            if share:
                shares[traffic] = share
        return shares

    def utilisation(self, load: Mapping[str, float], alive_units: int | None = None) -> float:
        return sum(self.shares(load, alive_units).values())


def split_instance_type(name: str) -> tuple[str, str]:
    """`m6i.large` -> (`m6i`, `large`); `db.r6i.2xlarge` -> (`r6i`, `2xlarge`)."""
    parts = name.split(".")
    return parts[-2], parts[-1]


def size_of(instance_type: str, component: str) -> InstanceType:
    """vCPUs and memory of a size, from the instance catalogue (one source for every figure)."""
    known = Catalogue.bundled().get(instance_type)
    if known is None:
        raise InputError(
            f"capacity: {instance_type!r} is not in the instance catalogue", field=component
        )
    return known


def vcpus(instance_type: str, component: str) -> int:
    return size_of(instance_type, component).vcpu


MEMORY_OPTIMISED_GIB_PER_VCPU = 8
"""db.r* classes carry 8 GiB per vCPU, general-purpose ones 4 (RDS instance class table)."""


def family_factor(assumptions: Assumptions, instance_type: str, component: str) -> float:
    family, _ = split_instance_type(instance_type)
    factor = assumptions.find("instance_families", family)
    if factor is None:
        raise InputError(
            f"capacity: no throughput figure for instance family {family!r}; "
            "add it under instance_families with --assumptions",
            field=component,
        )
    return factor


def compute_role(graph: ArchitectureGraph, tier: ComputeTier) -> str:
    """The row of compute_roles a tier is sized by, read from the model's structure."""
    if isinstance(tier, Worker):
        return "worker"
    if isinstance(tier, WebServer):
        runs_app = any(
            isinstance(graph.components[link.target], RelationalDatabase | NoSqlTable)
            for link in graph.outgoing[tier.id]
        )
        return "web_application" if runs_app else "reverse_proxy"
    if isinstance(tier, AppServer):
        inbound = {link.traffic for link in graph.incoming[tier.id]}
        if inbound == {"reads"}:
            return "read_api"
        if inbound and inbound <= {"writes", "jobs"}:
            return "write_api"
    return "api"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.3g}"


def _tier_capacity(
    graph: ArchitectureGraph, tier: ComputeTier, a: Assumptions, instance_type: str, units: int
) -> Capacity:
    role = compute_role(graph, tier)
    if isinstance(tier, Worker) and tier.runtime == "lambda":
        concurrency = a.number("managed", "lambda_concurrency")
        rate = concurrency / (tier.lambda_duration_ms / 1000)
        basis = f"Lambda: {concurrency:,.0f} concurrent x {tier.lambda_duration_ms} ms per job"
        return Capacity(1, basis, {"jobs": rate})
    cpus = vcpus(instance_type, tier.id)
    factor = family_factor(a, instance_type, tier.id)
    per_cpu = a.number("compute_roles", role)
    rate = per_cpu * factor * cpus
    basis = (
        f"{units} x {instance_type} ({cpus} vCPU) x {_number(per_cpu)}/s per vCPU "
        f"({role.replace('_', ' ')}) x {factor:g}"
    )
    return Capacity(units, basis, dict.fromkeys(REQUEST_CLASSES, rate))


FARGATE_FAMILY = "fargate"
"""The row of instance_families a Fargate task is sized by: AWS does not say which processor
a task runs on, so the table holds no figure unless `--assumptions` gives one."""


def _fargate_capacity(graph: ArchitectureGraph, tier: ComputeTier, a: Assumptions) -> Capacity:
    assert tier.fargate is not None
    role = compute_role(graph, tier)
    factor = a.find("instance_families", FARGATE_FAMILY)
    if factor is None:
        raise InputError(
            "capacity: no throughput figure for Fargate tasks (AWS does not state their "
            f"processor); add {FARGATE_FAMILY!r} under instance_families with --assumptions",
            field=tier.id,
        )
    cpus = tier.fargate.vcpu
    per_cpu = a.number("compute_roles", role)
    rate = per_cpu * factor * cpus
    basis = (
        f"{tier.max_instances} x Fargate task ({cpus:g} vCPU) x {_number(per_cpu)}/s per vCPU "
        f"({role.replace('_', ' ')}) x {factor:g}"
    )
    return Capacity(tier.max_instances, basis, dict.fromkeys(REQUEST_CLASSES, rate))


def _database_capacity(
    graph: ArchitectureGraph,
    db: RelationalDatabase,
    a: Assumptions,
    instance_type: str,
    units: int,
) -> Capacity:
    size = size_of(instance_type, db.id)
    cpus = size.vcpu
    factor = family_factor(a, instance_type, db.id)
    memory_optimised = size.memory_gib / size.vcpu >= MEMORY_OPTIMISED_GIB_PER_VCPU
    memory = a.number("database", "memory_optimised_read_factor") if memory_optimised else 1.0
    reads = (
        a.number("database", "read_queries_per_vcpu")
        * cpus
        * factor
        * memory
        / a.number("database", "queries_per_read")
    )
    writes = (
        a.number("database", "write_queries_per_vcpu")
        * cpus
        * factor
        / a.number("database", "queries_per_write")
    )
    every: dict[str, float] = {}
    if db.replica_of is not None:
        # Replicas of a partitioned primary each copy one partition, so apply its share.
        primary = graph.components[db.replica_of]
        partitions = primary.primaries if isinstance(primary, RelationalDatabase) else 1
        every["replication"] = writes * partitions / a.number("database", "replication_apply_cost")
    basis = (
        f"{units} x {instance_type} ({cpus} vCPU): {_number(reads)} reads/s, "
        f"{_number(writes)} writes/s each"
    )
    return Capacity(units, basis, {"reads": reads, "writes": writes, "jobs": writes}, every)


def _cache_capacity(cache: Cache, a: Assumptions) -> Capacity:
    cpus = vcpus(cache.node_type, cache.id)
    ops = a.number("cache", "operations_per_node")
    if cpus >= 4 or cache.engine == "memcached":
        ops *= a.number("cache", "multithreaded_io_factor")
    nodes = cache.nodes * cache.shards
    reads = ops / a.number("cache", "operations_per_read")
    sessions = ops / a.number("cache", "operations_per_session")
    basis = (
        f"{cache.shards} shard(s) x {cache.nodes} {cache.node_type} node(s) x "
        f"{_number(ops)} ops/s; every node of a shard applies its writes"
    )
    return Capacity(
        nodes,
        basis,
        {"reads": reads, "sessions": sessions},
        {"writes": ops * cache.shards},
    )


def _managed(a: Assumptions, name: str, service: str) -> Capacity:
    value = a.get("managed", name)
    if value is None:
        return Capacity(1, f"{service}: scales with the load")
    per = dict.fromkeys((*REQUEST_CLASSES, "sessions"), value)
    return Capacity(1, f"{service}: {_number(value)}/s", per)


def _nosql_capacity(table: NoSqlTable, a: Assumptions) -> Capacity:
    if table.billing_mode == "provisioned":
        assert table.read_capacity is not None and table.write_capacity is not None
        reads = table.read_capacity * a.number("managed", "nosql_reads_per_capacity_unit")
        writes = table.write_capacity * a.number("managed", "nosql_writes_per_capacity_unit")
        basis = f"provisioned {table.read_capacity:,} RCU, {table.write_capacity:,} WCU"
    else:
        reads = a.number("managed", "nosql_on_demand_reads_per_second")
        writes = a.number("managed", "nosql_on_demand_writes_per_second")
        basis = "on-demand table quota"
    basis += f": {_number(reads)} reads/s, {_number(writes)} writes/s"
    return Capacity(1, basis, {"reads": reads, "writes": writes, "jobs": writes})


def capacity_of(
    model: Architecture,
    component: Component,
    a: Assumptions,
    graph: ArchitectureGraph | None = None,
) -> Capacity | None:
    """None for components that carry no request load (clients, NAT gateways, bastions)."""
    graph = graph if graph is not None else ArchitectureGraph.of(model)
    if isinstance(component, Client | NatGateway | Bastion | Host):
        return None
    host = component.host if isinstance(component, ComputeTier | RelationalDatabase) else None
    if isinstance(component, ComputeTier):
        if host is not None:
            box = graph.components[host]
            assert isinstance(box, Host)
            return _tier_capacity(graph, component, a, box.instance_type, 1)
        if component.fargate is not None:
            return _fargate_capacity(graph, component, a)
        if component.uses_instances:
            assert component.instance_type is not None
            return _tier_capacity(
                graph, component, a, component.instance_type, component.max_instances
            )
        return _tier_capacity(graph, component, a, "", 1)
    if isinstance(component, RelationalDatabase):
        if host is not None:
            box = graph.components[host]
            assert isinstance(box, Host)
            return _database_capacity(graph, component, a, box.instance_type, 1)
        assert component.instance_class is not None
        units = component.count * component.primaries
        return _database_capacity(graph, component, a, component.instance_class, units)
    if isinstance(component, Cache):
        return _cache_capacity(component, a)
    if isinstance(component, NoSqlTable):
        return _nosql_capacity(component, a)
    if isinstance(component, Queue):
        kind = "fifo" if component.fifo else "standard"
        return _managed(a, f"queue_{kind}_messages_per_second", f"SQS {kind}")
    if isinstance(component, Cdn):
        return _managed(a, "cdn_requests_per_second", "CloudFront")
    if isinstance(component, ObjectStore):
        return _managed(a, "object_store_requests_per_second", "S3")
    if isinstance(component, LoadBalancer):
        return _managed(a, "load_balancer_requests_per_second", "Elastic Load Balancing")
    if isinstance(component, Dns):
        return _managed(a, "dns_queries_per_second", "Route 53")
    if isinstance(component, DataWarehouse):
        return _managed(a, "warehouse_requests_per_second", "Redshift")
    raise AssertionError(f"no capacity rule for kind {component.kind}")
