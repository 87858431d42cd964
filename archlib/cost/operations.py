"""What the exported CloudFormation stack adds to run and watch the design: VPC interface
endpoints, alarms, a dashboard, the incident topic, the audit trail, secrets, the data
volume's backups and the private zone of the replicas' read names.

The quantities come from the exporter's own decisions (`archlib.cloudformation.census`),
the ones `archlib cfn` writes the template from, so the estimate prices exactly what it
creates without building the template; each line is named after the part of the model that
asked for it.
"""

from __future__ import annotations

from collections.abc import Iterator

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


def _lines(model: Architecture, book: PriceBook) -> Iterator[CostLine]:
    from archlib.cloudformation.census import stack_census

    stack = stack_census(model)
    operations = model.operations

    services = stack.interface_services
    if services:
        zones = stack.endpoint_zones
        yield CostLine(
            f"Interface endpoints for Session Manager, the CloudWatch agent and the bootstrap "
            f"({', '.join(services)})",
            len(services) * zones * HOURS_PER_MONTH,
            book.price(interface_endpoint_hours()),
            f"{len(services)} endpoints x {zones} AZ(s) x {HOURS_PER_MONTH} h",
        )
    alarms = len(stack.alarm_metrics)
    if alarms:
        metrics = sum(stack.alarm_metrics)
        yield CostLine(
            f"Alarms (monitoring: {operations.monitoring}; metrics: "
            f"{', '.join(operations.metrics)})",
            metrics,
            book.price(alarm_metrics()),
            f"{alarms} standard-resolution alarms reading {metrics} metrics",
        )
        if stack.alarm_topic:
            notifications = alarms * NOTIFICATIONS_PER_ALARM
            yield CostLine(
                "Incident notifications by email (incident_notification)",
                notifications,
                book.price(email_notifications()),
                f"{alarms} alarms x {NOTIFICATIONS_PER_ALARM} messages (assumed: "
                "one ALARM, one OK)",
            )
    if stack.dashboards:
        yield CostLine(
            "Operations dashboard (aggregate_metrics)",
            stack.dashboards,
            book.price(dashboards()),
            f"{stack.dashboards} dashboard(s), the account's three free ones not deducted",
        )
    if stack.trails:
        yield CostLine(
            "Audit trail (audit_trail): the first copy of management events",
            stack.trails,
            book.price(trail_management_events()),
            "one trail; its log files are S3 storage in the log bucket",
        )
    managed, own = stack.rds_managed_secrets, stack.template_secrets
    if managed or own:
        yield CostLine(
            "Secrets: database credentials and cache AUTH tokens",
            managed + own,
            book.price(secrets()),
            f"{managed} RDS-managed master secret(s) + {own} secret(s) of the "
            "template (master and application users' credentials, AUTH tokens); rotation's "
            "Lambda invocations not priced",
        )
    volumes = stack.data_volumes
    size = sum(volume.size_gb for volume in volumes)
    if volumes:
        yield CostLine(
            "Data volume of the database on the host (gp3, outlives the instance)",
            size,
            book.price(ebs_volume("gp3")),
            f"{size} GB: the storage_gb of the databases it holds",
        )
    backed_up = [volume.size_gb for volume in volumes if volume.backed_up]
    if backed_up:
        yield CostLine(
            "Backups of the database volume on the host (backup_retention_days)",
            sum(backed_up),
            book.price(snapshot_storage()),
            f"{sum(backed_up)} GB: the first snapshot copies the volume's used blocks, at most "
            "its size; daily ones add only changed blocks",
        )
    if stack.private_zones:
        yield CostLine(
            "Private hosted zone of the read replicas' names",
            stack.private_zones,
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
