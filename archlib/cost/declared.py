"""The operations a model declares (an imported template's own alarms, topics, keys, web ACLs,
endpoints ...), priced as they stand: nothing comes from the stack archlib would export."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from archlib.cost import operations as items
from archlib.cost.catalogue import route53_hosted_zone
from archlib.cost.estimate import CostLine
from archlib.cost.pricelist import PriceBook
from archlib.model.operations import (
    DeclaredAlarm,
    DeclaredApi,
    DeclaredDashboard,
    DeclaredEndpoint,
    DeclaredHostedZone,
    DeclaredKey,
    DeclaredLogGroup,
    DeclaredOperation,
    DeclaredSecret,
    DeclaredTopic,
    DeclaredTrail,
    DeclaredUserPool,
    DeclaredWebAcl,
)
from archlib.model.traffic import HOURS_PER_MONTH
from archlib.traffic.flows import Flows


def _names(resources: Sequence[DeclaredOperation]) -> str:
    shown = [r.logical_id for r in resources[:4]]
    more = len(resources) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def lines(
    resources: Sequence[DeclaredOperation], book: PriceBook, flows: Flows
) -> Iterator[CostLine]:
    def of(kind: type[DeclaredOperation]) -> list[DeclaredOperation]:
        return [r for r in resources if isinstance(r, kind)]

    endpoints = [r for r in resources if isinstance(r, DeclaredEndpoint)]
    if endpoints:
        zone_hours = sum(e.azs for e in endpoints) * HOURS_PER_MONTH
        yield CostLine(
            f"Interface endpoints ({_names(endpoints)})",
            zone_hours,
            book.price(items.interface_endpoint_hours()),
            f"{len(endpoints)} endpoint(s), {sum(e.azs for e in endpoints)} endpoint-AZs "
            f"x {HOURS_PER_MONTH} h",
        )
    alarms = [r for r in resources if isinstance(r, DeclaredAlarm) and not r.high_resolution]
    if alarms:
        metrics = sum(a.metrics for a in alarms)
        yield CostLine(
            f"Alarms ({_names(alarms)})",
            metrics,
            book.price(items.alarm_metrics()),
            f"{len(alarms)} standard-resolution alarm(s) reading {metrics} metric(s)",
        )
    topics = [r for r in resources if isinstance(r, DeclaredTopic) and r.subscriptions]
    all_alarms = of(DeclaredAlarm)
    if topics and all_alarms:
        emails = sum(t.subscriptions for t in topics)
        count = len(all_alarms) * items.NOTIFICATIONS_PER_ALARM * emails
        yield CostLine(
            f"Alarm notifications by email ({_names(topics)})",
            count,
            book.price(items.email_notifications()),
            f"{len(all_alarms)} alarm(s) x {items.NOTIFICATIONS_PER_ALARM} messages x {emails} "
            "email subscription(s) (assumed: one ALARM, one OK a month)",
            usage_based=True,
        )
    for kind, name, query, basis in (
        (DeclaredDashboard, "Dashboards", items.dashboards(), "the account's three free ones "
         "not deducted"),
        (DeclaredTrail, "Trails: the first copy of management events",
         items.trail_management_events(), "log files are S3 storage in the trail's bucket"),
        (DeclaredSecret, "Secrets", items.secrets(), "per secret a month; API calls not priced"),
        (DeclaredKey, "KMS keys", items.kms_keys(), "customer managed keys; requests not priced"),
        (DeclaredHostedZone, "Hosted zones", route53_hosted_zone(), "per zone a month"),
    ):  # fmt: skip
        found = of(kind)
        if found:
            yield CostLine(f"{name} ({_names(found)})", len(found), book.price(query), basis)
    acls = [r for r in resources if isinstance(r, DeclaredWebAcl)]
    if acls:
        yield CostLine(
            f"Web ACLs ({_names(acls)})", len(acls), book.price(items.web_acls()), "per web ACL"
        )
        rules = sum(a.rules for a in acls)
        if rules:
            yield CostLine(
                "Web ACL rules and rule groups",
                rules,
                book.price(items.web_acl_rules()),
                f"{rules} rule(s) across {len(acls)} web ACL(s)",
            )
        inspected = sum(
            flows.component(target).requests
            for acl in acls
            for target in acl.protects
            if target in flows.components
        )
        if inspected:
            yield CostLine(
                "Requests the web ACLs inspect",
                inspected,
                book.price(items.web_acl_requests()),
                f"{inspected:,.0f} requests a month reach the components they protect",
                usage_based=True,
            )


def not_priced(resources: Sequence[DeclaredOperation]) -> tuple[str, ...]:
    """What the declared operations charge that the model gives no volume for."""
    out: list[str] = []
    fast = [r for r in resources if isinstance(r, DeclaredAlarm) and r.high_resolution]
    if fast:
        out.append(f"high-resolution alarms ({_names(fast)}): no snapshot rate for them")
    logs = [r for r in resources if isinstance(r, DeclaredLogGroup)]
    if logs:
        out.append(f"CloudWatch Logs ingestion and storage ({_names(logs)}): no log volume")
    apis = [r for r in resources if isinstance(r, DeclaredApi)]
    if apis:
        out.append(
            f"API Gateway requests ({_names(apis)}): the APIs are not part of the request model"
        )
    pools = [r for r in resources if isinstance(r, DeclaredUserPool)]
    if pools:
        out.append(f"Cognito monthly active users ({_names(pools)}): no user count for the pools")
    unprotected = [r for r in resources if isinstance(r, DeclaredWebAcl) and not r.protects]
    if unprotected:
        out.append(
            f"requests inspected by {_names(unprotected)}: associated with nothing the model holds"
        )
    if any(isinstance(r, DeclaredEndpoint) for r in resources):
        out.append("data processed by the interface VPC endpoints: the model gives no volume")
    if any(isinstance(r, DeclaredTopic) for r in resources):
        out.append("SNS publishes beyond the free million and deliveries other than email")
    return tuple(out)
