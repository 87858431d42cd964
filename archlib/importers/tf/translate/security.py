"""Security groups, inline or as separate rules (`aws_security_group_rule` and the per-rule
`aws_vpc_security_group_ingress_rule` / `egress_rule`): one CloudFormation rule per source."""

from __future__ import annotations

from typing import Any

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.translate.base import (
    Emit,
    Family,
    Result,
    blocks,
    emit,
    flat,
    pick,
    self_ref,
)


def _rules(rule: dict[str, Any], group: Any) -> list[dict[str, Any]]:
    """One rule per CIDR block and per source group, as CloudFormation states them."""
    base: dict[str, Any] = {
        "IpProtocol": str(rule.get("protocol", "tcp")),
        **pick(rule, {"FromPort": "from_port", "ToPort": "to_port", "Description": "description"}),
    }
    found: list[dict[str, Any]] = []
    for cidr in flat(rule.get("cidr_blocks")):
        found.append({**base, "CidrIp": cidr})
    for cidr in flat(rule.get("ipv6_cidr_blocks")):
        found.append({**base, "CidrIpv6": cidr})
    sources = flat(rule.get("security_groups"))
    if rule.get("source_security_group_id") is not None:
        sources.append(rule["source_security_group_id"])
    if rule.get("self") is True:
        sources.append(group)
    for source in sources:
        found.append({**base, "SourceSecurityGroupId": source})
    for prefix in flat(rule.get("prefix_list_ids")):
        found.append({**base, "SourcePrefixListId": prefix})
    return found


def group(r: TfResource) -> Result:
    own = self_ref(r)
    ingress = [x for rule in blocks(r.attributes, "ingress") for x in _rules(rule, own)]
    egress = [x for rule in blocks(r.attributes, "egress") for x in _rules(rule, own)]
    properties: dict[str, Any] = {
        "GroupDescription": r.attributes.get("description", "Managed by Terraform"),
        **pick(r.attributes, {"GroupName": "name", "VpcId": "vpc_id"}),
    }
    if ingress:
        properties["SecurityGroupIngress"] = ingress
    if egress:
        properties["SecurityGroupEgress"] = [
            {("DestinationSecurityGroupId" if k == "SourceSecurityGroupId" else k): v
             for k, v in rule.items()}
            for rule in egress
        ]  # fmt: skip
    return emit("AWS::EC2::SecurityGroup", r, properties)


def rule(r: TfResource) -> Result:
    """`aws_security_group_rule`: ingress or egress, one resource per source."""
    owner = r.attributes.get("security_group_id")
    egress = r.attributes.get("type") == "egress"
    kind = "AWS::EC2::SecurityGroupEgress" if egress else "AWS::EC2::SecurityGroupIngress"
    found: list[Emit | Any] = []
    for index, body in enumerate(_rules(r.attributes, owner)):
        if egress and "SourceSecurityGroupId" in body:
            body["DestinationSecurityGroupId"] = body.pop("SourceSecurityGroupId")
        found.append(Emit(kind, {"GroupId": owner, **body}, f"#{index}" if index else ""))
    return found


def vpc_rule(r: TfResource) -> Result:
    """`aws_vpc_security_group_ingress_rule` / `egress_rule`: one source each."""
    egress = r.type.endswith("egress_rule")
    names = {
        "GroupId": "security_group_id",
        "IpProtocol": "ip_protocol",
        "FromPort": "from_port",
        "ToPort": "to_port",
        "CidrIp": "cidr_ipv4",
        "CidrIpv6": "cidr_ipv6",
        "Description": "description",
        "SourcePrefixListId": "prefix_list_id",
        ("DestinationSecurityGroupId" if egress else "SourceSecurityGroupId"): (
            "referenced_security_group_id"
        ),
    }
    body = pick(r.attributes, names)
    body["IpProtocol"] = str(body.get("IpProtocol", "tcp"))
    kind = "AWS::EC2::SecurityGroupEgress" if egress else "AWS::EC2::SecurityGroupIngress"
    return [Emit(kind, body)]


FAMILY = Family(
    "security groups",
    {
        "aws_security_group": group,
        "aws_default_security_group": group,
        "aws_security_group_rule": rule,
        "aws_vpc_security_group_ingress_rule": vpc_rule,
        "aws_vpc_security_group_egress_rule": vpc_rule,
    },
)
