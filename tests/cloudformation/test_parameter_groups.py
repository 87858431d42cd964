"""Every RDS primary and its replicas share a parameter group of the engine's family that
logs slow queries and takes TLS connections only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archlib import load
from archlib.cloudformation import render, to_cloudformation
from archlib.model import Architecture
from tests.cloudformation.support import STAGES, lint, resources_of, stage_template


def _groups_of_instances(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Instance -> the parameter group it names."""
    return {
        logical: template["Resources"][r["Properties"]["DBParameterGroupName"]["Ref"]]
        for logical, r in resources_of(template, "AWS::RDS::DBInstance").items()
    }


@pytest.mark.parametrize("path", STAGES[1:], ids=lambda p: p.stem)
def test_mysql_logs_slow_queries_on_primary_and_replicas(path: Path) -> None:
    _, template = stage_template(path)
    groups = _groups_of_instances(template)
    assert groups, "stages 2 to 6 run MySQL on RDS"
    for logical, group in groups.items():
        assert group["Type"] == "AWS::RDS::DBParameterGroup"
        properties = group["Properties"]
        assert properties["Family"] == "mysql8.4", logical
        assert properties["Parameters"] == {
            "slow_query_log": "1",
            "log_output": "FILE",
            "long_query_time": "1",
            "require_secure_transport": "1",
        }
    primaries = {
        k for k, r in resources_of(template, "AWS::RDS::DBInstance").items()
        if "SourceDBInstanceIdentifier" not in r["Properties"]
    }  # fmt: skip
    assert len(resources_of(template, "AWS::RDS::DBParameterGroup")) == len(primaries)


def _postgres(model: Architecture) -> Architecture:
    data = model.model_dump(mode="json", exclude_unset=True, by_alias=True)
    for component in data["components"]:
        if component.get("kind") == "relational_database":
            component["engine"] = "postgres"
            component.pop("engine_version", None)
            component.pop("port", None)
    for link in data["links"]:
        if link.get("port") == 3306:
            link["port"] = 5432
    return Architecture.model_validate(data)


def test_postgres_gets_its_own_family_and_threshold() -> None:
    template = to_cloudformation(_postgres(load(STAGES[3])))
    groups = _groups_of_instances(template)
    assert len(groups) == 3, "the primary and two replicas"
    for group in groups.values():
        assert group["Properties"]["Family"] == "postgres17"
        assert group["Properties"]["Parameters"] == {
            "log_min_duration_statement": "1000",
            "rds.force_ssl": "1",
        }
    rotation = next(iter(resources_of(template, "AWS::SecretsManager::RotationSchedule").values()))
    assert rotation["Properties"]["HostedRotationLambda"]["RotationType"] == (
        "PostgreSQLSingleUser"
    )
    assert lint(render(template)) == []
