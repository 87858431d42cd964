"""S3 buckets, DynamoDB tables, SQS queues and Redshift clusters."""

from __future__ import annotations

import re
from typing import Any

from archlib.importers.cfn.context import Draft, ImportContext, as_bool, as_int, as_list
from archlib.importers.cfn.mappers.compute import security_groups
from archlib.importers.cfn.mappers.databases import subnet_group

WAREHOUSE_NODE = re.compile(r"^[a-z0-9]+\.[a-z0-9]+$")


def map_buckets(ctx: ImportContext) -> None:
    policies = _bucket_policies(ctx)
    for logical_id, _ in ctx.resources_of("AWS::S3::Bucket"):
        props = ctx.props(logical_id)
        block = props.get("PublicAccessBlockConfiguration")
        blocked = True  # new buckets block public access unless told otherwise (April 2023)
        if isinstance(block, dict):
            blocked = all(
                as_bool(block.get(key), False)
                for key in (
                    "BlockPublicAcls",
                    "BlockPublicPolicy",
                    "IgnorePublicAcls",
                    "RestrictPublicBuckets",
                )
            )
        acl = str(props.get("AccessControl", ""))
        policy_ids, public_policy = policies.get(logical_id, ([], False))
        if acl.startswith("Public") or public_policy:
            blocked = False
        versioning = props.get("VersioningConfiguration")
        data: dict[str, Any] = {
            "kind": "object_store",
            "encrypted": True,  # S3 encrypts every new object (SSE-S3) since January 2023
            "block_public_access": blocked,
            "versioning": isinstance(versioning, dict) and versioning.get("Status") == "Enabled",
        }
        if isinstance(props.get("WebsiteConfiguration"), dict):
            data["contents"] = ["static website"]
        _name(
            ctx,
            ctx.add(Draft(ctx.new_id(logical_id), data, [logical_id]), *policy_ids),
            props.get("BucketName"),
        )


def _name(ctx: ImportContext, draft: Draft, name: Any) -> None:
    """A store's literal name, so policies and ARNs that name it find it."""
    if isinstance(name, str) and name:
        ctx.named.setdefault(name, draft)


def _bucket_policies(ctx: ImportContext) -> dict[str, tuple[list[str], bool]]:
    """Bucket -> its policies, and whether one allows everyone (`Principal: *`)."""
    found: dict[str, tuple[list[str], bool]] = {}
    names = {
        name: lid
        for lid, _ in ctx.resources_of("AWS::S3::Bucket")
        if isinstance(name := ctx.props(lid).get("BucketName"), str)
    }
    for logical_id, _ in ctx.resources_of("AWS::S3::BucketPolicy"):
        props = ctx.props(logical_id)
        bucket = props.get("Bucket")
        refs = ctx.referenced(bucket)
        if not refs and isinstance(bucket, str) and bucket in names:
            refs = [names[bucket]]
        if not refs:
            continue
        document = props.get("PolicyDocument")
        statements = as_list(document.get("Statement")) if isinstance(document, dict) else []
        public = any(
            isinstance(s, dict)
            and s.get("Effect") == "Allow"
            and s.get("Principal") in ("*", {"AWS": "*"})
            and "Condition" not in s
            for s in statements
        )
        ids, was_public = found.get(refs[0], ([], False))
        found[refs[0]] = ([*ids, logical_id], was_public or public)
    return found


def map_tables(ctx: ImportContext) -> None:
    for logical_id, _ in ctx.resources_of("AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"):
        props = ctx.props(logical_id)
        mode = str(props.get("BillingMode", "PROVISIONED"))
        data: dict[str, Any] = {"kind": "nosql_table", "encrypted": True}
        if mode == "PAY_PER_REQUEST":
            data["billing_mode"] = "on_demand"
        else:
            throughput = props.get("ProvisionedThroughput")
            throughput = throughput if isinstance(throughput, dict) else {}
            reads = as_int(throughput.get("ReadCapacityUnits"))
            writes = as_int(throughput.get("WriteCapacityUnits"))
            if reads and writes and reads > 0 and writes > 0:
                data.update(billing_mode="provisioned", read_capacity=reads, write_capacity=writes)
            else:
                data["billing_mode"] = "on_demand"
                ctx.report.assume(f"{logical_id}: capacity not known; priced on demand")
        recovery = props.get("PointInTimeRecoverySpecification")
        data["point_in_time_recovery"] = isinstance(recovery, dict) and as_bool(
            recovery.get("PointInTimeRecoveryEnabled"), False
        )
        for key in as_list(props.get("KeySchema")):
            if isinstance(key, dict) and key.get("KeyType") == "HASH":
                name = key.get("AttributeName")
                if isinstance(name, str) and 1 <= len(name) <= 255:
                    data["partition_key"] = name
        _name(
            ctx, ctx.add(Draft(ctx.new_id(logical_id), data, [logical_id])), props.get("TableName")
        )


def map_queues(ctx: ImportContext) -> None:
    queues = ctx.resources_of("AWS::SQS::Queue")
    dead_letters: dict[str, str] = {}
    for logical_id, _ in queues:
        redrive = ctx.props(logical_id).get("RedrivePolicy")
        if isinstance(redrive, dict):
            for ref in ctx.referenced(redrive.get("deadLetterTargetArn")):
                dead_letters[ref] = logical_id
    for logical_id, _ in queues:
        if logical_id in dead_letters:
            continue
        props = ctx.props(logical_id)
        redrive = props.get("RedrivePolicy")
        managed = as_bool(props.get("SqsManagedSseEnabled"), True)
        data: dict[str, Any] = {
            "kind": "queue",
            "encrypted": managed or props.get("KmsMasterKeyId") is not None,
            "fifo": as_bool(props.get("FifoQueue"), False),
            "dead_letter_queue": isinstance(redrive, dict),
        }
        if isinstance(redrive, dict):
            count = as_int(redrive.get("maxReceiveCount"))
            if count is not None and 1 <= count <= 1000:
                data["max_receive_count"] = count
        timeout = as_int(props.get("VisibilityTimeout"))
        if timeout is not None and 0 <= timeout <= 43200:
            data["visibility_timeout_s"] = timeout
        dlq = [lid for lid, owner in dead_letters.items() if owner == logical_id]
        draft = ctx.add(Draft(ctx.new_id(logical_id), data, [logical_id, *dlq]))
        _name(ctx, draft, props.get("QueueName"))


def map_warehouses(ctx: ImportContext) -> None:
    for logical_id, _ in ctx.resources_of("AWS::Redshift::Cluster"):
        props = ctx.props(logical_id)
        node_type = props.get("NodeType")
        if not (isinstance(node_type, str) and WAREHOUSE_NODE.match(node_type)):
            ctx.report.assume(f"{logical_id}: node type not known; ra3.xlplus stands in")
            node_type = "ra3.xlplus"
        single = str(props.get("ClusterType", "")) == "single-node"
        nodes = 1 if single else as_int(props.get("NumberOfNodes"), 2) or 2
        subnets, absorbed = subnet_group(
            ctx, props.get("ClusterSubnetGroupName"), "AWS::Redshift::ClusterSubnetGroup"
        )
        if not subnets:
            subnets = ctx.network.default_subnets(1)
        port = as_int(props.get("Port"))
        data: dict[str, Any] = {
            "kind": "data_warehouse",
            "node_type": node_type,
            "nodes": min(max(nodes, 1), 128),
            "encrypted": as_bool(props.get("Encrypted"), False),
            "subnets": subnets,
            "port": port if port and 1150 <= port <= 65535 else 5439,
        }
        groups = security_groups(ctx, props.get("VpcSecurityGroupIds"))
        ctx.add(Draft(ctx.new_id(logical_id), data, [logical_id], groups), *absorbed)
