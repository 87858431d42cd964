"""Data services: ElastiCache, S3, SQS and DynamoDB here; RDS and Redshift in databases.py."""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.databases import export_database, export_replicas, export_warehouse
from archlib.cloudformation.intrinsics import get_att, ref, sub
from archlib.cloudformation.logs import LOG_ANALYSIS_OFF, bucket_logging
from archlib.cloudformation.naming import pascal
from archlib.cloudformation.secrets import generated_secret
from archlib.model import (
    Cache,
    Cdn,
    DataWarehouse,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
)

DLQ_RETENTION_S = 14 * 24 * 3600
QUEUE_RETENTION_S = 4 * 24 * 3600
"""SQS's own default, stated so that it is a choice on the page."""
STORAGE_CLASS_TRANSITION_DAYS = {"STANDARD_IA": 30, "INTELLIGENT_TIERING": 0}
CACHE_ENGINE_VERSIONS = {"redis": ("7.1", "redis7"), "valkey": ("8.0", "valkey8")}
"""The version each engine is pinned at, and its parameter group family: a version left to
ElastiCache is the newest at creation, and a later major one would need another family."""
SESSION_SNAPSHOT_DAYS = 1
SNAPSHOT_WINDOW = "02:00-03:00"
"""A cache that holds sessions is the only copy of them: a daily snapshot, before the
databases' backup window, lets a lost replication group come back with its users logged in."""


def export_data(ctx: ExportContext) -> None:
    for component in ctx.model.components:
        if isinstance(component, RelationalDatabase) and component.host is None:
            if component.replica_of is None:
                export_database(ctx, component)
            else:
                export_replicas(ctx, component)
        elif isinstance(component, Cache):
            _export_cache(ctx, component)
        elif isinstance(component, ObjectStore):
            _export_bucket(ctx, component)
        elif isinstance(component, Queue):
            _export_queue(ctx, component)
        elif isinstance(component, NoSqlTable):
            _export_table(ctx, component)
        elif isinstance(component, DataWarehouse):
            export_warehouse(ctx, component)


def cache_secret_id(cache: Cache) -> str:
    return f"{pascal(cache.id)}AuthSecret"


def has_auth_secret(cache: Cache) -> bool:
    """A Redis or Valkey cache with TLS takes an AUTH token, kept in a secret of its own."""
    return bool(cache.subnets) and cache.engine != "memcached" and cache.encrypted_in_transit


def holds_sessions(ctx: ExportContext, cache: Cache) -> bool:
    """A link that stores sessions in the cache (traffic `sessions`)."""
    return any(link.traffic == "sessions" for link in ctx.graph.incoming[cache.id])


def _export_cache(ctx: ExportContext, cache: Cache) -> None:
    template, name = ctx.template, pascal(cache.id)
    if not cache.subnets:
        template.not_exported.append(f"cache {cache.id}: no subnets to place it in")
        return
    subnet_group = template.resource(
        f"{name}CacheSubnetGroup",
        "AWS::ElastiCache::SubnetGroup",
        {"Description": f"Subnets of {cache.id}", "SubnetIds": ctx.subnet_refs(cache)},
    )
    if cache.engine == "memcached":
        logical = template.resource(
            f"{name}CacheCluster",
            "AWS::ElastiCache::CacheCluster",
            {
                "Engine": "memcached",
                "CacheNodeType": cache.node_type,
                "NumCacheNodes": cache.nodes * cache.shards,
                "AZMode": "cross-az" if cache.multi_az and cache.nodes > 1 else "single-az",
                "Port": cache.port,
                "CacheSubnetGroupName": ref(subnet_group),
                "VpcSecurityGroupIds": [ctx.guard_ref(cache)],
            },
        )
        template.output(
            f"{name}Endpoint",
            get_att(logical, "ConfigurationEndpoint.Address"),
            f"Configuration endpoint of {cache.id}",
        )
        return
    clustered = cache.shards > 1
    properties: dict[str, Any] = {
        "ReplicationGroupDescription": f"{cache.display_name} ({cache.id})",
        "Engine": cache.engine,
        "CacheNodeType": cache.node_type,
        "NumNodeGroups": cache.shards,
        "ReplicasPerNodeGroup": cache.nodes - 1,
        "AutomaticFailoverEnabled": cache.automatic_failover or clustered,
        "MultiAZEnabled": cache.multi_az and (cache.automatic_failover or clustered),
        "AtRestEncryptionEnabled": cache.encrypted_at_rest,
        "TransitEncryptionEnabled": cache.encrypted_in_transit,
        "Port": cache.port,
        "CacheSubnetGroupName": ref(subnet_group),
        "SecurityGroupIds": [ctx.guard_ref(cache)],
        "Tags": ctx.name_tag(cache.id),
    }
    if has_auth_secret(cache):
        # AUTH needs TLS; the token lives in Secrets Manager, never in the template
        secret = generated_secret(
            ctx,
            cache_secret_id(cache),
            f"AUTH token of {cache.id}",
            {"PasswordLength": 64, "ExcludePunctuation": True},
            cache.id,
        )
        properties["AuthToken"] = sub(f"{{{{resolve:secretsmanager:${{{secret}}}}}}}")
        template.output(
            f"{name}AuthSecretArn", ref(secret), f"Secret holding the AUTH token of {cache.id}"
        )
    version, family = CACHE_ENGINE_VERSIONS[cache.engine]
    properties["EngineVersion"] = version
    properties["CacheParameterGroupName"] = (
        f"default.{family}.cluster.on" if clustered else f"default.{family}"
    )
    if holds_sessions(ctx, cache):
        properties["SnapshotRetentionLimit"] = SESSION_SNAPSHOT_DAYS
        properties["SnapshotWindow"] = SNAPSHOT_WINDOW
    logical = template.resource(
        f"{name}ReplicationGroup",
        "AWS::ElastiCache::ReplicationGroup",
        properties,
        DeletionPolicy="Delete",
        UpdateReplacePolicy="Delete",
    )
    endpoint = "ConfigurationEndPoint.Address" if clustered else "PrimaryEndPoint.Address"
    template.output(f"{name}Endpoint", get_att(logical, endpoint), f"Endpoint of {cache.id}")


def _export_bucket(ctx: ExportContext, store: ObjectStore) -> None:
    template, name = ctx.template, pascal(store.id)
    properties: dict[str, Any] = {}
    if store.encrypted:
        properties["BucketEncryption"] = {
            "ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
            ]
        }
    properties["VersioningConfiguration"] = {
        "Status": "Enabled" if store.versioning else "Suspended"
    }
    properties["PublicAccessBlockConfiguration"] = {
        key: store.block_public_access
        for key in (
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        )
    }
    properties["OwnershipControls"] = {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    if store.storage_class != "STANDARD":
        properties["LifecycleConfiguration"] = {
            "Rules": [
                {
                    "Id": "storage-class",
                    "Status": "Enabled",
                    "Transitions": [
                        {
                            "StorageClass": store.storage_class,
                            "TransitionInDays": STORAGE_CLASS_TRANSITION_DAYS[store.storage_class],
                        }
                    ],
                }
            ]
        }
    logging = bucket_logging(ctx, store.id)
    if logging is not None:
        properties["LoggingConfiguration"] = logging
    properties["Tags"] = ctx.name_tag(store.id)
    bucket = template.resource(
        f"{name}Bucket",
        "AWS::S3::Bucket",
        properties,
        DeletionPolicy="Retain",
        UpdateReplacePolicy="Retain",
    )
    if logging is None:
        template.skip_check(bucket, "CKV_AWS_18", LOG_ANALYSIS_OFF)
    statements: list[dict[str, Any]] = [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [get_att(bucket, "Arn"), sub(f"${{{bucket}.Arn}}/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ]
    for link in ctx.graph.incoming[store.id]:
        source = ctx.model.component(link.source)
        if isinstance(source, Cdn):
            distribution = f"{pascal(source.id)}Distribution"
            statements.append(
                {
                    "Sid": f"{pascal(source.id)}Reads",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudfront.amazonaws.com"},
                    "Action": "s3:GetObject",
                    "Resource": sub(f"${{{bucket}.Arn}}/*"),
                    "Condition": {
                        "StringEquals": {
                            "AWS:SourceArn": sub(
                                "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:"
                                f"distribution/${{{distribution}}}"
                            )
                        }
                    },
                }
            )
    template.resource(
        f"{name}BucketPolicy",
        "AWS::S3::BucketPolicy",
        {
            "Bucket": ref(bucket),
            "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
        },
    )
    template.output(f"{name}BucketName", ref(bucket), f"S3 bucket of {store.id}")


def _export_queue(ctx: ExportContext, queue: Queue) -> None:
    template, name = ctx.template, pascal(queue.id)
    common: dict[str, Any] = {"SqsManagedSseEnabled": queue.encrypted}
    properties: dict[str, Any] = {
        **common,
        "MessageRetentionPeriod": QUEUE_RETENTION_S,
        "VisibilityTimeout": queue.visibility_timeout_s,
    }
    dead_properties: dict[str, Any] = {**common, "MessageRetentionPeriod": DLQ_RETENTION_S}
    if queue.fifo:
        # a FIFO queue's name must end in .fifo, so it is named after the stack
        properties |= {"FifoQueue": True, "QueueName": sub(f"${{AWS::StackName}}-{queue.id}.fifo")}
        dead_properties |= {
            "FifoQueue": True,
            "QueueName": sub(f"${{AWS::StackName}}-{queue.id}-dlq.fifo"),
        }
    if queue.dead_letter_queue:
        dead = template.resource(
            f"{name}DeadLetterQueue",
            "AWS::SQS::Queue",
            dead_properties,
            DeletionPolicy="Delete",
            UpdateReplacePolicy="Delete",
        )
        properties["RedrivePolicy"] = {
            "deadLetterTargetArn": get_att(dead, "Arn"),
            "maxReceiveCount": queue.max_receive_count,
        }
    logical = template.resource(
        f"{name}Queue",
        "AWS::SQS::Queue",
        properties,
        DeletionPolicy="Delete",
        UpdateReplacePolicy="Delete",
    )
    if queue.encrypted:
        for encrypted in (
            (logical, f"{name}DeadLetterQueue") if queue.dead_letter_queue else (logical,)
        ):
            template.skip_check(
                encrypted,
                "CKV_AWS_27",
                "encrypted with SQS managed keys (SqsManagedSseEnabled), which the check "
                "does not read",
            )
    template.output(f"{name}QueueUrl", ref(logical), f"URL of {queue.id}")


def _export_table(ctx: ExportContext, table: NoSqlTable) -> None:
    template, name = ctx.template, pascal(table.id)
    properties: dict[str, Any] = {
        "AttributeDefinitions": [{"AttributeName": table.partition_key, "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": table.partition_key, "KeyType": "HASH"}],
    }
    if table.billing_mode == "on_demand":
        properties["BillingMode"] = "PAY_PER_REQUEST"
    else:
        properties["BillingMode"] = "PROVISIONED"
        properties["ProvisionedThroughput"] = {
            "ReadCapacityUnits": table.read_capacity,
            "WriteCapacityUnits": table.write_capacity,
        }
    properties["SSESpecification"] = {"SSEEnabled": table.encrypted}
    properties["PointInTimeRecoverySpecification"] = {
        "PointInTimeRecoveryEnabled": table.point_in_time_recovery
    }
    properties["DeletionProtectionEnabled"] = True
    properties["Tags"] = ctx.name_tag(table.id)
    logical = template.resource(
        f"{name}Table",
        "AWS::DynamoDB::Table",
        properties,
        DeletionPolicy="Retain",
        UpdateReplacePolicy="Retain",
    )
    if table.encrypted:
        template.skip_check(
            logical,
            "CKV_AWS_119",
            "encrypted with the AWS owned key; a customer managed key adds a KMS request to "
            "every read and write",
        )
    template.output(f"{name}TableName", ref(logical), f"DynamoDB table of {table.id}")
