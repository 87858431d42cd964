"""RDS: instance hours, storage (provisioned, or the content when larger) and backup storage
beyond the free allowance of 100 % of the provisioned storage."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers import rates
from archlib.cost.pricers.context import HOURS_PER_MONTH, Context
from archlib.model import RelationalDatabase

USAGE_KEYS = ("storage_gb", "backup_gb")
DAYS_PER_MONTH = HOURS_PER_MONTH / 24


def price(ctx: Context, db: RelationalDatabase) -> Iterator[CostLine]:
    if db.host is not None or db.instance_class is None:
        return
    copies = db.count * db.primaries
    deployment = "Multi-AZ" if db.multi_az else "Single-AZ"
    yield ctx.line(
        f"Database instances ({db.instance_class}, {deployment})",
        rates.rds_instance(db.instance_class, db.engine, db.multi_az),
        copies * HOURS_PER_MONTH,
        f"{db.count} instance(s) x {db.primaries} primar{'ies' if db.primaries > 1 else 'y'}"
        f" x {HOURS_PER_MONTH} h",
    )
    primary = ctx.model.component(db.replica_of) if db.replica_of else db
    assert isinstance(primary, RelationalDatabase)
    months = primary.retention_months or ctx.model.traffic.retention_months
    monthly = ctx.content_gb_per_month(primary)
    content, grown = ctx.stored(monthly, months)
    ceiling = db.storage_ceiling_gb
    needed = content / db.primaries
    per_copy = min(max(db.storage_gb, needed), ceiling)
    grows = needed > db.storage_gb
    basis = (
        f"max(storage_gb {db.storage_gb}, {content:,.0f} GB of content / {db.primaries}: "
        f"{grown}) x {copies} cop{'ies' if copies > 1 else 'y'}"
    )
    if needed > ceiling:
        basis += f", held at the {ceiling:,} GB it can grow to ({db.storage_ceiling_basis})"
    per_copy, basis = ctx.figure(db, "storage_gb", per_copy, basis)
    usage_based = grows or ctx.stated(db, "storage_gb")
    yield ctx.line(
        f"Storage ({db.storage_type}, {deployment})",
        catalogue.rds_storage(db.storage_type, db.multi_az),
        per_copy * copies,
        basis,
        usage_based,
    )
    if db.replica_of is None and db.backup_retention_days > 0:
        stored = per_copy * db.primaries
        copy = stored if ctx.stated(db, "storage_gb") or needed > ceiling else content
        yield _backup(ctx, db, stored, copy, monthly)


def _backup(
    ctx: Context, db: RelationalDatabase, provisioned: float, content: float, monthly: float
) -> CostLine:
    """Automated backups: one full copy plus the changes of each retained day, of which the
    provisioned storage is free."""
    changes = monthly * db.backup_retention_days / DAYS_PER_MONTH
    derived = max(0.0, content + changes - provisioned)
    basis = (
        f"a full copy ({content:,.0f} GB) and {changes:,.0f} GB of changes over "
        f"{db.backup_retention_days} days, less the {provisioned:,.0f} GB provisioned (free)"
    )
    charged, basis = ctx.figure(db, "backup_gb", derived, basis)
    return ctx.line(
        "Backup storage beyond the free allowance",
        catalogue.rds_backup_storage(),
        charged,
        basis,
        True,
    )
