"""Rules AWS enforces only when the stack is created, checked on the template beforehand.

cfn-lint and checkov read a template resource by resource; these rules span resources, and
breaking one fails the deployment half-way, so the exporter refuses to hand such a template
over.
"""

from __future__ import annotations

from typing import Any

MANAGED_PASSWORD_REPLICAS = (
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html"
    "#rds-secrets-manager-limitations"
)
"""RDS lists, among what managing master passwords in Secrets Manager does not support,
creating a read replica of a source that does so, for every engine but RDS for SQL Server."""


class UndeployableTemplate(ValueError):
    """The template breaks a rule that AWS would enforce at deploy time."""


def replica_of_managed_password(resources: dict[str, dict[str, Any]]) -> list[str]:
    """Read replicas whose source instance has its master password managed by RDS."""
    problems: list[str] = []
    for logical, resource in resources.items():
        if resource.get("Type") != "AWS::RDS::DBInstance":
            continue
        source = resource.get("Properties", {}).get("SourceDBInstanceIdentifier")
        name = source.get("Ref") if isinstance(source, dict) else source
        primary = resources.get(name) if isinstance(name, str) else None
        if primary is None or primary.get("Type") != "AWS::RDS::DBInstance":
            continue
        properties = primary.get("Properties", {})
        if properties.get("ManageMasterUserPassword") is True and not str(
            properties.get("Engine", "")
        ).startswith("sqlserver"):
            problems.append(
                f"{logical} replicates {name}, whose master password RDS manages "
                f"(ManageMasterUserPassword); RDS refuses that: {MANAGED_PASSWORD_REPLICAS}"
            )
    return problems


def problems(resources: dict[str, dict[str, Any]]) -> list[str]:
    return replica_of_managed_password(resources)


def require_deployable(resources: dict[str, dict[str, Any]]) -> None:
    found = problems(resources)
    if found:
        raise UndeployableTemplate("; ".join(found))
