"""The VPC: its CIDR, the availability zones it uses and its subnets."""

from __future__ import annotations

from ipaddress import IPv4Network
from typing import Literal

from pydantic import Field, field_validator, model_validator

from archlib.model.base import AzLabel, Identifier, StrictModel
from archlib.model.validation import ProblemCollector


class Subnet(StrictModel):
    """A subnet lives in exactly one AZ; `public` subnets route to the internet gateway."""

    id: Identifier
    cidr: IPv4Network = Field(description="Inside the VPC CIDR, overlapping no other subnet.")
    az: AzLabel = Field(description="One of the network's `azs`.")
    type: Literal["public", "private"] = Field(description="public routes to the internet.")
    nat_gateway: Identifier | None = Field(
        default=None,
        description="The nat_gateway component a private subnet sends outbound traffic through.",
    )

    @field_validator("cidr", mode="before")
    @classmethod
    def _strict_cidr(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return IPv4Network(value, strict=True)
            except ValueError as error:
                raise ValueError(f"invalid IPv4 CIDR {value!r}: {error}") from None
        return value

    @model_validator(mode="after")
    def _nat_only_for_private(self) -> Subnet:
        if self.nat_gateway is not None and self.type == "public":
            raise ValueError(
                "a public subnet routes through the internet gateway, not a NAT gateway"
            )
        return self


class Network(StrictModel):
    """AZs are abstract labels (`a`, `b`, ...); exporters map them to the region's real zones."""

    vpc_cidr: IPv4Network = Field(default=IPv4Network("10.0.0.0/16"), description="/16 to /28.")
    azs: list[AzLabel] = Field(
        min_length=1, max_length=6, description="AZ labels in use, e.g. [a, b]."
    )
    subnets: list[Subnet] = Field(min_length=1)

    @field_validator("vpc_cidr", mode="before")
    @classmethod
    def _strict_vpc_cidr(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                network = IPv4Network(value, strict=True)
            except ValueError as error:
                raise ValueError(f"invalid IPv4 CIDR {value!r}: {error}") from None
            if not 16 <= network.prefixlen <= 28:
                raise ValueError(
                    f"a VPC CIDR must be between /16 and /28, got /{network.prefixlen}"
                )
            return network
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Network:
        problems = ProblemCollector()
        if len(set(self.azs)) != len(self.azs):
            problems.add(("azs",), "duplicate_az", "availability zones must be unique")
        seen: dict[str, int] = {}
        for index, subnet in enumerate(self.subnets):
            if subnet.id in seen:
                problems.add(
                    ("subnets", index, "id"),
                    "duplicate_id",
                    f"duplicate subnet id {subnet.id!r} (first used by subnets[{seen[subnet.id]}])",
                )
            seen.setdefault(subnet.id, index)
            if subnet.az not in self.azs:
                problems.add(
                    ("subnets", index, "az"),
                    "unknown_az",
                    f"AZ {subnet.az!r} is not one of the network's azs {self.azs}",
                )
            if not subnet.cidr.subnet_of(self.vpc_cidr):
                problems.add(
                    ("subnets", index, "cidr"),
                    "subnet_outside_vpc",
                    f"subnet {subnet.cidr} is outside the VPC {self.vpc_cidr}",
                )
            for other_index, other in enumerate(self.subnets[:index]):
                if subnet.cidr.overlaps(other.cidr):
                    problems.add(
                        ("subnets", index, "cidr"),
                        "subnet_overlap",
                        f"subnet {subnet.cidr} overlaps subnets[{other_index}] ({other.cidr})",
                    )
        problems.raise_if_any(type(self).__name__)
        return self

    def subnet(self, subnet_id: str) -> Subnet:
        for subnet in self.subnets:
            if subnet.id == subnet_id:
                return subnet
        raise KeyError(subnet_id)
