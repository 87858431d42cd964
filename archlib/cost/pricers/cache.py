"""ElastiCache: node hours."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost.estimate import CostLine
from archlib.cost.pricers import rates
from archlib.cost.pricers.context import HOURS_PER_MONTH, Context
from archlib.model import Cache

USAGE_KEYS: tuple[str, ...] = ()


def price(ctx: Context, cache: Cache) -> Iterator[CostLine]:
    nodes = cache.nodes * cache.shards
    yield ctx.line(
        f"Cache nodes ({cache.node_type}, {cache.engine})",
        rates.cache_node(cache.node_type, cache.engine),
        nodes * HOURS_PER_MONTH,
        f"{cache.nodes} node(s) x {cache.shards} shard(s) x {HOURS_PER_MONTH} h",
    )
