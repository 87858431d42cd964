"""`archlib cost` prices what the template adds to operate the design, line by line, named
after the part of the model that asked for it, as many as the template holds (test_census
checks the counts against the template for many more models)."""

from __future__ import annotations

import pytest

from archlib import load
from archlib.cloudformation import to_cloudformation
from archlib.cost import estimate
from archlib.model import Architecture
from archlib.model.traffic import HOURS_PER_MONTH
from tests.cloudformation.support import STAGES, resources_of


def _lines(index: int) -> dict[str, float]:
    priced = estimate(load(STAGES[index])).component("operations")
    return {line.name.split(" (")[0].split(":")[0]: line.monthly_usd for line in priced.lines}


def test_stage_six_prices_endpoints_alarms_trail_and_secrets() -> None:
    model = load(STAGES[5])
    template = to_cloudformation(model)
    operations = estimate(model).component("operations")
    lines = {line.name: line for line in operations.lines}
    endpoints = next(line for name, line in lines.items() if name.startswith("Interface endpoints"))
    interface = [
        e
        for e in resources_of(template, "AWS::EC2::VPCEndpoint").values()
        if e["Properties"]["VpcEndpointType"] == "Interface"
    ]
    assert endpoints.quantity == len(interface) * 2 * HOURS_PER_MONTH
    assert endpoints.monthly_usd == pytest.approx(len(interface) * 2 * HOURS_PER_MONTH * 0.01)
    assert "ssmmessages" in endpoints.name and "secretsmanager" in endpoints.name
    alarms = next(line for name, line in lines.items() if name.startswith("Alarms"))
    assert alarms.quantity >= len(resources_of(template, "AWS::CloudWatch::Alarm"))
    assert "monitoring: detailed" in alarms.name
    assert any(name.startswith("Audit trail (audit_trail)") for name in lines)
    assert any(name.startswith("Operations dashboard (aggregate_metrics)") for name in lines)
    secrets = next(line for name, line in lines.items() if name.startswith("Secrets"))
    assert secrets.quantity == 3, "the master's, the application user's, the cache AUTH token"
    assert secrets.monthly_usd == pytest.approx(1.20)


def test_stage_one_prices_the_data_volume_and_its_backups() -> None:
    lines = _lines(0)
    assert lines["Data volume of the database on the host"] == pytest.approx(100 * 0.08)
    assert lines["Backups of the database volume on the host"] == pytest.approx(100 * 0.05)
    assert "Audit trail" not in lines


def test_only_volumes_with_a_backup_plan_are_priced_for_backups() -> None:
    data = load(STAGES[0]).model_dump(mode="json", exclude_unset=True, by_alias=True)
    data["components"] += [
        {"id": "spare", "kind": "host", "instance_type": "m6i.large", "subnets": ["public-a"]},
        {
            "id": "scratch",
            "kind": "relational_database",
            "host": "spare",
            "storage_gb": 50,
            "backup_retention_days": 0,
        },
    ]
    model = Architecture.model_validate(data)
    lines = {line.name: line for line in estimate(model).component("operations").lines}
    volumes = lines["Data volume of the database on the host (gp3, outlives the instance)"]
    assert volumes.quantity == 100 + 50
    backups = lines["Backups of the database volume on the host (backup_retention_days)"]
    assert backups.quantity == 100, "the scratch database's volume has no backup plan"
    assert len(resources_of(to_cloudformation(model), "AWS::Backup::BackupPlan")) == 1


def test_the_estimate_total_includes_the_operations() -> None:
    priced = estimate(load(STAGES[5]))
    others = sum(c.monthly_usd for c in priced.components if c.id != "operations")
    assert priced.monthly_usd == pytest.approx(others + priced.component("operations").monthly_usd)
    assert priced.component("operations").monthly_usd > 0
