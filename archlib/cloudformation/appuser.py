"""The application's own database user: a secret apart from the master's, which the tiers read.

The master user can drop every table; the application needs far less, so the tiers that
link to a database read only the application user's secret. The secret is generated and
attached to the instance (it then holds the host, port and engine too). Where the template
rotates the master secret, the application's rotates as well, with the engine's
alternating-users function, which logs in as the master to set the new password.

CloudFormation cannot create a user inside the database: the template lists that step
under `AfterDeployment`, and docs/cloudformation.md gives the statements. The first
rotation waits for the schedule (30 days), not for the deployment, so it finds the user.
"""

from __future__ import annotations

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import get_att, join, ref, sub
from archlib.model import RelationalDatabase

APP_USERNAME = "DatabaseAppUsername"
MULTI_USER_ROTATION = {
    "mysql": "MySQLMultiUser",
    "mariadb": "MariaDBMultiUser",
    "postgres": "PostgreSQLMultiUser",
}


def app_secret_id(prefix: str) -> str:
    return f"{prefix}AppSecret"


def export_app_user(ctx: ExportContext, database: RelationalDatabase, prefix: str) -> None:
    from archlib.cloudformation.secrets import (
        EXCLUDED_CHARACTERS,
        ROTATION_DAYS,
        generated_secret,
        has_replicas,
        rotation_guard_id,
        secret_id,
        user_and_password,
    )

    template = ctx.template
    username = template.parameter(
        APP_USERNAME,
        {
            "Type": "String",
            "Default": "app",
            "AllowedPattern": "^[a-zA-Z][a-zA-Z0-9_]{0,15}$",
            "Description": "Database user of the application, created after deployment",
        },
    )
    secret = generated_secret(
        ctx,
        app_secret_id(prefix),
        sub(f"Application user of {prefix}Database (${{AWS::StackName}})"),
        user_and_password(username),
        database.id,
    )
    attachment = template.resource(
        f"{secret}Attachment",
        "AWS::SecretsManager::SecretTargetAttachment",
        {
            "SecretId": ref(secret),
            "TargetId": ref(f"{prefix}Database"),
            "TargetType": "AWS::RDS::DBInstance",
        },
    )
    rotated = has_replicas(ctx, database)
    if rotated:
        template.resource(
            f"{secret}Rotation",
            "AWS::SecretsManager::RotationSchedule",
            {
                "SecretId": ref(attachment),
                "HostedRotationLambda": {
                    "RotationType": MULTI_USER_ROTATION[database.engine],
                    "MasterSecretArn": ref(secret_id(prefix)),
                    "ExcludeCharacters": EXCLUDED_CHARACTERS,
                    "VpcSecurityGroupIds": get_att(rotation_guard_id(database), "GroupId"),
                    "VpcSubnetIds": join(",", ctx.subnet_refs(database)),
                },
                "RotateImmediatelyOnUpdate": False,
                "RotationRules": {"AutomaticallyAfterDays": ROTATION_DAYS},
            },
        )
    template.output(
        f"{prefix}AppSecretArn",
        ref(secret),
        f"Secret of the application user of {database.id}, which the linked tiers read",
    )
    template.manual_steps.append(
        f"create the application user of {database.id} ({prefix}AppSecret) and its schema, "
        "logged in as the master user: docs/cloudformation.md, Application user"
        + (f"; before the first rotation, {ROTATION_DAYS} days after deployment" if rotated else "")
    )
