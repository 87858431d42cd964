"""The template's own operations resources (alarms, topics, keys, web ACLs, endpoints, ...).

They become the model's declared operations, so an imported stack is priced with what it
contains and never with what archlib's exported stack would add.
"""

from __future__ import annotations

from typing import Any

from archlib.importers.cfn.context import ImportContext, as_bool
from archlib.importers.cfn.values import Unresolved

MIN_ALARM_PERIOD_S = 60
"""CloudWatch bills an alarm evaluated more often than once a minute as high resolution."""


def map_operations(ctx: ImportContext) -> None:
    protected = _web_acl_targets(ctx)
    for logical_id, resource in ctx.template.resources.items():
        if logical_id in ctx.claimed or not ctx.resolver.active(resource):
            continue
        declared = _declared(ctx, logical_id, str(resource.get("Type", "")), protected)
        if declared is None:
            continue
        declared = {"logical_id": logical_id, "line": ctx.template.line_of(logical_id), **declared}
        ctx.declared.append(declared)
        ctx.claimed.add(logical_id)
    for logical_id, _ in ctx.resources_of("AWS::RDS::DBInstance", "AWS::RDS::DBCluster"):
        if logical_id in ctx.owner and as_bool(
            ctx.props(logical_id).get("ManageMasterUserPassword"), False
        ):
            ctx.declared.append(
                {
                    "kind": "secret",
                    "logical_id": f"{logical_id} (master user secret RDS manages)",
                    "line": ctx.template.line_of(logical_id),
                }
            )


def _declared(
    ctx: ImportContext, logical_id: str, type_: str, protected: dict[str, list[str]]
) -> dict[str, Any] | None:
    props = ctx.props(logical_id)
    if type_ == "AWS::CloudWatch::Alarm":
        metrics = props.get("Metrics")
        count = (
            sum(1 for m in metrics if isinstance(m, dict) and "MetricStat" in m)
            if isinstance(metrics, list)
            else 1
        )
        period = props.get("Period")
        fast = (
            isinstance(period, int) and not isinstance(period, bool) and period < MIN_ALARM_PERIOD_S
        )
        return {"kind": "alarm", "metrics": max(1, min(count, 10)), "high_resolution": fast}
    if type_ == "AWS::SNS::Topic":
        given = props.get("Subscription")
        subscriptions = given if isinstance(given, list) else []
        emails = [
            s
            for s in subscriptions
            if isinstance(s, dict) and str(s.get("Protocol", "")).lower() in ("email", "email-json")
        ]
        return {"kind": "topic", "subscriptions": len(emails)}
    if type_ == "AWS::SNS::Subscription":
        return None
    simple = {
        "AWS::CloudWatch::Dashboard": "dashboard",
        "AWS::CloudTrail::Trail": "trail",
        "AWS::SecretsManager::Secret": "secret",
        "AWS::KMS::Key": "kms_key",
        "AWS::Route53::HostedZone": "hosted_zone",
        "AWS::Cognito::UserPool": "user_pool",
    }
    if type_ in simple:
        return {"kind": simple[type_]}
    if type_ == "AWS::Logs::LogGroup":
        days = props.get("RetentionInDays")
        keep = days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else None
        return {"kind": "log_group", "retention_days": keep}
    if type_ in ("AWS::WAFv2::WebACL", "AWS::WAF::WebACL", "AWS::WAFRegional::WebACL"):
        rules = props.get("Rules")
        return {
            "kind": "web_acl",
            "rules": len(rules) if isinstance(rules, list) else 0,
            "protects": sorted(set(protected.get(logical_id, []))),
        }
    if type_ == "AWS::EC2::VPCEndpoint":
        return _endpoint(props)
    if type_ == "AWS::ApiGateway::RestApi":
        return {"kind": "api", "protocol": "rest"}
    if type_ == "AWS::ApiGatewayV2::Api":
        protocol = str(props.get("ProtocolType", "HTTP")).lower()
        return {"kind": "api", "protocol": "websocket" if protocol == "websocket" else "http"}
    return None


def _endpoint(props: dict[str, Any]) -> dict[str, Any] | None:
    """Interface endpoints bill per AZ-hour; gateway endpoints (S3, DynamoDB) are free."""
    if str(props.get("VpcEndpointType", "Gateway")) not in ("Interface", "GatewayLoadBalancer"):
        return None
    service = props.get("ServiceName")
    name = service.rsplit(".", 1)[-1] if isinstance(service, str) else "a service"
    subnets = props.get("SubnetIds")
    known = (
        [s for s in subnets if not isinstance(s, Unresolved)] if isinstance(subnets, list) else []
    )
    return {"kind": "interface_endpoint", "service": name, "azs": max(1, min(len(known), 6))}


def _web_acl_targets(ctx: ImportContext) -> dict[str, list[str]]:
    """Web ACL logical id -> the components whose requests it inspects."""
    found: dict[str, list[str]] = {}
    for logical_id, _ in ctx.resources_of("AWS::WAFv2::WebACLAssociation"):
        props = ctx.props(logical_id)
        acls = ctx.referenced(props.get("WebACLArn"))
        targets = [
            ctx.owner[t].id for t in ctx.referenced(props.get("ResourceArn")) if t in ctx.owner
        ]
        for acl in acls:
            found.setdefault(acl, []).extend(targets)
        if acls:
            ctx.claimed.add(logical_id)
            ctx.operation_parts.add(logical_id)
    for logical_id, _ in ctx.resources_of("AWS::CloudFront::Distribution"):
        config = ctx.props(logical_id).get("DistributionConfig")
        if not isinstance(config, dict) or logical_id not in ctx.owner:
            continue
        for acl in ctx.referenced(config.get("WebACLId")):
            found.setdefault(acl, []).append(ctx.owner[logical_id].id)
    return found
