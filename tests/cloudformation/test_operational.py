"""Windows, Performance Insights and the alarms on load: unhealthy targets, RDS memory,
volume queue and connections, Redis engine CPU and memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlib.cloudformation.dbwindows import (
    BACKUP_WINDOW,
    MAINTENANCE_WINDOW,
    supports_insights,
)
from tests.cloudformation.support import STAGES, resources_of, stage_template


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def test_backups_end_before_maintenance_begins() -> None:
    backup_start, backup_end = (_minutes(t) for t in BACKUP_WINDOW.split("-"))
    day_start, day_end = MAINTENANCE_WINDOW.split("-")
    assert day_start.startswith("sun:") and day_end.startswith("sun:")
    assert backup_end <= _minutes(day_start.removeprefix("sun:")) - 30, "half an hour apart"
    assert backup_start < backup_end


def test_insights_where_the_class_offers_them() -> None:
    assert supports_insights("db.m6i.xlarge") and supports_insights("db.t3.medium")
    assert not supports_insights("db.t3.micro") and not supports_insights("db.t4g.small")


@pytest.mark.parametrize("path", STAGES[1:], ids=lambda p: p.stem)
def test_rds_instances_state_their_windows_and_record_their_load(path: Path) -> None:
    _, template = stage_template(path)
    for logical, resource in resources_of(template, "AWS::RDS::DBInstance").items():
        properties = resource["Properties"]
        assert properties["PreferredMaintenanceWindow"] == MAINTENANCE_WINDOW
        replica = "SourceDBInstanceIdentifier" in properties
        assert ("PreferredBackupWindow" in properties) is not replica, logical
        assert properties["EnablePerformanceInsights"] is True
        assert properties["PerformanceInsightsRetentionPeriod"] == 7, "the free tier"


def test_stage_six_alarms_on_load() -> None:
    _, template = stage_template(STAGES[5])
    alarms = resources_of(template, "AWS::CloudWatch::Alarm")
    memory = alarms["MysqlFreeableMemoryAlarm"]["Properties"]
    assert memory["MetricName"] == "FreeableMemory"
    assert memory["Threshold"] == round(64 * 1024**3 * 0.1), "10% of db.r6i.2xlarge's 64 GiB"
    connections = alarms["MysqlConnectionsAlarm"]["Properties"]
    assert connections["Threshold"] == round((64 * 1024**3 // 12_582_880) * 0.8)
    assert alarms["MysqlDiskQueueAlarm"]["Properties"]["MetricName"] == "DiskQueueDepth"
    groups = resources_of(template, "AWS::ElasticLoadBalancingV2::TargetGroup")
    unhealthy = {k: a for k, a in alarms.items() if k.endswith("UnhealthyHostsAlarm")}
    assert len(unhealthy) == len(groups), "one per target group"
    for logical, alarm in unhealthy.items():
        group = logical.removesuffix("UnhealthyHostsAlarm") + "TargetGroup"
        dimensions = {d["Name"]: d["Value"] for d in alarm["Properties"]["Dimensions"]}
        assert dimensions["TargetGroup"] == {"Fn::GetAtt": [group, "TargetGroupFullName"]}
        assert alarm["Properties"]["MetricName"] == "UnHealthyHostCount"
    for name, metric in (
        ("CacheEngineCpuAlarm", "EngineCPUUtilization"),
        ("CacheMemoryAlarm", "DatabaseMemoryUsagePercentage"),
    ):
        metrics = alarms[name]["Properties"]["Metrics"]
        assert metrics[-1]["Expression"] == "MAX(METRICS())", "the busiest node"
        assert {m["MetricStat"]["Metric"]["MetricName"] for m in metrics[:-1]} == {metric}
        assert alarms[name]["Properties"]["Threshold"] == 80


@pytest.mark.parametrize("path", STAGES[3:], ids=lambda p: p.stem)
def test_redis_is_pinned_and_its_sessions_are_snapshotted(path: Path) -> None:
    model, template = stage_template(path)
    (group,) = resources_of(template, "AWS::ElastiCache::ReplicationGroup").values()
    properties = group["Properties"]
    assert properties["EngineVersion"] == "7.1"
    family = "default.redis7.cluster.on" if properties["NumNodeGroups"] > 1 else "default.redis7"
    assert properties["CacheParameterGroupName"] == family
    sessions = any(link.traffic == "sessions" for link in model.links_to("cache"))
    assert sessions, "stages 4 to 6 keep the web sessions in the cache"
    assert properties["SnapshotRetentionLimit"] == 1
    assert properties["SnapshotWindow"] == "02:00-03:00"
