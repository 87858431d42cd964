"""Where the stack's logs go: one log bucket for access logs and the audit trail, log
groups with the model's retention for the instances and the VPC's flow logs.

`log_analysis` turns on the access logs (load balancers, CloudFront, S3), the instances'
log groups and VPC flow logs; `audit_trail` adds a CloudTrail trail. Without them the
template says so to checkov, with the model's setting as the reason.
"""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.iam import export_role
from archlib.cloudformation.intrinsics import NO_VALUE, equals, get_att, if_, not_, ref, sub
from archlib.cloudformation.naming import pascal
from archlib.model import Architecture, Cdn

LOG_BUCKET = "LogBucket"
LOG_BUCKET_POLICY = "LogBucketPolicy"
ELB_LOG_DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com"
"""The service that writes load balancer access logs. Granting it, rather than the region's
Elastic Load Balancing account, needs no table of accounts per region; AWS documents it for
the regions opened since August 2022 (Elastic Load Balancing, "Enable access logs")."""
ELB_ACCOUNT_PARAMETER = "ElbLogDeliveryAccount"
HAS_ELB_ACCOUNT = "HasElbLogDeliveryAccount"
LOG_ANALYSIS_OFF = "operations.log_analysis is off in the model, so no access logs are kept"


def logs_enabled(model: Architecture) -> bool:
    return model.operations.log_analysis


def needs_log_bucket(model: Architecture) -> bool:
    return model.operations.log_analysis or model.operations.audit_trail


def exports_trail(model: Architecture) -> bool:
    return model.operations.audit_trail


def log_group_name(component_id: str) -> Any:
    return sub(f"/archlib/${{EnvironmentName}}/{component_id}")


def export_logs(ctx: ExportContext) -> None:
    if needs_log_bucket(ctx.model):
        _export_log_bucket(ctx)
    if logs_enabled(ctx.model):
        _export_log_groups(ctx)
        _export_flow_logs(ctx)
    if exports_trail(ctx.model):
        _export_trail(ctx)


def _export_log_bucket(ctx: ExportContext) -> None:
    template = ctx.template
    cdn_logs = logs_enabled(ctx.model) and any(True for _ in ctx.model.of_type(Cdn))
    days = ctx.model.operations.log_retention_days
    bucket = template.resource(
        LOG_BUCKET,
        "AWS::S3::Bucket",
        {
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]
            },
            "VersioningConfiguration": {"Status": "Enabled"},
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            # CloudFront's standard logs are written with an ACL grant
            "OwnershipControls": {
                "Rules": [
                    {
                        "ObjectOwnership": "BucketOwnerPreferred"
                        if cdn_logs
                        else "BucketOwnerEnforced"
                    }
                ]
            },
            "LifecycleConfiguration": {
                "Rules": [
                    {
                        "Id": "retention",
                        "Status": "Enabled",
                        "ExpirationInDays": days,
                        "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
                    }
                ]
            },
            "Tags": ctx.name_tag("logs"),
        },
        DeletionPolicy="Retain",
        UpdateReplacePolicy="Retain",
    )
    template.skip_check(
        bucket, "CKV_AWS_18", "the log bucket itself: logging its access into itself would loop"
    )
    arn = get_att(bucket, "Arn")
    statements: list[dict[str, Any]] = [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [arn, sub(f"${{{bucket}.Arn}}/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ]
    if logs_enabled(ctx.model):
        elb_logs = sub(f"${{{bucket}.Arn}}/elb/AWSLogs/${{AWS::AccountId}}/*")
        statements += [
            {
                "Sid": "LoadBalancerAccessLogs",
                "Effect": "Allow",
                "Principal": {"Service": ELB_LOG_DELIVERY},
                "Action": "s3:PutObject",
                "Resource": elb_logs,
            },
            _legacy_elb_account(ctx, elb_logs),
            {
                "Sid": "S3ServerAccessLogs",
                "Effect": "Allow",
                "Principal": {"Service": "logging.s3.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": sub(f"${{{bucket}.Arn}}/s3/*"),
                "Condition": {"StringEquals": {"aws:SourceAccount": ref("AWS::AccountId")}},
            },
        ]
    if ctx.model.operations.audit_trail:
        statements += [
            {
                "Sid": "CloudTrailAclCheck",
                "Effect": "Allow",
                "Principal": {"Service": "cloudtrail.amazonaws.com"},
                "Action": "s3:GetBucketAcl",
                "Resource": arn,
            },
            {
                "Sid": "CloudTrailWrite",
                "Effect": "Allow",
                "Principal": {"Service": "cloudtrail.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": sub(f"${{{bucket}.Arn}}/trail/AWSLogs/${{AWS::AccountId}}/*"),
                "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
            },
        ]
    template.resource(
        LOG_BUCKET_POLICY,
        "AWS::S3::BucketPolicy",
        {
            "Bucket": ref(bucket),
            "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
        },
    )
    template.output("LogBucketName", ref(bucket), "S3 bucket of access logs and the audit trail")


def _legacy_elb_account(ctx: ExportContext, resource: Any) -> Any:
    """An optional grant to a region's Elastic Load Balancing account, for a region where the
    service principal is refused: empty by default, so the template names no account."""
    ctx.template.parameter(
        ELB_ACCOUNT_PARAMETER,
        {
            "Type": "String",
            "Default": "",
            "AllowedPattern": r"^(\d{12})?$",
            "Description": "Only where load balancers refuse the log bucket: the region's "
            "Elastic Load Balancing account (Enable access logs, in the ELB guide)",
        },
    )
    ctx.template.condition(HAS_ELB_ACCOUNT, not_(equals(ref(ELB_ACCOUNT_PARAMETER), "")))
    return if_(
        HAS_ELB_ACCOUNT,
        {
            "Sid": "LoadBalancerAccountAccessLogs",
            "Effect": "Allow",
            "Principal": {
                "AWS": sub(f"arn:${{AWS::Partition}}:iam::${{{ELB_ACCOUNT_PARAMETER}}}:root")
            },
            "Action": "s3:PutObject",
            "Resource": resource,
        },
        NO_VALUE,
    )


def bucket_logging(ctx: ExportContext, bucket_id: str) -> dict[str, Any] | None:
    """An S3 bucket's `LoggingConfiguration`, or None (and a checkov skip) without logs."""
    if logs_enabled(ctx.model):
        return {"DestinationBucketName": ref(LOG_BUCKET), "LogFilePrefix": f"s3/{bucket_id}/"}
    return None


def balancer_log_attributes(ctx: ExportContext, balancer_id: str) -> list[dict[str, Any]]:
    if not logs_enabled(ctx.model):
        return []
    return [
        {"Key": "access_logs.s3.enabled", "Value": "true"},
        {"Key": "access_logs.s3.bucket", "Value": ref(LOG_BUCKET)},
        {"Key": "access_logs.s3.prefix", "Value": "elb"},
    ]


def distribution_logging(ctx: ExportContext, cdn_id: str) -> dict[str, Any] | None:
    if not logs_enabled(ctx.model):
        return None
    return {
        "Bucket": get_att(LOG_BUCKET, "RegionalDomainName"),
        "IncludeCookies": False,
        "Prefix": f"cdn/{cdn_id}/",
    }


def _log_group(ctx: ExportContext, logical: str, name: Any) -> str:
    group = ctx.template.resource(
        logical,
        "AWS::Logs::LogGroup",
        {"LogGroupName": name, "RetentionInDays": ctx.model.operations.log_retention_days},
        DeletionPolicy="Delete",
        UpdateReplacePolicy="Delete",
    )
    ctx.template.skip_check(
        group, "CKV_AWS_158", "CloudWatch Logs encrypts log data at rest with its own keys"
    )
    return group


def _export_log_groups(ctx: ExportContext) -> None:
    for owner in ctx.instance_owners:
        _log_group(ctx, f"{pascal(owner.id)}LogGroup", log_group_name(owner.id))


def _export_flow_logs(ctx: ExportContext) -> None:
    template = ctx.template
    group = _log_group(ctx, "VpcFlowLogGroup", log_group_name("vpc-flow-logs"))
    role = export_role(
        ctx,
        "VpcFlowLogRole",
        "vpc-flow-logs.amazonaws.com",
        [],
        [
            {
                "Sid": "DeliverFlowLogs",
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                "Resource": get_att(group, "Arn"),
            }
        ],
    )
    template.resource(
        "VpcFlowLog",
        "AWS::EC2::FlowLog",
        {
            "ResourceId": ref("Vpc"),
            "ResourceType": "VPC",
            "TrafficType": "ALL",
            "LogDestinationType": "cloud-watch-logs",
            "LogGroupName": ref(group),
            "DeliverLogsPermissionArn": get_att(role, "Arn"),
        },
    )


def _export_trail(ctx: ExportContext) -> None:
    properties: dict[str, Any] = {
        "IsLogging": True,
        "S3BucketName": ref(LOG_BUCKET),
        "S3KeyPrefix": "trail",
        "IsMultiRegionTrail": True,
        "IncludeGlobalServiceEvents": True,
        "EnableLogFileValidation": True,
        "Tags": ctx.name_tag("audit-trail"),
    }
    trail = ctx.template.resource(
        "AuditTrail", "AWS::CloudTrail::Trail", properties, DependsOn=LOG_BUCKET_POLICY
    )
    ctx.template.skip_check(
        trail,
        "CKV_AWS_35",
        "SSE-S3 encrypts the trail in the log bucket; a customer managed key is not in the model",
    )
