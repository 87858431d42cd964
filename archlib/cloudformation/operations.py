"""The model's operations become resources: alarms, an incident topic, a dashboard, log
groups, access logs and an audit trail. What has no resource is said, never dropped."""

from __future__ import annotations

import json
from typing import Any

from archlib.cloudformation.alarms import export_alarms
from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import sub
from archlib.cloudformation.logs import export_logs
from archlib.cloudformation.naming import pascal
from archlib.model import LoadBalancer

DASHBOARD_PERIOD_S = 60


def export_operations(ctx: ExportContext) -> None:
    export_logs(ctx)
    export_alarms(ctx)
    if ctx.model.operations.aggregate_metrics:
        _export_dashboard(ctx)
    _say_what_is_not_exported(ctx)
    declared = ctx.model.operations.resources
    if declared:
        kinds = sorted({r.kind for r in declared})
        ctx.template.not_exported.append(
            f"the {len(declared)} operations resources the model declares ({', '.join(kinds)}) "
            "are not written as they stand: the stack gets archlib's own alarms, logs and "
            "endpoints for the model's operations settings"
        )


def dashboard_balancers(ctx: ExportContext) -> list[LoadBalancer]:
    """The application load balancers the dashboard shows; without one there is none."""
    if not ctx.model.operations.aggregate_metrics:
        return []
    return [
        b
        for b in ctx.model.of_type(LoadBalancer)
        if b.type == "application" and ctx.deploys_balancer(b)
    ]


def _export_dashboard(ctx: ExportContext) -> None:
    """Requests, 5xx and p99 latency of every application load balancer, side by side."""
    balancers = dashboard_balancers(ctx)
    if not balancers:
        ctx.template.not_exported.append(
            "aggregate metrics: no application load balancer to show on a dashboard"
        )
        return
    widgets: list[dict[str, Any]] = []
    panels = (
        ("Requests", "RequestCount", "Sum"),
        ("5xx responses", "HTTPCode_Target_5XX_Count", "Sum"),
        ("Response time p99 (s)", "TargetResponseTime", "p99"),
    )
    for column, (title, metric, stat) in enumerate(panels):
        widgets.append(
            {
                "type": "metric",
                "x": column * 8,
                "y": 0,
                "width": 8,
                "height": 6,
                "properties": {
                    "title": title,
                    "region": "${AWS::Region}",
                    "stat": stat,
                    "period": DASHBOARD_PERIOD_S,
                    "metrics": [
                        [
                            "AWS/ApplicationELB",
                            metric,
                            "LoadBalancer",
                            f"${{{pascal(b.id)}LoadBalancer.LoadBalancerFullName}}",
                            {"label": b.id},
                        ]
                        for b in balancers
                    ],
                },
            }
        )
    body = json.dumps({"widgets": widgets}, separators=(",", ":"), sort_keys=True)
    ctx.template.resource(
        "OperationsDashboard",
        "AWS::CloudWatch::Dashboard",
        {"DashboardName": sub("${AWS::StackName}-operations"), "DashboardBody": sub(body)},
    )


def _say_what_is_not_exported(ctx: ExportContext) -> None:
    operations = ctx.model.operations
    notes = ctx.template.not_exported
    if operations.monitoring == "none":
        notes.append("alarms: operations.monitoring is none")
    if operations.external_monitoring:
        notes.append(
            "external monitoring: site checks from outside AWS are a service of their own, "
            "not a resource of this stack"
        )
    if operations.error_reporting:
        notes.append("error reporting: the application reports its errors to a service of its own")
    if operations.config_management:
        notes.append(
            f"configuration management ({operations.config_management}): runs outside the "
            "template; bootstrap.user_data can hand over to it at first boot"
        )
    for metric in ("memory", "disk_io", "network", "request_count"):
        if metric in operations.metrics:
            source = (
                "collected by the CloudWatch agent"
                if metric == "memory" and operations.host_metrics
                else "published by AWS"
            )
            if metric == "memory" and not operations.host_metrics:
                source = "needs the CloudWatch agent, which host_metrics turns on"
            notes.append(f"metric {metric}: {source}; the model sets no alarm threshold for it")
