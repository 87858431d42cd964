"""Monthly request volumes per component, derived from the traffic profile and the links.

Each link carries a traffic class. A component receives, per month: `all` -> the reads that
reach the origin (after the CDN's offload) plus the writes; `reads` -> those reads, or only the
cache misses when the caller also reads a memory cache (cache-aside); `writes` and `jobs` ->
the writes; `sessions` -> every origin request; `static` -> the reads the CDN answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from archlib.model import Architecture, Cache, Cdn, Link
from archlib.model.traffic import SECONDS_PER_MONTH_EXACT


@dataclass(frozen=True)
class Flows:
    """Monthly request totals, and the link indexes that route them, computed once a model."""

    reads: float
    writes: float
    static: float
    origin_reads: float
    cache_hit_rate: float
    links_in: Mapping[str, tuple[Link, ...]]
    caches: frozenset[str]
    cache_readers: frozenset[str]

    @classmethod
    def of(cls, model: Architecture) -> Flows:
        traffic = model.traffic
        has_cdn = any(isinstance(c, Cdn) for c in model.components)
        static = traffic.reads_per_month * traffic.cdn_offload if has_cdn else 0.0
        caches = frozenset(c.id for c in model.components if isinstance(c, Cache))
        links_in: dict[str, list[Link]] = {}
        for link in model.links:
            links_in.setdefault(link.target, []).append(link)
        return cls(
            reads=traffic.reads_per_month,
            writes=traffic.writes_per_month,
            static=static,
            origin_reads=traffic.reads_per_month - static,
            cache_hit_rate=traffic.cache_hit_rate,
            links_in={target: tuple(links) for target, links in links_in.items()},
            caches=caches,
            cache_readers=frozenset(
                link.source
                for link in model.links
                if link.traffic in ("reads", "all") and link.target in caches
            ),
        )


@dataclass(frozen=True)
class Inbound:
    """Requests a month reaching one component, split by what they do."""

    reads: float = 0.0
    writes: float = 0.0
    static: float = 0.0

    @property
    def total(self) -> float:
        return self.reads + self.writes + self.static


def link_volume(link: Link, flows: Flows) -> Inbound:
    """Requests a month along one link, by its traffic class (cache misses after a cache)."""
    if link.mode == "replication" or link.traffic == "replication":
        return Inbound()
    if link.traffic in ("all", "sessions"):
        return Inbound(reads=flows.origin_reads, writes=flows.writes)
    if link.traffic == "reads":
        misses = link.source in flows.cache_readers and link.target not in flows.caches
        return Inbound(reads=flows.origin_reads * ((1 - flows.cache_hit_rate) if misses else 1))
    if link.traffic in ("writes", "jobs"):
        return Inbound(writes=flows.writes)
    return Inbound(static=flows.static)


def inbound(component_id: str, flows: Flows) -> Inbound:
    classes: dict[str, set[str]] = {}
    for link in flows.links_in.get(component_id, ()):
        if link.mode == "replication" or link.traffic == "replication":
            continue
        classes.setdefault(link.traffic, set()).add(link.source)
    reads = writes = static = 0.0
    if "all" in classes or "sessions" in classes:
        reads, writes = flows.origin_reads, flows.writes
    if "reads" in classes:
        misses_only = component_id not in flows.caches and classes["reads"] <= flows.cache_readers
        reads = flows.origin_reads * ((1 - flows.cache_hit_rate) if misses_only else 1.0)
    if "writes" in classes or "jobs" in classes:
        writes = flows.writes
    if "static" in classes:
        static = flows.static
    return Inbound(reads, writes, static)


def hourly_rates(requests_per_month: float, curve: tuple[float, ...]) -> list[float]:
    """Requests per second in each hour of the day, shaped by the daily curve."""
    mean = sum(curve) / len(curve)
    average = requests_per_month / SECONDS_PER_MONTH_EXACT
    return [average * factor / mean for factor in curve]


def average_instances(minimum: int, maximum: int, curve: tuple[float, ...]) -> float:
    """An autoscaled group's average size: clamp(ceil(max x load), min, max) over the day."""
    counts = [min(max(math.ceil(maximum * factor - 1e-9), minimum), maximum) for factor in curve]
    return sum(counts) / len(counts)
