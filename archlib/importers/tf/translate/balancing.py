"""Application, network and classic load balancers, listeners, rules and target groups."""

from __future__ import annotations

from typing import Any

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.translate.base import (
    Emit,
    Family,
    Patch,
    Result,
    block,
    blocks,
    emit,
    flat,
    pick,
)


def balancer(r: TfResource) -> Result:
    a = r.attributes
    properties: dict[str, Any] = {
        "Type": a.get("load_balancer_type") or "application",
        "Scheme": "internal" if a.get("internal") is True else "internet-facing",
    }
    if a.get("subnets") is not None:
        properties["Subnets"] = flat(a["subnets"])
    mappings = [{"SubnetId": m.get("subnet_id")} for m in blocks(a, "subnet_mapping")]
    if mappings:
        properties["SubnetMappings"] = mappings
    if a.get("security_groups") is not None:
        properties["SecurityGroups"] = flat(a["security_groups"])
    return emit("AWS::ElasticLoadBalancingV2::LoadBalancer", r, properties)


def _actions(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for action in actions:
        entry: dict[str, Any] = pick(action, {"Type": "type", "TargetGroupArn": "target_group_arn"})
        forward = block(action, "forward")
        groups = [{"TargetGroupArn": g.get("arn")} for g in blocks(forward, "target_group")]
        if groups:
            entry["ForwardConfig"] = {"TargetGroups": groups}
        found.append(entry)
    return found


def listener(r: TfResource) -> Result:
    a = r.attributes
    properties = pick(
        a,
        {
            "LoadBalancerArn": "load_balancer_arn",
            "Port": "port",
            "Protocol": "protocol",
            "SslPolicy": "ssl_policy",
        },
    )
    properties["DefaultActions"] = _actions(blocks(a, "default_action"))
    return [Emit("AWS::ElasticLoadBalancingV2::Listener", properties)]


def listener_rule(r: TfResource) -> Result:
    properties = pick(r.attributes, {"ListenerArn": "listener_arn", "Priority": "priority"})
    properties["Actions"] = _actions(blocks(r.attributes, "action"))
    return [Emit("AWS::ElasticLoadBalancingV2::ListenerRule", properties)]


def target_group(r: TfResource) -> Result:
    names = {"Port": "port", "Protocol": "protocol", "TargetType": "target_type", "VpcId": "vpc_id"}
    return emit("AWS::ElasticLoadBalancingV2::TargetGroup", r, pick(r.attributes, names))


def target_attachment(r: TfResource) -> Result:
    target = pick(r.attributes, {"Id": "target_id", "Port": "port"})
    return [Patch(r.attributes.get("target_group_arn"), "Targets", target, append=True)]


def classic(r: TfResource) -> Result:
    a = r.attributes
    properties: dict[str, Any] = {
        "Scheme": "internal" if a.get("internal") is True else "internet-facing",
        "Listeners": [
            {
                "LoadBalancerPort": entry.get("lb_port"),
                "InstancePort": entry.get("instance_port"),
                "Protocol": str(entry.get("lb_protocol", "http")).upper(),
            }
            for entry in blocks(a, "listener")
        ],
    }
    for key, tf in (
        ("Subnets", "subnets"),
        ("AvailabilityZones", "availability_zones"),
        ("SecurityGroups", "security_groups"),
        ("Instances", "instances"),
    ):
        if a.get(tf) is not None:
            properties[key] = flat(a[tf])
    return emit("AWS::ElasticLoadBalancing::LoadBalancer", r, properties)


def classic_attachment(r: TfResource) -> Result:
    return [Patch(r.attributes.get("elb"), "Instances", r.attributes.get("instance"), append=True)]


FAMILY = Family(
    "load balancing",
    {
        "aws_lb": balancer,
        "aws_alb": balancer,
        "aws_lb_listener": listener,
        "aws_alb_listener": listener,
        "aws_lb_listener_rule": listener_rule,
        "aws_alb_listener_rule": listener_rule,
        "aws_lb_target_group": target_group,
        "aws_alb_target_group": target_group,
        "aws_lb_target_group_attachment": target_attachment,
        "aws_alb_target_group_attachment": target_attachment,
        "aws_elb": classic,
        "aws_elb_attachment": classic_attachment,
    },
)
