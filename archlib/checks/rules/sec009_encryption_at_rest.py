"""SEC009: a data store without encryption at rest."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import (
    Cache,
    Component,
    DataWarehouse,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
)


def _field(component: Component) -> str | None:
    """The field that says whether data is encrypted at rest, if the kind stores data."""
    if isinstance(component, Cache):
        return "encrypted_at_rest"
    if isinstance(component, RelationalDatabase | ObjectStore | Queue | NoSqlTable | DataWarehouse):
        return "encrypted"
    return None


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, component in enumerate(context.model.components):
        field = _field(component)
        if field is None or getattr(component, field):
            continue
        yield RULE.finding(
            f"{component.id} ({component.kind}) stores data unencrypted ({field}: false)",
            component=component.id,
            location=("components", index, field),
        )


RULE = Rule(
    id="SEC009",
    category="security",
    severity="error",
    title="Data not encrypted at rest",
    rationale=(
        "Unencrypted volumes, snapshots and backups expose the data to anyone who gets at "
        "the storage; encryption at rest with KMS costs next to nothing on AWS."
    ),
    remediation="Set the store's encryption field to true (the default).",
    check=_check,
)
