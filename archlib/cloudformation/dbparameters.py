"""The engine settings of RDS instances: a parameter group per primary that logs slow queries
and takes connections over TLS only.

RDS's default groups log no slow query, so the first question about a slow page ("which
statement?") has no answer. Each primary gets a group of its engine's family, shared by its
read replicas so that a read is judged by the same rule as a write; with `log_analysis` the
log goes on to CloudWatch Logs (`EnableCloudwatchLogsExports`).
"""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.naming import pascal
from archlib.model import RelationalDatabase

SLOW_QUERY_S = 1
"""A statement slower than a second is worth reading; a busy server writes few of them."""


def family(database: RelationalDatabase) -> str:
    """The parameter group family of the engine version: mysql8.4, mariadb10.11, postgres17."""
    parts = database.engine_version.split(".")
    if database.engine == "postgres":
        return f"postgres{parts[0]}"
    return f"{database.engine}{parts[0]}.{parts[1]}"


def engine_parameters(database: RelationalDatabase) -> dict[str, str]:
    """Slow queries logged; connections only over TLS, since a group of the template's own
    replaces the default that the engine's TLS setting would otherwise come from."""
    if database.engine == "postgres":
        return {
            "log_min_duration_statement": str(SLOW_QUERY_S * 1000),  # milliseconds
            "rds.force_ssl": "1",
        }
    return {
        "slow_query_log": "1",
        "log_output": "FILE",
        "long_query_time": str(SLOW_QUERY_S),
        "require_secure_transport": "1",
    }


def parameter_group_id(primary: RelationalDatabase) -> str:
    return f"{pascal(primary.id)}ParameterGroup"


def export_parameter_group(ctx: ExportContext, primary: RelationalDatabase) -> dict[str, Any]:
    """The group of the primary (declared once), as the property an instance names it by."""
    logical = parameter_group_id(primary)
    if logical not in ctx.template.resources:
        ctx.template.resource(
            logical,
            "AWS::RDS::DBParameterGroup",
            {
                "Description": f"Engine settings of {primary.id}: slow queries logged, TLS only",
                "Family": family(primary),
                "Parameters": engine_parameters(primary),
                "Tags": ctx.name_tag(primary.id),
            },
        )
    return {"DBParameterGroupName": {"Ref": logical}}
