"""Monitoring and operations: what the stage watches and who hears about it."""

from __future__ import annotations

from typing import Annotated, Literal

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


class _Declared(StrictModel):
    """One resource a stack declares to run, watch or guard it, priced as declared."""

    logical_id: str = Field(min_length=1, max_length=255)
    line: int | None = Field(default=None, ge=1)


class DeclaredAlarm(_Declared):
    kind: Literal["alarm"]
    metrics: int = Field(default=1, ge=1, le=10, description="Metrics a metric-math alarm reads.")
    high_resolution: bool = False


class DeclaredTopic(_Declared):
    kind: Literal["topic"]
    subscriptions: int = Field(default=0, ge=0)


class DeclaredDashboard(_Declared):
    kind: Literal["dashboard"]


class DeclaredTrail(_Declared):
    kind: Literal["trail"]


class DeclaredSecret(_Declared):
    kind: Literal["secret"]


class DeclaredKey(_Declared):
    kind: Literal["kms_key"]


class DeclaredWebAcl(_Declared):
    kind: Literal["web_acl"]
    rules: int = Field(default=0, ge=0, description="Rules and rule groups it evaluates.")
    protects: list[str] = Field(
        default_factory=list, description="Component ids whose requests it inspects."
    )


class DeclaredEndpoint(_Declared):
    kind: Literal["interface_endpoint"]
    service: str = Field(max_length=200)
    azs: int = Field(default=1, ge=1, le=6, description="Subnets (one ENI per AZ).")


class DeclaredHostedZone(_Declared):
    kind: Literal["hosted_zone"]


class DeclaredLogGroup(_Declared):
    kind: Literal["log_group"]
    retention_days: int | None = Field(default=None, ge=1)


class DeclaredApi(_Declared):
    kind: Literal["api"]
    protocol: Literal["rest", "http", "websocket"] = "rest"


class DeclaredUserPool(_Declared):
    kind: Literal["user_pool"]


DeclaredOperation = Annotated[
    DeclaredAlarm
    | DeclaredTopic
    | DeclaredDashboard
    | DeclaredTrail
    | DeclaredSecret
    | DeclaredKey
    | DeclaredWebAcl
    | DeclaredEndpoint
    | DeclaredHostedZone
    | DeclaredLogGroup
    | DeclaredApi
    | DeclaredUserPool,
    Field(discriminator="kind"),
]
"""The resources people put beside their stacks to run, watch and guard them."""


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
    resources: list[DeclaredOperation] | None = Field(
        default=None,
        description="The operations resources the stack declares, priced as they stand "
        "(an imported template's own). Unset: those archlib's exported stack adds for the "
        "settings above.",
    )
