"""VPCs, subnets, gateways, route tables and routes: what makes a subnet public or private."""

from __future__ import annotations

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.translate.base import (
    Emit,
    Family,
    Patch,
    Result,
    blocks,
    emit,
    pick,
    self_ref,
)


def vpc(r: TfResource) -> Result:
    return emit("AWS::EC2::VPC", r, pick(r.attributes, {"CidrBlock": "cidr_block"}))


def subnet(r: TfResource) -> Result:
    names = {
        "CidrBlock": "cidr_block",
        "AvailabilityZone": "availability_zone",
        "VpcId": "vpc_id",
        "MapPublicIpOnLaunch": "map_public_ip_on_launch",
    }
    return emit("AWS::EC2::Subnet", r, pick(r.attributes, names))


def internet_gateway(r: TfResource) -> Result:
    return emit("AWS::EC2::InternetGateway", r, {})


def _route(attributes: dict[str, object], table: object) -> dict[str, object]:
    names = {
        "DestinationCidrBlock": "destination_cidr_block",
        "DestinationIpv6CidrBlock": "destination_ipv6_cidr_block",
        "GatewayId": "gateway_id",
        "NatGatewayId": "nat_gateway_id",
    }
    found = pick(attributes, names)
    inline = pick(attributes, {"DestinationCidrBlock": "cidr_block"})
    inline.update(pick(attributes, {"DestinationIpv6CidrBlock": "ipv6_cidr_block"}))
    return {"RouteTableId": table, **inline, **found}


def route_table(r: TfResource) -> Result:
    """The table, and one route per inline `route` block."""
    found: list[Emit | Patch] = [
        *emit("AWS::EC2::RouteTable", r, pick(r.attributes, {"VpcId": "vpc_id"}))
    ]
    for index, route in enumerate(blocks(r.attributes, "route")):
        found.append(Emit("AWS::EC2::Route", _route(route, self_ref(r)), f"#route{index}"))
    return found


def route(r: TfResource) -> Result:
    return [Emit("AWS::EC2::Route", _route(r.attributes, r.attributes.get("route_table_id")))]


def association(r: TfResource) -> Result:
    names = {"SubnetId": "subnet_id", "RouteTableId": "route_table_id"}
    return [Emit("AWS::EC2::SubnetRouteTableAssociation", pick(r.attributes, names))]


def nat_gateway(r: TfResource) -> Result:
    names = {
        "SubnetId": "subnet_id",
        "AllocationId": "allocation_id",
        "ConnectivityType": "connectivity_type",
    }
    return emit("AWS::EC2::NatGateway", r, pick(r.attributes, names))


def eip(r: TfResource) -> Result:
    return emit("AWS::EC2::EIP", r, pick(r.attributes, {"InstanceId": "instance"}))


def eip_association(r: TfResource) -> Result:
    names = {"InstanceId": "instance_id", "AllocationId": "allocation_id"}
    return [Emit("AWS::EC2::EIPAssociation", pick(r.attributes, names))]


def vpc_endpoint(r: TfResource) -> Result:
    names = {
        "ServiceName": "service_name",
        "VpcEndpointType": "vpc_endpoint_type",
        "SubnetIds": "subnet_ids",
        "VpcId": "vpc_id",
    }
    return [Emit("AWS::EC2::VPCEndpoint", pick(r.attributes, names))]


FAMILY = Family(
    "network",
    {
        "aws_vpc": vpc,
        "aws_subnet": subnet,
        "aws_internet_gateway": internet_gateway,
        "aws_route_table": route_table,
        "aws_default_route_table": route_table,
        "aws_route": route,
        "aws_route_table_association": association,
        "aws_nat_gateway": nat_gateway,
        "aws_eip": eip,
        "aws_eip_association": eip_association,
        "aws_vpc_endpoint": vpc_endpoint,
    },
)
