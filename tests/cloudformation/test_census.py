"""The census the cost counts the stack's operations from equals the template `archlib cfn`
writes: for the stages, variants that turn each counted part on or off, and generated models.
Both come from the exporter's decisions; a change to one side alone fails here."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from archlib import load
from archlib.cloudformation import to_cloudformation
from archlib.cloudformation.census import StackCensus, stack_census
from archlib.errors import InputError
from archlib.model import Architecture
from tests.cloudformation.strategies import architectures as exportable_architectures
from tests.cloudformation.support import STAGES, resources_of
from tests.strategies import architectures

IDS = [p.stem for p in STAGES]


def _alarm_metrics(alarm: dict[str, Any]) -> int:
    """CloudWatch bills a metric math alarm per metric it reads."""
    metrics = alarm["Properties"].get("Metrics")
    if metrics is None:
        return 1
    return sum(1 for metric in metrics if "MetricStat" in metric)


def _counted_in(template: dict[str, Any]) -> dict[str, Any]:
    """The census's quantities, read from the resources of the template."""
    endpoints = [
        e
        for e in resources_of(template, "AWS::EC2::VPCEndpoint").values()
        if e["Properties"]["VpcEndpointType"] == "Interface"
    ]
    instances = resources_of(template, "AWS::RDS::DBInstance").values()
    return {
        "interface_services": tuple(
            e["Properties"]["ServiceName"]["Fn::Sub"].rsplit(".", 1)[1] for e in endpoints
        ),
        "endpoint_zones": {len(e["Properties"]["SubnetIds"]) for e in endpoints},
        "alarm_metrics": tuple(
            _alarm_metrics(a) for a in resources_of(template, "AWS::CloudWatch::Alarm").values()
        ),
        "alarm_topic": len(resources_of(template, "AWS::SNS::Topic")),
        "dashboards": len(resources_of(template, "AWS::CloudWatch::Dashboard")),
        "trails": len(resources_of(template, "AWS::CloudTrail::Trail")),
        "rds_managed_secrets": sum(
            1 for d in instances if d["Properties"].get("ManageMasterUserPassword")
        ),
        "template_secrets": len(resources_of(template, "AWS::SecretsManager::Secret")),
        "data_volumes": tuple(
            int(v["Properties"]["Size"])
            for v in resources_of(template, "AWS::EC2::Volume").values()
        ),
        "backup_plans": len(resources_of(template, "AWS::Backup::BackupPlan")),
        "private_zones": len(resources_of(template, "AWS::Route53::HostedZone")),
    }


def _as_counted(census: StackCensus) -> dict[str, Any]:
    services = census.interface_services
    return {
        "interface_services": services,
        "endpoint_zones": {census.endpoint_zones} if services else set(),
        "alarm_metrics": census.alarm_metrics,
        "alarm_topic": int(census.alarm_topic),
        "dashboards": census.dashboards,
        "trails": census.trails,
        "rds_managed_secrets": census.rds_managed_secrets,
        "template_secrets": census.template_secrets,
        "data_volumes": tuple(v.size_gb for v in census.data_volumes),
        "backup_plans": sum(1 for v in census.data_volumes if v.backed_up),
        "private_zones": census.private_zones,
    }


def assert_census_matches(model: Architecture) -> None:
    """The same counts, or the same refusal."""
    try:
        template = to_cloudformation(model)
    except InputError as refused:
        with pytest.raises(InputError) as error:
            stack_census(model)
        assert error.value.message == refused.message
        return
    assert _as_counted(stack_census(model)) == _counted_in(template)


def _edited(model: Architecture, operations: dict[str, Any], **components: Any) -> Architecture:
    """The model with operations settings replaced and components' fields updated."""
    data = model.model_dump(mode="json", exclude_unset=True, by_alias=True)
    data["operations"] = {**data.get("operations", {}), **operations}
    for component in data["components"]:
        component.update(components.get(component["id"], {}))
    return Architecture.model_validate(data)


@pytest.mark.parametrize("path", STAGES, ids=IDS)
def test_each_stage(path: Any) -> None:
    assert_census_matches(load(path))


SHARDS = [{"name": "a"}, {"name": "b"}]
ALL_METRICS = ["cpu", "latency", "error_rate", "replica_lag", "cache_hit_rate"]
VARIANTS: dict[str, tuple[int, dict[str, Any], dict[str, Any]]] = {
    "no monitoring": (5, {"monitoring": "none"}, {}),
    "alarms notify no one": (5, {"incident_notification": False}, {}),
    "no dashboard, trail or logs": (
        5,
        {"aggregate_metrics": False, "audit_trail": False, "log_analysis": False},
        {},
    ),
    "every metric, every stage": (3, {"metrics": ALL_METRICS, "incident_notification": True}, {}),
    "a single box with every metric": (0, {"metrics": ALL_METRICS, "audit_trail": True}, {}),
    "a single box without backups": (0, {}, {"mysql": {"backup_retention_days": 0}}),
    "memcached": (
        5,
        {},
        {"cache": {"engine": "memcached", "automatic_failover": False, "multi_az": False}},
    ),
    "redis without TLS": (5, {}, {"cache": {"encrypted_in_transit": False}}),
    "a cache too large for one alarm": (5, {}, {"cache": {"shards": 4, "nodes": 3}}),
    "a queue without dead letters": (5, {}, {"queue": {"dead_letter_queue": False}}),
    "a partitioned primary": (
        5,
        {},
        {"mysql": {"partitioning": {"strategy": "sharding", "partitions": SHARDS}}},
    ),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variants_that_turn_each_count_on_or_off(name: str) -> None:
    stage, operations, components = VARIANTS[name]
    assert_census_matches(_edited(load(STAGES[stage]), operations, **components))


def test_a_refused_model_is_refused_with_the_exporter_s_words() -> None:
    data = load(STAGES[5]).model_dump(mode="json", exclude_unset=True, by_alias=True)
    data["components"] += [{"id": "jobs-a", "kind": "queue"}, {"id": "jobs--a", "kind": "queue"}]
    clashing = Architecture.model_validate(data)
    with pytest.raises(InputError, match="two resources would be named JobsA"):
        stack_census(clashing)
    assert_census_matches(clashing)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(architectures())
def test_generated_models(model: Architecture) -> None:
    assert_census_matches(model)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exportable_architectures())
def test_generated_exportable_models(model: Architecture) -> None:
    assert_census_matches(model)
