"""SPOF004: a cache on a hard request path with one node or no automatic failover."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import Cache


def _check(context: CheckContext) -> Iterator[Finding]:
    for cache in context.model.of_type(Cache):
        if cache.id not in context.hard_reachable or context.is_redundant(cache):
            continue
        gaps = []
        if cache.nodes < 2:
            gaps.append("one node per shard")
        if not cache.automatic_failover:
            gaps.append("no automatic failover")
        if not cache.multi_az:
            gaps.append("not Multi-AZ")
        elif len(context.azs_of(cache)) < 2:
            gaps.append("subnets in one AZ")
        yield RULE.finding(
            f"{cache.id}: {', '.join(gaps)}; a request path depends on it (hard dependency)",
            component=cache.id,
        )


RULE = Rule(
    id="SPOF004",
    category="spof",
    severity="error",
    title="Cache without failover on a hard path",
    rationale=(
        "A cache that requests cannot do without (sessions, say) is as critical as a "
        "database. A soft, fall-back dependency such as a cache-aside read is not: the "
        "caller survives a miss."
    ),
    remediation=(
        "Run a replication group with at least two nodes per shard, automatic failover and "
        "Multi-AZ; or make the dependency soft (mark the link `dependency: soft`) if the "
        "caller really falls back."
    ),
    check=_check,
)
