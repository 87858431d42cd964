"""EC2 compute: shared hosts and the server tiers that run on instances or hosts."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from archlib.model.base import Identifier, Label
from archlib.model.components.base import (
    Autoscaling,
    Bootstrap,
    KindTraits,
    PlacedComponent,
    catalogue_type,
)
from archlib.model.components.fargate import FargateTask
from archlib.model.limits import MAX_INSTANCES_PER_TIER

InstanceType = str
Architecture = Literal["x86_64", "arm64"]
ARCHITECTURE_HELP = (
    "The CPU architecture the software is built for; the instance type must match it."
)


def _architecture_matches(instance_type: str | None, wanted: Architecture | None) -> None:
    if instance_type is None or wanted is None:
        return
    from archlib.catalogue import Catalogue

    known = Catalogue.bundled().get(instance_type)
    if known is not None and known.architecture != wanted:
        raise ValueError(
            f"instance_type {instance_type} is {known.architecture}, but architecture says {wanted}"
        )


class Host(PlacedComponent):
    """One EC2 instance on which several components run together (the single box)."""

    traits: ClassVar[KindTraits] = KindTraits("compute", "Amazon EC2", "EC2 Instance", in_vpc=True)
    kind: Literal["host"]
    instance_type: InstanceType = Field(
        default="t3.medium", pattern=r"^[a-z][a-z0-9-]*\.[a-z0-9]+$"
    )
    volume_gb: int = Field(default=30, ge=1, le=16384, description="Root gp3 volume.")
    elastic_ip: bool = Field(default=False, description="A static public IPv4 address.")
    bootstrap: Bootstrap | None = Field(
        default=None, description="Image and first-boot script; a documented default without it."
    )
    architecture: Architecture | None = Field(default=None, description=ARCHITECTURE_HELP)

    @field_validator("instance_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        return catalogue_type(value, "ec2")

    @model_validator(mode="after")
    def _architecture_is_consistent(self) -> Host:
        _architecture_matches(self.instance_type, self.architecture)
        return self

    @model_validator(mode="after")
    def _needs_subnets(self) -> Host:
        if not self.subnets:
            raise ValueError("needs a subnet: an instance runs in exactly one")
        return self


class ComputeTier(PlacedComponent):
    """Identical instances behind one role; on its own instances, or on a shared host."""

    instance_type: InstanceType | None = Field(
        default=None, pattern=r"^[a-z][a-z0-9-]*\.[a-z0-9]+$"
    )
    count: int = Field(
        default=1, ge=1, le=MAX_INSTANCES_PER_TIER, description="Instances, when not autoscaled."
    )
    autoscaling: Autoscaling | None = None
    host: Identifier | None = Field(default=None, description="The host it shares, if any.")
    port: int = Field(default=80, ge=1, le=65535, description="The port it serves on.")
    role: Label | None = Field(default=None, description="What it does, e.g. Read API.")
    volume_gb: int = Field(default=8, ge=1, le=16384, description="Root gp3 volume per instance.")
    elastic_ip: bool = Field(default=False, description="A static public IPv4 address.")
    bootstrap: Bootstrap | None = Field(
        default=None, description="Image and first-boot script; a documented default without it."
    )
    architecture: Architecture | None = Field(default=None, description=ARCHITECTURE_HELP)
    fargate: FargateTask | None = Field(
        default=None,
        description="Runs as ECS tasks on Fargate, each of this size; count and autoscaling "
        "then count tasks, and there is no instance_type.",
    )

    @field_validator("instance_type")
    @classmethod
    def _known_type(cls, value: str | None) -> str | None:
        return None if value is None else catalogue_type(value, "ec2")

    @model_validator(mode="after")
    def _placement_is_consistent(self) -> ComputeTier:
        if self.host is not None:
            clashing = {
                "instance_type", "count", "autoscaling", "subnets", "elastic_ip", "bootstrap",
                "fargate",
            }  # fmt: skip
            stated = sorted(clashing & self.model_fields_set)
            if stated:
                raise ValueError(
                    f"runs on host {self.host!r}, so it takes placement from the host; "
                    f"remove {', '.join(stated)}"
                )
        elif self.fargate is not None:
            clashing = {"instance_type", "elastic_ip", "volume_gb"} & self.model_fields_set
            if clashing:
                raise ValueError(
                    f"runs on Fargate, which has no {', '.join(sorted(clashing))}; remove it"
                )
            if not self.subnets:
                raise ValueError("needs at least one subnet for its Fargate tasks")
            if self.architecture is not None and self.architecture != self.fargate.architecture:
                raise ValueError(
                    f"architecture says {self.architecture}, the Fargate task "
                    f"{self.fargate.architecture}"
                )
        else:
            if self.instance_type is None and self.uses_instances:
                raise ValueError("needs an instance_type (or a host to run on)")
            if not self.subnets and self.uses_instances:
                raise ValueError("needs at least one subnet (or a host to run on)")
        if self.autoscaling is not None and "count" in self.model_fields_set:
            raise ValueError("set either count or autoscaling, not both")
        _architecture_matches(self.instance_type, self.architecture)
        return self

    @property
    def uses_instances(self) -> bool:
        return True

    @property
    def min_instances(self) -> int:
        return self.autoscaling.min if self.autoscaling else self.count

    @property
    def max_instances(self) -> int:
        return self.autoscaling.max if self.autoscaling else self.count

    @property
    def baseline_instances(self) -> int:
        return self.autoscaling.baseline if self.autoscaling else self.count


class WebServer(ComputeTier):
    traits: ClassVar[KindTraits] = KindTraits(
        "compute", "Amazon EC2", "Web Server", in_vpc=True, default_port=80
    )
    kind: Literal["web_server"]


class AppServer(ComputeTier):
    traits: ClassVar[KindTraits] = KindTraits(
        "compute", "Amazon EC2", "Application Server", in_vpc=True, default_port=8080
    )
    kind: Literal["app_server"]
    port: int = Field(default=8080, ge=1, le=65535, description="The port it serves on.")


class Worker(ComputeTier):
    """Takes jobs off a queue: on EC2 instances, or as a Lambda function."""

    traits: ClassVar[KindTraits] = KindTraits(
        "compute", "Amazon EC2", "Worker Service", in_vpc=True
    )
    kind: Literal["worker"]
    runtime: Literal["ec2", "lambda"] = "ec2"
    lambda_memory_mb: int = Field(default=1024, ge=128, le=10240)
    lambda_duration_ms: int = Field(default=500, ge=1, le=900_000, description="Per job.")

    @property
    def uses_instances(self) -> bool:
        return self.runtime == "ec2"

    @model_validator(mode="after")
    def _one_runtime(self) -> Worker:
        if self.runtime == "lambda" and self.fargate is not None:
            raise ValueError("runs as a Lambda function or on Fargate, not both")
        return self


class Bastion(ComputeTier):
    """The one SSH entry point for operators; everything else takes SSH only from it."""

    traits: ClassVar[KindTraits] = KindTraits(
        "compute", "Amazon EC2", "Bastion", in_vpc=True, default_port=22
    )
    kind: Literal["bastion"]
    port: int = Field(default=22, ge=1, le=65535, description="The port it serves on.")
