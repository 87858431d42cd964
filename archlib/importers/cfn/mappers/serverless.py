"""Lambda functions (workers) with their event sources, and ECS services (app tiers)."""

from __future__ import annotations

from typing import Any

from archlib.importers.cfn.context import Draft, ImportContext, as_int, as_list
from archlib.importers.cfn.mappers.compute import FALLBACK_TYPE, security_groups
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
        network = props.get("NetworkConfiguration")
        awsvpc = network.get("AwsvpcConfiguration") if isinstance(network, dict) else None
        awsvpc = awsvpc if isinstance(awsvpc, dict) else {}
        subnets = ctx.network.subnet_ids(as_list(awsvpc.get("Subnets")))
        if not subnets:
            subnets = ctx.network.default_subnets(2)
        count = as_int(props.get("DesiredCount"), 1) or 1
        launch = str(props.get("LaunchType", "EC2"))
        data: dict[str, Any] = {
            "kind": "app_server",
            "instance_type": FALLBACK_TYPE,
            "subnets": subnets,
            "count": max(count, 1),
        }
        ctx.report.assume(
            f"{logical_id}: an ECS service ({launch}) is modelled as an app tier of "
            f"{max(count, 1)} task(s); archlib prices no ECS tasks, so each stands as one "
            f"{FALLBACK_TYPE} instance: its cost is not the service's"
        )
        groups = security_groups(ctx, awsvpc.get("SecurityGroups"))
        absorbed = [
            ref
            for ref in ctx.referenced(props.get("TaskDefinition"))
            if ctx.type_of(ref) == "AWS::ECS::TaskDefinition"
        ]
        draft = Draft(ctx.new_id(logical_id), data, [logical_id], groups, compute="service")
        for task in absorbed:
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
        ctx.add(draft, *absorbed)
        cluster = props.get("Cluster")
        if isinstance(cluster, ResourceRef):
            ctx.absorb(draft, cluster.logical_id)
