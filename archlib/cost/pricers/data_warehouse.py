"""Redshift RA3: node hours and managed storage for the history it keeps."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers import rates
from archlib.cost.pricers.context import GB, HOURS_PER_MONTH, KB, Context
from archlib.model import DataWarehouse
from archlib.model.storage import stored_kb

USAGE_KEYS = ("storage_gb",)


def price(ctx: Context, warehouse: DataWarehouse) -> Iterator[CostLine]:
    yield ctx.line(
        f"Compute nodes ({warehouse.node_type})",
        rates.redshift_node(warehouse.node_type),
        warehouse.nodes * HOURS_PER_MONTH,
        f"{warehouse.nodes} node(s) x {HOURS_PER_MONTH} h",
    )
    traffic = ctx.model.traffic
    monthly = traffic.writes_per_month * stored_kb(warehouse, traffic) * KB / GB
    history, grown = ctx.stored(monthly, traffic.retention_months)
    stored, basis = ctx.figure(
        warehouse, "storage_gb", history, f"the full history of the writes: {grown}"
    )
    yield ctx.line(
        "Managed storage (RA3)", catalogue.redshift_managed_storage(), stored, basis, True
    )
