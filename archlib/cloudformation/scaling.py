"""Target tracking policies and scheduled actions of an Auto Scaling group."""

from __future__ import annotations

import re
from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import get_att, join, ref
from archlib.cloudformation.naming import pascal
from archlib.model import Autoscaling, ComputeTier, LoadBalancer, Queue, ScalingPolicy, Worker


def export_scaling(ctx: ExportContext, tier: ComputeTier, scaling: Autoscaling, group: str) -> None:
    name = pascal(tier.id)
    if scaling.policies and scaling.min == scaling.max:
        ctx.template.not_exported.append(
            f"scaling policies of {tier.id}: min and max are both {scaling.min}, "
            "so there is nothing to scale"
        )
    seen: dict[str, int] = {}
    for policy in scaling.policies if scaling.min < scaling.max else []:
        metric = pascal(policy.metric.replace("_", "-"))
        seen[metric] = seen.get(metric, 0) + 1
        suffix = "" if seen[metric] == 1 else str(seen[metric])
        ctx.template.resource(
            f"{name}{metric}ScalingPolicy{suffix}",
            "AWS::AutoScaling::ScalingPolicy",
            {
                "AutoScalingGroupName": ref(group),
                "PolicyType": "TargetTrackingScaling",
                "TargetTrackingConfiguration": _tracking(ctx, tier, group, policy),
            },
        )
    for action in scaling.schedules:
        properties: dict[str, Any] = {
            "AutoScalingGroupName": ref(group),
            "Recurrence": action.cron,
            "TimeZone": "Etc/UTC",
        }
        if action.min is not None:
            properties["MinSize"] = action.min
        if action.max is not None:
            properties["MaxSize"] = action.max
        if action.desired is not None:
            properties["DesiredCapacity"] = action.desired
        ctx.template.resource(
            f"{name}{pascal(action.name)}ScheduledAction",
            "AWS::AutoScaling::ScheduledAction",
            properties,
        )


def _tracking(
    ctx: ExportContext, tier: ComputeTier, group: str, policy: ScalingPolicy
) -> dict[str, Any]:
    config: dict[str, Any] = {"TargetValue": policy.target}
    predefined = {
        "cpu": "ASGAverageCPUUtilization",
        "network_in": "ASGAverageNetworkIn",
        "network_out": "ASGAverageNetworkOut",
    }
    balancer = _application_balancer(ctx, tier)
    if policy.metric in predefined:
        config["PredefinedMetricSpecification"] = {
            "PredefinedMetricType": predefined[policy.metric]
        }
    elif policy.metric == "request_count" and balancer is not None:
        config["PredefinedMetricSpecification"] = {
            "PredefinedMetricType": "ALBRequestCountPerTarget",
            "ResourceLabel": join(
                "/",
                [
                    get_att(f"{pascal(balancer.id)}LoadBalancer", "LoadBalancerFullName"),
                    get_att(
                        f"{pascal(balancer.id)}{pascal(tier.id)}TargetGroup", "TargetGroupFullName"
                    ),
                ],
            ),
        }
    elif policy.metric == "latency" and balancer is not None:
        config["CustomizedMetricSpecification"] = {
            "MetricName": "TargetResponseTime",
            "Namespace": "AWS/ApplicationELB",
            "Dimensions": [
                {
                    "Name": "LoadBalancer",
                    "Value": get_att(f"{pascal(balancer.id)}LoadBalancer", "LoadBalancerFullName"),
                },
                {
                    "Name": "TargetGroup",
                    "Value": get_att(
                        f"{pascal(balancer.id)}{pascal(tier.id)}TargetGroup", "TargetGroupFullName"
                    ),
                },
            ],
            "Statistic": "Average",
        }
    elif policy.metric == "custom" and (queue := consumed_queue(ctx, tier)) is not None:
        config["CustomizedMetricSpecification"] = _backlog_per_instance(queue, group)
    else:
        label = policy.custom_metric or policy.metric
        config["CustomizedMetricSpecification"] = {
            "MetricName": pascal(re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")) or "Custom",
            "Namespace": ctx.model.name,
            "Dimensions": [{"Name": "AutoScalingGroupName", "Value": ref(group)}],
            "Statistic": "Average",
        }
    return config


def consumed_queue(ctx: ExportContext, tier: ComputeTier) -> Queue | None:
    """The queue a worker takes jobs from: the first it links to."""
    if not isinstance(tier, Worker):
        return None
    for link in ctx.graph.outgoing[tier.id]:
        target = ctx.model.component(link.target)
        if isinstance(target, Queue):
            return target
    return None


def scales_on_backlog(ctx: ExportContext, tier: ComputeTier) -> bool:
    """A worker's custom policy tracks its queue's backlog per instance, which SQS and Auto
    Scaling publish themselves; a metric of the application's own would need code to
    publish it."""
    scaling = tier.autoscaling
    return (
        scaling is not None
        and scaling.min < scaling.max
        and any(policy.metric == "custom" for policy in scaling.policies)
        and consumed_queue(ctx, tier) is not None
    )


def _backlog_per_instance(queue: Queue, group: str) -> dict[str, Any]:
    """Visible messages / in-service instances, by metric math over the two AWS metrics."""
    return {
        "Metrics": [
            {
                "Id": "visible",
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/SQS",
                        "MetricName": "ApproximateNumberOfMessagesVisible",
                        "Dimensions": [
                            {
                                "Name": "QueueName",
                                "Value": get_att(f"{pascal(queue.id)}Queue", "QueueName"),
                            }
                        ],
                    },
                    "Stat": "Sum",
                },
                "ReturnData": False,
            },
            {
                "Id": "instances",
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/AutoScaling",
                        "MetricName": "GroupInServiceInstances",
                        "Dimensions": [{"Name": "AutoScalingGroupName", "Value": ref(group)}],
                    },
                    "Stat": "Average",
                },
                "ReturnData": False,
            },
            {
                "Id": "backlog",
                "Expression": "visible / IF(instances > 0, instances, 1)",
                "Label": "Visible messages per in-service instance",
                "ReturnData": True,
            },
        ]
    }


def _application_balancer(ctx: ExportContext, tier: ComputeTier) -> LoadBalancer | None:
    for link in ctx.graph.incoming[tier.id]:
        source = ctx.model.component(link.source)
        if (
            isinstance(source, LoadBalancer)
            and source.type == "application"
            and ctx.deploys_balancer(source)
        ):
            return source
    return None
