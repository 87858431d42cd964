"""VPC, subnets and their AZs, public or private by their routes, and the NAT gateways."""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import IPv4Network
from typing import Any

from archlib.importers.cfn.intrinsics import Resolver
from archlib.importers.cfn.naming import IdAllocator
from archlib.importers.cfn.report import ImportReport
from archlib.importers.cfn.template import Template
from archlib.importers.cfn.values import ExternalSubnet, MissingParameter, ResourceRef, Zone

UNKNOWN_AZ = "unknown"
PLACEHOLDER_VPC = IPv4Network("10.0.0.0/16")
DEFAULT_VPC = IPv4Network("172.31.0.0/16")
"""Every default VPC has this CIDR, with a /20 default subnet in each AZ."""
_ZONE_NAME = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d([a-z])$")
_LETTERS = "abcdefghijklmnop"


@dataclass
class SubnetDraft:
    id: str
    logical_id: str | None
    cidr: IPv4Network | None
    az: str
    public: bool
    nat: str | None = None
    """Logical id of the NAT gateway its default route goes to."""


class NetworkBuilder:
    def __init__(self, template: Template, resolver: Resolver, report: ImportReport) -> None:
        self.template = template
        self.resolver = resolver
        self.report = report
        self.ids = IdAllocator()
        self.subnets: dict[str, SubnetDraft] = {}
        self.by_logical: dict[str, str] = {}
        self.external: dict[str, str] = {}
        self.vpc = PLACEHOLDER_VPC
        self.claimed: set[str] = set()
        self.nats: dict[str, str] = {}
        """NAT gateway logical id -> the subnet it sits in."""
        self._read()

    # Reading the template's own network.

    def _active(self, *types: str) -> list[tuple[str, dict[str, Any]]]:
        return [
            (logical_id, resource)
            for logical_id, resource in self.template.resources.items()
            if resource.get("Type") in types and self.resolver.active(resource)
        ]

    def _props(self, resource: dict[str, Any]) -> dict[str, Any]:
        raw = resource.get("Properties")
        resolved = self.resolver.resolve(raw) if isinstance(raw, dict) else {}
        return resolved if isinstance(resolved, dict) else {}

    def _read(self) -> None:
        vpcs = self._active("AWS::EC2::VPC")
        for logical_id, resource in vpcs:
            self.claimed.add(logical_id)
            cidr = _network(self._props(resource).get("CidrBlock"))
            if cidr is not None and 16 <= cidr.prefixlen <= 28 and self.vpc is PLACEHOLDER_VPC:
                self.vpc = cidr
        if vpcs and self.vpc is PLACEHOLDER_VPC:
            self.report.assume(
                f"VPC CIDR: not stated as a literal; {PLACEHOLDER_VPC} stands in for it"
            )
        if len(vpcs) > 1:
            self.report.assume(
                f"{len(vpcs)} VPCs: the model has one network, so their subnets share it"
            )
        routes = self._routes()
        associations: dict[str, str] = {}
        for logical_id, resource in self._active("AWS::EC2::SubnetRouteTableAssociation"):
            self.claimed.add(logical_id)
            props = self._props(resource)
            subnet, table = props.get("SubnetId"), props.get("RouteTableId")
            if isinstance(subnet, ResourceRef) and isinstance(table, ResourceRef):
                associations[subnet.logical_id] = table.logical_id
        for logical_id, resource in self._active("AWS::EC2::Subnet"):
            self.claimed.add(logical_id)
            props = self._props(resource)
            table = associations.get(logical_id)
            target = routes.get(table) if table else None
            public = target == "igw"
            nat = target if target not in (None, "igw") else None
            draft = SubnetDraft(
                id=self.ids.take(_subnet_name(self.template.name_of(logical_id))),
                logical_id=logical_id,
                cidr=_network(props.get("CidrBlock")),
                az=self._zone(props.get("AvailabilityZone"), logical_id),
                public=public,
                nat=nat,
            )
            self.subnets[draft.id] = draft
            self.by_logical[logical_id] = draft.id
        for logical_id, resource in self._active("AWS::EC2::NatGateway"):
            props = self._props(resource)
            subnet = props.get("SubnetId")
            if str(props.get("ConnectivityType", "public")) == "private":
                continue
            if isinstance(subnet, ResourceRef) and subnet.logical_id in self.by_logical:
                subnet_id = self.by_logical[subnet.logical_id]
                self.nats[logical_id] = subnet_id
                if not self.subnets[subnet_id].public:
                    self.subnets[subnet_id].public = True
                    self.subnets[subnet_id].nat = None
                    self.report.assume(
                        f"{subnet.logical_id}: holds NAT gateway {logical_id}, so it is taken "
                        "as public (its route to the internet gateway is not stated literally)"
                    )

    def _routes(self) -> dict[str, str]:
        """Route table logical id -> `igw` or the NAT gateway logical id of its default route."""
        gateways = {lid for lid, _ in self._active("AWS::EC2::InternetGateway")}
        self.claimed.update(gateways)
        for logical_id, _ in self._active(
            "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::RouteTable", "AWS::EC2::EIP"
        ):
            if self.template.resources[logical_id]["Type"] != "AWS::EC2::EIP":
                self.claimed.add(logical_id)
        routes: dict[str, str] = {}
        for logical_id, resource in self._active("AWS::EC2::Route"):
            props = self._props(resource)
            table = props.get("RouteTableId")
            if not isinstance(table, ResourceRef):
                continue
            default_route = props.get("DestinationCidrBlock") in ("0.0.0.0/0", None)
            if not default_route and props.get("DestinationIpv6CidrBlock") != "::/0":
                continue
            gateway, nat = props.get("GatewayId"), props.get("NatGatewayId")
            if (isinstance(gateway, ResourceRef) and gateway.logical_id in gateways) or (
                isinstance(gateway, str) and gateway.startswith("igw-")
            ):
                routes[table.logical_id] = "igw"
                self.claimed.add(logical_id)
            elif isinstance(nat, ResourceRef):
                routes.setdefault(table.logical_id, nat.logical_id)
                self.claimed.add(logical_id)
        return routes

    def _zone(self, value: Any, owner: str) -> str:
        if isinstance(value, Zone):
            return _LETTERS[value.index] if value.index < len(_LETTERS) else UNKNOWN_AZ
        if isinstance(value, str):
            match = _ZONE_NAME.match(value)
            if match:
                return match.group(2)
            if re.fullmatch(r"[a-z]", value):
                return value
        self.report.assume(f"{owner}: its AZ is not known from the template ({UNKNOWN_AZ})")
        return UNKNOWN_AZ

    # Subnets the components name.

    def subnet_ids(self, values: list[Any]) -> list[str]:
        """Model subnet ids for subnet references: the template's, or parameters' placeholders."""
        found: list[str] = []
        for value in values:
            subnet_id = self._subnet_id(value)
            if subnet_id is not None and subnet_id not in found:
                found.append(subnet_id)
        return found

    def _subnet_id(self, value: Any) -> str | None:
        if isinstance(value, ResourceRef):
            return self.by_logical.get(value.logical_id)
        if isinstance(value, ExternalSubnet):
            key = f"{value.key}@{value.zone}"
            if key not in self.external:
                az = self._zone(value.zone, value.key) if value.zone else UNKNOWN_AZ
                name = self.ids.take(_subnet_name(value.key))
                self.subnets[name] = SubnetDraft(name, None, None, az, public=False)
                self.external[key] = name
                if value.zone is None:
                    self.report.assume(
                        f"subnet {value.key}: from a parameter, so its AZ and routes are not "
                        f"known: it is shown private in AZ {UNKNOWN_AZ}, and a web port its "
                        "components' groups open to the world counts as used; give it as "
                        "--parameter NAME=subnet-id@us-east-1a"
                    )
            return self.external[key]
        if isinstance(value, str) and value.startswith("subnet-"):
            return self._subnet_id(ExternalSubnet(value))
        if isinstance(value, MissingParameter):  # a list of subnet ids nobody gave
            return self._subnet_id(ExternalSubnet(value.name))
        return None

    def default_subnets(self, count: int, placed: bool = True) -> list[str]:
        """The default VPC's subnets, for resources the template places in no subnet."""
        found = []
        for index in range(count):
            key = f"default@{_LETTERS[index]}"
            if key not in self.external:
                name = self.ids.take(f"default-{_LETTERS[index]}")
                cidr = IPv4Network(f"172.31.{16 * index}.0/20")
                self.subnets[name] = SubnetDraft(name, None, cidr, _LETTERS[index], public=True)
                self.external[key] = name
            found.append(self.external[key])
        if placed:
            self.report.assume(
                "resources placed in no subnet go to the default VPC, whose public default "
                "subnets span the region's AZs; the model shows the two it needs (default-a, "
                "default-b)"
            )
        else:
            self.report.assume(
                "the template has no network: the model's is the default VPC's, with "
                "nothing placed in it"
            )
        return found[:count]

    # The model's network section.

    def network(self, nat_components: dict[str, str]) -> dict[str, Any]:
        """Subnets with CIDRs that fit the VPC and do not overlap; stated where they stand in."""
        vpc = self.vpc
        if not any(s.logical_id for s in self.subnets.values()) and self.subnets:
            vpc = DEFAULT_VPC
        if not self.subnets:
            self.default_subnets(1, placed=False)
            vpc = DEFAULT_VPC
        taken: list[IPv4Network] = []
        placed: list[tuple[SubnetDraft, IPv4Network]] = []
        pending: list[SubnetDraft] = []
        for draft in self.subnets.values():
            cidr = draft.cidr
            if (
                cidr is not None
                and cidr.subnet_of(vpc)
                and not any(cidr.overlaps(other) for other in taken)
            ):
                taken.append(cidr)
                placed.append((draft, cidr))
            else:
                pending.append(draft)
        new_prefix = min(max(vpc.prefixlen + 4, 24), 28)
        free = (c for c in vpc.subnets(new_prefix=new_prefix) if not _overlaps(c, taken))
        for draft in pending:
            cidr = next(free, None)
            if cidr is None:
                raise ValueError(f"no room in {vpc} for subnet {draft.id}")
            taken.append(cidr)
            placed.append((draft, cidr))
            if draft.logical_id is not None or draft.cidr is not None:
                self.report.assume(
                    f"subnet {draft.id}: its CIDR is not known inside {vpc}; {cidr} stands in"
                )
        subnets = []
        for draft, cidr in placed:
            entry: dict[str, Any] = {
                "id": draft.id,
                "cidr": str(cidr),
                "az": draft.az,
                "type": "public" if draft.public else "private",
            }
            if not draft.public and draft.nat in nat_components:
                entry["nat_gateway"] = nat_components[draft.nat]
            subnets.append(entry)
        azs = sorted({entry["az"] for entry in subnets}, key=lambda az: (az == UNKNOWN_AZ, az))
        return {"vpc_cidr": str(vpc), "azs": azs, "subnets": subnets}


def _overlaps(cidr: IPv4Network, taken: list[IPv4Network]) -> bool:
    return any(cidr.overlaps(other) for other in taken)


def _network(value: Any) -> IPv4Network | None:
    if not isinstance(value, str):
        return None
    try:
        return IPv4Network(value, strict=True)
    except ValueError:
        return None


def _subnet_name(logical_id: str) -> str:
    from archlib.importers.cfn.naming import kebab

    name = kebab(logical_id)
    return name if name.startswith("subnet") else f"subnet-{name}"
