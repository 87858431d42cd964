"""VPC endpoints: how instances reach AWS's own services without a path to the internet.

Session Manager (the only way in that the security groups leave), the CloudWatch agent and
the bootstrap's CloudFormation signal all call regional AWS APIs. Interface endpoints put
those APIs inside the VPC behind one security group; gateway endpoints route S3 (where the
Amazon Linux package repositories live) and DynamoDB around the NAT gateways, at no charge.
"""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.context import ExportContext, subnet_logical_id
from archlib.cloudformation.intrinsics import Node, get_att, ref, sub
from archlib.cloudformation.naming import pascal
from archlib.model import (
    Cache,
    ComponentBase,
    DataWarehouse,
    RelationalDatabase,
    Subnet,
)
from archlib.model.endpoints import GATEWAY_SERVICES, gateway_endpoint_kinds, runs_instances

ENDPOINT_GUARD = "VpcEndpointSecurityGroup"
OPERATIONS_SERVICES = ("ssm", "ssmmessages", "ec2messages", "logs", "monitoring", "cloudformation")
"""Session Manager (three APIs), CloudWatch Logs and metrics, and cfn-signal."""
SECRETS_SERVICE = "secretsmanager"
S3_PREFIX_LIST = "S3PrefixList"
PREFIX_LIST_LOOKUP = (
    "aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values={name} "
    "--query PrefixLists[0].PrefixListId --output text"
)
"""How an operator finds a managed prefix list's id: it differs from region to region, and
CloudFormation has no function or attribute that returns it, so the template takes it as a
parameter without a default rather than carry one region's value."""


def find_instance_owners(ctx: ExportContext) -> list[ComponentBase]:
    return [c for c in ctx.model.components if runs_instances(c) and ctx.has_guard(c)]


def reads_secrets(ctx: ExportContext, component: ComponentBase) -> bool:
    """The component (or something it hosts) connects to a service whose credentials live in
    Secrets Manager: an RDS database, a Redis cache, a Redshift warehouse."""
    members = [component, *ctx.graph.hosted_on(component.id)]
    for member in members:
        for target in ctx.downstream(member):
            if isinstance(target, RelationalDatabase) and target.host is None:
                return True
            if isinstance(target, Cache) and target.engine != "memcached":
                return True
            if isinstance(target, DataWarehouse):
                return True
    return False


def find_interface_services(ctx: ExportContext) -> list[str]:
    owners = ctx.instance_owners
    if not owners:
        return []
    services = list(OPERATIONS_SERVICES)
    if any(reads_secrets(ctx, owner) for owner in owners):
        services.append(SECRETS_SERVICE)
    return services


def endpoint_subnets(ctx: ExportContext) -> list[Subnet]:
    """One subnet per AZ that runs instances: an interface endpoint serves its whole AZ."""
    chosen: dict[str, Subnet] = {}
    for owner in ctx.instance_owners:
        for subnet in ctx.model.subnets_of(owner):
            chosen.setdefault(subnet.az, subnet)
    return [chosen[az] for az in ctx.model.network.azs if az in chosen]


def s3_prefix_list(ctx: ExportContext) -> Node:
    definition: dict[str, Any] = {
        "Type": "String",
        "AllowedPattern": "^pl-[0-9a-f]+$",
        "Description": "The region's S3 prefix list (the gateway endpoint's routes): "
        + PREFIX_LIST_LOOKUP.format(name="com.amazonaws.<region>.s3"),
    }
    return ref(ctx.template.parameter(S3_PREFIX_LIST, definition))


def export_endpoints(ctx: ExportContext) -> None:
    """Run after the security groups: the endpoint group admits each instance group."""
    services = ctx.interface_services
    if not services:
        return
    template = ctx.template
    template.resource(
        ENDPOINT_GUARD,
        "AWS::EC2::SecurityGroup",
        {
            "GroupDescription": "Interface endpoints of AWS services, for the instances",
            "VpcId": ref("Vpc"),
            "SecurityGroupEgress": [
                {
                    "CidrIp": "255.255.255.255/32",
                    "IpProtocol": "icmp",
                    "FromPort": 252,
                    "ToPort": 86,
                    "Description": "No outbound traffic: endpoints only answer",
                }
            ],
            "Tags": ctx.name_tag("vpc-endpoints"),
        },
    )
    for owner in ctx.instance_owners:
        template.resource(
            f"{ENDPOINT_GUARD.removesuffix('SecurityGroup')}IngressFrom{pascal(owner.id)}Tcp443",
            "AWS::EC2::SecurityGroupIngress",
            {
                "GroupId": get_att(ENDPOINT_GUARD, "GroupId"),
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "SourceSecurityGroupId": ctx.guard_ref(owner),
                "Description": f"HTTPS to AWS APIs from {owner.id}",
            },
        )
    subnets = [ref(subnet_logical_id(s.id)) for s in endpoint_subnets(ctx)]
    for service in services:
        template.resource(
            f"{pascal(service)}Endpoint",
            "AWS::EC2::VPCEndpoint",
            {
                "VpcId": ref("Vpc"),
                "ServiceName": sub(f"com.amazonaws.${{AWS::Region}}.{service}"),
                "VpcEndpointType": "Interface",
                "PrivateDnsEnabled": True,
                "SubnetIds": subnets,
                "SecurityGroupIds": [get_att(ENDPOINT_GUARD, "GroupId")],
            },
        )
    tables = route_tables(ctx)
    gateways = [GATEWAY_SERVICES[kind] for kind in sorted(gateway_endpoint_kinds(ctx.model))]
    for service in gateways:
        template.resource(
            f"{pascal(service)}GatewayEndpoint",
            "AWS::EC2::VPCEndpoint",
            {
                "VpcId": ref("Vpc"),
                "ServiceName": sub(f"com.amazonaws.${{AWS::Region}}.{service}"),
                "VpcEndpointType": "Gateway",
                "RouteTableIds": tables,
            },
        )


def route_tables(ctx: ExportContext) -> list[Node]:
    tables: list[Node] = []
    if any(s.type == "public" for s in ctx.model.network.subnets):
        tables.append(ref("PublicRouteTable"))
    tables += [
        ref(f"{subnet_logical_id(s.id)}RouteTable")
        for s in ctx.model.network.subnets
        if s.type != "public"
    ]
    return tables
