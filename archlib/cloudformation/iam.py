"""IAM roles whose permissions follow the model's links to S3, SQS and DynamoDB."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archlib.cloudformation.appuser import app_secret_id
from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import get_att, ref, sub
from archlib.cloudformation.naming import partitions, pascal
from archlib.model import (
    Cache,
    ComponentBase,
    DataWarehouse,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
    Worker,
)

S3_READ = ["s3:GetObject"]
S3_WRITE = ["s3:PutObject", "s3:DeleteObject"]
SQS_SEND = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"]
SQS_CONSUME = [
    "sqs:ChangeMessageVisibility",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
]
SECRET_READ = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
DYNAMODB_READ = ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query"]
DYNAMODB_WRITE = [
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
]


def link_statements(ctx: ExportContext, members: Sequence[ComponentBase]) -> list[dict[str, Any]]:
    """One statement per linked data service, with only the actions its traffic needs."""
    statements: list[dict[str, Any]] = []
    for member in members:
        for link in ctx.graph.outgoing[member.id]:
            target = ctx.model.component(link.target)
            read_only = link.traffic in ("reads", "static")
            name = pascal(target.id)
            if isinstance(target, ObjectStore):
                actions = S3_READ if read_only else S3_READ + S3_WRITE
                statements.append(
                    _allow(actions, [sub(f"${{{name}Bucket.Arn}}/*")], f"{member.id}{name}Objects")
                )
                statements.append(
                    _allow(["s3:ListBucket"], [get_att(f"{name}Bucket", "Arn")], f"{name}List")
                )
            elif isinstance(target, Queue):
                actions = SQS_CONSUME if isinstance(member, Worker) else SQS_SEND
                statements.append(
                    _allow(actions, [get_att(f"{name}Queue", "Arn")], f"{member.id}{name}")
                )
            elif isinstance(target, NoSqlTable):
                actions = DYNAMODB_READ if read_only else DYNAMODB_READ + DYNAMODB_WRITE
                statements.append(
                    _allow(actions, [get_att(f"{name}Table", "Arn")], f"{member.id}{name}")
                )
        statements += _secret_statements(ctx, member)
    unique: dict[str, dict[str, Any]] = {}
    for statement in statements:
        unique.setdefault(statement["Sid"], statement)
    return list(unique.values())


def _secret_statements(ctx: ExportContext, member: ComponentBase) -> list[dict[str, Any]]:
    """Read access to the credentials of the databases, caches and warehouses the member
    connects to: the application user's secret (never the master's), the cache's AUTH
    token, Redshift's admin secret."""
    statements: list[dict[str, Any]] = []
    for target in ctx.downstream(member):
        secrets: list[Any] = []
        if isinstance(target, RelationalDatabase) and target.host is None:
            primary = ctx.model.component(target.replica_of) if target.replica_of else target
            assert isinstance(primary, RelationalDatabase)
            if primary.host is None:
                secrets = [ref(app_secret_id(prefix)) for prefix in partitions(primary)]
        elif (
            isinstance(target, Cache)
            and target.engine != "memcached"
            and target.subnets
            and target.encrypted_in_transit
        ):
            secrets = [ref(f"{pascal(target.id)}AuthSecret")]
        elif isinstance(target, DataWarehouse):
            secrets = [get_att(f"{pascal(target.id)}Cluster", "MasterPasswordSecretArn")]
        if secrets:
            statements.append(_allow(SECRET_READ, secrets, f"{member.id}-{target.id}-credentials"))
    return statements


def _allow(actions: list[str], resources: list[Any], sid: str) -> dict[str, Any]:
    return {
        "Sid": pascal(sid.replace("_", "-")),
        "Effect": "Allow",
        "Action": sorted(actions),
        "Resource": resources,
    }


def export_role(
    ctx: ExportContext,
    logical: str,
    service: str,
    managed_policies: list[Any],
    statements: list[dict[str, Any]],
) -> str:
    properties: dict[str, Any] = {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": service},
                    "Action": "sts:AssumeRole",
                }
            ],
        },
        "ManagedPolicyArns": managed_policies,
    }
    if statements:
        properties["Policies"] = [
            {
                "PolicyName": "linked-services",
                "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
            }
        ]
    return ctx.template.resource(logical, "AWS::IAM::Role", properties)


def managed_policy(name: str) -> Any:
    return sub(f"arn:${{AWS::Partition}}:iam::aws:policy/{name}")
