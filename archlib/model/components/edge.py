"""Components at the edge: the users, DNS, the CDN, load balancers and NAT gateways."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from archlib.model.base import Identifier, StrictModel
from archlib.model.components.base import ComponentBase, KindTraits, PlacedComponent


class Client(ComponentBase):
    """The users: where every request path starts."""

    traits: ClassVar[KindTraits] = KindTraits("client", "Internet", "Users")
    kind: Literal["client"]


class DnsRecord(StrictModel):
    name: str = Field(description="Record name relative to the zone; `@` is the apex.")
    target: Identifier = Field(description="The component the name resolves to.")


class Dns(ComponentBase):
    traits: ClassVar[KindTraits] = KindTraits(
        "edge", "Route 53", "DNS", managed_regional=True, default_port=53, default_protocol="udp"
    )
    kind: Literal["dns"]
    domain: str = Field(
        default="example.com", pattern=r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$"
    )
    records: list[DnsRecord] = Field(default_factory=list)


class Cdn(ComponentBase):
    traits: ClassVar[KindTraits] = KindTraits(
        "edge", "CloudFront", "CDN", managed_regional=True, default_port=443
    )
    kind: Literal["cdn"]
    viewer_protocol: Literal["https-only", "redirect-to-https", "allow-all"] = "redirect-to-https"
    minimum_tls: Literal[
        "TLSv1.2_2021", "TLSv1.2_2019", "TLSv1.2_2018", "TLSv1.1_2016", "TLSv1_2016", "TLSv1",
        "SSLv3",
    ] = "TLSv1.2_2021"  # fmt: skip
    price_class: Literal["PriceClass_100", "PriceClass_200", "PriceClass_All"] = "PriceClass_100"
    hit_rate: float | None = Field(
        default=None,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Share of static requests the edge answers; default traffic.cdn_hit_rate.",
    )
    read_hit_rate: float = Field(
        default=0.0,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Share of API reads the edge answers (responses the origin marks "
        "cacheable); default 0: dynamic requests, like writes and jobs, go to the origin.",
    )


class LoadBalancer(PlacedComponent):
    """ELB: managed, and redundant once its subnets span two or more AZs."""

    traits: ClassVar[KindTraits] = KindTraits(
        "edge", "Elastic Load Balancing", "Load Balancer", in_vpc=True, default_port=443
    )
    kind: Literal["load_balancer"]
    scheme: Literal["internet-facing", "internal"] = "internet-facing"
    type: Literal["application", "network", "classic"] = Field(
        default="application",
        description="classic: the previous-generation ELB, read from templates; not exported.",
    )
    listener_port: int = Field(default=443, ge=1, le=65535)
    tls: bool = Field(default=True, description="Terminate TLS here (certificate from ACM).")
    redirect_http: bool = Field(default=True, description="Redirect port 80 to HTTPS.")
    ssl_policy: str = "ELBSecurityPolicy-TLS13-1-2-2021-06"
    health_check_path: str = "/health"

    @model_validator(mode="after")
    def _needs_subnets(self) -> LoadBalancer:
        if not self.subnets:
            raise ValueError("needs at least one subnet: a load balancer has a node in each")
        return self


class NatGateway(ComponentBase):
    """Lets private subnets reach out; one per AZ, or an AZ outage cuts the others off."""

    traits: ClassVar[KindTraits] = KindTraits("network", "Amazon VPC", "NAT Gateway", in_vpc=True)
    kind: Literal["nat_gateway"]
    subnet: Identifier = Field(description="The public subnet it sits in.")
