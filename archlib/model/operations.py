"""Monitoring and operations: what the stage watches and who hears about it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archlib.model.base import StrictModel

Metric = Literal[
    "cpu", "memory", "disk_io", "network", "latency", "request_count", "error_rate",
    "queue_depth", "replica_lag", "cache_hit_rate",
]  # fmt: skip


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
