"""Price a model: each component kind becomes cost lines, each a quantity times a unit price.

Quantities come from the component itself (instances, nodes, volumes) and from the traffic
profile through `flows`; a component's `usage:` mapping overrides any derived quantity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from archlib.cost import catalogue
from archlib.cost.estimate import ComponentCost, CostEstimate, CostLine
from archlib.cost.flows import (
    Flows,
    Inbound,
    average_instances,
    hourly_rates,
    inbound,
    link_volume,
)
from archlib.cost.pricelist import MissingPriceError, PriceBook
from archlib.model import (
    Architecture,
    Bastion,
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
from archlib.model.traffic import HOURS_PER_MONTH

GB = 1e9
KB = 1e3
ALB_CONNECTIONS_PER_LCU = 25.0
NLB_FLOWS_PER_LCU = 800.0
GB_PER_LCU_HOUR = 1.0
SQS_CALLS_PER_MESSAGE = 3
"""Send, receive and delete."""
DNS_QUERIES_PER_USER_PER_MONTH = 30
"""One resolver-cache miss per user a day."""
DYNAMODB_WRITE_UNIT_KB = 1.0
DYNAMODB_READ_UNIT_KB = 4.0

ASSUMPTIONS = (
    f"A month is {HOURS_PER_MONTH} hours; 1 KB = 1,000 bytes and 1 GB = 10^9 bytes.",
    "On-demand rates, Linux, shared tenancy; no Savings Plans, reserved pricing or account "
    "free tier (such as the first 100 GB out); rate-card tiers priced at $0 (SQS's first "
    "million requests, DynamoDB's first 25 GB) apply.",
    "Autoscaled groups run clamp(ceil(max x hourly load), min, max) instances in each hour of "
    "the daily curve; fixed tiers run every hour.",
    "Reads the CDN answers (cdn_offload) never reach the origin; the rest, plus the writes, "
    "reach the internet-facing entry point.",
    "A reader that also reads a memory cache sends only the misses (1 - cache_hit_rate) on.",
    "Every read returns response_size_kb to the caller; every write stores write_size_kb.",
    "Data stores that take the writes keep the content for retention_months; RDS bills "
    "max(storage_gb, that content) per copy.",
    "Load balancer capacity units: one new connection per request (no keep-alive credit), the "
    "largest of connections and processed bytes in each hour; rule evaluations within the "
    "free ten.",
    f"SQS: {SQS_CALLS_PER_MESSAGE} requests per message (send, receive, delete).",
    f"Route 53: {DNS_QUERIES_PER_USER_PER_MONTH} queries per user a month.",
    "S3: one PUT per write and one GET per read that reaches the store; the CDN's origin "
    "fetches count as GETs only where usage.get_requests_per_month says so.",
    "Private subnets reach S3, DynamoDB and SQS through their NAT gateway (the model has no "
    "VPC endpoints): those reads and writes are NAT data processed.",
)


@dataclass(frozen=True)
class Context:
    model: Architecture
    book: PriceBook
    flows: Flows
    nat_traffic_gb: Mapping[str, float]
    components: Mapping[str, ComponentBase]

    def component(self, component_id: str) -> ComponentBase:
        return self.components[component_id]

    def inbound(self, component: ComponentBase) -> Inbound:
        return inbound(component.id, self.flows)

    def content_gb_per_month(self, component_id: str) -> float:
        writes = inbound(component_id, self.flows).writes
        return writes * self.model.traffic.write_size_kb * KB / GB


def _usage(component: ComponentBase, key: str, derived: float, basis: str) -> tuple[float, str]:
    """The stated figure when the model gives one, else the derived one; with its reason."""
    if key in component.usage:
        return component.usage[key], f"usage.{key} stated in the model"
    return derived, basis


REGIONAL_ENDPOINTS = (ObjectStore, NoSqlTable, Queue)
"""Services reached at public regional endpoints: from a private subnet, through its NAT."""


def nat_traffic(model: Architecture, flows: Flows) -> dict[str, float]:
    """GB a month each NAT gateway processes for private callers of regional services.

    Reads bring back `response_size_kb`, writes send `write_size_kb`; a caller spread over
    several private subnets splits its traffic evenly over their gateways.
    """
    by_id = {c.id: c for c in model.components}
    subnets = {s.id: s for s in model.network.subnets}
    traffic = model.traffic
    result: dict[str, float] = {}
    for link in model.links:
        if not isinstance(by_id[link.target], REGIONAL_ENDPOINTS):
            continue
        placed = getattr(by_id[link.source], "subnets", None) or []
        gateways = [g for g in (subnets[s].nat_gateway for s in placed) if g is not None]
        if not gateways:
            continue
        volume = link_volume(link, flows)
        kilobytes = volume.reads * traffic.response_size_kb + volume.writes * traffic.write_size_kb
        for gateway in gateways:
            result[gateway] = result.get(gateway, 0.0) + kilobytes * KB / GB / len(gateways)
    return result


def _line(
    ctx: Context, name: str, query: catalogue.PriceQuery, quantity: float, basis: str
) -> CostLine:
    return CostLine(name, quantity, ctx.book.price(query), basis)


def _compute(ctx: Context, tier: ComputeTier) -> Iterator[CostLine]:
    if isinstance(tier, Worker) and tier.runtime == "lambda":
        yield from _lambda(ctx, tier)
        return
    if tier.host is not None:
        return
    curve = ctx.model.traffic.daily_curve
    unit = "tasks" if tier.fargate is not None else "instances"
    if tier.autoscaling is not None:
        derived = average_instances(tier.autoscaling.min, tier.autoscaling.max, curve)
        basis = (
            f"autoscaled {tier.autoscaling.min}-{tier.autoscaling.max}: "
            f"average {derived:.3g} {unit} over the daily curve x {HOURS_PER_MONTH} h"
        )
    else:
        derived = float(tier.count)
        basis = f"{tier.count} {unit[:-1]}(s) x {HOURS_PER_MONTH} h"
    count, basis = _usage(tier, "instances", derived, basis)
    if tier.fargate is not None:
        from archlib.cost.fargate import fargate_lines

        yield from fargate_lines(ctx.book, ctx.model.region, tier.fargate, count, basis)
        return
    assert tier.instance_type is not None
    yield _line(
        ctx,
        f"Instance usage (Linux, on-demand, {tier.instance_type})",
        catalogue.ec2_instance(tier.instance_type),
        count * HOURS_PER_MONTH,
        basis,
    )
    yield _line(
        ctx,
        "Root volumes (gp3)",
        catalogue.ebs_volume("gp3"),
        count * tier.volume_gb,
        f"{tier.volume_gb} GB x {count:.3g} instance(s)",
    )
    if tier.elastic_ip:
        yield _ipv4(ctx, count, f"{count:.3g} instance(s) x {HOURS_PER_MONTH} h")


def _ipv4(ctx: Context, addresses: float, basis: str) -> CostLine:
    return _line(
        ctx,
        "Public IPv4 addresses",
        catalogue.public_ipv4(),
        addresses * HOURS_PER_MONTH,
        basis,
    )


def _lambda(ctx: Context, worker: Worker) -> Iterator[CostLine]:
    jobs, basis = _usage(
        worker, "invocations_per_month", ctx.flows.writes, "one invocation per write (job)"
    )
    yield _line(ctx, "Requests", catalogue.lambda_requests(), jobs, basis)
    gb_seconds = jobs * worker.lambda_duration_ms / 1000 * worker.lambda_memory_mb / 1024
    yield _line(
        ctx,
        "Duration",
        catalogue.lambda_duration(),
        gb_seconds,
        f"{jobs:,.0f} jobs x {worker.lambda_duration_ms} ms x {worker.lambda_memory_mb} MB",
    )


def _host(ctx: Context, host: Host) -> Iterator[CostLine]:
    yield _line(
        ctx,
        f"Instance usage (Linux, on-demand, {host.instance_type})",
        catalogue.ec2_instance(host.instance_type),
        HOURS_PER_MONTH,
        f"1 instance x {HOURS_PER_MONTH} h",
    )
    yield _line(
        ctx, "Root volume (gp3)", catalogue.ebs_volume("gp3"), host.volume_gb, "stated volume_gb"
    )
    if host.elastic_ip:
        yield _ipv4(ctx, 1, "1 Elastic IP in use")


def _database(ctx: Context, db: RelationalDatabase) -> Iterator[CostLine]:
    if db.host is not None or db.instance_class is None:
        return
    copies = db.count * db.primaries
    deployment = "Multi-AZ" if db.multi_az else "Single-AZ"
    yield _line(
        ctx,
        f"Database instances ({db.instance_class}, {deployment})",
        catalogue.rds_instance(db.instance_class, db.engine, db.multi_az),
        copies * HOURS_PER_MONTH,
        f"{db.count} instance(s) x {db.primaries} primar{'ies' if db.primaries > 1 else 'y'}"
        f" x {HOURS_PER_MONTH} h",
    )
    primary = ctx.component(db.replica_of) if db.replica_of else db
    assert isinstance(primary, RelationalDatabase)
    months = primary.retention_months or ctx.model.traffic.retention_months
    monthly = ctx.content_gb_per_month(primary.id)
    content = monthly * months
    per_copy = max(db.storage_gb, content / db.primaries)
    basis = (
        f"max(storage_gb {db.storage_gb}, {content:,.0f} GB of content after "
        f"{months} months / {db.primaries}) x {copies} cop"
        f"{'ies' if copies > 1 else 'y'}"
    )
    per_copy, basis = _usage(db, "storage_gb", per_copy, basis)
    yield _line(
        ctx,
        f"Storage ({db.storage_type}, {deployment})",
        catalogue.rds_storage(db.storage_type, db.multi_az),
        per_copy * copies,
        basis,
    )


def _cache(ctx: Context, cache: Cache) -> Iterator[CostLine]:
    nodes = cache.nodes * cache.shards
    yield _line(
        ctx,
        f"Cache nodes ({cache.node_type}, {cache.engine})",
        catalogue.cache_node(cache.node_type, cache.engine),
        nodes * HOURS_PER_MONTH,
        f"{cache.nodes} node(s) x {cache.shards} shard(s) x {HOURS_PER_MONTH} h",
    )


def _warehouse(ctx: Context, warehouse: DataWarehouse) -> Iterator[CostLine]:
    yield _line(
        ctx,
        f"Compute nodes ({warehouse.node_type})",
        catalogue.redshift_node(warehouse.node_type),
        warehouse.nodes * HOURS_PER_MONTH,
        f"{warehouse.nodes} node(s) x {HOURS_PER_MONTH} h",
    )
    traffic = ctx.model.traffic
    history = traffic.usage().new_content_tb_per_month * 1000 * traffic.retention_months
    stored, basis = _usage(
        warehouse,
        "storage_gb",
        history,
        f"the full history: {history:,.0f} GB of content over {traffic.retention_months} months",
    )
    yield _line(ctx, "Managed storage (RA3)", catalogue.redshift_managed_storage(), stored, basis)


def _load_balancer(ctx: Context, lb: LoadBalancer) -> Iterator[CostLine]:
    yield _line(
        ctx,
        f"{lb.type.capitalize()} load balancer hours",
        catalogue.load_balancer_hours(lb.type),
        HOURS_PER_MONTH,
        f"1 load balancer x {HOURS_PER_MONTH} h",
    )
    flow = ctx.inbound(lb)
    requests, basis = _usage(
        lb, "requests_per_month", flow.total, f"{flow.total:,.0f} requests a month reach it"
    )
    response_kb = ctx.model.traffic.response_size_kb
    per_unit = ALB_CONNECTIONS_PER_LCU if lb.type == "application" else NLB_FLOWS_PER_LCU
    hourly = []
    for rate in hourly_rates(requests, ctx.model.traffic.daily_curve):
        gb_per_hour = rate * 3600 * response_kb * KB / GB
        hourly.append(max(rate / per_unit, gb_per_hour / GB_PER_LCU_HOUR))
    derived = sum(hourly) / len(hourly) * HOURS_PER_MONTH
    capacity_basis = (
        f"{basis}; per hour the larger of connections/{per_unit:g} and "
        f"GB processed ({response_kb:g} KB each)"
    )
    if "lcu" in lb.usage:
        derived = lb.usage["lcu"] * HOURS_PER_MONTH
        capacity_basis = "usage.lcu stated in the model"
    yield _line(
        ctx,
        "Capacity units",
        catalogue.load_balancer_capacity(lb.type),
        derived,
        capacity_basis,
    )
    if lb.scheme == "internet-facing":
        azs = len(ctx.model.azs_of(lb)) or 1
        yield _ipv4(ctx, azs, f"one public IPv4 address per AZ ({azs}) x {HOURS_PER_MONTH} h")


def _nat(ctx: Context, nat: NatGateway) -> Iterator[CostLine]:
    yield _line(
        ctx,
        "NAT gateway hours",
        catalogue.nat_gateway_hours(),
        HOURS_PER_MONTH,
        f"1 gateway x {HOURS_PER_MONTH} h",
    )
    derived = ctx.nat_traffic_gb.get(nat.id, 0.0)
    processed, basis = _usage(
        nat,
        "processed_gb_per_month",
        derived,
        f"{derived:,.0f} GB between private subnets and S3, DynamoDB or SQS "
        "(no VPC endpoints in the model)",
    )
    yield _line(ctx, "Data processed", catalogue.nat_gateway_bytes(), processed, basis)
    yield _ipv4(ctx, 1, f"its Elastic IP x {HOURS_PER_MONTH} h")


def _object_store(ctx: Context, store: ObjectStore) -> Iterator[CostLine]:
    flow = ctx.inbound(store)
    retention = ctx.model.traffic.retention_months
    content = ctx.content_gb_per_month(store.id) * retention
    stored, basis = _usage(
        store, "storage_gb", content, f"{content:,.0f} GB written over {retention} months"
    )
    yield _line(ctx, "Storage", catalogue.s3_storage(store.storage_class), stored, basis)
    puts, basis = _usage(store, "put_requests_per_month", flow.writes, "one PUT per write")
    yield _line(ctx, "PUT, COPY, POST, LIST requests", catalogue.s3_requests(1), puts, basis)
    gets, basis = _usage(
        store, "get_requests_per_month", flow.reads, "one GET per read reaching the store"
    )
    yield _line(ctx, "GET and other requests", catalogue.s3_requests(2), gets, basis)


def _cdn(ctx: Context, cdn: Cdn) -> Iterator[CostLine]:
    requests, basis = _usage(
        cdn,
        "requests_per_month",
        ctx.flows.static,
        f"reads x cdn_offload {ctx.model.traffic.cdn_offload:g}",
    )
    response_kb = ctx.model.traffic.response_size_kb
    transfer, transfer_basis = _usage(
        cdn,
        "transfer_gb_per_month",
        requests * response_kb * KB / GB,
        f"{requests:,.0f} responses x {response_kb:g} KB",
    )
    yield _line(
        ctx,
        "Data transfer out (US edge)",
        catalogue.cloudfront_transfer_out(),
        transfer,
        transfer_basis,
    )
    yield _line(ctx, "HTTPS requests", catalogue.cloudfront_https_requests(), requests, basis)


def _dns(ctx: Context, dns: Dns) -> Iterator[CostLine]:
    zones, basis = _usage(dns, "hosted_zones", 1, f"one public zone ({dns.domain})")
    yield _line(ctx, "Hosted zones", catalogue.route53_hosted_zone(), zones, basis)
    users = ctx.model.traffic.users
    queries, basis = _usage(
        dns,
        "queries_per_month",
        users * DNS_QUERIES_PER_USER_PER_MONTH,
        f"{users:,} users x {DNS_QUERIES_PER_USER_PER_MONTH} queries",
    )
    yield _line(ctx, "Standard queries", catalogue.route53_queries(), queries, basis)


def _nosql(ctx: Context, table: NoSqlTable) -> Iterator[CostLine]:
    if table.billing_mode == "provisioned":
        yield from _nosql_provisioned(ctx, table)
        return
    flow = ctx.inbound(table)
    traffic = ctx.model.traffic
    write_units = max(1, -(-traffic.write_size_kb // DYNAMODB_WRITE_UNIT_KB))
    read_units = max(1, -(-traffic.response_size_kb // DYNAMODB_READ_UNIT_KB))
    writes, basis = _usage(
        table,
        "write_units_per_month",
        flow.writes * write_units,
        f"{flow.writes:,.0f} writes x {write_units:g} unit(s) of 1 KB",
    )
    yield _line(ctx, "Write request units", catalogue.dynamodb_write_units(), writes, basis)
    reads, basis = _usage(
        table,
        "read_units_per_month",
        flow.reads * read_units,
        f"{flow.reads:,.0f} strongly consistent reads x {read_units:g} unit(s) of 4 KB",
    )
    yield _line(ctx, "Read request units", catalogue.dynamodb_read_units(), reads, basis)
    content = ctx.content_gb_per_month(table.id) * traffic.retention_months
    stored, basis = _usage(
        table,
        "storage_gb",
        content,
        f"{content:,.0f} GB written over {traffic.retention_months} months",
    )
    yield _line(ctx, "Data storage", catalogue.dynamodb_storage(), stored, basis)


def _nosql_provisioned(ctx: Context, table: NoSqlTable) -> Iterator[CostLine]:
    assert table.write_capacity is not None and table.read_capacity is not None
    yield _line(
        ctx,
        "Provisioned write capacity",
        catalogue.dynamodb_provisioned_writes(),
        table.write_capacity * HOURS_PER_MONTH,
        f"{table.write_capacity} WCU x {HOURS_PER_MONTH} h",
    )
    yield _line(
        ctx,
        "Provisioned read capacity",
        catalogue.dynamodb_provisioned_reads(),
        table.read_capacity * HOURS_PER_MONTH,
        f"{table.read_capacity} RCU x {HOURS_PER_MONTH} h",
    )
    content = ctx.content_gb_per_month(table.id) * ctx.model.traffic.retention_months
    stored, basis = _usage(table, "storage_gb", content, f"{content:,.0f} GB written")
    yield _line(ctx, "Data storage", catalogue.dynamodb_storage(), stored, basis)


def _queue(ctx: Context, queue: Queue) -> Iterator[CostLine]:
    messages = ctx.inbound(queue).writes
    requests, basis = _usage(
        queue,
        "requests_per_month",
        messages * SQS_CALLS_PER_MESSAGE,
        f"{messages:,.0f} messages x {SQS_CALLS_PER_MESSAGE} requests",
    )
    yield _line(ctx, "Requests", catalogue.sqs_requests(queue.fifo), requests, basis)


def _egress(ctx: Context, component: ComponentBase, entry_points: int) -> Iterator[CostLine]:
    response_kb = ctx.model.traffic.response_size_kb
    reads = ctx.flows.origin_reads / entry_points
    egress, basis = _usage(
        component,
        "egress_gb_per_month",
        reads * response_kb * KB / GB,
        f"{reads:,.0f} origin reads x {response_kb:g} KB",
    )
    yield _line(
        ctx, "Data transfer out to the internet", catalogue.data_transfer_out(), egress, basis
    )


PRICERS: dict[type[ComponentBase], Callable[[Context, ComponentBase], Iterator[CostLine]]] = {
    Host: _host,  # type: ignore[dict-item]
    RelationalDatabase: _database,  # type: ignore[dict-item]
    Cache: _cache,  # type: ignore[dict-item]
    DataWarehouse: _warehouse,  # type: ignore[dict-item]
    LoadBalancer: _load_balancer,  # type: ignore[dict-item]
    NatGateway: _nat,  # type: ignore[dict-item]
    ObjectStore: _object_store,  # type: ignore[dict-item]
    Cdn: _cdn,  # type: ignore[dict-item]
    Dns: _dns,  # type: ignore[dict-item]
    NoSqlTable: _nosql,  # type: ignore[dict-item]
    Queue: _queue,  # type: ignore[dict-item]
}


def _note(model: Architecture, component: ComponentBase) -> str | None:
    if isinstance(component, Client):
        return "the users: nothing to price"
    host = getattr(component, "host", None)
    if host is not None:
        return f"runs on {host}, priced there"
    return None


def _lines(ctx: Context, component: ComponentBase, entries: set[str]) -> Iterator[CostLine]:
    if isinstance(component, ComputeTier | Bastion):
        yield from _compute(ctx, component)
    else:
        pricer = PRICERS.get(type(component))
        if pricer is not None:
            yield from pricer(ctx, component)
    if component.id in entries:
        yield from _egress(ctx, component, len(entries))


def entry_points(model: Architecture) -> list[str]:
    """Components users reach directly at the origin (not DNS or the CDN), in model order."""
    clients = {c.id for c in model.components if isinstance(c, Client)}
    targets = {link.target for link in model.links if link.source in clients}
    return [
        c.id for c in model.components if c.id in targets and not isinstance(c, Dns | Cdn | Client)
    ]


def estimate(model: Architecture, book: PriceBook | None = None) -> CostEstimate:
    """Price every component of one model against a price book (the bundled one by default)."""
    book = book if book is not None else PriceBook.bundled(model.region)
    if book.region != model.region:
        from archlib.errors import InputError

        raise InputError(
            f"the model is in {model.region} but the prices are for {book.region}",
            field="region",
        )
    flows = Flows.of(model)
    by_id = {component.id: component for component in model.components}
    ctx = Context(model, book, flows, nat_traffic(model, flows), by_id)
    entries = set(entry_points(model))
    components = []
    for index, component in enumerate(model.components):
        try:
            lines = list(_lines(ctx, component, entries))
        except MissingPriceError as error:
            raise MissingPriceError(
                error.message, path=error.path, field=f"components[{index}] ({component.id})"
            ) from None
        components.append(
            ComponentCost(
                id=component.id,
                kind=component.kind,
                label=component.display_name,
                lines=tuple(lines),
                note=_note(model, component),
            )
        )
    traffic = model.traffic
    return CostEstimate(
        model=model.name,
        title=model.title,
        region=model.region,
        price_date=book.publication_date,
        price_origin=book.origin,
        requests_per_month=traffic.reads_per_month + traffic.writes_per_month,
        components=tuple(components),
        assumptions=ASSUMPTIONS,
    )
