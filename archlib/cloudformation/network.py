"""The VPC: subnets in the model's AZs, the internet gateway, NAT gateways and routes."""

from __future__ import annotations

from archlib.cloudformation.context import ExportContext, subnet_logical_id
from archlib.cloudformation.intrinsics import az, get_att, ref
from archlib.cloudformation.naming import pascal
from archlib.model import NatGateway


def export_network(ctx: ExportContext) -> None:
    model, template = ctx.model, ctx.template
    network = model.network
    template.resource(
        "Vpc",
        "AWS::EC2::VPC",
        {
            "CidrBlock": str(network.vpc_cidr),
            "EnableDnsHostnames": True,
            "EnableDnsSupport": True,
            "Tags": ctx.name_tag("vpc"),
        },
    )
    template.output("VpcId", ref("Vpc"), "The VPC")
    public = [s for s in network.subnets if s.type == "public"]
    if public:
        template.resource("InternetGateway", "AWS::EC2::InternetGateway", {})
        template.resource(
            "InternetGatewayAttachment",
            "AWS::EC2::VPCGatewayAttachment",
            {"InternetGatewayId": ref("InternetGateway"), "VpcId": ref("Vpc")},
        )
        template.resource(
            "PublicRouteTable",
            "AWS::EC2::RouteTable",
            {"VpcId": ref("Vpc"), "Tags": ctx.name_tag("public")},
        )
        template.resource(
            "PublicDefaultRoute",
            "AWS::EC2::Route",
            {
                "RouteTableId": ref("PublicRouteTable"),
                "DestinationCidrBlock": "0.0.0.0/0",
                "GatewayId": ref("InternetGateway"),
            },
            DependsOn="InternetGatewayAttachment",
        )

    for nat in model.of_type(NatGateway):
        name = pascal(nat.id)
        template.resource(
            f"{name}ElasticIp",
            "AWS::EC2::EIP",
            {"Domain": "vpc", "Tags": ctx.name_tag(nat.id)},
            DependsOn="InternetGatewayAttachment",
        )
        template.resource(
            f"{name}NatGateway",
            "AWS::EC2::NatGateway",
            {
                "AllocationId": get_att(f"{name}ElasticIp", "AllocationId"),
                "SubnetId": ref(subnet_logical_id(nat.subnet)),
                "Tags": ctx.name_tag(nat.id),
            },
            DependsOn="InternetGatewayAttachment",
        )

    for subnet in network.subnets:
        logical = subnet_logical_id(subnet.id)
        template.resource(
            logical,
            "AWS::EC2::Subnet",
            {
                "VpcId": ref("Vpc"),
                "CidrBlock": str(subnet.cidr),
                "AvailabilityZone": az(network.azs.index(subnet.az)),
                "MapPublicIpOnLaunch": False,
                "Tags": ctx.name_tag(subnet.id),
            },
        )
        if subnet.type == "public":
            table = "PublicRouteTable"
        else:
            table = f"{logical}RouteTable"
            template.resource(
                table,
                "AWS::EC2::RouteTable",
                {"VpcId": ref("Vpc"), "Tags": ctx.name_tag(subnet.id)},
            )
            if subnet.nat_gateway is not None:
                template.resource(
                    f"{logical}DefaultRoute",
                    "AWS::EC2::Route",
                    {
                        "RouteTableId": ref(table),
                        "DestinationCidrBlock": "0.0.0.0/0",
                        "NatGatewayId": ref(f"{pascal(subnet.nat_gateway)}NatGateway"),
                    },
                )
        template.resource(
            f"{logical}RouteTableAssociation",
            "AWS::EC2::SubnetRouteTableAssociation",
            {"RouteTableId": ref(table), "SubnetId": ref(logical)},
        )
