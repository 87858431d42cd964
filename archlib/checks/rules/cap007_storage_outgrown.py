"""CAP007: a database whose content, once its retention window is full, outgrows the storage
it can grow to."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model import RelationalDatabase
from archlib.model.storage import content_gb_per_month, stored_kb


def _check(context: CheckContext) -> Iterator[Finding]:
    traffic = context.model.traffic
    for db in context.model.components:
        if not isinstance(db, RelationalDatabase) or db.replica_of is not None:
            continue
        if db.host is not None or db.instance_class is None:
            continue
        arrived = context.flows.component(db.id).arrived
        writes = arrived.get("writes", 0.0) + arrived.get("jobs", 0.0)
        months = db.retention_months or traffic.retention_months
        full = content_gb_per_month(db, arrived, traffic) * months / db.primaries
        ceiling = db.storage_ceiling_gb
        if full <= ceiling:
            continue
        yield RULE.finding(
            f"{db.id}: {full:,.0f} GB of content a copy after {months} months "
            f"({writes:,.0f} writes a month x {stored_kb(db, traffic):g} KB) outgrows the "
            f"{ceiling:,} GB it can grow to ({db.storage_ceiling_basis}); writes fail once it "
            "is full",
            component=db.id,
            location=("components", context.component_index(db.id)),
        )


RULE = Rule(
    id="CAP007",
    category="capacity",
    severity="warning",
    title="Content outgrows the database's storage",
    rationale=(
        "RDS storage grows only to its autoscaling ceiling (MaxAllocatedStorage) and never "
        "beyond 64 TiB. Content retained past that fills the volume and the database stops "
        "taking writes; the estimate prices storage at the ceiling, not at the content."
    ),
    remediation=(
        "Raise max_storage_gb, keep less (retention_months), move large content to an object "
        "store (stored_kb_per_write or traffic.record_kb for the row), or shard the data."
    ),
    check=_check,
)
