"""Price a model: the shared flows, each component's pricers, then tiers walked per account.

Quantities come from the component itself (instances, nodes, volumes) and from the traffic
flows (`archlib.traffic`); usage figures, from the model or a usage file, override any
derived quantity. A tiered rate (data transfer out, S3 or DynamoDB storage, ...) is walked
once over the whole account's quantity and each line gets its part of the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from archlib.capacity.fleet import fleet_sizings
from archlib.cost import not_priced, pricers
from archlib.cost import usage as usage_figures
from archlib.cost.catalogue import PriceQuery
from archlib.cost.estimate import ComponentCost, CostEstimate
from archlib.cost.figures import bases
from archlib.cost.operations import operations_cost, replaced_by_dns
from archlib.cost.pricelist import MissingPriceError, Price, PriceBook
from archlib.cost.pricers.context import Context
from archlib.errors import InputError
from archlib.gc_pause import cyclic_gc_paused
from archlib.model import Architecture, Client, Component, ComputeTier, RelationalDatabase
from archlib.model.traffic import HOURS_PER_MONTH
from archlib.traffic import Flows, compute

ASSUMPTIONS = (
    f"A month is {HOURS_PER_MONTH} hours; 1 KB = 1,000 bytes and 1 GB = 10^9 bytes.",
    "On-demand rates, Linux, shared tenancy; no Savings Plans, reserved pricing or account "
    "free tier (such as the first 100 GB out); rate-card tiers priced at $0 (SQS's first "
    "million requests, DynamoDB's first 25 GB) apply.",
    "Tiered rates are walked once per account and month over every line that uses them; "
    "each line shows its share of the result.",
    "Traffic follows `archlib flows`: static_share of the reads are static objects (to the "
    "CDN when there is one, which answers its hit rate); each link carries its share of its "
    "caller's stream, or all of it; a memory cache answers its hit rate of the lookups.",
    "A CDN answers static objects at its hit rate and API reads only at the read_hit_rate "
    "the model states (default 0); everything else, writes and jobs included, goes on to its "
    "origins, and request bodies sent on are charged as transfer to the origin.",
    "Sizes per request class come from traffic.sizes: API reads return 1 KB (the source's "
    "item size), writes send write_size_kb, static objects return their stated size "
    "(default: the HTTP Archive median image); request headers are not counted.",
    "Each store keeps its own bytes per write: an object store write_size_kb, a database, "
    "table or warehouse traffic.record_kb (default 1 KB, the source's item size), unless the "
    "store states stored_kb_per_write; RDS storage stops at max_storage_gb (64 TiB at most).",
    "Growing storage is priced at traffic.storage_point: by default its average over the "
    "retention window (the full-window size is in each basis).",
    "Autoscaled groups run, in each hour of the week, what their load at that hour of the "
    "daily curve needs at their CPU target (else the utilisation limit), within the bounds "
    "their weekly schedules set; capacity reads the same counts. Fixed tiers run every hour.",
    "Each figure the bill rests on is listed with its basis (stated, sourced or assumed); "
    "`archlib cost --sensitivity` prices each at the ends of its range.",
    "Load balancer capacity units: one new connection per traffic.requests_per_connection "
    "requests (assumed 1: no keep-alive credit, the most units), the largest of connections "
    "and processed bytes in each hour; rule evaluations within the free ten.",
    "Bytes cross AZs where caller and target spread evenly over their AZs with no affinity; "
    "not from a load balancer to its targets (ALB cross-zone is free, NLB cross-zone is off "
    "by default) nor for RDS replication.",
    "Private subnets reach SQS through their NAT gateway, and S3 and DynamoDB too unless the "
    "exported stack routes them through gateway endpoints (free; it does wherever the VPC "
    "runs instances): NAT data processed.",
)


def _bytes_in(flows: Flows) -> dict[str, float]:
    result: dict[str, float] = {}
    for link in flows.links:
        moved = link.request_bytes + link.response_bytes
        result[link.target] = result.get(link.target, 0.0) + moved
    return result


def _tier_per_account(components: list[ComponentCost]) -> list[ComponentCost]:
    """Walk each tiered rate once over the account's total and share the cost out."""
    totals: dict[PriceQuery, float] = {}
    prices: dict[PriceQuery, Price] = {}
    tiered = [line for c in components for line in c.lines if len(line.price.tiers) > 1]
    for line in tiered:
        query = line.price.query
        totals[query] = totals.get(query, 0.0) + line.quantity
        prices[query] = line.price
    per_unit = {
        query: prices[query].cost(total) / total for query, total in totals.items() if total > 0
    }
    result = []
    for component in components:
        if all(line.price.query not in per_unit for line in component.lines):
            result.append(component)
            continue
        lines = tuple(
            line
            if line.price.query not in per_unit
            else replace(line, allocated_usd=per_unit[line.price.query] * line.quantity)
            for line in component.lines
        )
        result.append(replace(component, lines=lines))
    return result


def _note(component: Component, dns_only: frozenset[str]) -> str | None:
    if isinstance(component, Client):
        return "the users: nothing to price"
    if component.id in dns_only:
        return "deployed as private DNS records over the replicas; priced under operations"
    if isinstance(component, ComputeTier | RelationalDatabase) and component.host is not None:
        return f"runs on {component.host}, priced there"
    return None


def estimate(
    model: Architecture,
    book: PriceBook | None = None,
    usage: Mapping[str, Mapping[str, float]] | None = None,
    flows: Flows | None = None,
) -> CostEstimate:
    """Price every component of one model against a price book (the bundled one by default).

    `usage` is the checked figures per component (`archlib.cost.usage.merged`); by default
    the model's own `usage:` figures."""
    book = book if book is not None else PriceBook.bundled(model.region)
    if book.region != model.region:
        raise InputError(
            f"the model is in {model.region} but the prices are for {book.region}",
            field="region",
        )
    with cyclic_gc_paused():
        return _estimate(model, book, usage, flows)


def _estimate(
    model: Architecture,
    book: PriceBook,
    usage: Mapping[str, Mapping[str, float]] | None,
    flows: Flows | None,
) -> CostEstimate:
    figures = usage if usage is not None else usage_figures.of_model(model)
    flows = flows if flows is not None else compute(model)
    ctx = Context(model, book, flows, figures, _bytes_in(flows), fleet_sizings(model, flows))
    dns_only = frozenset(replaced_by_dns(model))
    components = []
    missing: list[str] = []
    for component in model.components:
        try:
            lines = () if component.id in dns_only else tuple(pricers.lines(ctx, component))
        except MissingPriceError as error:
            lines = ()
            missing.append(f"{component.id} ({component.kind}): {error.message}")
        components.append(
            ComponentCost(
                id=component.id,
                kind=component.kind,
                label=component.display_name,
                lines=lines,
                note=_note(component, dns_only),
            )
        )
    unexported: tuple[str, ...] = ()
    try:
        operations = operations_cost(model, book, flows)
    except MissingPriceError as error:
        operations = None
        missing.append(f"operations (what the stack adds to operate it): {error.message}")
    except InputError as error:
        # The stack's operations are those of its template; a model the exporter refuses
        # has none to count, and the report says why.
        operations = None
        unexported = (
            "what the exported stack adds to operate the design (endpoints, alarms, trail, "
            f"secrets): {error.message}",
        )
    if operations is not None:
        components.append(operations)
    priced_logs = model.operations.log_analysis and any(
        line.name.startswith("Log ingestion") for c in components for line in c.lines
    )
    unpriced = unexported + tuple(
        text
        for text in not_priced.applying(model)
        if not (priced_logs and text.startswith("CloudWatch Logs"))
    )
    if model.operations.resources is not None:
        from archlib.cost import declared

        unpriced += declared.not_priced(model.operations.resources)
    traffic = model.traffic
    return CostEstimate(
        model=model.name,
        title=model.title,
        region=model.region,
        price_date=book.publication_date,
        price_origin=book.origin,
        requests_per_month=traffic.reads_per_month + traffic.writes_per_month,
        components=tuple(_tier_per_account(components)),
        assumptions=ASSUMPTIONS,
        not_priced=unpriced,
        unpriced=tuple(missing),
        figures=bases(model),
        coverage=model.imported,
    )
