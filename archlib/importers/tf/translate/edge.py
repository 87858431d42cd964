"""CloudFront distributions and their origin access, and Route 53 zones and records."""

from __future__ import annotations

from typing import Any

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.translate.base import (
    Emit,
    Family,
    Result,
    block,
    blocks,
    emit,
    flat,
    pick,
)


def distribution(r: TfResource) -> Result:
    a = r.attributes
    origins: list[dict[str, Any]] = []
    for origin in blocks(a, "origin"):
        entry = pick(
            origin,
            {
                "Id": "origin_id",
                "DomainName": "domain_name",
                "OriginAccessControlId": "origin_access_control_id",
            },
        )
        identity = block(origin, "s3_origin_config").get("origin_access_identity")
        if identity is not None:
            entry["S3OriginConfig"] = {"OriginAccessIdentity": identity}
        origins.append(entry)
    behaviour = pick(
        block(a, "default_cache_behavior"), {"ViewerProtocolPolicy": "viewer_protocol_policy"}
    )
    certificate = pick(
        block(a, "viewer_certificate"),
        {
            "CloudFrontDefaultCertificate": "cloudfront_default_certificate",
            "MinimumProtocolVersion": "minimum_protocol_version",
            "AcmCertificateArn": "acm_certificate_arn",
        },
    )
    config: dict[str, Any] = {
        "Origins": origins,
        "DefaultCacheBehavior": behaviour,
        **pick(a, {"PriceClass": "price_class", "WebACLId": "web_acl_id"}),
    }
    if certificate:
        config["ViewerCertificate"] = certificate
    return emit("AWS::CloudFront::Distribution", r, {"DistributionConfig": config})


def origin_access_control(r: TfResource) -> Result:
    return [Emit("AWS::CloudFront::OriginAccessControl", {})]


def origin_access_identity(r: TfResource) -> Result:
    return [Emit("AWS::CloudFront::CloudFrontOriginAccessIdentity", {})]


def zone(r: TfResource) -> Result:
    properties: dict[str, Any] = pick(r.attributes, {"Name": "name"})
    vpcs = [{"VPCId": v.get("vpc_id")} for v in blocks(r.attributes, "vpc")]
    if vpcs:
        properties["VPCs"] = vpcs
    return [Emit("AWS::Route53::HostedZone", properties)]


def record(r: TfResource) -> Result:
    a = r.attributes
    names = {"Name": "name", "Type": "type", "HostedZoneId": "zone_id"}
    properties: dict[str, Any] = pick(a, names)
    if a.get("records") is not None:
        properties["ResourceRecords"] = flat(a["records"])
    alias = block(a, "alias")
    if alias:
        properties["AliasTarget"] = pick(alias, {"DNSName": "name", "HostedZoneId": "zone_id"})
    return [Emit("AWS::Route53::RecordSet", properties)]


FAMILY = Family(
    "edge",
    {
        "aws_cloudfront_distribution": distribution,
        "aws_cloudfront_origin_access_control": origin_access_control,
        "aws_cloudfront_origin_access_identity": origin_access_identity,
        "aws_route53_zone": zone,
        "aws_route53_record": record,
    },
)
