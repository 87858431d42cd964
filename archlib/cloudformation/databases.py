"""Databases: RDS primaries (one per partition) and read replicas, and Redshift.

Passwords never appear in the template: they live in Secrets Manager, managed by RDS and
Redshift, or, for a primary with read replicas, generated and rotated there (secrets.py).
"""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.appuser import export_app_user
from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.dbparameters import export_parameter_group
from archlib.cloudformation.dbwindows import instance_windows
from archlib.cloudformation.iam import export_role, managed_policy
from archlib.cloudformation.intrinsics import az, get_att, ref
from archlib.cloudformation.naming import partitions, pascal
from archlib.cloudformation.secrets import (
    export_rotation,
    has_replicas,
    master_credentials,
    master_secret_arn,
)
from archlib.model import DataWarehouse, RelationalDatabase

DATABASE_USERNAME = "DatabaseMasterUsername"
WAREHOUSE_USERNAME = "WarehouseMasterUsername"
DELETION_PROTECTION = "DeletionProtection"


def _deletion_protection(ctx: ExportContext) -> dict[str, Any]:
    return ref(
        ctx.template.parameter(
            DELETION_PROTECTION,
            {
                "Type": "String",
                "AllowedValues": ["true", "false"],
                "Default": "true",
                "Description": "Protect databases and the warehouse from stack deletion",
            },
        )
    )


LOG_EXPORTS = {
    "mysql": ["error", "slowquery"],
    "mariadb": ["error", "slowquery"],
    "postgres": ["postgresql"],
}
ENHANCED_MONITORING_S = 60


def _monitoring_role(ctx: ExportContext) -> str:
    logical = "RdsMonitoringRole"
    if logical not in ctx.template.resources:
        export_role(
            ctx,
            logical,
            "monitoring.rds.amazonaws.com",
            [managed_policy("service-role/AmazonRDSEnhancedMonitoringRole")],
            [],
        )
    return logical


def _operations(ctx: ExportContext, database: RelationalDatabase) -> dict[str, Any]:
    """Enhanced monitoring when monitoring is detailed; log exports with log_analysis."""
    properties: dict[str, Any] = {}
    if ctx.model.operations.monitoring == "detailed":
        properties["MonitoringInterval"] = ENHANCED_MONITORING_S
        properties["MonitoringRoleArn"] = get_att(_monitoring_role(ctx), "Arn")
    if ctx.model.operations.log_analysis:
        properties["EnableCloudwatchLogsExports"] = LOG_EXPORTS[database.engine]
    return properties


def _skips(ctx: ExportContext, logical: str, database: RelationalDatabase) -> None:
    template = ctx.template
    if ctx.model.operations.monitoring != "detailed":
        template.skip_check(
            logical,
            "CKV_AWS_118",
            f"operations.monitoring is {ctx.model.operations.monitoring}; enhanced monitoring "
            "comes with detailed",
        )
    if database.replica_of is not None:
        template.skip_check(
            logical,
            "CKV_AWS_16",
            "a read replica is encrypted because its source is; RDS does not take the "
            "property on a replica",
        )
        template.skip_check(
            logical,
            "CKV_AWS_157",
            "one replica of a set spread over the AZs; the set is the redundancy",
        )
    elif not database.multi_az:
        template.skip_check(
            logical,
            "CKV_AWS_157",
            "multi_az is false in the model: a single point of failure archlib check reports",
        )


POSTGRES_MASTER_USER = "dbadmin"
"""RDS for PostgreSQL refuses `admin` (and `postgres`, `rdsadmin`) as the master user name."""


def master_username(ctx: ExportContext) -> str:
    """One master user name that every engine of the model accepts."""
    return POSTGRES_MASTER_USER if "postgres" in ctx.database_engines else "admin"


def export_database(ctx: ExportContext, database: RelationalDatabase) -> None:
    template, name = ctx.template, pascal(database.id)
    assert database.instance_class is not None
    username = template.parameter(
        DATABASE_USERNAME,
        {
            "Type": "String",
            "Default": master_username(ctx),
            "AllowedPattern": "^[a-zA-Z][a-zA-Z0-9_]{0,15}$",
            "Description": "Master user of the databases; RDS keeps the password in Secrets "
            "Manager",
        },
    )
    instance_class = template.parameter(
        f"{name}InstanceClass",
        {
            "Type": "String",
            "Default": database.instance_class,
            "Description": f"RDS instance class of {database.id}",
        },
    )
    subnet_group = template.resource(
        f"{name}DbSubnetGroup",
        "AWS::RDS::DBSubnetGroup",
        {
            "DBSubnetGroupDescription": f"Subnets of {database.id}",
            "SubnetIds": ctx.subnet_refs(database),
        },
    )
    replicated = has_replicas(ctx, database)
    for prefix in partitions(database):
        credentials: dict[str, Any] = (
            master_credentials(ctx, prefix, username)
            if replicated
            else {"MasterUsername": ref(username), "ManageMasterUserPassword": True}
        )
        logical = template.resource(
            f"{prefix}Database",
            "AWS::RDS::DBInstance",
            {
                "Engine": database.engine,
                "EngineVersion": database.engine_version,
                "DBInstanceClass": ref(instance_class),
                "AllocatedStorage": str(database.storage_gb),
                "MaxAllocatedStorage": database.storage_ceiling_gb,
                "StorageType": database.storage_type,
                "StorageEncrypted": database.encrypted,
                "MultiAZ": database.multi_az,
                "Port": str(database.port),
                **credentials,
                "DBSubnetGroupName": ref(subnet_group),
                **export_parameter_group(ctx, database),
                "VPCSecurityGroups": [ctx.guard_ref(database)],
                "PubliclyAccessible": False,
                "BackupRetentionPeriod": database.backup_retention_days,
                "CopyTagsToSnapshot": True,
                "DeletionProtection": _deletion_protection(ctx),
                "AutoMinorVersionUpgrade": False,
                "EnableIAMDatabaseAuthentication": True,
                **instance_windows(database.instance_class, replica=False),
                **_operations(ctx, database),
                "Tags": ctx.name_tag(database.id),
            },
            DeletionPolicy="Snapshot",
            UpdateReplacePolicy="Snapshot",
        )
        _skips(ctx, logical, database)
        if replicated:
            export_rotation(ctx, database, prefix)
        export_app_user(ctx, database, prefix)
        template.output(
            f"{prefix}Endpoint",
            get_att(logical, "Endpoint.Address"),
            f"Writer endpoint of {database.id}",
        )
        template.output(
            f"{prefix}SecretArn",
            master_secret_arn(ctx, database, prefix),
            f"Secret holding the master credentials of {database.id}, for operators",
        )


def export_replicas(ctx: ExportContext, replicas: RelationalDatabase) -> None:
    """Read replicas spread round-robin over the AZs of the set's subnets."""
    template, name = ctx.template, pascal(replicas.id)
    assert replicas.instance_class is not None and replicas.replica_of is not None
    primary = ctx.model.component(replicas.replica_of)
    assert isinstance(primary, RelationalDatabase)
    instance_class = template.parameter(
        f"{name}InstanceClass",
        {
            "Type": "String",
            "Default": replicas.instance_class,
            "Description": f"RDS instance class of {replicas.id}",
        },
    )
    zones = [ctx.model.network.azs.index(a) for a in ctx.model.azs_of(replicas)]
    primaries = partitions(primary) if primary.host is None else []
    if not primaries:
        template.not_exported.append(
            f"read replicas {replicas.id}: RDS cannot replicate a database on a host"
        )
        return
    for primary_prefix in primaries:
        suffix = primary_prefix.removeprefix(pascal(primary.id))
        for index in range(replicas.count):
            logical = template.resource(
                f"{name}{suffix}Replica{index + 1}",
                "AWS::RDS::DBInstance",
                {
                    "SourceDBInstanceIdentifier": ref(f"{primary_prefix}Database"),
                    "DBInstanceClass": ref(instance_class),
                    **export_parameter_group(ctx, primary),
                    "AvailabilityZone": az(zones[index % len(zones)]),
                    "VPCSecurityGroups": [ctx.guard_ref(replicas)],
                    "PubliclyAccessible": False,
                    "AutoMinorVersionUpgrade": False,
                    "EnableIAMDatabaseAuthentication": True,
                    **instance_windows(replicas.instance_class, replica=True),
                    **_operations(ctx, replicas),
                    "Tags": ctx.name_tag(replicas.id),
                },
                DeletionPolicy="Delete",
                UpdateReplacePolicy="Delete",
            )
            _skips(ctx, logical, replicas)
            template.output(
                f"{logical}Endpoint",
                get_att(logical, "Endpoint.Address"),
                f"Read replica {index + 1} of {replicas.id}",
            )


def export_warehouse(ctx: ExportContext, warehouse: DataWarehouse) -> None:
    template, name = ctx.template, pascal(warehouse.id)
    username = template.parameter(
        WAREHOUSE_USERNAME,
        {
            "Type": "String",
            "Default": "awsuser",
            "AllowedPattern": "^[a-z][a-z0-9_]{0,126}$",
            "Description": "Master user of the warehouse; Redshift keeps its password in "
            "Secrets Manager",
        },
    )
    subnet_group = template.resource(
        f"{name}ClusterSubnetGroup",
        "AWS::Redshift::ClusterSubnetGroup",
        {"Description": f"Subnets of {warehouse.id}", "SubnetIds": ctx.subnet_refs(warehouse)},
    )
    properties: dict[str, Any] = {
        "ClusterType": "multi-node" if warehouse.nodes > 1 else "single-node",
        "NodeType": warehouse.node_type,
        "DBName": "warehouse",
        "MasterUsername": ref(username),
        "ManageMasterPassword": True,
        "Encrypted": warehouse.encrypted,
        "Port": warehouse.port,
        "ClusterSubnetGroupName": ref(subnet_group),
        "VpcSecurityGroupIds": [ctx.guard_ref(warehouse)],
        "PubliclyAccessible": False,
        "AutomatedSnapshotRetentionPeriod": warehouse.snapshot_retention_days,
        "Tags": ctx.name_tag(warehouse.id),
    }
    if ctx.model.operations.log_analysis:
        properties["LoggingProperties"] = {
            "LogDestinationType": "cloudwatch",
            "LogExports": ["connectionlog", "useractivitylog", "userlog"],
        }
    if warehouse.nodes > 1:
        properties["NumberOfNodes"] = warehouse.nodes
    logical = template.resource(
        f"{name}Cluster",
        "AWS::Redshift::Cluster",
        properties,
        DeletionPolicy="Snapshot",
        UpdateReplacePolicy="Snapshot",
    )
    template.skip_check(
        logical,
        "CKV_AWS_71",
        "audit logs go to CloudWatch Logs (LogDestinationType), which the check does not read"
        if ctx.model.operations.log_analysis
        else "operations.log_analysis is off in the model",
    )
    template.output(
        f"{name}Endpoint", get_att(logical, "Endpoint.Address"), f"Endpoint of {warehouse.id}"
    )
    template.output(
        f"{name}SecretArn",
        get_att(logical, "MasterPasswordSecretArn"),
        f"Secret holding the admin credentials of {warehouse.id}, which Redshift manages",
    )
