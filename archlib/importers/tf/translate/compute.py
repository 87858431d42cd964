"""Instances, launch templates and configurations, Auto Scaling groups and their policies."""

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


def _root_volume(attributes: dict[str, Any]) -> list[dict[str, Any]]:
    size = block(attributes, "root_block_device").get("volume_size")
    return [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": size}}] if size is not None else []


def _launch_spec(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "LaunchTemplateId": value.get("id", value.get("name")),
        **pick(value, {"Version": "version"}),
    }


def instance(r: TfResource) -> Result:
    a = r.attributes
    names = {
        "InstanceType": "instance_type",
        "ImageId": "ami",
        "SubnetId": "subnet_id",
        "SecurityGroupIds": "vpc_security_group_ids",
        "SecurityGroups": "security_groups",
        "IamInstanceProfile": "iam_instance_profile",
        "AvailabilityZone": "availability_zone",
    }
    properties = pick(a, names)
    for key in ("SecurityGroupIds", "SecurityGroups"):
        if key in properties:
            properties[key] = flat(properties[key])
    if block(a, "launch_template"):
        properties["LaunchTemplate"] = _launch_spec(block(a, "launch_template"))
    volumes = _root_volume(a)
    if volumes:
        properties["BlockDeviceMappings"] = volumes
    return emit("AWS::EC2::Instance", r, properties)


def launch_template(r: TfResource) -> Result:
    a = r.attributes
    data = pick(
        a,
        {
            "InstanceType": "instance_type",
            "ImageId": "image_id",
            "SecurityGroupIds": "vpc_security_group_ids",
            "SecurityGroups": "security_group_names",
        },
    )
    profile = block(a, "iam_instance_profile")
    if profile:
        data["IamInstanceProfile"] = pick(profile, {"Arn": "arn", "Name": "name"})
    interfaces = [
        {"SubnetId": i.get("subnet_id"), "Groups": flat(i.get("security_groups"))}
        for i in blocks(a, "network_interfaces")
    ]
    if interfaces:
        data["NetworkInterfaces"] = interfaces
    volumes = [
        {
            "DeviceName": m.get("device_name", "/dev/xvda"),
            "Ebs": {"VolumeSize": block(m, "ebs").get("volume_size")},
        }
        for m in blocks(a, "block_device_mappings")
        if block(m, "ebs").get("volume_size") is not None
    ]
    if volumes:
        data["BlockDeviceMappings"] = volumes
    return [Emit("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": data})]


def launch_configuration(r: TfResource) -> Result:
    names = {
        "InstanceType": "instance_type",
        "ImageId": "image_id",
        "SecurityGroups": "security_groups",
        "IamInstanceProfile": "iam_instance_profile",
    }
    properties = pick(r.attributes, names)
    volumes = _root_volume(r.attributes)
    if volumes:
        properties["BlockDeviceMappings"] = volumes
    return [Emit("AWS::AutoScaling::LaunchConfiguration", properties)]


def group(r: TfResource) -> Result:
    a = r.attributes
    names = {
        "MinSize": "min_size",
        "MaxSize": "max_size",
        "DesiredCapacity": "desired_capacity",
        "LaunchConfigurationName": "launch_configuration",
    }
    properties = pick(a, names)
    for key, tf in (
        ("VPCZoneIdentifier", "vpc_zone_identifier"),
        ("AvailabilityZones", "availability_zones"),
        ("TargetGroupARNs", "target_group_arns"),
        ("LoadBalancerNames", "load_balancers"),
    ):
        if a.get(tf) is not None:
            properties[key] = flat(a[tf])
    if block(a, "launch_template"):
        properties["LaunchTemplate"] = _launch_spec(block(a, "launch_template"))
    mixed = block(a, "mixed_instances_policy")
    template = block(mixed, "launch_template")
    if template:
        spec = _launch_spec(block(template, "launch_template_specification"))
        overrides = [
            {"InstanceType": o["instance_type"]}
            for o in blocks(template, "override")
            if o.get("instance_type") is not None
        ]
        properties["MixedInstancesPolicy"] = {
            "LaunchTemplate": {"LaunchTemplateSpecification": spec, "Overrides": overrides}
        }
    named = [
        {"Key": t.get("key"), "Value": t.get("value")}
        for t in blocks(a, "tag")
        if t.get("key") == "Name"
    ]
    return [Emit("AWS::AutoScaling::AutoScalingGroup", {**properties, "Tags": named})]


def policy(r: TfResource) -> Result:
    a = r.attributes
    properties: dict[str, Any] = pick(
        a, {"AutoScalingGroupName": "autoscaling_group_name", "PolicyType": "policy_type"}
    )
    tracking = block(a, "target_tracking_configuration")
    if tracking:
        config: dict[str, Any] = pick(tracking, {"TargetValue": "target_value"})
        predefined = block(tracking, "predefined_metric_specification")
        if predefined:
            config["PredefinedMetricSpecification"] = pick(
                predefined, {"PredefinedMetricType": "predefined_metric_type"}
            )
        custom = block(tracking, "customized_metric_specification")
        if custom:
            config["CustomizedMetricSpecification"] = pick(custom, {"MetricName": "metric_name"})
        properties["TargetTrackingConfiguration"] = config
    return [Emit("AWS::AutoScaling::ScalingPolicy", properties)]


def schedule(r: TfResource) -> Result:
    names = {
        "AutoScalingGroupName": "autoscaling_group_name",
        "Recurrence": "recurrence",
        "MinSize": "min_size",
        "MaxSize": "max_size",
        "DesiredCapacity": "desired_capacity",
    }
    properties = {k: v for k, v in pick(r.attributes, names).items() if v != -1}
    return [Emit("AWS::AutoScaling::ScheduledAction", properties)]


def attachment(r: TfResource) -> Result:
    """A group registered with a target group or classic balancer after the fact."""
    a = r.attributes
    target = a.get("autoscaling_group_name")
    groups = a.get("lb_target_group_arn", a.get("alb_target_group_arn"))
    if groups is not None:
        return [Patch(target, "TargetGroupARNs", groups, append=True)]
    if a.get("elb") is not None:
        return [Patch(target, "LoadBalancerNames", a["elb"], append=True)]
    return [Patch(target)]


FAMILY = Family(
    "compute",
    {
        "aws_instance": instance,
        "aws_spot_instance_request": instance,
        "aws_launch_template": launch_template,
        "aws_launch_configuration": launch_configuration,
        "aws_autoscaling_group": group,
        "aws_autoscaling_policy": policy,
        "aws_autoscaling_schedule": schedule,
        "aws_autoscaling_attachment": attachment,
    },
)
