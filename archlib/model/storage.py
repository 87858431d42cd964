"""What a store keeps per write: one rule for the estimate and the checks."""

from __future__ import annotations

from collections.abc import Mapping

from archlib.model.components import ComponentBase, ObjectStore, field_or
from archlib.model.traffic import BYTES_PER_KB, TrafficProfile

BYTES_PER_GB = 10**9


def stored_kb(
    component: ComponentBase,
    traffic: TrafficProfile,
    arrived: Mapping[str, float] | None = None,
) -> float:
    """KB one write keeps in a store: what the store states, else an object store keeps the
    write's content (write_size_kb) and a database, table or warehouse a record (record_kb),
    so an upload path that sends photos to S3 does not also grow the database by a photo.

    An object store that serves static objects keeps at least one such object per write:
    it cannot serve 58 KB objects it stored as 1 KB ones."""
    return stored_kb_with_basis(component, traffic, arrived)[0]


def stored_kb_with_basis(
    component: ComponentBase,
    traffic: TrafficProfile,
    arrived: Mapping[str, float] | None = None,
) -> tuple[float, str]:
    stated = field_or(component, "stored_kb_per_write")
    if stated is not None:
        return float(stated), f"{stated:g} KB per write (stored_kb_per_write)"
    if isinstance(component, ObjectStore):
        served = traffic.size("static")[1]
        if (
            arrived is not None
            and arrived.get("static", 0.0) > 0
            and served > traffic.write_size_kb
        ):
            return served, f"{served:g} KB per write, the static objects it serves"
        return traffic.write_size_kb, f"{traffic.write_size_kb:g} KB per write (write_size_kb)"
    return traffic.record_kb, f"{traffic.record_kb:g} KB per write (traffic.record_kb)"


def content_gb_per_month(
    component: ComponentBase, arrived: Mapping[str, float], traffic: TrafficProfile
) -> float:
    """Content a store gains a month from the writes and jobs that reach it."""
    writes = arrived.get("writes", 0.0) + arrived.get("jobs", 0.0)
    return writes * stored_kb(component, traffic, arrived) * BYTES_PER_KB / BYTES_PER_GB
