"""Alarms, topics, keys, logs, secrets, web ACLs and roles: priced as declared operations,
or read for the permissions that link a function to the stores it uses."""

from __future__ import annotations

from typing import Any

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.translate.base import Emit, Family, Result, blocks, flat, pick, policy


def _simple(type_: str) -> Any:
    def translate(r: TfResource) -> Result:
        return [Emit(type_, {})]

    return translate


def alarm(r: TfResource) -> Result:
    return [Emit("AWS::CloudWatch::Alarm", pick(r.attributes, {"Period": "period"}))]


def log_group(r: TfResource) -> Result:
    names = {"RetentionInDays": "retention_in_days"}
    return [Emit("AWS::Logs::LogGroup", pick(r.attributes, names))]


def topic_subscription(r: TfResource) -> Result:
    names = {"Protocol": "protocol", "TopicArn": "topic_arn"}
    return [Emit("AWS::SNS::Subscription", pick(r.attributes, names))]


def web_acl(r: TfResource) -> Result:
    return [Emit("AWS::WAFv2::WebACL", {"Rules": blocks(r.attributes, "rule")})]


def web_acl_association(r: TfResource) -> Result:
    names = {"ResourceArn": "resource_arn", "WebACLArn": "web_acl_arn"}
    return [Emit("AWS::WAFv2::WebACLAssociation", pick(r.attributes, names))]


def role(r: TfResource) -> Result:
    inline = [
        {"PolicyName": p.get("name", "inline"), "PolicyDocument": policy(p.get("policy"))}
        for p in blocks(r.attributes, "inline_policy")
    ]
    properties: dict[str, Any] = pick(r.attributes, {"RoleName": "name"})
    if inline:
        properties["Policies"] = inline
    return [Emit("AWS::IAM::Role", properties)]


def role_policy(r: TfResource) -> Result:
    properties = {
        "Roles": flat(r.attributes.get("role")),
        "PolicyDocument": policy(r.attributes.get("policy")),
    }
    return [Emit("AWS::IAM::Policy", properties)]


def instance_profile(r: TfResource) -> Result:
    return [Emit("AWS::IAM::InstanceProfile", {"Roles": flat(r.attributes.get("role"))})]


FAMILY = Family(
    "operations and identity",
    {
        "aws_cloudwatch_metric_alarm": alarm,
        "aws_cloudwatch_dashboard": _simple("AWS::CloudWatch::Dashboard"),
        "aws_cloudwatch_log_group": log_group,
        "aws_sns_topic": _simple("AWS::SNS::Topic"),
        "aws_sns_topic_subscription": topic_subscription,
        "aws_kms_key": _simple("AWS::KMS::Key"),
        "aws_secretsmanager_secret": _simple("AWS::SecretsManager::Secret"),
        "aws_cloudtrail": _simple("AWS::CloudTrail::Trail"),
        "aws_cognito_user_pool": _simple("AWS::Cognito::UserPool"),
        "aws_wafv2_web_acl": web_acl,
        "aws_wafv2_web_acl_association": web_acl_association,
        "aws_iam_role": role,
        "aws_iam_role_policy": role_policy,
        "aws_iam_instance_profile": instance_profile,
    },
)
