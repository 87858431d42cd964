"""DynamoDB: request units (or provisioned capacity), storage with the per-item overhead, and
point-in-time recovery billed on the table size."""

from __future__ import annotations

import math
from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import GB, HOURS_PER_MONTH, KB, Context
from archlib.model import NoSqlTable
from archlib.model.storage import stored_kb

USAGE_KEYS = ("write_units_per_month", "read_units_per_month", "storage_gb")
WRITE_UNIT_KB = 1.0
READ_UNIT_KB = 4.0
ITEM_OVERHEAD_BYTES = 100
"""DynamoDB bills 100 bytes of indexing overhead per item on top of its data."""


def price(ctx: Context, table: NoSqlTable) -> Iterator[CostLine]:
    if table.billing_mode == "provisioned":
        yield from _provisioned(ctx, table)
    else:
        yield from _on_demand(ctx, table)
    stored, basis = _storage(ctx, table)
    yield ctx.line("Data storage", catalogue.dynamodb_storage(), stored, basis, True)
    if table.point_in_time_recovery:
        yield ctx.line(
            "Point-in-time recovery (continuous backups)",
            catalogue.dynamodb_pitr_storage(),
            stored,
            "the table size, point_in_time_recovery on",
            True,
        )


def _storage(ctx: Context, table: NoSqlTable) -> tuple[float, str]:
    arrived = ctx.flow(table).arrived
    items = arrived.get("writes", 0.0) + arrived.get("jobs", 0.0)
    item_kb = stored_kb(table, ctx.model.traffic) + ITEM_OVERHEAD_BYTES / KB
    monthly = items * item_kb * KB / GB
    content, grown = ctx.stored(monthly, ctx.model.traffic.retention_months)
    return ctx.figure(
        table,
        "storage_gb",
        content,
        f"{items:,.0f} items a month x {item_kb:g} KB (100 B overhead each): {grown}",
    )


def _on_demand(ctx: Context, table: NoSqlTable) -> Iterator[CostLine]:
    arrived = ctx.flow(table).arrived
    traffic = ctx.model.traffic
    writes = arrived.get("writes", 0.0) + arrived.get("jobs", 0.0)
    reads = arrived.get("reads", 0.0)
    write_units = max(1, math.ceil(traffic.size("writes")[0] / WRITE_UNIT_KB - 1e-9))
    read_units = max(1, math.ceil(traffic.size("reads")[1] / READ_UNIT_KB - 1e-9))
    units, basis = ctx.figure(
        table,
        "write_units_per_month",
        writes * write_units,
        f"{writes:,.0f} writes x {write_units:g} unit(s) of 1 KB",
    )
    yield ctx.line("Write request units", catalogue.dynamodb_write_units(), units, basis, True)
    units, basis = ctx.figure(
        table,
        "read_units_per_month",
        reads * read_units,
        f"{reads:,.0f} strongly consistent reads x {read_units:g} unit(s) of 4 KB",
    )
    yield ctx.line("Read request units", catalogue.dynamodb_read_units(), units, basis, True)


def _provisioned(ctx: Context, table: NoSqlTable) -> Iterator[CostLine]:
    assert table.write_capacity is not None and table.read_capacity is not None
    yield ctx.line(
        "Provisioned write capacity",
        catalogue.dynamodb_provisioned_writes(),
        table.write_capacity * HOURS_PER_MONTH,
        f"{table.write_capacity} WCU x {HOURS_PER_MONTH} h",
    )
    yield ctx.line(
        "Provisioned read capacity",
        catalogue.dynamodb_provisioned_reads(),
        table.read_capacity * HOURS_PER_MONTH,
        f"{table.read_capacity} RCU x {HOURS_PER_MONTH} h",
    )
