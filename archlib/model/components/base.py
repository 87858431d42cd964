"""What every component kind shares, and the traits that checks and exporters read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from archlib.model.base import Identifier, Label, StrictModel
from archlib.model.cron import validate_cron
from archlib.model.limits import (
    MAX_INSTANCES_PER_TIER,
    MAX_SCALING_POLICIES,
    MAX_SCHEDULED_ACTIONS,
)
from archlib.model.security import EgressPolicy, IngressRule

Category = Literal["client", "edge", "compute", "data", "network"]


def field_or(model: StrictModel, name: str, default: Any = None) -> Any:
    """The model's field `name`, or `default` for a kind that has no such field.

    Asked of the class's fields: `getattr` with a default fails slowly on a pydantic model
    (through its `__getattr__`), which showed when every component of a large model asks."""
    return getattr(model, name) if name in type(model).__pydantic_fields__ else default


@dataclass(frozen=True)
class KindTraits:
    """Facts about a kind that hold for every instance of it."""

    category: Category
    aws_service: str
    title: str
    managed_regional: bool = False
    """AWS runs it redundantly across a region's AZs (S3, DynamoDB, SQS, Route 53, CloudFront)."""
    stores_data: bool = False
    in_vpc: bool = False
    default_port: int | None = None
    default_protocol: Literal["tcp", "udp"] = "tcp"


class LayoutHint(StrictModel):
    """Optional hints for diagram layout; the tiers give a sensible default without them."""

    rank: int | None = Field(default=None, ge=0, le=20, description="Row, top to bottom.")
    group: Label | None = Field(default=None, description="Draw components sharing it together.")


class ComponentBase(StrictModel):
    traits: ClassVar[KindTraits]

    id: Identifier
    label: Label | None = Field(default=None, description="Display name; defaults from the kind.")
    description: str | None = None
    usage: dict[str, Annotated[float, Field(ge=0, allow_inf_nan=False)]] = Field(
        default_factory=dict,
        description="Per-component usage figures that override what the traffic profile "
        "implies: finite numbers of 0 or more (`archlib cost --usage-template` lists the keys).",
    )
    layout: LayoutHint | None = None

    @property
    def display_name(self) -> str:
        return self.label or self.traits.title


class PlacedComponent(ComponentBase):
    """A component with network interfaces in the VPC, guarded by a security group."""

    subnets: list[Identifier] = Field(default_factory=list, description="Subnet ids it sits in.")
    ingress: list[IngressRule] = Field(
        default_factory=list, description="Rules beyond those the model's links imply."
    )
    ingress_from_links: bool = Field(
        default=True,
        description="Allow every link into this component; false means only `ingress` applies.",
    )
    egress: EgressPolicy = "links"


class Bootstrap(StrictModel):
    """How an instance becomes a working server at first boot: the image and the script.

    Without it the exported template uses Amazon Linux 2023 and a default script that serves
    the health check, so a stack reaches a healthy state before the application exists.
    """

    image_id: str | None = Field(
        default=None,
        pattern=r"^ami-[0-9a-f]{8,17}$",
        description="A baked AMI; pinned, so an update never replaces the instance by itself.",
    )
    user_data: str | None = Field(
        default=None,
        min_length=1,
        max_length=9000,
        description=(
            "Shell script run as root at first boot; the template signals CloudFormation "
            "with its exit code."
        ),
    )


class Autoscaling(StrictModel):
    """An Auto Scaling group: bounds, what triggers it, and time-of-day schedules."""

    min: int = Field(ge=0, le=MAX_INSTANCES_PER_TIER)
    max: int = Field(ge=1, le=MAX_INSTANCES_PER_TIER)
    desired: int | None = Field(default=None, ge=0, le=MAX_INSTANCES_PER_TIER)
    policies: list[ScalingPolicy] = Field(default_factory=list, max_length=MAX_SCALING_POLICIES)
    schedules: list[ScheduledAction] = Field(default_factory=list, max_length=MAX_SCHEDULED_ACTIONS)

    @model_validator(mode="after")
    def _ordered_bounds(self) -> Autoscaling:
        if self.max < self.min:
            raise ValueError(f"autoscaling max {self.max} is below min {self.min}")
        if self.desired is not None and not self.min <= self.desired <= self.max:
            raise ValueError(
                f"autoscaling desired {self.desired} is outside {self.min}..{self.max}"
            )
        return self

    @property
    def baseline(self) -> int:
        """Instances running when no trigger has fired."""
        return self.desired if self.desired is not None else self.min


class ScalingPolicy(StrictModel):
    """Target tracking on a CloudWatch metric."""

    metric: Literal["cpu", "request_count", "network_in", "network_out", "latency", "custom"]
    target: float = Field(gt=0, description="Target value: percent CPU, requests per target, ...")
    custom_metric: str | None = Field(default=None, description="Name, when metric is custom.")


class ScheduledAction(StrictModel):
    """A time-of-day change of the group's bounds, for predictable load."""

    name: Identifier
    cron: str = Field(description="UTC, five cron fields: minute hour day month weekday.")
    min: int | None = Field(default=None, ge=0, le=MAX_INSTANCES_PER_TIER)
    max: int | None = Field(default=None, ge=1, le=MAX_INSTANCES_PER_TIER)
    desired: int | None = Field(default=None, ge=0, le=MAX_INSTANCES_PER_TIER)

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        return validate_cron(value)


def catalogue_type(name: str, service: Literal["ec2", "rds", "elasticache", "redshift"]) -> str:
    """A type name the catalogue knows for `service`; otherwise a ValueError with the closest
    names, which the loader reports at the field's line and column."""
    from archlib.catalogue import Catalogue

    Catalogue.bundled().require(name, service)
    return name
