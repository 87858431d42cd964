"""RDS: instance hours, storage (provisioned, or the content when larger) and backup storage
beyond the free allowance: 100 % of the RDS storage provisioned in the region."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

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
    storage = _storage(ctx, db)
    deployment_storage = f"Storage ({db.storage_type}, {deployment})"
    yield ctx.line(
        deployment_storage,
        catalogue.rds_storage(db.storage_type, db.multi_az),
        storage.per_copy * copies,
        storage.basis,
        storage.usage_based,
    )
    if db.replica_of is None and db.backup_retention_days > 0:
        yield _backup(ctx, db, storage)


@dataclass(frozen=True)
class _Storage:
    per_copy: float
    basis: str
    usage_based: bool
    backup_copy: float
    """The full copy a backup keeps: the storage when stated or clamped, else the content."""
    monthly: float


def _storage(ctx: Context, db: RelationalDatabase) -> _Storage:
    copies = db.count * db.primaries
    primary = ctx.model.component(db.replica_of) if db.replica_of else db
    assert isinstance(primary, RelationalDatabase)
    months = primary.retention_months or ctx.model.traffic.retention_months
    monthly = ctx.content_gb_per_month(primary)
    content, grown = ctx.stored(monthly, months, rolling=primary.retention_months is not None)
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
    stored = per_copy * db.primaries
    backup_copy = stored if ctx.stated(db, "storage_gb") or needed > ceiling else content
    return _Storage(per_copy, basis, usage_based, backup_copy, monthly)


@dataclass(frozen=True)
class BackupPool:
    """RDS's free backup storage is 100 % of the database storage provisioned in the region:
    every instance's, replicas included, counted once (not the Multi-AZ standby). Every
    database's backups share it, so it is counted once per estimate."""

    allowance: float
    needs: Mapping[str, float]
    """Per backed-up primary: a full copy and the retained days' changes."""

    @property
    def over(self) -> float:
        return max(0.0, sum(self.needs.values()) - self.allowance)


def backup_pool(ctx: Context) -> BackupPool:
    allowance = 0.0
    needs: dict[str, float] = {}
    for db in ctx.model.components:
        if not isinstance(db, RelationalDatabase) or db.host is not None:
            continue
        if db.instance_class is None:
            continue
        storage = _storage(ctx, db)
        allowance += storage.per_copy * db.count * db.primaries
        if db.replica_of is None and db.backup_retention_days > 0:
            changes = storage.monthly * db.backup_retention_days / DAYS_PER_MONTH
            needs[db.id] = storage.backup_copy + changes
    return BackupPool(allowance, needs)


def _backup(ctx: Context, db: RelationalDatabase, storage: _Storage) -> CostLine:
    """Automated backups: one full copy plus the changes of each retained day. The region's
    provisioned storage is free once, shared by every database's backups in proportion."""
    changes = storage.monthly * db.backup_retention_days / DAYS_PER_MONTH
    pool = ctx.rds_backups
    needs, allowance, over = pool.needs, pool.allowance, pool.over
    need, total_need = needs[db.id], sum(needs.values())
    derived = over * need / total_need if total_need else 0.0
    basis = (
        f"a full copy ({storage.backup_copy:,.0f} GB) and {changes:,.0f} GB of changes over "
        f"{db.backup_retention_days} days"
    )
    if len(needs) > 1:
        basis += f", with {total_need - need:,.0f} GB of the region's other backups"
    basis += f", less the {allowance:,.0f} GB of RDS storage provisioned in the region (free)"
    if len(needs) > 1 and over:
        basis += f"; its share {need / total_need:.0%} of the {over:,.0f} GB over"
    charged, basis = ctx.figure(db, "backup_gb", derived, basis)
    return ctx.line(
        "Backup storage beyond the free allowance",
        catalogue.rds_backup_storage(),
        charged,
        basis,
        True,
    )
