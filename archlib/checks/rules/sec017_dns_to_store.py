"""SEC017: a DNS record that resolves to a data store."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import Cache, DataWarehouse, Dns, RelationalDatabase

STORES = (RelationalDatabase, Cache, DataWarehouse)


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, dns in enumerate(context.model.components):
        if not isinstance(dns, Dns):
            continue
        for position, record in enumerate(dns.records):
            target = context.components.get(record.target)
            if isinstance(target, STORES):
                yield RULE.finding(
                    f"{dns.id} (dns) publishes {record.name}.{dns.domain} for {target.id} "
                    f"({target.kind})",
                    component=dns.id,
                    key=f"record:{record.name}",
                    location=("components", index, "records", position),
                )


RULE = Rule(
    id="SEC017",
    category="security",
    severity="error",
    title="DNS record pointing at a data store",
    rationale=(
        "A name in a public zone for the database, cache or warehouse tells every scanner "
        "where the data is; clients have no business resolving it."
    ),
    remediation=(
        "Remove the record, or move it to a private hosted zone the VPC alone resolves; let "
        "clients reach the data through the application tier."
    ),
    check=_check,
)
