"""What the exported CloudFormation stack adds to run and watch the design: VPC interface
endpoints, alarms, a dashboard, the incident topic, the audit trail, secrets, the data
volume's backups and the private zone of the replicas' read names.

The quantities are counted in the template the exporter writes for the model, so the
estimate prices exactly what `archlib cfn` creates; each line is named after the part of
the model that asked for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from archlib.cost.catalogue import PriceQuery, ebs_volume, query, route53_hosted_zone
from archlib.cost.estimate import ComponentCost, CostLine
from archlib.cost.pricelist import PriceBook
from archlib.model import Architecture
from archlib.model.traffic import HOURS_PER_MONTH
from archlib.traffic.flows import Flows

NOTIFICATIONS_PER_ALARM = 2
"""An ALARM and an OK message per alarm a month: an assumption, the model states no rate."""


def interface_endpoint_hours() -> PriceQuery:
    return query("AmazonVPC", "VpcEndpoint", usagetype="VpcEndpoint-Hours")


def interface_endpoint_bytes() -> PriceQuery:
    return query("AmazonVPC", "VpcEndpoint", usagetype="VpcEndpoint-Bytes")


def alarm_metrics() -> PriceQuery:
    return query("AmazonCloudWatch", "Alarm", usagetype="CW:AlarmMonitorUsage")


def dashboards() -> PriceQuery:
    return query("AmazonCloudWatch", "Dashboard", usagetype="DashboardsUsageHour-Basic")


def trail_management_events() -> PriceQuery:
    return query("AWSCloudTrail", "Management Tools - AWS CloudTrail Free Events Recorded")


def email_notifications() -> PriceQuery:
    return query("AmazonSNS", "Message Delivery", endpointType="EMAIL")


def secrets() -> PriceQuery:
    return query("AWSSecretsManager", "Secret", usagetype="AWSSecretsManager-Secrets")


def snapshot_storage() -> PriceQuery:
    return query("AmazonEC2", "Storage Snapshot", usagetype="EBS:SnapshotUsage")


def kms_keys() -> PriceQuery:
    return query("awskms", "Encryption Key", usagetype="KMS-Keys")


def web_acls() -> PriceQuery:
    return query("awswaf", "Web Application Firewall", usagetype="WebACLV2")


def web_acl_rules() -> PriceQuery:
    return query("awswaf", "Web Application Firewall", usagetype="RuleV2")


def web_acl_requests() -> PriceQuery:
    return query("awswaf", "Web Application Firewall", usagetype="RequestV2-Tier1")


def price_items() -> list[PriceQuery]:
    """The records a price snapshot holds for these lines."""
    return [
        kms_keys(),
        web_acls(),
        web_acl_rules(),
        web_acl_requests(),
        interface_endpoint_hours(),
        interface_endpoint_bytes(),
        alarm_metrics(),
        dashboards(),
        trail_management_events(),
        email_notifications(),
        secrets(),
        snapshot_storage(),
    ]


def _resources(template: dict[str, Any], type_: str) -> list[dict[str, Any]]:
    return [r for r in template["Resources"].values() if r["Type"] == type_]


def _alarm_metrics(alarm: dict[str, Any]) -> int:
    """CloudWatch bills a metric math alarm per metric it reads."""
    metrics = alarm["Properties"].get("Metrics")
    if metrics is None:
        return 1
    return sum(1 for metric in metrics if "MetricStat" in metric)


def _lines(model: Architecture, book: PriceBook) -> Iterator[CostLine]:
    from archlib.cloudformation import to_cloudformation

    template = to_cloudformation(model)
    operations = model.operations

    endpoints = [
        e
        for e in _resources(template, "AWS::EC2::VPCEndpoint")
        if e["Properties"]["VpcEndpointType"] == "Interface"
    ]
    if endpoints:
        services = [e["Properties"]["ServiceName"]["Fn::Sub"].rsplit(".", 1)[1] for e in endpoints]
        zones = len(endpoints[0]["Properties"]["SubnetIds"])
        yield CostLine(
            f"Interface endpoints for Session Manager, the CloudWatch agent and the bootstrap "
            f"({', '.join(services)})",
            len(endpoints) * zones * HOURS_PER_MONTH,
            book.price(interface_endpoint_hours()),
            f"{len(endpoints)} endpoints x {zones} AZ(s) x {HOURS_PER_MONTH} h",
        )
    alarms = _resources(template, "AWS::CloudWatch::Alarm")
    if alarms:
        metrics = sum(_alarm_metrics(alarm) for alarm in alarms)
        yield CostLine(
            f"Alarms (monitoring: {operations.monitoring}; metrics: "
            f"{', '.join(operations.metrics)})",
            metrics,
            book.price(alarm_metrics()),
            f"{len(alarms)} standard-resolution alarms reading {metrics} metrics",
        )
        if _resources(template, "AWS::SNS::Topic"):
            notifications = len(alarms) * NOTIFICATIONS_PER_ALARM
            yield CostLine(
                "Incident notifications by email (incident_notification)",
                notifications,
                book.price(email_notifications()),
                f"{len(alarms)} alarms x {NOTIFICATIONS_PER_ALARM} messages (assumed: "
                "one ALARM, one OK)",
            )
    boards = _resources(template, "AWS::CloudWatch::Dashboard")
    if boards:
        yield CostLine(
            "Operations dashboard (aggregate_metrics)",
            len(boards),
            book.price(dashboards()),
            f"{len(boards)} dashboard(s), the account's three free ones not deducted",
        )
    trails = _resources(template, "AWS::CloudTrail::Trail")
    if trails:
        yield CostLine(
            "Audit trail (audit_trail): the first copy of management events",
            len(trails),
            book.price(trail_management_events()),
            "one trail; its log files are S3 storage in the log bucket",
        )
    managed = [
        d
        for d in _resources(template, "AWS::RDS::DBInstance")
        if d["Properties"].get("ManageMasterUserPassword")
    ]
    own = _resources(template, "AWS::SecretsManager::Secret")
    if managed or own:
        yield CostLine(
            "Secrets: database credentials and cache AUTH tokens",
            len(managed) + len(own),
            book.price(secrets()),
            f"{len(managed)} RDS-managed master secret(s) + {len(own)} secret(s) of the "
            "template (master and application users' credentials, AUTH tokens); rotation's "
            "Lambda invocations not priced",
        )
    volumes = _resources(template, "AWS::EC2::Volume")
    size = sum(int(v["Properties"]["Size"]) for v in volumes)
    if volumes:
        yield CostLine(
            "Data volume of the database on the host (gp3, outlives the instance)",
            size,
            book.price(ebs_volume("gp3")),
            f"{size} GB: the storage_gb of the databases it holds",
        )
    if volumes and _resources(template, "AWS::Backup::BackupPlan"):
        yield CostLine(
            "Backups of the database volume on the host (backup_retention_days)",
            size,
            book.price(snapshot_storage()),
            f"{size} GB: the first snapshot copies the volume's used blocks, at most its "
            "size; daily ones add only changed blocks",
        )
    if _resources(template, "AWS::Route53::HostedZone"):
        yield CostLine(
            "Private hosted zone of the read replicas' names",
            1,
            book.price(route53_hosted_zone()),
            "one private zone for the VPC",
        )


def replaced_by_dns(model: Architecture) -> set[str]:
    """Load balancers the template replaces with private DNS records (in front of replicas)."""
    from archlib.cloudformation.context import ExportContext
    from archlib.cloudformation.template import Template

    ctx = ExportContext.of(model, Template(description=""))
    return {c.id for c in model.components if ctx.resolves_by_dns(c)}


def operations_cost(model: Architecture, book: PriceBook, flows: Flows) -> ComponentCost | None:
    """The stack's operations as one more entry of the estimate, or None when it adds none.

    A model that declares its operations (an imported template's own) is priced from that
    declaration; otherwise from the stack `archlib cfn` writes for the model's settings."""
    declared = model.operations.resources
    if declared is not None:
        from archlib.cost import declared as declared_operations

        lines = tuple(declared_operations.lines(declared, book, flows))
        label, note = "Operations the stack declares", "priced from the stack's own resources"
    else:
        lines = tuple(_lines(model, book))
        label = "Operations the CloudFormation stack adds"
        note = "counted in the template `archlib cfn` writes for this model"
    if not lines:
        return None
    return ComponentCost(id="operations", kind="operations", label=label, lines=lines, note=note)
