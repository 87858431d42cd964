"""A database on a host keeps its files on a volume of its own, snapshotted and backed up.

The root volume goes with the instance; the data volume does not. It is kept as a snapshot
when the stack deletes or replaces it, and AWS Backup copies it daily for as long as the
database's `backup_retention_days` says.
"""

from __future__ import annotations

from dataclasses import dataclass

from archlib.cloudformation.bootstrap import data_volume_id, hosted_databases
from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.iam import export_role, managed_policy
from archlib.cloudformation.intrinsics import az, get_att, ref, sub
from archlib.cloudformation.naming import pascal
from archlib.model import ComponentBase, Host, RelationalDatabase

BACKUP_SCHEDULE = "cron(0 5 * * ? *)"
"""Daily at 05:00 UTC, the small hours in the Americas."""


@dataclass(frozen=True)
class DataVolume:
    """The volume of a host's databases: its size, and how long its daily backups last."""

    databases: tuple[RelationalDatabase, ...]

    @property
    def size_gb(self) -> int:
        return sum(database.storage_gb for database in self.databases)

    @property
    def retention_days(self) -> int:
        """The shortest of the databases' retentions."""
        return min(database.backup_retention_days for database in self.databases)

    @property
    def backed_up(self) -> bool:
        """A retention of 0 days keeps no backups: the volume gets no backup plan."""
        return self.retention_days > 0


def data_volume(ctx: ExportContext, component: ComponentBase) -> DataVolume | None:
    """A host that holds databases gets a data volume; read by the exporter and the cost."""
    databases = hosted_databases(ctx, component)
    if not databases or not isinstance(component, Host):
        return None
    return DataVolume(tuple(databases))


def export_data_volume(ctx: ExportContext, component: ComponentBase) -> str | None:
    planned = data_volume(ctx, component)
    if planned is None:
        return None
    databases = planned.databases
    template, name = ctx.template, pascal(component.id)
    subnet = ctx.model.subnets_of(component)[0]
    volume = template.resource(
        data_volume_id(component),
        "AWS::EC2::Volume",
        {
            "AvailabilityZone": az(ctx.model.network.azs.index(subnet.az)),
            "Size": planned.size_gb,
            "VolumeType": "gp3",
            "Encrypted": all(database.encrypted for database in databases),
            "Tags": ctx.name_tag(f"{component.id}-data"),
        },
        DeletionPolicy="Snapshot",
        UpdateReplacePolicy="Snapshot",
    )
    if not planned.backed_up:
        template.not_exported.append(
            f"backups of {component.id}'s data volume: backup_retention_days is 0"
        )
        return volume
    vault = template.resource(
        f"{name}BackupVault",
        "AWS::Backup::BackupVault",
        {"BackupVaultName": sub(f"${{AWS::StackName}}-{component.id}")},
        DeletionPolicy="Retain",
        UpdateReplacePolicy="Retain",
    )
    template.skip_check(
        vault,
        "CKV_AWS_166",
        "AWS Backup encrypts the vault's recovery points with its AWS managed key",
    )
    plan = template.resource(
        f"{name}BackupPlan",
        "AWS::Backup::BackupPlan",
        {
            "BackupPlan": {
                "BackupPlanName": sub(f"${{AWS::StackName}}-{component.id}"),
                "BackupPlanRule": [
                    {
                        "RuleName": "daily",
                        "TargetBackupVault": ref(vault),
                        "ScheduleExpression": BACKUP_SCHEDULE,
                        "Lifecycle": {"DeleteAfterDays": planned.retention_days},
                    }
                ],
            }
        },
    )
    role = export_role(
        ctx,
        f"{name}BackupRole",
        "backup.amazonaws.com",
        [managed_policy("service-role/AWSBackupServiceRolePolicyForBackup")],
        [],
    )
    template.resource(
        f"{name}BackupSelection",
        "AWS::Backup::BackupSelection",
        {
            "BackupPlanId": ref(plan),
            "BackupSelection": {
                "SelectionName": f"{component.id}-data",
                "IamRoleArn": get_att(role, "Arn"),
                "Resources": [
                    sub(
                        "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:"
                        f"volume/${{{volume}}}"
                    )
                ],
            },
        },
    )
    return volume
