"""S3: storage of what is written to it, PUTs for writes, GETs for reads and origin fetches."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import Context
from archlib.model import ObjectStore
from archlib.model.storage import stored_kb_with_basis

USAGE_KEYS = ("storage_gb", "put_requests_per_month", "get_requests_per_month")


def price(ctx: Context, store: ObjectStore) -> Iterator[CostLine]:
    arrived = ctx.flow(store).arrived
    retention = ctx.model.traffic.retention_months
    content, grown = ctx.stored(ctx.content_gb_per_month(store), retention)
    _, per_write = stored_kb_with_basis(store, ctx.model.traffic, arrived)
    stored, basis = ctx.figure(
        store, "storage_gb", content, f"what is written to it ({per_write}): {grown}"
    )
    yield ctx.line("Storage", catalogue.s3_storage(store.storage_class), stored, basis, True)
    written = arrived.get("writes", 0.0) + arrived.get("jobs", 0.0)
    puts, basis = ctx.figure(
        store, "put_requests_per_month", written, "one PUT per write or job that reaches it"
    )
    yield ctx.line("PUT, COPY, POST, LIST requests", catalogue.s3_requests(1), puts, basis, True)
    read = arrived.get("reads", 0.0) + arrived.get("static", 0.0)
    gets, basis = ctx.figure(
        store,
        "get_requests_per_month",
        read,
        "one GET per read or origin fetch that reaches it (CDN misses included)",
    )
    yield ctx.line("GET and other requests", catalogue.s3_requests(2), gets, basis, True)
