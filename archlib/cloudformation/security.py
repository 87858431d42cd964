"""Security groups from the model's links and stated rules, least privilege both ways.

One group per placed component, shared by everything running on the same host. Ingress and
group-to-group egress are separate resources, so two tiers that reference each other never
form a dependency cycle. Egress is always explicit: an inline rule list replaces the
allow-all default, with a rule that matches nothing when the component may not initiate
connections at all.
"""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.endpoints import ENDPOINT_GUARD, PREFIX_LIST_LOOKUP, s3_prefix_list
from archlib.cloudformation.intrinsics import get_att, ref
from archlib.cloudformation.naming import cidr_token, pascal, rule_description
from archlib.model import Cdn, Client, Component, Dns, LoadBalancer, PlacedComponent
from archlib.model.endpoints import runs_instances
from archlib.model.exposure import EffectiveRule, ingress_of, link_port, link_protocol
from archlib.model.security import INTERNET

CLOUDFRONT_PREFIX_LIST = "CloudFrontOriginPrefixList"

MATCH_NOTHING_EGRESS = {
    "CidrIp": "255.255.255.255/32",
    "IpProtocol": "icmp",
    "FromPort": 252,
    "ToPort": 86,
    "Description": "No outbound traffic: replaces the allow-all default",
}
"""An ICMP type/code pair that never occurs, to a broadcast address: the group allows nothing."""


def guarded_components(ctx: ExportContext) -> list[PlacedComponent]:
    """Components that own a security group, in model order."""
    return [
        c
        for c in ctx.model.components
        if isinstance(c, PlacedComponent)
        and c.subnets
        and getattr(c, "host", None) is None
        and not ctx.resolves_by_dns(c)
    ]


def export_security_groups(ctx: ExportContext) -> None:
    for owner in guarded_components(ctx):
        members: list[Component] = [ctx.model.component(owner.id), *ctx.graph.hosted_on(owner.id)]
        inline_egress, egress_resources = _egress(ctx, owner, members)
        ctx.template.resource(
            ctx.guard_id(owner),
            "AWS::EC2::SecurityGroup",
            {
                "GroupDescription": rule_description(f"{owner.display_name} ({owner.id})"),
                "VpcId": ref("Vpc"),
                "SecurityGroupEgress": inline_egress or [MATCH_NOTHING_EGRESS],
                "Tags": ctx.name_tag(owner.id),
            },
        )
        for logical, properties in egress_resources.items():
            ctx.template.resource(logical, "AWS::EC2::SecurityGroupEgress", properties)
        for member in members:
            for rule in ingress_of(ctx.model, member, ctx.graph.incoming[member.id]):
                _export_ingress(ctx, owner, rule)


def _export_ingress(ctx: ExportContext, owner: PlacedComponent, rule: EffectiveRule) -> None:
    properties: dict[str, Any] = {
        "GroupId": ctx.guard_ref(owner),
        "IpProtocol": rule.protocol,
        "FromPort": rule.port,
        "ToPort": rule.port_to,
    }
    if rule.source == INTERNET:
        source_name = "Internet"
        properties["CidrIp"] = "0.0.0.0/0"
    elif rule.rule is not None and rule.rule.cidr is not None:
        cidr = rule.rule.cidr
        source_name = f"Cidr{cidr_token(str(cidr))}"
        properties["CidrIpv6" if cidr.version == 6 else "CidrIp"] = str(cidr)
    else:
        source = ctx.model.component(rule.source)
        if ctx.resolves_by_dns(source):
            # clients reach the replicas directly through the private DNS records
            for link in ctx.graph.incoming[source.id]:
                upstream = EffectiveRule(
                    link.source, rule.port, rule.port_to, rule.protocol, "link", link
                )
                _export_ingress(ctx, owner, upstream)
            return
        if ctx.has_guard(source):
            if ctx.owner(source).id == owner.id:
                return  # both run on the same host: the traffic never leaves it
            source_name = pascal(ctx.owner(source).id)
            properties["SourceSecurityGroupId"] = ctx.guard_ref(source)
        elif isinstance(source, Cdn):
            source_name = pascal(source.id)
            properties["SourcePrefixListId"] = ref(_cloudfront_prefix_list(ctx))
        else:
            ctx.template.not_exported.append(
                f"ingress to {owner.id} from {source.id}: a {source.kind} has no network "
                "address a security group can name"
            )
            return
    if rule.link is not None and rule.link.purpose:
        description = rule.link.purpose
    elif rule.rule is not None and rule.rule.reason:
        description = rule.rule.reason
    else:
        description = f"from {rule.source}"
    properties["Description"] = rule_description(description)
    port = str(rule.port) if rule.port == rule.port_to else f"{rule.port}To{rule.port_to}"
    logical = f"{pascal(owner.id)}IngressFrom{source_name}{rule.protocol.title()}{port}"
    if logical not in ctx.template.resources:
        ctx.template.resource(logical, "AWS::EC2::SecurityGroupIngress", properties)
        if source_name == "Internet" and rule.port <= 80 <= rule.port_to:
            redirects = isinstance(owner, LoadBalancer) and owner.redirect_http and owner.tls
            ctx.template.skip_check(
                logical,
                "CKV_AWS_260",
                "port 80 only redirects to HTTPS"
                if redirects
                else f"the model serves port 80 to the internet: {description}",
            )


def _egress(
    ctx: ExportContext, owner: PlacedComponent, members: list[Component]
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The inline CIDR rules, and the group-to-group rules as resources by logical id."""
    policies = {getattr(m, "egress", "links") for m in members}
    if "any" in policies:
        everything = {"CidrIp": "0.0.0.0/0", "IpProtocol": "-1", "Description": "Any traffic"}
        return [everything], {}
    inline: list[dict[str, Any]] = []
    resources: dict[str, dict[str, Any]] = {}
    for member in members:
        if getattr(member, "egress", "links") != "links":
            continue
        for link in ctx.graph.outgoing[member.id]:
            target = ctx.model.component(link.target)
            if link.mode == "replication" or isinstance(target, Client | Dns):
                continue
            port = link_port(ctx.model, link)
            if port is None:
                continue
            protocol = link_protocol(ctx.model, link)
            if ctx.resolves_by_dns(target):
                for inner in ctx.graph.outgoing[target.id]:
                    replicas = ctx.model.component(inner.target)
                    inner_port = link_port(ctx.model, inner, replicas)
                    assert inner_port is not None
                    logical = (
                        f"{pascal(owner.id)}EgressTo{pascal(replicas.id)}"
                        f"{protocol.title()}{inner_port}"
                    )
                    resources.setdefault(
                        logical,
                        {
                            "GroupId": ctx.guard_ref(owner),
                            "IpProtocol": protocol,
                            "FromPort": inner_port,
                            "ToPort": inner_port,
                            "DestinationSecurityGroupId": ctx.guard_ref(replicas),
                            "Description": rule_description(link.purpose or f"to {replicas.id}"),
                        },
                    )
            elif ctx.has_guard(target):
                if ctx.owner(target).id == owner.id:
                    continue
                logical = (
                    f"{pascal(owner.id)}EgressTo{pascal(ctx.owner(target).id)}"
                    f"{protocol.title()}{port}"
                )
                resources.setdefault(
                    logical,
                    {
                        "GroupId": ctx.guard_ref(owner),
                        "IpProtocol": protocol,
                        "FromPort": port,
                        "ToPort": port,
                        "DestinationSecurityGroupId": ctx.guard_ref(target),
                        "Description": rule_description(link.purpose or f"to {target.id}"),
                    },
                )
            else:
                https = {
                    "CidrIp": "0.0.0.0/0",
                    "IpProtocol": "tcp",
                    "FromPort": 443,
                    "ToPort": 443,
                    "Description": "HTTPS to AWS service endpoints",
                }
                if https not in inline:
                    inline.append(https)
    if runs_instances(owner):
        _operations_egress(ctx, owner, inline, resources)
    return inline, resources


def _operations_egress(
    ctx: ExportContext,
    owner: PlacedComponent,
    inline: list[dict[str, Any]],
    resources: dict[str, dict[str, Any]],
) -> None:
    """HTTPS to the VPC's AWS service endpoints and to S3 through its gateway endpoint:
    what Session Manager, the CloudWatch agent and the bootstrap need, whatever `egress`
    says, because none of it leaves the AWS network."""
    if not ctx.interface_services:
        return
    inline.append(
        {
            "DestinationPrefixListId": s3_prefix_list(ctx),
            "IpProtocol": "tcp",
            "FromPort": 443,
            "ToPort": 443,
            "Description": "HTTPS to S3 (package repositories) through the gateway endpoint",
        }
    )
    resources[f"{pascal(owner.id)}EgressToVpcEndpointsTcp443"] = {
        "GroupId": ctx.guard_ref(owner),
        "IpProtocol": "tcp",
        "FromPort": 443,
        "ToPort": 443,
        "DestinationSecurityGroupId": get_att(ENDPOINT_GUARD, "GroupId"),
        "Description": "HTTPS to AWS APIs through the VPC interface endpoints",
    }


def _cloudfront_prefix_list(ctx: ExportContext) -> str:
    definition: dict[str, Any] = {
        "Type": "String",
        "AllowedPattern": "^pl-[0-9a-f]+$",
        "Description": "The region's CloudFront origin-facing prefix list: "
        + PREFIX_LIST_LOOKUP.format(name="com.amazonaws.global.cloudfront.origin-facing"),
    }
    return ctx.template.parameter(CLOUDFRONT_PREFIX_LIST, definition)
