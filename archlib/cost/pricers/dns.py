"""Route 53: the hosted zone and the queries to records that are not aliases.

Queries to alias records that point at AWS resources (a load balancer, CloudFront, S3) are
free; queries to ordinary records (an Elastic IP) are billed."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import Context
from archlib.model import Cdn, Dns, LoadBalancer, ObjectStore

USAGE_KEYS = ("hosted_zones", "queries_per_month")
DNS_QUERIES_PER_USER_PER_MONTH = 30
"""One resolver-cache miss per user a day."""
ALIAS_TARGETS = (LoadBalancer, Cdn, ObjectStore)


def price(ctx: Context, dns: Dns) -> Iterator[CostLine]:
    zones, basis = ctx.figure(dns, "hosted_zones", 1, f"one public zone ({dns.domain})")
    yield ctx.line("Hosted zones", catalogue.route53_hosted_zone(), zones, basis)
    users = ctx.model.traffic.users
    records = dns.records
    aliases = sum(1 for r in records if isinstance(ctx.model.component(r.target), ALIAS_TARGETS))
    billed = (len(records) - aliases) / len(records) if records else 1.0
    derived = users * DNS_QUERIES_PER_USER_PER_MONTH * billed
    basis = f"{users:,} users x {DNS_QUERIES_PER_USER_PER_MONTH} queries"
    if aliases:
        basis += (
            f" x {len(records) - aliases}/{len(records)} records that are not aliases "
            "(queries to alias records are free)"
        )
    queries, basis = ctx.figure(dns, "queries_per_month", derived, basis)
    yield ctx.line("Standard queries", catalogue.route53_queries(), queries, basis, True)
