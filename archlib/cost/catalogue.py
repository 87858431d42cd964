"""The price items the estimator asks for, as Price List queries: one builder per item.

The estimator and `archlib prices refresh` share these builders, so the snapshot always holds
the records the estimator will look up, under the attribute names AWS's Price List uses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

USAGE_PREFIXES = {
    "us-east-1": "USE1",
    "us-east-2": "USE2",
    "us-west-2": "USW2",
    "eu-west-1": "EU",
    "eu-central-1": "EUC1",
}
"""Region code to the prefix of its Price List `usagetype` values (Fargate is told apart
only by usage type)."""
FARGATE_ARCHITECTURES = {"x86_64": "", "arm64": "ARM-"}

RDS_ENGINES = {"mysql": "MySQL", "mariadb": "MariaDB", "postgres": "PostgreSQL"}
CACHE_ENGINES = {"redis": "Redis", "valkey": "Valkey", "memcached": "Memcached"}
S3_STORAGE_CLASSES = {
    "STANDARD": ("General Purpose", "Standard"),
    "STANDARD_IA": ("Infrequent Access", "Standard - Infrequent Access"),
    "INTELLIGENT_TIERING": ("Intelligent-Tiering", "Intelligent-Tiering Frequent Access"),
}
RDS_VOLUME_TYPES = {
    "gp3": "General Purpose-GP3",
    "gp2": "General Purpose",
    "io1": "Provisioned IOPS",
    "io2": "Provisioned IOPS-IO2",
}


@dataclass(frozen=True, order=True)
class PriceQuery:
    """One priced item: a service, a product family and the attributes that pick its record.

    `regional` items are filtered by the region's `location` when refreshed; CloudFront's are
    priced by edge location instead.
    """

    service: str
    family: str
    attributes: tuple[tuple[str, str], ...]
    regional: bool = True

    def __hash__(self) -> int:
        """Computed once: price lookups hash the same query many times a model."""
        cached: int | None = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.service, self.family, self.attributes, self.regional))
            object.__setattr__(self, "_hash", cached)
        return cached

    def describe(self) -> str:
        attributes = ", ".join(f"{name}={value}" for name, value in self.attributes)
        return f"{self.service} / {self.family} ({attributes})"


@functools.cache
def query(service: str, family: str, regional: bool = True, **attributes: str) -> PriceQuery:
    """One shared object per item: queries are immutable, and a model asks for the same few
    thousands of times."""
    return PriceQuery(service, family, tuple(sorted(attributes.items())), regional)


def ec2_instance(instance_type: str) -> PriceQuery:
    return query(
        "AmazonEC2",
        "Compute Instance",
        instanceType=instance_type,
        operatingSystem="Linux",
        tenancy="Shared",
        preInstalledSw="NA",
        capacitystatus="Used",
        licenseModel="No License required",
    )


def ebs_volume(volume_type: str = "gp3") -> PriceQuery:
    return query("AmazonEC2", "Storage", volumeApiName=volume_type)


def public_ipv4() -> PriceQuery:
    return query("AmazonVPC", "IP Address", group="VPCPublicIPv4Address")


def nat_gateway_hours() -> PriceQuery:
    return query("AmazonEC2", "NAT Gateway", group="NGW:NatGateway", operation="NatGateway")


def nat_gateway_bytes() -> PriceQuery:
    return query("AmazonEC2", "NAT Gateway", group="NGW:NatGateway-Bytes", operation="NatGateway")


def _lb_family(lb_type: str) -> str:
    return {
        "application": "Load Balancer-Application",
        "network": "Load Balancer-Network",
        "classic": "Load Balancer",
    }[lb_type]


def load_balancer_hours(lb_type: str) -> PriceQuery:
    return query("AWSELB", _lb_family(lb_type), group="ELB:Balancer")


def classic_balancer_hours() -> PriceQuery:
    return query("AWSELB", "Load Balancer", usagetype="LoadBalancerUsage")


def classic_balancer_bytes() -> PriceQuery:
    return query("AWSELB", "Load Balancer", usagetype="DataProcessing-Bytes")


def load_balancer_capacity(lb_type: str) -> PriceQuery:
    return query("AWSELB", _lb_family(lb_type), group="ELB:Capacity Units")


def rds_instance(instance_class: str, engine: str, multi_az: bool) -> PriceQuery:
    return query(
        "AmazonRDS",
        "Database Instance",
        instanceType=instance_class,
        databaseEngine=RDS_ENGINES[engine],
        deploymentOption="Multi-AZ" if multi_az else "Single-AZ",
    )


def rds_storage(storage_type: str, multi_az: bool) -> PriceQuery:
    return query(
        "AmazonRDS",
        "Database Storage",
        volumeType=RDS_VOLUME_TYPES[storage_type],
        deploymentOption="Multi-AZ" if multi_az else "Single-AZ",
    )


def cache_node(node_type: str, engine: str) -> PriceQuery:
    return query(
        "AmazonElastiCache",
        "Cache Instance",
        instanceType=node_type,
        cacheEngine=CACHE_ENGINES[engine],
    )


def redshift_node(node_type: str) -> PriceQuery:
    return query("AmazonRedshift", "Compute Instance", instanceType=node_type)


def redshift_managed_storage() -> PriceQuery:
    return query("AmazonRedshift", "Redshift Managed Storage", storageMedia="Managed Storage")


def s3_storage(storage_class: str = "STANDARD") -> PriceQuery:
    storage, volume = S3_STORAGE_CLASSES[storage_class]
    return query("AmazonS3", "Storage", storageClass=storage, volumeType=volume)


def s3_requests(tier: int) -> PriceQuery:
    """Tier 1: PUT, COPY, POST, LIST; tier 2: GET and the rest (S3 Standard)."""
    return query("AmazonS3", "API Request", group=f"S3-API-Tier{tier}")


def cloudfront_transfer_out() -> PriceQuery:
    return query(
        "AmazonCloudFront",
        "Data Transfer",
        regional=False,
        fromLocation="United States",
        transferType="CloudFront Outbound",
    )


def cloudfront_transfer_to_origin() -> PriceQuery:
    return query(
        "AmazonCloudFront",
        "Data Transfer",
        regional=False,
        fromLocation="United States",
        transferType="CloudFront to Origin",
    )


def cloudfront_https_requests() -> PriceQuery:
    return query(
        "AmazonCloudFront",
        "Request",
        regional=False,
        location="United States",
        requestType="CloudFront-Request-HTTPS",
    )


def route53_hosted_zone() -> PriceQuery:
    return query("AmazonRoute53", "DNS Zone", regional=False, usagetype="HostedZone")


def route53_queries() -> PriceQuery:
    return query("AmazonRoute53", "DNS Query", regional=False, usagetype="DNS-Queries")


def dynamodb_write_units() -> PriceQuery:
    return query(
        "AmazonDynamoDB", "Amazon DynamoDB PayPerRequest Throughput", group="DDB-WriteUnits"
    )


def dynamodb_read_units() -> PriceQuery:
    return query(
        "AmazonDynamoDB", "Amazon DynamoDB PayPerRequest Throughput", group="DDB-ReadUnits"
    )


def dynamodb_provisioned_writes() -> PriceQuery:
    """Not bundled: no published rate was transcribed, so pricing it asks for a refresh."""
    return query("AmazonDynamoDB", "Provisioned IOPS", group="DDB-WriteUnits")


def dynamodb_provisioned_reads() -> PriceQuery:
    return query("AmazonDynamoDB", "Provisioned IOPS", group="DDB-ReadUnits")


def dynamodb_storage() -> PriceQuery:
    return query("AmazonDynamoDB", "Database Storage", volumeType="Amazon DynamoDB - Indexed")


def sqs_requests(fifo: bool) -> PriceQuery:
    return query("AWSQueueService", "API Request", queueType="FIFO" if fifo else "Standard")


def data_transfer_out() -> PriceQuery:
    return query(
        "AWSDataTransfer", "Data Transfer", transferType="AWS Outbound", toLocation="External"
    )


def inter_az_transfer() -> PriceQuery:
    """Data transfer between AZs of one region: charged out of one AZ and into the other."""
    return query("AWSDataTransfer", "Data Transfer", transferType="IntraRegion")


def dynamodb_pitr_storage() -> PriceQuery:
    return query("AmazonDynamoDB", "Database Storage", usagetype="TimedPITRStorage-ByteHrs")


def rds_backup_storage() -> PriceQuery:
    return query("AmazonRDS", "Storage Snapshot", usagetype="RDS:ChargedBackupUsage")


def cloudwatch_metrics() -> PriceQuery:
    return query("AmazonCloudWatch", "Metric", usagetype="CW:MetricMonitorUsage")


def cloudwatch_logs_ingestion() -> PriceQuery:
    return query("AmazonCloudWatch", "Data Payload", usagetype="DataProcessing-Bytes")


def cloudwatch_logs_storage() -> PriceQuery:
    return query("AmazonCloudWatch", "Storage Snapshot", usagetype="TimedStorage-ByteHrs")


def lambda_duration() -> PriceQuery:
    return query("AWSLambda", "Serverless", group="AWS-Lambda-Duration")


def lambda_requests() -> PriceQuery:
    return query("AWSLambda", "Serverless", group="AWS-Lambda-Requests")


def fargate_vcpu(region: str, architecture: str) -> PriceQuery:
    usage = f"{USAGE_PREFIXES[region]}-Fargate-{FARGATE_ARCHITECTURES[architecture]}"
    return query("AmazonECS", "Compute", usagetype=f"{usage}vCPU-Hours:perCPU")


def fargate_memory(region: str, architecture: str) -> PriceQuery:
    usage = f"{USAGE_PREFIXES[region]}-Fargate-{FARGATE_ARCHITECTURES[architecture]}"
    return query("AmazonECS", "Compute", usagetype=f"{usage}GB-Hours")


INSTANCE_ITEMS = {
    ("AmazonEC2", "Compute Instance"),
    ("AmazonRDS", "Database Instance"),
    ("AmazonElastiCache", "Cache Instance"),
    ("AmazonRedshift", "Compute Instance"),
}
"""Hourly rates of a compute size: priced from `archlib.catalogue`, not from the snapshot."""


@dataclass(frozen=True)
class InstanceRate:
    """What the catalogue looks a compute size's hourly rate up by."""

    type: str
    engine: str | None
    deployment: str | None


def instance_rate(query: PriceQuery) -> InstanceRate | None:
    """The catalogue lookup behind an instance-hour query; None for every other item."""
    if (query.service, query.family) not in INSTANCE_ITEMS:
        return None
    attributes = dict(query.attributes)
    if query.service == "AmazonRDS":
        engines = {label: code for code, label in RDS_ENGINES.items()}
        deployment = attributes["deploymentOption"].lower()
        return InstanceRate(
            attributes["instanceType"], engines[attributes["databaseEngine"]], deployment
        )
    if query.service == "AmazonElastiCache":
        engines = {label: code for code, label in CACHE_ENGINES.items()}
        return InstanceRate(attributes["instanceType"], engines[attributes["cacheEngine"]], None)
    return InstanceRate(attributes["instanceType"], None, None)


def standard_items(region: str = "us-east-1") -> list[PriceQuery]:
    """Every item a snapshot holds: what the reference designs use, and nothing invented.

    Instance, DB class and node hours are not here: their rates are in `archlib.catalogue`.
    """
    items = [rds_storage(kind, multi_az) for kind in ("gp3", "gp2") for multi_az in (False, True)]
    items += [redshift_managed_storage()]
    items += [
        ebs_volume("gp3"),
        public_ipv4(),
        nat_gateway_hours(),
        nat_gateway_bytes(),
        load_balancer_hours("application"),
        load_balancer_capacity("application"),
        load_balancer_hours("network"),
        load_balancer_capacity("network"),
        classic_balancer_hours(),
        classic_balancer_bytes(),
        s3_storage("STANDARD"),
        s3_requests(1),
        s3_requests(2),
        cloudfront_transfer_out(),
        cloudfront_transfer_to_origin(),
        cloudfront_https_requests(),
        route53_hosted_zone(),
        route53_queries(),
        dynamodb_write_units(),
        dynamodb_read_units(),
        dynamodb_storage(),
        sqs_requests(fifo=False),
        data_transfer_out(),
        lambda_duration(),
        lambda_requests(),
        inter_az_transfer(),
        dynamodb_pitr_storage(),
        rds_backup_storage(),
        cloudwatch_metrics(),
        cloudwatch_logs_ingestion(),
        cloudwatch_logs_storage(),
    ]
    if region in USAGE_PREFIXES:
        for architecture in FARGATE_ARCHITECTURES:
            items += [fargate_vcpu(region, architecture), fargate_memory(region, architecture)]
    from archlib.cost.operations import price_items

    items += price_items()
    return sorted(items)
