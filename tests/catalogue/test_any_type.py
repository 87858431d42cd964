"""Any catalogue type, in a model, prices, checks, analyses and exports without error."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlib.capacity import analyse
from archlib.capacity.assumptions import default_assumptions
from archlib.catalogue import Catalogue, service_of
from archlib.checks import run_checks
from archlib.cloudformation import to_cloudformation
from archlib.cost import estimate
from archlib.model import Architecture

RATES = Catalogue.bundled().rates("us-east-1")
EC2 = sorted({r.type for r in RATES if service_of(r.type) == "ec2"})
SIZED_EC2 = [
    name
    for name in EC2
    if default_assumptions().find("instance_families", name.split(".")[0]) is not None
]
"""The types the capacity table has a throughput figure for; the others (older families the
catalogue prices for imported templates) are analysed only with `--assumptions`."""
RDS = sorted(
    {(r.type, r.engine, r.deployment == "multi-az") for r in RATES if service_of(r.type) == "rds"}
)
CACHE = sorted({(r.type, r.engine) for r in RATES if service_of(r.type) == "elasticache"})
REDSHIFT = sorted({r.type for r in RATES if service_of(r.type) == "redshift"})

NETWORK = {
    "azs": ["a", "b"],
    "subnets": [
        {"id": "public-a", "cidr": "10.0.0.0/24", "az": "a", "type": "public"},
        {"id": "public-b", "cidr": "10.0.1.0/24", "az": "b", "type": "public"},
        {"id": "app-a", "cidr": "10.0.10.0/24", "az": "a", "type": "private"},
        {"id": "app-b", "cidr": "10.0.11.0/24", "az": "b", "type": "private"},
    ],
}
PRIVATE = ["app-a", "app-b"]


def model(
    ec2: str, rds: tuple[str, str, bool], cache: tuple[str, str], warehouse: str
) -> Architecture:
    instance_class, engine, multi_az = rds
    node_type, cache_engine = cache
    replicated = cache_engine != "memcached"
    data: dict[str, Any] = {
        "name": "drawn",
        "title": "Drawn from the catalogue",
        "region": "us-east-1",
        "traffic": {"users": 1000, "reads_per_month": 2_628_000, "writes_per_month": 262_800},
        "network": NETWORK,
        "components": [
            {"id": "users", "kind": "client"},
            {"id": "web", "kind": "web_server", "instance_type": ec2, "count": 2,
             "subnets": ["public-a", "public-b"]},
            {"id": "db", "kind": "relational_database", "instance_class": instance_class,
             "engine": engine, "multi_az": multi_az, "subnets": PRIVATE},
            {"id": "cache", "kind": "cache", "node_type": node_type, "engine": cache_engine,
             "nodes": 2 if replicated else 1, "automatic_failover": replicated,
             "subnets": PRIVATE},
            {"id": "dw", "kind": "data_warehouse", "node_type": warehouse, "subnets": PRIVATE},
        ],
        "links": [
            {"source": "users", "target": "web", "port": 443},
            {"source": "web", "target": "db"},
            {"source": "web", "target": "cache"},
            {"source": "web", "target": "dw"},
        ],
    }  # fmt: skip
    return Architecture.model_validate(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SIZED_EC2),
    st.sampled_from(RDS),
    st.sampled_from(CACHE),
    st.sampled_from(REDSHIFT),
)
def test_a_model_of_catalogue_types_prices_checks_analyses_and_exports(
    ec2: str, rds: tuple[str, str, bool], cache: tuple[str, str], warehouse: str
) -> None:
    drawn = model(ec2, rds, cache, warehouse)
    priced = estimate(drawn)
    hourly = {line.name: line.price.first_rate for c in priced.components for line in c.lines}
    rate = Catalogue.bundled().rate(ec2, "us-east-1")
    assert rate is not None
    assert hourly[f"Instance usage (Linux, on-demand, {ec2})"] == float(rate.usd)
    assert priced.monthly_usd > 0
    run_checks(drawn)
    report = analyse(drawn)
    assert report.use("web").utilisation > 0
    resources = to_cloudformation(drawn)["Resources"]
    types = {r["Type"] for r in resources.values()}
    assert {"AWS::RDS::DBInstance", "AWS::Redshift::Cluster"} <= types


def test_every_type_the_catalogue_knows_loads_in_a_model() -> None:
    for name in EC2:
        model(name, RDS[0], CACHE[0], REDSHIFT[0])
    for rds in RDS:
        model(EC2[0], rds, CACHE[0], REDSHIFT[0])
    for cache in CACHE:
        model(EC2[0], RDS[0], cache, REDSHIFT[0])


def test_every_ec2_type_the_catalogue_prices_has_a_throughput_figure() -> None:
    """Capacity can size any EC2 type a model may name; a family without a figure would be
    priced but only reported as not analysed (CAP005)."""
    assert sorted(set(EC2) - set(SIZED_EC2)) == []
    drawn = model("t2.small", RDS[0], CACHE[0], REDSHIFT[0])
    assert estimate(drawn).monthly_usd > 0
    assert not [f for f in run_checks(drawn).findings if f.rule_id == "CAP005"]
