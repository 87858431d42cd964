"""Monitoring and operations: what the stage watches and who hears about it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archlib.model.base import StrictModel

Metric = Literal[
    "cpu", "memory", "disk_io", "network", "latency", "request_count", "error_rate",
    "queue_depth", "replica_lag", "cache_hit_rate",
]  # fmt: skip


LogRetention = Literal[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
    2922, 3288, 3653,
]  # fmt: skip
"""The retention periods CloudWatch Logs accepts."""


def _basic_metrics() -> list[Metric]:
    return ["cpu", "memory", "disk_io", "network"]


class Operations(StrictModel):
    monitoring: Literal["none", "basic", "detailed"] = "basic"
    metrics: list[Metric] = Field(default_factory=_basic_metrics)
    host_metrics: bool = True
    aggregate_metrics: bool = Field(default=False, description="Load balancer level statistics.")
    log_analysis: bool = Field(default=False, description="Central logs (CloudWatch Logs).")
    audit_trail: bool = Field(default=False, description="API audit log (CloudTrail).")
    external_monitoring: bool = Field(default=False, description="Site checks from outside AWS.")
    incident_notification: bool = False
    error_reporting: bool = False
    config_management: str | None = Field(default=None, description="e.g. Ansible, Chef.")
    log_retention_days: LogRetention = Field(
        default=90, description="Days CloudWatch Logs keeps central logs and VPC flow logs."
    )
