"""The read path to RDS read replicas: private DNS records instead of a load balancer.

A network load balancer needs target addresses, and RDS gives replicas none that last:
they move on maintenance and failover, and reads would break silently. Weighted CNAME
records in a private hosted zone follow each replica's endpoint name instead, spreading
connections evenly with no step after deployment.
"""

from __future__ import annotations

from dataclasses import dataclass

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import get_att, ref, sub
from archlib.cloudformation.naming import partitions, pascal
from archlib.model import LoadBalancer, RelationalDatabase

PRIVATE_ZONE = "PrivateHostedZone"
PRIVATE_ZONE_NAME = "PrivateZoneName"
RECORD_TTL_S = 30
"""Short, so a replica that is removed stops receiving new connections quickly."""


def needs_private_zone(ctx: ExportContext) -> bool:
    """One zone for the VPC, made with the first balancer that becomes records."""
    return any(ctx.resolves_by_dns(b) for b in ctx.model.of_type(LoadBalancer))


def _private_zone(ctx: ExportContext) -> str:
    template = ctx.template
    name = template.parameter(
        PRIVATE_ZONE_NAME,
        {
            "Type": "String",
            "Default": f"{ctx.model.name}.internal",
            "AllowedPattern": r"^[a-z0-9][a-z0-9.-]{0,200}$",
            "Description": "Private DNS zone of the VPC, for names such as the read replicas'",
        },
    )
    if PRIVATE_ZONE not in template.resources:
        template.resource(
            PRIVATE_ZONE,
            "AWS::Route53::HostedZone",
            {
                "Name": ref(name),
                "HostedZoneConfig": {"Comment": "Names inside the VPC"},
                "VPCs": [{"VPCId": ref("Vpc"), "VPCRegion": ref("AWS::Region")}],
            },
        )
    return PRIVATE_ZONE


@dataclass(frozen=True)
class ReadName:
    """One private DNS name over a balancer's replicas: one per partition of the primary."""

    replicas: RelationalDatabase
    primary: RelationalDatabase
    prefix: str
    """The primary partition's logical-id prefix (`Mysql`, `MysqlPartA`)."""
    suffix: str
    """The partition's part of it (`PartA`), empty for an unpartitioned primary."""
    label: str
    """The host name's first label: the balancer's id, with the partition's."""


def read_names(ctx: ExportContext, balancer: LoadBalancer) -> list[ReadName]:
    """The names the records are made under and the tiers are told, from one place."""
    names = []
    for link in ctx.graph.outgoing[balancer.id]:
        replicas = ctx.model.component(link.target)
        assert isinstance(replicas, RelationalDatabase) and replicas.replica_of is not None
        primary = ctx.model.component(replicas.replica_of)
        assert isinstance(primary, RelationalDatabase)
        for prefix in partitions(primary):
            suffix = prefix.removeprefix(pascal(primary.id))
            label = balancer.id + (f"-{suffix.lower()}" if suffix else "")
            names.append(ReadName(replicas, primary, prefix, suffix, label))
    return names


def export_replica_records(ctx: ExportContext, balancer: LoadBalancer) -> None:
    template, zone = ctx.template, _private_zone(ctx)
    for read in read_names(ctx, balancer):
        replicas, primary, suffix, label = read.replicas, read.primary, read.suffix, read.label
        name = sub(f"{label}.${{{PRIVATE_ZONE_NAME}}}")
        for index in range(replicas.count):
            replica = f"{pascal(replicas.id)}{suffix}Replica{index + 1}"
            template.resource(
                f"{replica}Record",
                "AWS::Route53::RecordSet",
                {
                    "HostedZoneId": ref(zone),
                    "Name": name,
                    "Type": "CNAME",
                    "TTL": str(RECORD_TTL_S),
                    "SetIdentifier": f"{replicas.id}-{index + 1}",
                    "Weight": 1,
                    "ResourceRecords": [get_att(replica, "Endpoint.Address")],
                },
            )
        template.output(
            f"{pascal(label)}ReadEndpoint",
            name,
            f"Host name of {balancer.id}: the read replicas of {primary.id}, weighted evenly",
        )
    template.not_exported.append(
        f"load balancer {balancer.id}: RDS replicas have no fixed addresses to register, so "
        "weighted private DNS records over the replica endpoints stand in for it"
    )
