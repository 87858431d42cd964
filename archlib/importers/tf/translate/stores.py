"""S3 buckets and their separate settings resources, DynamoDB, SQS and Redshift."""

from __future__ import annotations

from typing import Any

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.translate.base import (
    Emit,
    Family,
    Patch,
    Result,
    block,
    emit,
    flat,
    pick,
    policy,
)

_ACLS = {
    "private": "Private",
    "public-read": "PublicRead",
    "public-read-write": "PublicReadWrite",
    "authenticated-read": "AuthenticatedRead",
    "log-delivery-write": "LogDeliveryWrite",
}


def bucket(r: TfResource) -> Result:
    a = r.attributes
    properties: dict[str, Any] = pick(a, {"BucketName": "bucket"})
    if isinstance(a.get("acl"), str):
        properties["AccessControl"] = _ACLS.get(a["acl"], a["acl"])
    if block(a, "versioning").get("enabled") is True:
        properties["VersioningConfiguration"] = {"Status": "Enabled"}
    if block(a, "website"):
        properties["WebsiteConfiguration"] = {"IndexDocument": "index.html"}
    return emit("AWS::S3::Bucket", r, properties)


def public_access_block(r: TfResource) -> Result:
    names = {
        "BlockPublicAcls": "block_public_acls",
        "BlockPublicPolicy": "block_public_policy",
        "IgnorePublicAcls": "ignore_public_acls",
        "RestrictPublicBuckets": "restrict_public_buckets",
    }
    settings = {k: v for k, v in pick(r.attributes, names).items()}
    return [Patch(r.attributes.get("bucket"), "PublicAccessBlockConfiguration", settings)]


def versioning(r: TfResource) -> Result:
    status = block(r.attributes, "versioning_configuration").get("status")
    return [Patch(r.attributes.get("bucket"), "VersioningConfiguration", {"Status": status})]


def website(r: TfResource) -> Result:
    config = {"IndexDocument": "index.html"}
    return [Patch(r.attributes.get("bucket"), "WebsiteConfiguration", config)]


def acl(r: TfResource) -> Result:
    given = r.attributes.get("acl")
    if isinstance(given, str):
        return [Patch(r.attributes.get("bucket"), "AccessControl", _ACLS.get(given, given))]
    return [Patch(r.attributes.get("bucket"))]


def setting(r: TfResource) -> Result:
    """Encryption, lifecycle, logging, ownership, CORS: part of the bucket, not modelled apart."""
    return [Patch(r.attributes.get("bucket"))]


def bucket_policy(r: TfResource) -> Result:
    properties = {
        "Bucket": r.attributes.get("bucket"),
        "PolicyDocument": policy(r.attributes.get("policy")),
    }
    return [Emit("AWS::S3::BucketPolicy", properties)]


def table(r: TfResource) -> Result:
    a = r.attributes
    properties: dict[str, Any] = {
        "BillingMode": a.get("billing_mode") or "PROVISIONED",
        **pick(a, {"TableName": "name"}),
    }
    throughput = pick(
        a, {"ReadCapacityUnits": "read_capacity", "WriteCapacityUnits": "write_capacity"}
    )
    if throughput:
        properties["ProvisionedThroughput"] = throughput
    recovery = block(a, "point_in_time_recovery").get("enabled")
    if recovery is not None:
        properties["PointInTimeRecoverySpecification"] = {"PointInTimeRecoveryEnabled": recovery}
    if a.get("hash_key") is not None:
        properties["KeySchema"] = [{"AttributeName": a["hash_key"], "KeyType": "HASH"}]
    return emit("AWS::DynamoDB::Table", r, properties)


def queue(r: TfResource) -> Result:
    names = {
        "QueueName": "name",
        "FifoQueue": "fifo_queue",
        "VisibilityTimeout": "visibility_timeout_seconds",
        "SqsManagedSseEnabled": "sqs_managed_sse_enabled",
        "KmsMasterKeyId": "kms_master_key_id",
    }
    properties = pick(r.attributes, names)
    if r.attributes.get("redrive_policy") is not None:
        properties["RedrivePolicy"] = policy(r.attributes["redrive_policy"])
    return emit("AWS::SQS::Queue", r, properties)


def warehouse(r: TfResource) -> Result:
    names = {
        "NodeType": "node_type",
        "NumberOfNodes": "number_of_nodes",
        "ClusterType": "cluster_type",
        "ClusterSubnetGroupName": "cluster_subnet_group_name",
        "Encrypted": "encrypted",
        "Port": "port",
    }
    properties = pick(r.attributes, names)
    if r.attributes.get("vpc_security_group_ids") is not None:
        properties["VpcSecurityGroupIds"] = flat(r.attributes["vpc_security_group_ids"])
    return emit("AWS::Redshift::Cluster", r, properties)


def warehouse_subnets(r: TfResource) -> Result:
    subnets = flat(r.attributes.get("subnet_ids"))
    return [Emit("AWS::Redshift::ClusterSubnetGroup", {"SubnetIds": subnets})]


FAMILY = Family(
    "stores",
    {
        "aws_s3_bucket": bucket,
        "aws_s3_bucket_public_access_block": public_access_block,
        "aws_s3_bucket_versioning": versioning,
        "aws_s3_bucket_website_configuration": website,
        "aws_s3_bucket_acl": acl,
        "aws_s3_bucket_server_side_encryption_configuration": setting,
        "aws_s3_bucket_lifecycle_configuration": setting,
        "aws_s3_bucket_logging": setting,
        "aws_s3_bucket_ownership_controls": setting,
        "aws_s3_bucket_cors_configuration": setting,
        "aws_s3_bucket_policy": bucket_policy,
        "aws_dynamodb_table": table,
        "aws_sqs_queue": queue,
        "aws_redshift_cluster": warehouse,
        "aws_redshift_subnet_group": warehouse_subnets,
    },
)
