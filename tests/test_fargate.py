"""A tier on Fargate: sized as Fargate allows, priced per vCPU-hour and GB-hour, sized for
capacity from its task, refused by the exporter, and imported from ECS services."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from archlib.capacity import analyse
from archlib.capacity.assumptions import default_assumptions
from archlib.checks import run_checks
from archlib.cloudformation import to_cloudformation
from archlib.cost import estimate
from archlib.errors import InputError
from archlib.importers.cfn.importer import import_template
from archlib.model import Architecture
from archlib.model.components.fargate import MEMORY_GB, FargateTask, memory_choices
from tests.importers.support import corpus

NETWORK = {
    "azs": ["a", "b"],
    "subnets": [
        {"id": "public-a", "cidr": "10.0.0.0/24", "az": "a", "type": "public"},
        {"id": "public-b", "cidr": "10.0.1.0/24", "az": "b", "type": "public"},
        {"id": "app-a", "cidr": "10.0.10.0/24", "az": "a", "type": "private"},
        {"id": "app-b", "cidr": "10.0.11.0/24", "az": "b", "type": "private"},
    ],
}


def model(fargate: dict[str, Any], **tier: Any) -> Architecture:
    return Architecture.model_validate(
        {
            "name": "tasks",
            "title": "Tasks on Fargate",
            "region": "us-east-1",
            "traffic": {"users": 1000, "reads_per_month": 2_628_000, "writes_per_month": 262_800},
            "network": NETWORK,
            "components": [
                {"id": "users", "kind": "client"},
                {"id": "lb", "kind": "load_balancer", "subnets": ["public-a", "public-b"]},
                {"id": "api", "kind": "app_server", "subnets": ["app-a", "app-b"],
                 "count": 2, "fargate": fargate, **tier},
            ],
            "links": [
                {"source": "users", "target": "lb", "port": 443},
                {"source": "lb", "target": "api"},
            ],
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    ("vcpu", "memory_gb"),
    [(0.25, 0.5), (0.25, 2), (0.5, 4), (1, 2), (2, 16), (4, 30), (8, 60), (16, 32), (16, 120)],
)
def test_fargate_sizes_aws_offers_are_accepted(vcpu: float, memory_gb: float) -> None:
    assert FargateTask(vcpu=vcpu, memory_gb=memory_gb).memory_gb == memory_gb


@pytest.mark.parametrize(
    ("vcpu", "memory_gb"),
    [(0.25, 4), (0.5, 0.5), (1, 9), (4, 31), (8, 18), (16, 36), (3, 8), (2, 4.5)],
)
def test_sizes_fargate_does_not_offer_are_refused(vcpu: float, memory_gb: float) -> None:
    with pytest.raises(ValidationError, match="Fargate"):
        FargateTask(vcpu=vcpu, memory_gb=memory_gb)


def test_a_fargate_tier_states_no_instance_type() -> None:
    with pytest.raises(ValidationError, match="runs on Fargate, which has no instance_type"):
        model({"vcpu": 1, "memory_gb": 2}, instance_type="m6i.large")


def test_tasks_are_priced_per_vcpu_hour_and_gb_hour() -> None:
    lines = {line.name: line for c in estimate(model({"vcpu": 0.5, "memory_gb": 1})).components
             for line in c.lines if c.id == "api"}  # fmt: skip
    vcpu = lines["Fargate vCPU (Linux/x86, 0.5 vCPU per task)"]
    memory = lines["Fargate memory (Linux/x86, 1 GB per task)"]
    assert vcpu.quantity == 2 * 730 * 0.5 and vcpu.price.first_rate == 0.04048
    assert memory.quantity == 2 * 730 * 1 and memory.price.first_rate == 0.004445
    assert round(vcpu.quantity * 0.04048 + memory.quantity * 0.004445, 2) == 36.04
    assert not any("Instance usage" in name for name in lines)


def test_arm_tasks_take_the_arm_rates() -> None:
    priced = estimate(model({"vcpu": 1, "memory_gb": 2, "architecture": "arm64"}))
    rates = {line.name: line.price.first_rate for c in priced.components for line in c.lines}
    assert rates["Fargate vCPU (Linux/ARM, 1 vCPU per task)"] == 0.03238
    assert rates["Fargate memory (Linux/ARM, 2 GB per task)"] == 0.00356


def test_capacity_is_sized_from_the_task_vcpus_once_a_figure_is_given() -> None:
    drawn = model({"vcpu": 2, "memory_gb": 4})
    with pytest.raises(InputError, match="no throughput figure for Fargate tasks"):
        analyse(drawn)
    assert [f.rule_id for f in run_checks(drawn).findings if f.rule_id == "CAP005"] == ["CAP005"]
    given = default_assumptions().with_overrides(
        {"instance_families": {"fargate": {"value": 1.0, "basis": "stated for the test"}}},
        "test",
    )
    one = analyse(model({"vcpu": 1, "memory_gb": 2}), given).use("api").utilisation
    two = analyse(model({"vcpu": 2, "memory_gb": 4}), given).use("api").utilisation
    assert one == pytest.approx(2 * two)


def test_the_exporter_refuses_a_fargate_tier_in_one_line() -> None:
    with pytest.raises(InputError) as caught:
        to_cloudformation(model({"vcpu": 1, "memory_gb": 2}))
    assert "\n" not in str(caught.value) and "Fargate" in str(caught.value)


def test_corpus_fargate_service_imports_with_its_task_size() -> None:
    result = import_template(corpus() / "ECS/FargateLaunchType/services/public-service.yaml")
    (tier,) = [c for c in result.model.components if c.kind == "app_server"]
    assert tier.fargate == FargateTask(vcpu=0.25, memory_gb=0.5)
    assert tier.instance_type is None
    assert any("on Fargate" in text for text in result.report.assumptions)
    names = [line.name for c in estimate(result.model).components for line in c.lines]
    assert "Fargate vCPU (Linux/x86, 0.25 vCPU per task)" in names


def test_given_task_size_parameters_are_used() -> None:
    path = corpus() / "ECS/FargateLaunchType/services/public-service.yaml"
    result = import_template(path, {"ContainerCpu": "1024", "ContainerMemory": "3072"})
    (tier,) = [c for c in result.model.components if c.kind == "app_server"]
    assert tier.fargate == FargateTask(vcpu=1, memory_gb=3)


def test_ecs_on_ec2_capacity_is_the_clusters_group() -> None:
    result = import_template(corpus() / "ECS/ECS_Schedule_Example.yaml")
    (group,) = [c for c in result.model.components if c.id == "ecs"]
    assert group.instance_type is not None and group.fargate is None
    mapped = {c.component: c.absorbed for c in result.report.components}
    assert "Service" in mapped["ecs"]


def test_ecs_on_ec2_without_its_instances_says_the_cost_is_the_clusters(tmp_path: Path) -> None:
    document = {
        "Resources": {
            "Task": {"Type": "AWS::ECS::TaskDefinition",
                     "Properties": {"ContainerDefinitions": []}},
            "Service": {"Type": "AWS::ECS::Service",
                        "Properties": {"Cluster": "shared", "TaskDefinition": {"Ref": "Task"}}},
            "Queue": {"Type": "AWS::SQS::Queue", "Properties": {}},
        }
    }  # fmt: skip
    path = tmp_path / "template.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = import_template(path)
    reasons = {item.logical_id: item.reason for item in result.report.not_modelled}
    assert "its cost is the cluster's" in reasons["Service"]


SIZES = [(vcpu, float(memory)) for vcpu in MEMORY_GB for memory in memory_choices(vcpu)]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(SIZES), st.integers(1, 20), st.sampled_from(["x86_64", "arm64"]))
def test_any_fargate_size_costs_its_vcpus_and_memory_at_the_published_rates(
    size: tuple[float, float], tasks: int, architecture: str
) -> None:
    vcpu, memory_gb = size
    drawn = model({"vcpu": vcpu, "memory_gb": memory_gb, "architecture": architecture})
    drawn = drawn.model_copy(
        update={
            "components": [
                c.model_copy(update={"count": tasks}) if c.id == "api" else c
                for c in drawn.components
            ]
        }
    )
    (api,) = [c for c in estimate(drawn).components if c.id == "api"]
    vcpu_rate, gb_rate = (0.03238, 0.00356) if architecture == "arm64" else (0.04048, 0.004445)
    expected = tasks * 730 * (vcpu * vcpu_rate + memory_gb * gb_rate)
    assert api.monthly_usd == pytest.approx(expected)
