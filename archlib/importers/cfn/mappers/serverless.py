"""Lambda functions (workers) with their event sources, and ECS services (app tiers)."""

from __future__ import annotations

from typing import Any

from archlib.errors import InputError
from archlib.importers.cfn.context import Draft, ImportContext, as_int, as_list
from archlib.importers.cfn.mappers.compute import security_groups
from archlib.importers.cfn.permissions import roles_of
from archlib.importers.cfn.values import ResourceRef

LAMBDA_DEFAULT_MEMORY_MB = 128
"""Lambda's default MemorySize."""


def map_functions(ctx: ImportContext) -> None:
    for logical_id, _ in ctx.resources_of("AWS::Lambda::Function", "AWS::Serverless::Function"):
        props = ctx.props(logical_id)
        memory = as_int(props.get("MemorySize"), LAMBDA_DEFAULT_MEMORY_MB)
        data: dict[str, Any] = {
            "kind": "worker",
            "runtime": "lambda",
            "lambda_memory_mb": min(max(memory or LAMBDA_DEFAULT_MEMORY_MB, 128), 10240),
        }
        vpc = props.get("VpcConfig")
        groups: set[str] = set()
        if isinstance(vpc, dict):
            subnets = ctx.network.subnet_ids(as_list(vpc.get("SubnetIds")))
            if subnets:
                data["subnets"] = subnets
            groups = security_groups(ctx, vpc.get("SecurityGroupIds"))
        draft = Draft(ctx.new_id(logical_id), data, [logical_id], groups)
        draft.roles.update(roles_of(ctx, props.get("Role")))
        draft.policies.extend(as_list(props.get("Policies")))
        ctx.add(draft)
        ctx.report.assume(
            "Lambda functions: each job takes the model's default duration (500 ms); the "
            "template does not say how long they run"
        )


def map_event_sources(ctx: ImportContext) -> None:
    """An event source mapping is the function polling a queue or stream: a link to it.

    A serverless function states its sources as `Events` (`Queue`, `Stream`) instead."""
    for logical_id, _ in ctx.resources_of("AWS::Serverless::Function"):
        function = ctx.owner.get(logical_id)
        events = ctx.props(logical_id).get("Events")
        if function is None or not isinstance(events, dict):
            continue
        for event in events.values():
            details = event.get("Properties") if isinstance(event, dict) else None
            if not isinstance(details, dict):
                continue
            source = _owner(ctx, [details.get("Queue"), details.get("Stream")])
            if source is not None:
                ctx.link(
                    function.id, source.id, mode="async", traffic="jobs", purpose="event source"
                )
    for logical_id, _ in ctx.resources_of("AWS::Lambda::EventSourceMapping"):
        props = ctx.props(logical_id)
        function = _owner(ctx, props.get("FunctionName"))
        source = _owner(ctx, props.get("EventSourceArn"))
        if function is None or source is None:
            continue
        ctx.absorb(function, logical_id)
        ctx.link(
            function.id,
            source.id,
            mode="async",
            traffic="jobs",
            purpose="event source",
        )


def _owner(ctx: ImportContext, value: Any) -> Draft | None:
    for ref in ctx.referenced(value):
        if ref in ctx.owner:
            return ctx.owner[ref]
    return None


def map_ecs_services(ctx: ImportContext) -> None:
    for logical_id, _ in ctx.resources_of("AWS::ECS::Service"):
        props = ctx.props(logical_id)
        tasks = [
            ref
            for ref in ctx.referenced(props.get("TaskDefinition"))
            if ctx.type_of(ref) == "AWS::ECS::TaskDefinition"
        ]
        cluster = props.get("Cluster")
        cluster_id = cluster.logical_id if isinstance(cluster, ResourceRef) else None
        if _on_fargate(ctx, props, tasks):
            _map_fargate_service(ctx, logical_id, props, tasks, cluster_id)
        else:
            _map_ec2_service(ctx, logical_id, props, tasks, cluster_id)


def _on_fargate(ctx: ImportContext, props: dict[str, Any], tasks: list[str]) -> bool:
    launch = props.get("LaunchType")
    if isinstance(launch, str):
        return launch == "FARGATE"
    strategy = as_list(props.get("CapacityProviderStrategy"))
    providers = [s.get("CapacityProvider") for s in strategy if isinstance(s, dict)]
    if providers:
        return all(p in ("FARGATE", "FARGATE_SPOT") for p in providers)
    required = [
        item for task in tasks for item in as_list(ctx.props(task).get("RequiresCompatibilities"))
    ]
    return required == ["FARGATE"]


def _task_size(ctx: ImportContext, task: str) -> dict[str, Any]:
    """The task's Fargate size from its Cpu (CPU units) and Memory (MiB), as the model
    states it; a value the template does not give is an error naming the task."""
    props = ctx.props(task)
    cpu = _units(props.get("Cpu"), "vCPU")
    memory = _units(props.get("Memory"), "GB")
    if cpu is None or memory is None:
        raise InputError(
            f"cannot import: {task}: the Fargate task size (Cpu {props.get('Cpu')!r}, Memory "
            f"{props.get('Memory')!r}) is not known from the template; give its parameters "
            "with --parameter",
            path=ctx.template.path,
            line=ctx.template.line_of(task),
        )
    size: dict[str, Any] = {"vcpu": cpu, "memory_gb": memory}
    platform = props.get("RuntimePlatform")
    if isinstance(platform, dict) and platform.get("CpuArchitecture") == "ARM64":
        size["architecture"] = "arm64"
    return size


def _units(value: Any, unit: str) -> float | None:
    """`512` (CPU units or MiB) or `0.5 vCPU` / `1 GB` -> vCPUs or GB."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if text.isdigit():
        number = int(text) / 1024
        return int(number) if number.is_integer() else number
    head, _, tail = text.partition(" ")
    if tail.strip().lower() == unit.lower():
        try:
            number = float(head)
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return None


def _map_fargate_service(
    ctx: ImportContext,
    logical_id: str,
    props: dict[str, Any],
    tasks: list[str],
    cluster_id: str | None,
) -> None:
    network = props.get("NetworkConfiguration")
    awsvpc = network.get("AwsvpcConfiguration") if isinstance(network, dict) else None
    awsvpc = awsvpc if isinstance(awsvpc, dict) else {}
    subnets = ctx.network.subnet_ids(as_list(awsvpc.get("Subnets")))
    if not subnets:
        subnets = ctx.network.default_subnets(2)
    count = max(as_int(props.get("DesiredCount"), 1) or 1, 1)
    if not tasks:
        raise InputError(
            f"cannot import: {logical_id}: a Fargate service whose task definition is not in "
            "the template, so its task size is not known",
            path=ctx.template.path,
            line=ctx.template.line_of(logical_id),
        )
    size = _task_size(ctx, tasks[0])
    data: dict[str, Any] = {
        "kind": "app_server",
        "subnets": subnets,
        "count": count,
        "fargate": size,
    }
    ctx.report.assume(
        f"{logical_id}: an ECS service on Fargate, {count} task(s) of {size['vcpu']:g} vCPU "
        f"and {size['memory_gb']:g} GB (task definition {tasks[0]}), priced per vCPU-hour "
        "and GB-hour"
    )
    groups = security_groups(ctx, awsvpc.get("SecurityGroups"))
    draft = Draft(ctx.new_id(logical_id), data, [logical_id], groups, compute="service")
    _serve(ctx, draft, props, tasks)
    ctx.add(draft, *tasks)
    if cluster_id is not None:
        ctx.absorb(draft, cluster_id)


def _map_ec2_service(
    ctx: ImportContext,
    logical_id: str,
    props: dict[str, Any],
    tasks: list[str],
    cluster_id: str | None,
) -> None:
    """Tasks on EC2 capacity run on the cluster's container instances: the service becomes
    part of the group that provides them, or, when the template has none, is left out with
    its cost said to be the cluster's."""
    group = _cluster_group(ctx, cluster_id) if cluster_id is not None else None
    if group is None:
        ctx.report.skip(
            logical_id,
            "AWS::ECS::Service",
            "runs on EC2 container instances this template does not define: its cost is the "
            "cluster's",
        )
        return
    ctx.report.assume(
        f"{logical_id}: an ECS service on the EC2 container instances of {group.id}; it is "
        "modelled as that group, whose instances are its cost"
    )
    ctx.absorb(group, logical_id, *tasks)
    ctx.owner[logical_id] = group
    _serve(ctx, group, props, tasks)
    if cluster_id is not None:
        ctx.absorb(group, cluster_id)


def _cluster_group(ctx: ImportContext, cluster_id: str) -> Draft | None:
    """The Auto Scaling group or instance whose launch data names the cluster."""
    for draft in ctx.drafts:
        if draft.compute not in ("group", "instance"):
            continue
        for owned in (*draft.logical_ids, *draft.absorbed):
            if _mentions(ctx.template.resources.get(owned), cluster_id):
                return draft
    return None


def _mentions(value: Any, logical_id: str) -> bool:
    """Does a raw template value name the resource (`Ref`, `Fn::GetAtt`, `${...}` in a
    `Fn::Sub`)? User data is encoded, so the resolved values do not show it."""
    if isinstance(value, dict):
        if value.get("Ref") == logical_id:
            return True
        attribute = value.get("Fn::GetAtt")
        if isinstance(attribute, list) and attribute[:1] == [logical_id]:
            return True
        return any(_mentions(item, logical_id) for item in value.values())
    if isinstance(value, list):
        return any(_mentions(item, logical_id) for item in value)
    return isinstance(value, str) and "${" + logical_id + "}" in value


def _serve(ctx: ImportContext, draft: Draft, props: dict[str, Any], tasks: list[str]) -> None:
    for task in tasks:
        draft.roles.update(roles_of(ctx, ctx.props(task).get("TaskRoleArn")))
    for balancer in as_list(props.get("LoadBalancers")):
        if not isinstance(balancer, dict):
            continue
        port = as_int(balancer.get("ContainerPort"))
        if port is not None and 1 <= port <= 65535:
            draft.served_ports.add(port)
        ctx.attach(
            ctx.referenced(balancer.get("TargetGroupArn"))
            + ctx.referenced(balancer.get("LoadBalancerName")),
            draft,
        )
