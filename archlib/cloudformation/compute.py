"""EC2 compute: a single instance with an Elastic IP, or a launch template and an Auto
Scaling group."""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.backup import export_data_volume
from archlib.cloudformation.bootstrap import (
    DATA_DEVICE,
    SIGNAL_TIMEOUT,
    creation_policy,
    user_data,
)
from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.functions import export_function
from archlib.cloudformation.iam import export_role, link_statements, managed_policy
from archlib.cloudformation.intrinsics import Node, get_att, ref, sub
from archlib.cloudformation.naming import pascal
from archlib.cloudformation.scaling import export_scaling, scales_on_backlog
from archlib.cloudformation.template import Template
from archlib.model import (
    ComponentBase,
    ComputeTier,
    Host,
    LoadBalancer,
    Worker,
)

IMAGE_PARAMETERS = {
    "x86_64": ("ImageId", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"),
    "arm64": (
        "ImageIdArm64",
        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    ),
}
"""The public SSM parameters naming the latest Amazon Linux 2023 AMIs."""
ROOT_DEVICE = "/dev/xvda"
HEALTH_CHECK_GRACE_S = 300


def export_compute(ctx: ExportContext) -> None:
    listeners = listeners_by_target_group(ctx.template)
    for component in ctx.model.components:
        if isinstance(component, Host):
            _export_instances(ctx, component, component.instance_type, component.volume_gb, 1)
        elif isinstance(component, ComputeTier) and component.host is None:
            if isinstance(component, Worker) and component.runtime == "lambda":
                export_function(ctx, component)
            elif component.elastic_ip:
                assert component.instance_type is not None
                _export_instances(
                    ctx, component, component.instance_type, component.volume_gb, component.count
                )
            else:
                _export_group(ctx, component, listeners)


def _architecture(instance_type: str) -> str:
    """From the catalogue, which the model has already checked the type against."""
    from archlib.catalogue import Catalogue

    known = Catalogue.bundled().get(instance_type)
    if known is None:
        raise ValueError(f"instance type {instance_type} is not in the catalogue")
    return known.architecture


def _image(ctx: ExportContext, component: ComponentBase, instance_type: str, fixed: bool) -> Node:
    """Each tier its own image parameter. Fixed instances take a pinned AMI id: a parameter
    that resolved SSM's "latest" would be re-read on every update, and a new AMI would
    replace the instance. Auto Scaling groups may follow "latest": a new image rolls out
    through the rolling update, one batch at a time."""
    name = f"{pascal(component.id)}ImageId"
    architecture = _architecture(instance_type)
    bootstrap = getattr(component, "bootstrap", None)
    pinned = bootstrap.image_id if bootstrap is not None else None
    definition: dict[str, Any]
    if pinned is not None:
        definition = {
            "Type": "AWS::EC2::Image::Id",
            "Default": pinned,
            "Description": f"AMI of {component.id} ({architecture}), baked for it",
        }
    elif fixed:
        definition = {
            "Type": "AWS::EC2::Image::Id",
            "Description": f"AMI of {component.id} ({architecture}), pinned: resolve "
            f"{IMAGE_PARAMETERS[architecture][1]} once and pass its value",
        }
    else:
        definition = {
            "Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
            "Default": IMAGE_PARAMETERS[architecture][1],
            "Description": f"Amazon Linux 2023 AMI ({architecture}) of {component.id}, from SSM",
        }
    return ref(ctx.template.parameter(name, definition))


def _instance_type(ctx: ExportContext, component: ComponentBase, default: str) -> Node:
    name = f"{pascal(component.id)}InstanceType"
    ctx.template.parameter(
        name,
        {
            "Type": "String",
            "Default": default,
            "Description": f"EC2 instance type of {component.id}",
        },
    )
    return ref(name)


def _members(ctx: ExportContext, component: ComponentBase) -> list[ComponentBase]:
    return [component, *ctx.graph.hosted_on(component.id)]


def _instance_profile(ctx: ExportContext, component: ComponentBase) -> str:
    name = pascal(component.id)
    policies = [managed_policy("AmazonSSMManagedInstanceCore")]
    if ctx.model.operations.monitoring != "none":
        policies.append(managed_policy("CloudWatchAgentServerPolicy"))
    role = export_role(
        ctx,
        f"{name}Role",
        "ec2.amazonaws.com",
        policies,
        link_statements(ctx, _members(ctx, component)),
    )
    return ctx.template.resource(
        f"{name}InstanceProfile", "AWS::IAM::InstanceProfile", {"Roles": [ref(role)]}
    )


def _launch_template_data(
    ctx: ExportContext, component: ComponentBase, volume_gb: int
) -> dict[str, Any]:
    """What every instance of the component shares: IMDSv2 only, an encrypted gp3 root."""
    tags = ctx.name_tag(component.id)
    return {
        "MetadataOptions": {
            "HttpEndpoint": "enabled",
            "HttpTokens": "required",
            "HttpPutResponseHopLimit": 1,
        },
        "BlockDeviceMappings": [
            {
                "DeviceName": ROOT_DEVICE,
                "Ebs": {
                    "VolumeSize": volume_gb,
                    "VolumeType": "gp3",
                    "Encrypted": True,
                    "DeleteOnTermination": True,
                },
            }
        ],
        "Monitoring": {"Enabled": ctx.model.operations.monitoring == "detailed"},
        "TagSpecifications": [
            {"ResourceType": "instance", "Tags": tags},
            {"ResourceType": "volume", "Tags": tags},
        ],
    }


def _export_instances(
    ctx: ExportContext, component: ComponentBase, instance_type: str, volume_gb: int, count: int
) -> None:
    """Fixed instances with static addresses: the single box of the early stages."""
    template, name = ctx.template, pascal(component.id)
    template.resource(
        f"{name}LaunchTemplate",
        "AWS::EC2::LaunchTemplate",
        {"LaunchTemplateData": _launch_template_data(ctx, component, volume_gb)},
    )
    profile = _instance_profile(ctx, component)
    subnets = ctx.subnet_refs(component)
    elastic_ip = bool(getattr(component, "elastic_ip", False))
    public = any(s.type == "public" for s in ctx.model.subnets_of(component))
    data_volume = export_data_volume(ctx, component)
    for index in range(count):
        suffix = "" if count == 1 else str(index + 1)
        instance = f"{name}Instance{suffix}"
        properties: dict[str, Any] = {
            "ImageId": _image(ctx, component, instance_type, fixed=True),
            "InstanceType": _instance_type(ctx, component, instance_type),
            "IamInstanceProfile": ref(profile),
            "LaunchTemplate": {
                "LaunchTemplateId": ref(f"{name}LaunchTemplate"),
                "Version": get_att(f"{name}LaunchTemplate", "LatestVersionNumber"),
            },
        }
        if public and not elastic_ip:
            properties["NetworkInterfaces"] = [
                {
                    "DeviceIndex": "0",
                    "AssociatePublicIpAddress": True,
                    "SubnetId": subnets[index % len(subnets)],
                    "GroupSet": [ctx.guard_ref(component)],
                }
            ]
        else:
            properties["SubnetId"] = subnets[index % len(subnets)]
            properties["SecurityGroupIds"] = [ctx.guard_ref(component)]
        if index == 0 and data_volume is not None:
            properties["Volumes"] = [{"Device": DATA_DEVICE, "VolumeId": ref(data_volume)}]
        properties["UserData"] = user_data(ctx, component, instance)
        template.resource(
            instance, "AWS::EC2::Instance", properties, CreationPolicy=creation_policy(1)
        )
        if elastic_ip:
            address = f"{name}ElasticIp{suffix}"
            template.resource(
                address,
                "AWS::EC2::EIP",
                {"Domain": "vpc", "InstanceId": ref(instance), "Tags": ctx.name_tag(component.id)},
                DependsOn="InternetGatewayAttachment",
            )
            template.output(
                f"{name}PublicIp{suffix}", ref(address), f"Elastic IP of {component.id}"
            )
        else:
            template.output(
                f"{name}PrivateIp{suffix}",
                get_att(instance, "PrivateIp"),
                f"Private IP of {component.id}",
            )


def target_group_ids(ctx: ExportContext, component: ComponentBase) -> list[str]:
    """Target groups of the exported load balancers that send traffic to the component."""
    ids: list[str] = []
    for link in ctx.graph.incoming[component.id]:
        source = ctx.model.component(link.source)
        if isinstance(source, LoadBalancer) and ctx.deploys_balancer(source):
            logical = f"{pascal(source.id)}{pascal(component.id)}TargetGroup"
            if logical not in ids:
                ids.append(logical)
    return ids


def _export_group(
    ctx: ExportContext, tier: ComputeTier, listeners_by_group: dict[str, list[tuple[int, str]]]
) -> None:
    """A launch template and an Auto Scaling group across the tier's subnets."""
    assert tier.instance_type is not None
    template, name = ctx.template, pascal(tier.id)
    data = _launch_template_data(ctx, tier, tier.volume_gb)
    profile = _instance_profile(ctx, tier)
    data["ImageId"] = _image(ctx, tier, tier.instance_type, fixed=False)
    data["UserData"] = user_data(ctx, tier, f"{name}AutoScalingGroup")
    data["InstanceType"] = _instance_type(ctx, tier, tier.instance_type)
    data["IamInstanceProfile"] = {"Arn": get_att(profile, "Arn")}
    if any(s.type == "public" for s in ctx.model.subnets_of(tier)):
        data["NetworkInterfaces"] = [
            {
                "DeviceIndex": 0,
                "AssociatePublicIpAddress": True,
                "Groups": [ctx.guard_ref(tier)],
            }
        ]
    else:
        data["SecurityGroupIds"] = [ctx.guard_ref(tier)]
    template.resource(
        f"{name}LaunchTemplate", "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": data}
    )
    target_groups = target_group_ids(ctx, tier)
    scaling = tier.autoscaling
    properties: dict[str, Any] = {
        "MinSize": str(tier.min_instances),
        "MaxSize": str(tier.max_instances),
    }
    if scaling is None or scaling.desired is not None:
        properties["DesiredCapacity"] = str(tier.baseline_instances)
    properties |= {
        "VPCZoneIdentifier": ctx.subnet_refs(tier),
        "LaunchTemplate": {
            "LaunchTemplateId": ref(f"{name}LaunchTemplate"),
            "Version": get_att(f"{name}LaunchTemplate", "LatestVersionNumber"),
        },
        "HealthCheckType": "ELB" if target_groups else "EC2",
        "HealthCheckGracePeriod": HEALTH_CHECK_GRACE_S,
        "Tags": [
            {
                "Key": "Name",
                "Value": sub(f"${{EnvironmentName}}-{tier.id}"),
                "PropagateAtLaunch": True,
            }
        ],
    }
    if target_groups:
        properties["TargetGroupARNs"] = [ref(t) for t in target_groups]
    if ctx.model.operations.monitoring == "detailed":
        properties["MetricsCollection"] = [{"Granularity": "1Minute"}]
    elif scales_on_backlog(ctx, tier):
        properties["MetricsCollection"] = [
            {"Granularity": "1Minute", "Metrics": ["GroupInServiceInstances"]}
        ]
    attributes: dict[str, Any] = {"UpdatePolicy": _update_policy(tier)}
    if tier.baseline_instances > 0:
        attributes["CreationPolicy"] = creation_policy(tier.baseline_instances) | {
            "AutoScalingCreationPolicy": {"MinSuccessfulInstancesPercent": 100}
        }
    listeners = _listeners_of(listeners_by_group, target_groups)
    if listeners:
        # a target group joins the load balancer through its listener; the group and its
        # request-count policy need that link to exist first
        attributes["DependsOn"] = listeners
    group = template.resource(
        f"{name}AutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", properties, **attributes
    )
    if scaling is not None:
        export_scaling(ctx, tier, scaling, group)


def _update_policy(tier: ComputeTier) -> dict[str, Any]:
    """Launch template changes roll out in batches, each waiting for its instances' signals;
    scheduled actions keep the group size they set when the stack is updated."""
    in_service = max(0, min(tier.min_instances, tier.max_instances - 1))
    policy: dict[str, Any] = {
        "AutoScalingRollingUpdate": {
            "MinInstancesInService": in_service,
            "MaxBatchSize": max(1, tier.min_instances // 2),
            "PauseTime": SIGNAL_TIMEOUT,
            "WaitOnResourceSignals": True,
            "SuspendProcesses": [
                "HealthCheck",
                "ReplaceUnhealthy",
                "AZRebalance",
                "AlarmNotification",
                "ScheduledActions",
            ],
        }
    }
    if tier.autoscaling is not None and tier.autoscaling.schedules:
        policy["AutoScalingScheduledAction"] = {"IgnoreUnmodifiedGroupSizeProperties": True}
    return policy


def listeners_by_target_group(template: Template) -> dict[str, list[tuple[int, str]]]:
    """Target group -> (position in the template, logical id) of each listener whose default
    action forwards to it. Built once, when the load balancers are in the template, so that
    exporting each tier does not scan the whole template."""
    index: dict[str, list[tuple[int, str]]] = {}
    for position, (logical, resource) in enumerate(template.resources.items()):
        if resource["Type"] == "AWS::ElasticLoadBalancingV2::Listener":
            for group in _referenced(resource["Properties"]["DefaultActions"]):
                index.setdefault(group, []).append((position, logical))
    return index


def _referenced(node: Any) -> set[str]:
    """Logical ids the node refers to with `{"Ref": id}`."""
    if isinstance(node, dict):
        if len(node) == 1 and isinstance(node.get("Ref"), str):
            return {node["Ref"]}
        return {name for value in node.values() for name in _referenced(value)}
    if isinstance(node, list):
        return {name for item in node for name in _referenced(item)}
    return set()


def _listeners_of(index: dict[str, list[tuple[int, str]]], target_groups: list[str]) -> list[str]:
    """Listeners whose default action forwards to any of the target groups, in template order."""
    found = {listener for group in target_groups for listener in index.get(group, ())}
    return [logical for _, logical in sorted(found)]
