"""Master credentials the template keeps in a secret of its own, rotated by Secrets Manager.

RDS refuses read replicas of an instance whose master password it manages in Secrets
Manager (`ManageMasterUserPassword`), for every engine but SQL Server. A primary with
replicas therefore gets a generated secret, passed to the instance by dynamic reference,
attached to it (so the secret holds the host and port), and rotated every 30 days by the
Lambda function Secrets Manager hosts for the engine.

That function comes from the `AWS::SecretsManager` transform (`HostedRotationLambda`): the
alternative, a rotation function of the template's own, is code to write and patch, where
the hosted one is AWS's. The transform needs the stack deployed through a change set with
`CAPABILITY_AUTO_EXPAND`, which `aws cloudformation deploy` uses; docs/cloudformation.md
says how. Of the two versions the transform accepts (2020-07-23, 2024-09-16), the newer.
"""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import Node, get_att, join, ref, sub
from archlib.cloudformation.naming import pascal
from archlib.model import RelationalDatabase

TRANSFORM = "AWS::SecretsManager-2024-09-16"
ROTATION_DAYS = 30
PASSWORD_LENGTH = 32
EXCLUDED_CHARACTERS = "\"'@/\\ "
"""RDS refuses these in a master password: slash, quotes, at sign and space."""
ROTATION_TYPES = {
    "mysql": "MySQLSingleUser",
    "mariadb": "MariaDBSingleUser",
    "postgres": "PostgreSQLSingleUser",
}


def generated_secret(
    ctx: ExportContext,
    logical: str,
    description: Node,
    generate: dict[str, Any],
    owner: str | None = None,
) -> str:
    """A secret whose value Secrets Manager generates, deleted with the stack, encrypted with
    the AWS managed key; `owner` names the component it belongs to in its tags."""
    properties: dict[str, Any] = {"Description": description, "GenerateSecretString": generate}
    if owner is not None:
        properties["Tags"] = ctx.name_tag(owner)
    secret = ctx.template.resource(
        logical,
        "AWS::SecretsManager::Secret",
        properties,
        DeletionPolicy="Delete",
        UpdateReplacePolicy="Delete",
    )
    ctx.template.skip_check(
        secret,
        "CKV_AWS_149",
        "encrypted with the AWS managed Secrets Manager key; no customer key in the model",
    )
    return secret


def user_and_password(username: str) -> dict[str, Any]:
    """A database user's credentials: the user name given, a password RDS accepts."""
    return {
        "SecretStringTemplate": sub(f'{{"username":"${{{username}}}"}}'),
        "GenerateStringKey": "password",
        "PasswordLength": PASSWORD_LENGTH,
        "ExcludeCharacters": EXCLUDED_CHARACTERS,
    }


def has_replicas(ctx: ExportContext, database: RelationalDatabase) -> bool:
    """True when read replicas of the (RDS) primary are exported."""
    return database.host is None and database.id in ctx.replicated


def secret_id(prefix: str) -> str:
    return f"{prefix}MasterSecret"


def rotation_guard_id(database: RelationalDatabase) -> str:
    return f"{pascal(database.id)}RotationSecurityGroup"


def master_secret_arn(ctx: ExportContext, database: RelationalDatabase, prefix: str) -> Node:
    """The ARN of a primary's master secret: the template's own, or the one RDS manages."""
    if has_replicas(ctx, database):
        return ref(secret_id(prefix))
    return get_att(f"{prefix}Database", "MasterUserSecret.SecretArn")


def master_credentials(ctx: ExportContext, prefix: str, username: str) -> dict[str, Any]:
    """A generated secret, and the instance properties that read it at deploy time."""
    secret = generated_secret(
        ctx,
        secret_id(prefix),
        sub(f"Master credentials of {prefix}Database (${{AWS::StackName}})"),
        user_and_password(username),
    )
    return {
        "MasterUsername": sub(_resolve(secret, "username")),
        "MasterUserPassword": sub(_resolve(secret, "password")),
    }


def _resolve(secret: str, key: str) -> str:
    """A dynamic reference: CloudFormation reads the value when it creates the resource."""
    return f"{{{{resolve:secretsmanager:${{{secret}}}:SecretString:{key}}}}}"


def export_rotation(ctx: ExportContext, database: RelationalDatabase, prefix: str) -> None:
    """Attach the secret to its instance, and rotate it from the database's subnets."""
    template = ctx.template
    template.transform = TRANSFORM
    attachment = template.resource(
        f"{secret_id(prefix)}Attachment",
        "AWS::SecretsManager::SecretTargetAttachment",
        {
            "SecretId": ref(secret_id(prefix)),
            "TargetId": ref(f"{prefix}Database"),
            "TargetType": "AWS::RDS::DBInstance",
        },
    )
    guard = _rotation_guard(ctx, database)
    template.resource(
        f"{secret_id(prefix)}Rotation",
        "AWS::SecretsManager::RotationSchedule",
        {
            "SecretId": ref(attachment),
            "HostedRotationLambda": {
                "RotationType": ROTATION_TYPES[database.engine],
                "ExcludeCharacters": EXCLUDED_CHARACTERS,
                "VpcSecurityGroupIds": get_att(guard, "GroupId"),
                "VpcSubnetIds": join(",", ctx.subnet_refs(database)),
            },
            "RotationRules": {"AutomaticallyAfterDays": ROTATION_DAYS},
        },
    )


def _rotation_guard(ctx: ExportContext, database: RelationalDatabase) -> str:
    """The rotation function's group: it reaches the database and Secrets Manager only."""
    from archlib.cloudformation.endpoints import ENDPOINT_GUARD, SECRETS_SERVICE

    template, logical = ctx.template, rotation_guard_id(database)
    if logical in template.resources:
        return logical
    port = database.port
    through_endpoint = SECRETS_SERVICE in ctx.interface_services
    secrets_egress: dict[str, Any] = {
        "IpProtocol": "tcp",
        "FromPort": 443,
        "ToPort": 443,
    }
    if through_endpoint:
        secrets_egress |= {
            "DestinationSecurityGroupId": get_att(ENDPOINT_GUARD, "GroupId"),
            "Description": "HTTPS to Secrets Manager through its VPC endpoint",
        }
    else:
        secrets_egress |= {"CidrIp": "0.0.0.0/0", "Description": "HTTPS to Secrets Manager"}
    template.resource(
        logical,
        "AWS::EC2::SecurityGroup",
        {
            "GroupDescription": f"Rotation of the master secret of {database.id}",
            "VpcId": ref("Vpc"),
            "SecurityGroupEgress": [
                {
                    "IpProtocol": "tcp",
                    "FromPort": port,
                    "ToPort": port,
                    "DestinationSecurityGroupId": ctx.guard_ref(database),
                    "Description": f"SQL to {database.id}",
                },
                secrets_egress,
            ],
            "Tags": ctx.name_tag(f"{database.id}-rotation"),
        },
    )
    name = pascal(database.id)
    template.resource(
        f"{name}IngressFromRotationTcp{port}",
        "AWS::EC2::SecurityGroupIngress",
        {
            "GroupId": ctx.guard_ref(database),
            "IpProtocol": "tcp",
            "FromPort": port,
            "ToPort": port,
            "SourceSecurityGroupId": get_att(logical, "GroupId"),
            "Description": "Rotation of the master secret",
        },
    )
    if through_endpoint:
        template.resource(
            f"{ENDPOINT_GUARD.removesuffix('SecurityGroup')}IngressFrom{name}RotationTcp443",
            "AWS::EC2::SecurityGroupIngress",
            {
                "GroupId": get_att(ENDPOINT_GUARD, "GroupId"),
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "SourceSecurityGroupId": get_att(logical, "GroupId"),
                "Description": f"Secrets Manager, rotating the secret of {database.id}",
            },
        )
    return logical
