"""CloudWatch Logs ingestion and storage, where the model turns log analysis on.

The model says nothing about log volume, so it is priced only for components that state
`log_gb_per_month`; the report lists the charge as not priced otherwise."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import Context
from archlib.model import ComponentBase

USAGE_KEYS = ("log_gb_per_month",)


def applies(ctx: Context, component: ComponentBase) -> bool:
    return ctx.model.operations.log_analysis and ctx.stated(component, "log_gb_per_month")


def price(ctx: Context, component: ComponentBase) -> Iterator[CostLine]:
    if not ctx.model.operations.log_analysis or not ctx.stated(component, "log_gb_per_month"):
        return
    ingested = ctx.usage[component.id]["log_gb_per_month"]
    yield ctx.line(
        "Log ingestion (CloudWatch Logs)",
        catalogue.cloudwatch_logs_ingestion(),
        ingested,
        "usage.log_gb_per_month stated",
        True,
    )
    retention = ctx.model.traffic.retention_months
    stored, grown = ctx.stored(ingested, retention)
    yield ctx.line(
        "Log storage (CloudWatch Logs)",
        catalogue.cloudwatch_logs_storage(),
        stored,
        f"kept for retention_months, at most (AWS bills compressed bytes): {grown}",
        True,
    )
