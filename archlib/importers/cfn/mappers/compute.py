"""EC2 instances and Auto Scaling groups, with their launch templates or configurations."""

from __future__ import annotations

import re
from typing import Any

from archlib.catalogue import Catalogue, Service
from archlib.importers.cfn.context import Draft, ImportContext, as_int, as_list
from archlib.importers.cfn.permissions import roles_of_profile
from archlib.importers.cfn.values import ResourceRef

INSTANCE_TYPE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$")
FALLBACK_TYPE = "t3.medium"
"""The model's default instance type, used only where the template's cannot be read."""
CFN_DEFAULT_INSTANCE_TYPE = "m1.small"
"""What EC2 launches when no instance type is given (the RunInstances default)."""
METRICS = {
    "ASGAverageCPUUtilization": "cpu",
    "ALBRequestCountPerTarget": "request_count",
    "ASGAverageNetworkIn": "network_in",
    "ASGAverageNetworkOut": "network_out",
}
CRON = re.compile(r"^\S+ \S+ \S+ \S+ \S+$")


def instance_type(ctx: ImportContext, value: Any, owner: str) -> str:
    if isinstance(value, str) and INSTANCE_TYPE.match(value):
        return known_type(ctx, value, "ec2", owner)
    ctx.report.assume(
        f"{owner}: instance type not known from the template; {FALLBACK_TYPE} stands in "
        "(give the parameter to price it)"
    )
    return FALLBACK_TYPE


def known_type(ctx: ImportContext, name: str, service: Service, owner: str) -> str:
    """The type, or the catalogue's closest name standing in for one it does not know (said
    in the assumptions); with no close name the model refuses it with a did-you-mean."""
    catalogue = Catalogue.bundled()
    found = catalogue.get(name)
    if found is not None and found.service == service:
        return name
    close = catalogue.suggest(name, service, 1)
    if not close:
        return name
    ctx.report.assume(
        f"{owner}: {name} is not in archlib's catalogue; {close[0]}, the closest name it "
        "knows, stands in for it"
    )
    return close[0]


def security_groups(ctx: ImportContext, *values: Any) -> set[str]:
    """Group logical ids, or `external:NAME` for groups made outside the template."""
    found: set[str] = set()
    for value in values:
        for item in as_list(value):
            if isinstance(item, ResourceRef):
                found.add(item.logical_id)
            elif isinstance(item, str):
                found.add(f"external:{item}")
    return found


def _launch_data(ctx: ImportContext, spec: Any) -> tuple[dict[str, Any], list[str]]:
    """A launch template's data, from a `LaunchTemplate` specification."""
    if not isinstance(spec, dict):
        return {}, []
    ref = spec.get("LaunchTemplateId", spec.get("LaunchTemplateName"))
    if isinstance(ref, ResourceRef) and ctx.type_of(ref.logical_id) == "AWS::EC2::LaunchTemplate":
        data = ctx.props(ref.logical_id).get("LaunchTemplateData", {})
        return (data if isinstance(data, dict) else {}), [ref.logical_id]
    return {}, []


def _interfaces(data: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    subnets: list[Any] = []
    groups: list[Any] = []
    for interface in as_list(data.get("NetworkInterfaces")):
        if isinstance(interface, dict):
            subnets.extend(as_list(interface.get("SubnetId")))
            groups.extend(as_list(interface.get("GroupSet", interface.get("Groups"))))
    return subnets, groups


def _volume(data: dict[str, Any]) -> int | None:
    for mapping in as_list(data.get("BlockDeviceMappings")):
        if isinstance(mapping, dict) and isinstance(mapping.get("Ebs"), dict):
            size = as_int(mapping["Ebs"].get("VolumeSize"))
            if size is not None and 1 <= size <= 16384:
                return size
    return None


def map_instances(ctx: ImportContext) -> None:
    elastic = _elastic_ips(ctx)
    for logical_id, _ in ctx.resources_of("AWS::EC2::Instance"):
        props = ctx.props(logical_id)
        launch, absorbed = _launch_data(ctx, props.get("LaunchTemplate"))
        nic_subnets, nic_groups = _interfaces(props)
        lt_subnets, lt_groups = _interfaces(launch)
        type_value = props.get("InstanceType", launch.get("InstanceType"))
        if type_value is None:
            type_value = CFN_DEFAULT_INSTANCE_TYPE
            ctx.report.assume(
                f"{logical_id}: no InstanceType, so EC2's default {CFN_DEFAULT_INSTANCE_TYPE}"
            )
        subnets = ctx.network.subnet_ids(as_list(props.get("SubnetId")) + nic_subnets + lt_subnets)
        if not subnets:
            subnets = ctx.network.default_subnets(1)
        data: dict[str, Any] = {
            "kind": "host",
            "instance_type": instance_type(ctx, type_value, logical_id),
            "subnets": subnets[:1],
        }
        volume = _volume(props) or _volume(launch)
        if volume is not None:
            data["volume_gb"] = volume
        eips = elastic.get(logical_id, [])
        if eips:
            data["elastic_ip"] = True
        groups = security_groups(
            ctx,
            props.get("SecurityGroupIds"),
            props.get("SecurityGroups"),
            nic_groups,
            launch.get("SecurityGroupIds"),
            launch.get("SecurityGroups"),
            lt_groups,
        )
        draft = Draft(ctx.new_id(logical_id), data, [logical_id], groups, compute="instance")
        draft.roles.update(
            roles_of_profile(ctx, props.get("IamInstanceProfile", launch.get("IamInstanceProfile")))
        )
        ctx.add(draft, *absorbed, *eips)


def _elastic_ips(ctx: ImportContext) -> dict[str, list[str]]:
    """Instance logical id -> the Elastic IPs (and associations) that give it its address."""
    found: dict[str, list[str]] = {}
    for logical_id, _ in ctx.resources_of("AWS::EC2::EIP", "AWS::EC2::EIPAssociation"):
        instance = ctx.props(logical_id).get("InstanceId")
        if isinstance(instance, ResourceRef):
            found.setdefault(instance.logical_id, []).append(logical_id)
            allocation = ctx.props(logical_id).get("AllocationId", ctx.props(logical_id).get("EIP"))
            for ref in ctx.referenced(allocation):
                found[instance.logical_id].append(ref)
    return found


def map_auto_scaling_groups(ctx: ImportContext) -> None:
    policies = _policies(ctx)
    schedules = _schedules(ctx)
    for logical_id, _ in ctx.resources_of("AWS::AutoScaling::AutoScalingGroup"):
        props = ctx.props(logical_id)
        launch, absorbed = _launch_data(ctx, props.get("LaunchTemplate"))
        mixed = props.get("MixedInstancesPolicy")
        overrides: list[Any] = []
        if isinstance(mixed, dict) and isinstance(mixed.get("LaunchTemplate"), dict):
            spec = mixed["LaunchTemplate"]
            launch, absorbed = _launch_data(ctx, spec.get("LaunchTemplateSpecification"))
            overrides = [o for o in as_list(spec.get("Overrides")) if isinstance(o, dict)]
        groups_from: list[Any] = [launch.get("SecurityGroupIds"), launch.get("SecurityGroups")]
        type_value = launch.get("InstanceType")
        if overrides and type_value is None:
            type_value = overrides[0].get("InstanceType")
            ctx.report.assume(f"{logical_id}: mixed instances; the first override type is used")
        profile = launch.get("IamInstanceProfile")
        configuration = props.get("LaunchConfigurationName")
        if isinstance(configuration, ResourceRef):
            config = ctx.props(configuration.logical_id)
            profile = config.get("IamInstanceProfile")
            type_value = config.get("InstanceType")
            groups_from.append(config.get("SecurityGroups"))
            absorbed.append(configuration.logical_id)
            volume = _volume(config)
        else:
            volume = _volume(launch)
        _, lt_groups = _interfaces(launch)
        subnets = ctx.network.subnet_ids(as_list(props.get("VPCZoneIdentifier")))
        if not subnets:
            zones = as_list(props.get("AvailabilityZones"))
            subnets = ctx.network.default_subnets(max(2, min(len(zones), 2)))
        low = as_int(props.get("MinSize"), 1) or 0
        high = max(as_int(props.get("MaxSize"), 1) or 1, 1, low)
        bounds: dict[str, Any] = {"min": low, "max": high}
        desired = as_int(props.get("DesiredCapacity"))
        if desired is not None and low <= desired <= high:
            bounds["desired"] = desired
        found_policies, policy_ids = policies.get(logical_id, ([], []))
        if found_policies:
            bounds["policies"] = found_policies
        found_schedules, schedule_ids = schedules.get(logical_id, ([], []))
        if found_schedules:
            bounds["schedules"] = found_schedules
        data: dict[str, Any] = {
            "kind": "worker",
            "instance_type": instance_type(ctx, type_value, logical_id),
            "subnets": subnets,
        }
        steady = bounds.get("desired", low)
        if not policy_ids and not schedule_ids and steady >= 1:
            # A group with no scaling policy or schedule holds its desired capacity.
            data["count"] = steady
            if low != high:
                ctx.report.assume(
                    f"{logical_id}: no scaling policy or scheduled action, so it holds its "
                    f"desired capacity of {steady} ({low}-{high} are only its bounds)"
                )
        else:
            data["autoscaling"] = bounds
        if volume is not None:
            data["volume_gb"] = volume
        groups = security_groups(ctx, *groups_from, lt_groups)
        draft = Draft(ctx.new_id(logical_id), data, [logical_id], groups, compute="group")
        draft.roles.update(roles_of_profile(ctx, profile))
        ctx.add(draft, *absorbed, *policy_ids, *schedule_ids)
        ctx.attach(ctx.referenced(props.get("TargetGroupARNs")), draft)
        ctx.attach(ctx.referenced(props.get("LoadBalancerNames")), draft)


def _group_of(ctx: ImportContext, logical_id: str) -> str | None:
    group = ctx.props(logical_id).get("AutoScalingGroupName")
    return group.logical_id if isinstance(group, ResourceRef) else None


def _policies(ctx: ImportContext) -> dict[str, tuple[list[dict[str, Any]], list[str]]]:
    found: dict[str, tuple[list[dict[str, Any]], list[str]]] = {}
    for logical_id, _ in ctx.resources_of("AWS::AutoScaling::ScalingPolicy"):
        group = _group_of(ctx, logical_id)
        tracking = ctx.props(logical_id).get("TargetTrackingConfiguration")
        if group is None:
            continue
        if not isinstance(tracking, dict):
            found.setdefault(group, ([], []))[1].append(logical_id)
            ctx.report.assume(
                f"{logical_id}: a step or simple scaling policy; the model keeps its group's "
                "bounds, not the steps"
            )
            continue
        target = tracking.get("TargetValue")
        if not isinstance(target, int | float) or isinstance(target, bool) or target <= 0:
            continue
        predefined = tracking.get("PredefinedMetricSpecification")
        policy: dict[str, Any]
        if isinstance(predefined, dict):
            metric = METRICS.get(str(predefined.get("PredefinedMetricType")))
            if metric is None:
                continue
            policy = {"metric": metric, "target": target}
        else:
            custom = tracking.get("CustomizedMetricSpecification")
            name = custom.get("MetricName") if isinstance(custom, dict) else None
            policy = {"metric": "custom", "target": target}
            if isinstance(name, str):
                policy["custom_metric"] = name
        entry = found.setdefault(group, ([], []))
        entry[0].append(policy)
        entry[1].append(logical_id)
    return found


def _schedules(ctx: ImportContext) -> dict[str, tuple[list[dict[str, Any]], list[str]]]:
    from archlib.importers.cfn.naming import kebab

    found: dict[str, tuple[list[dict[str, Any]], list[str]]] = {}
    for logical_id, _ in ctx.resources_of("AWS::AutoScaling::ScheduledAction"):
        group = _group_of(ctx, logical_id)
        props = ctx.props(logical_id)
        cron = props.get("Recurrence")
        if group is None or not isinstance(cron, str) or not CRON.match(cron):
            continue
        schedule: dict[str, Any] = {"name": kebab(logical_id), "cron": cron}
        for key, field in (("MinSize", "min"), ("MaxSize", "max"), ("DesiredCapacity", "desired")):
            value = as_int(props.get(key))
            if value is not None and value >= (1 if field == "max" else 0):
                schedule[field] = value
        entry = found.setdefault(group, ([], []))
        entry[0].append(schedule)
        entry[1].append(logical_id)
    return found
