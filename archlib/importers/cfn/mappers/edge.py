"""CloudFront distributions (origins become links) and Route 53 records."""

from __future__ import annotations

import re
from typing import Any

from archlib.importers.cfn.context import Draft, ImportContext, as_list
from archlib.importers.cfn.values import Composite, ResourceRef

DOMAIN = re.compile(r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
PLACEHOLDER_DOMAIN = "example.com"
VIEWER = ("https-only", "redirect-to-https", "allow-all")
TLS = (
    "TLSv1.2_2021", "TLSv1.2_2019", "TLSv1.2_2018", "TLSv1.1_2016", "TLSv1_2016", "TLSv1",
    "SSLv3",
)  # fmt: skip
"""CloudFront's security policies (MinimumProtocolVersion), newest first."""
PRICE_CLASSES = ("PriceClass_100", "PriceClass_200", "PriceClass_All")


def map_distributions(ctx: ImportContext) -> None:
    for logical_id, _ in ctx.resources_of("AWS::CloudFront::Distribution"):
        config = ctx.props(logical_id).get("DistributionConfig")
        config = config if isinstance(config, dict) else {}
        behaviour = config.get("DefaultCacheBehavior")
        behaviour = behaviour if isinstance(behaviour, dict) else {}
        certificate = config.get("ViewerCertificate")
        certificate = certificate if isinstance(certificate, dict) else {}
        data: dict[str, Any] = {"kind": "cdn"}
        viewer = behaviour.get("ViewerProtocolPolicy")
        if viewer in VIEWER:
            data["viewer_protocol"] = viewer
        tls = certificate.get("MinimumProtocolVersion")
        data["minimum_tls"] = tls if tls in TLS else "TLSv1"
        if not certificate or certificate.get("CloudFrontDefaultCertificate"):
            data["minimum_tls"] = "TLSv1"  # the default certificate allows TLS 1.0
        price = config.get("PriceClass", "PriceClass_All")
        data["price_class"] = price if price in PRICE_CLASSES else "PriceClass_All"
        draft = ctx.add(Draft(ctx.new_id(logical_id), data, [logical_id]))
        for origin in as_list(config.get("Origins")):
            if not isinstance(origin, dict):
                continue
            found = _owners(ctx, origin.get("DomainName"))
            if not found:
                ctx.report.assume(
                    f"{logical_id}: origin {origin.get('Id', '?')} is outside the template; "
                    "not drawn"
                )
            for target in found:
                ctx.absorb(draft, *ctx.referenced(origin.get("OriginAccessControlId")))
                ctx.absorb(draft, *ctx.referenced(origin.get("S3OriginConfig")))
                ctx.link(draft.id, target.id, purpose="origin fetch", traffic="static")


def _owners(ctx: ImportContext, value: Any) -> list[Draft]:
    found = []
    for ref in ctx.referenced(value):
        if ref in ctx.owner and ctx.owner[ref] not in found:
            found.append(ctx.owner[ref])
    return found


def map_dns(ctx: ImportContext) -> None:
    zones = ctx.resources_of("AWS::Route53::HostedZone")
    records = ctx.resources_of("AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup")
    if not zones and not records:
        return
    domain = None
    private = {lid for lid, _ in zones if as_list(ctx.props(lid).get("VPCs"))}
    for logical_id, _ in zones:
        if logical_id not in private:
            domain = domain or _domain(ctx.props(logical_id).get("Name"))
    entries: list[tuple[str, dict[str, Any]]] = []
    for logical_id, resource in records:
        props = ctx.props(logical_id)
        sets = (
            as_list(props.get("RecordSets"))
            if resource["Type"] == "AWS::Route53::RecordSetGroup"
            else [props]
        )
        domain = domain or _domain(props.get("HostedZoneName"))
        for record in sets:
            if isinstance(record, dict):
                entries.append((logical_id, record))
    mapped: list[dict[str, str]] = []
    ids = [lid for lid, _ in zones]
    for logical_id, record in entries:
        targets = _record_targets(ctx, record)
        name = record.get("Name")
        ids.append(logical_id)
        zone = ctx.referenced(record.get("HostedZoneId"))
        if any(z in private for z in zone):
            ctx.report.assume(
                f"{logical_id}: a record of the private zone {zone[0]}, resolved only inside "
                "the VPC: not one of the public names"
            )
            continue
        domain = domain or _domain(name)
        for target in targets:
            mapped.append({"name": _relative(name, domain), "target": target.id})
    if domain is None:
        domain = PLACEHOLDER_DOMAIN
        ctx.report.assume(f"DNS: the zone's domain is not a literal; {domain} stands in")
    data: dict[str, Any] = {"kind": "dns", "domain": domain}
    unique = []
    for record in mapped:
        if record not in unique:
            unique.append(record)
    if unique:
        data["records"] = unique
    ctx.add(Draft(ctx.new_id("dns"), data, list(dict.fromkeys(ids))))


def _record_targets(ctx: ImportContext, record: dict[str, Any]) -> list[Draft]:
    values = [record.get("AliasTarget"), record.get("ResourceRecords")]
    found = []
    for ref in ctx.referenced(values):
        owner = ctx.owner.get(ref)
        if owner is None:
            owner = _through_elastic_ip(ctx, ref)
        if owner is not None and owner not in found:
            found.append(owner)
    return found


def _through_elastic_ip(ctx: ImportContext, logical_id: str) -> Draft | None:
    if ctx.type_of(logical_id) != "AWS::EC2::EIP":
        return None
    instance = ctx.props(logical_id).get("InstanceId")
    if isinstance(instance, ResourceRef):
        return ctx.owner.get(instance.logical_id)
    return None


def _domain(value: Any) -> str | None:
    if isinstance(value, str):
        text = value.lower().rstrip(".")
        if DOMAIN.match(text):
            return text
    return None


def _relative(name: Any, domain: str | None) -> str:
    if isinstance(name, Composite):
        text = name.text
    elif isinstance(name, str):
        text = name
    else:
        return "@"
    text = text.lower().rstrip(".")
    if domain and text == domain:
        return "@"
    if domain and text.endswith("." + domain):
        return text[: -len(domain) - 1]
    if "${" in text:
        return text.split(".", 1)[0] if "." in text and not text.startswith("$") else "@"
    return text
