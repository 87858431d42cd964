"""The edge: CloudFront in front of S3 (origin access control) or a load balancer, and the
Route 53 records that point the model's names at the ALB, the CDN or an Elastic IP."""

from __future__ import annotations

import re
from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import Node, get_att, ref, sub
from archlib.cloudformation.logs import LOG_ANALYSIS_OFF, LOG_BUCKET_POLICY, distribution_logging
from archlib.cloudformation.naming import pascal
from archlib.model import Cdn, Component, ComputeTier, Dns, Host, LoadBalancer, ObjectStore

CLOUDFRONT_HOSTED_ZONE = "Z2FDTNDATAQYW2"
"""The fixed hosted zone id of every CloudFront alias target."""
CACHING_OPTIMIZED_POLICY = "658327ea-f89d-4fab-a63d-7e88639e58f6"
"""AWS's managed cache policy Managed-CachingOptimized."""
CDN_CERTIFICATE_PARAMETER = "CdnCertificateArn"
RECORD_TTL_S = 300


def export_edge(ctx: ExportContext) -> None:
    for cdn in ctx.model.of_type(Cdn):
        _export_distribution(ctx, cdn)
    for dns in ctx.model.of_type(Dns):
        _export_records(ctx, dns)


def _aliases(ctx: ExportContext, cdn: Cdn) -> list[tuple[Dns, str]]:
    return [
        (dns, record.name)
        for dns in ctx.model.of_type(Dns)
        for record in dns.records
        if record.target == cdn.id
    ]


def _export_distribution(ctx: ExportContext, cdn: Cdn) -> None:
    template, name = ctx.template, pascal(cdn.id)
    origins: list[dict[str, Any]] = []
    for link in ctx.graph.outgoing[cdn.id]:
        target = ctx.model.component(link.target)
        origin_id = target.id
        if isinstance(target, ObjectStore):
            control = f"{name}{pascal(target.id)}OriginAccessControl"
            if control not in template.resources:
                template.resource(
                    control,
                    "AWS::CloudFront::OriginAccessControl",
                    {
                        "OriginAccessControlConfig": {
                            "Name": sub(f"${{AWS::StackName}}-{cdn.id}-{target.id}"),
                            "OriginAccessControlOriginType": "s3",
                            "SigningBehavior": "always",
                            "SigningProtocol": "sigv4",
                        }
                    },
                )
            origins.append(
                {
                    "Id": origin_id,
                    "DomainName": get_att(f"{pascal(target.id)}Bucket", "RegionalDomainName"),
                    "OriginAccessControlId": get_att(control, "Id"),
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            )
        elif isinstance(target, LoadBalancer) and ctx.deploys_balancer(target):
            origins.append(
                _custom_origin(
                    origin_id,
                    get_att(f"{pascal(target.id)}LoadBalancer", "DNSName"),
                    "https-only" if target.tls else "http-only",
                    target.listener_port,
                )
            )
        elif isinstance(target, Host | ComputeTier) and _public_instance(ctx, target):
            instance = f"{pascal(ctx.owner(target).id)}Instance"
            port = getattr(target, "port", 80)
            origins.append(
                _custom_origin(origin_id, get_att(instance, "PublicDnsName"), "http-only", port)
            )
        else:
            template.not_exported.append(
                f"{cdn.id} -> {target.id}: CloudFront cannot use a {target.kind} as an origin"
            )
    if not origins:
        template.not_exported.append(f"CDN {cdn.id}: no origin to serve from")
        return
    config: dict[str, Any] = {
        "Enabled": True,
        "Comment": f"{cdn.display_name} ({cdn.id})",
        "HttpVersion": "http2and3",
        "IPV6Enabled": True,
        "PriceClass": cdn.price_class,
        "Origins": origins,
        "DefaultCacheBehavior": {
            "TargetOriginId": origins[0]["Id"],
            "ViewerProtocolPolicy": cdn.viewer_protocol,
            "CachePolicyId": CACHING_OPTIMIZED_POLICY,
            "Compress": True,
        },
    }
    aliases = _aliases(ctx, cdn)
    if aliases:
        certificate = template.parameter(
            CDN_CERTIFICATE_PARAMETER,
            {
                "Type": "String",
                "AllowedPattern": r"^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate/[0-9a-f-]+$",
                "ConstraintDescription": "an ACM certificate ARN in us-east-1",
                "Description": "ACM certificate (us-east-1) for the CDN's own host names",
            },
        )
        config["Aliases"] = [_record_name(ctx, dns, record) for dns, record in aliases]
        config["ViewerCertificate"] = {
            "AcmCertificateArn": ref(certificate),
            "MinimumProtocolVersion": cdn.minimum_tls,
            "SslSupportMethod": "sni-only",
        }
    else:
        config["ViewerCertificate"] = {"CloudFrontDefaultCertificate": True}
    logging = distribution_logging(ctx, cdn.id)
    if logging is not None:
        config["Logging"] = logging
    logical = template.resource(
        f"{name}Distribution",
        "AWS::CloudFront::Distribution",
        {"DistributionConfig": config},
        **({"DependsOn": LOG_BUCKET_POLICY} if logging is not None else {}),
    )
    if logging is None:
        template.skip_check(logical, "CKV_AWS_86", LOG_ANALYSIS_OFF)
    template.skip_check(
        logical, "CKV_AWS_68", "the model has no web application firewall in front of the CDN"
    )
    template.output(
        f"{name}DomainName", get_att(logical, "DomainName"), f"CloudFront domain of {cdn.id}"
    )


def _custom_origin(origin_id: str, domain: Node, policy: str, port: int) -> dict[str, Any]:
    config: dict[str, Any] = {
        "OriginProtocolPolicy": policy,
        "OriginSSLProtocols": ["TLSv1.2"],
    }
    config["HTTPSPort" if policy == "https-only" else "HTTPPort"] = port
    return {"Id": origin_id, "DomainName": domain, "CustomOriginConfig": config}


def _public_instance(ctx: ExportContext, target: Host | ComputeTier) -> bool:
    owner = ctx.owner(target)
    return isinstance(owner, Host | ComputeTier) and (
        bool(owner.elastic_ip) and getattr(owner, "count", 1) == 1
    )


def _domain_parameter(ctx: ExportContext, dns: Dns) -> str:
    return ctx.template.parameter(
        f"{pascal(dns.id)}DomainName",
        {
            "Type": "String",
            "Default": dns.domain,
            "Description": f"The domain {dns.id} serves",
        },
    )


def _record_name(ctx: ExportContext, dns: Dns, record: str) -> Node:
    domain = _domain_parameter(ctx, dns)
    return ref(domain) if record == "@" else sub(f"{record}.${{{domain}}}")


def _record_token(record: str) -> str:
    if record == "@":
        return "Apex"
    return pascal(re.sub(r"[^a-z0-9]+", "-", record.lower()).strip("-")) or "Wildcard"


def _alias_or_address(ctx: ExportContext, target: Component) -> dict[str, Any] | None:
    """What a record for the target resolves to, or None when it has no address."""
    if isinstance(target, LoadBalancer) and ctx.deploys_balancer(target):
        balancer = f"{pascal(target.id)}LoadBalancer"
        return {
            "AliasTarget": {
                "DNSName": get_att(balancer, "DNSName"),
                "HostedZoneId": get_att(balancer, "CanonicalHostedZoneID"),
                "EvaluateTargetHealth": True,
            }
        }
    distribution = f"{pascal(target.id)}Distribution"
    if isinstance(target, Cdn) and distribution in ctx.template.resources:
        return {
            "AliasTarget": {
                "DNSName": get_att(distribution, "DomainName"),
                "HostedZoneId": CLOUDFRONT_HOSTED_ZONE,
            }
        }
    if isinstance(target, Host | ComputeTier) and _public_instance(ctx, target):
        return {
            "TTL": str(RECORD_TTL_S),
            "ResourceRecords": [ref(f"{pascal(ctx.owner(target).id)}ElasticIp")],
        }
    return None


def _export_records(ctx: ExportContext, dns: Dns) -> None:
    template, name = ctx.template, pascal(dns.id)
    for record in dns.records:
        target = ctx.model.component(record.target)
        resolution = _alias_or_address(ctx, target)
        if resolution is None:
            template.not_exported.append(
                f"DNS record {record.name} -> {target.id}: the template gives the "
                f"{target.kind} no address to point a record at"
            )
            continue
        zone = template.parameter(
            f"{name}HostedZoneId",
            {"Type": "AWS::Route53::HostedZone::Id", "Description": f"Hosted zone of {dns.domain}"},
        )
        properties: dict[str, Any] = {
            "HostedZoneId": ref(zone),
            "Name": _record_name(ctx, dns, record.name),
            "Type": "A",
            **resolution,
        }
        logical = template.resource(
            f"{name}{_record_token(record.name)}Record", "AWS::Route53::RecordSet", properties
        )
        template.output(f"{logical}Name", properties["Name"], f"Host name {record.name}")
