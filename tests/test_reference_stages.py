"""The six bundled stages load and say what the reference design says."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from archlib import load
from archlib.model import (
    Architecture,
    Cache,
    Cdn,
    ComputeTier,
    Host,
    LoadBalancer,
    NoSqlTable,
    Queue,
    RelationalDatabase,
    WebServer,
    Worker,
)
from tests.conftest import STAGE_FILES, STAGES_DIR, CliResult


@pytest.fixture(scope="module")
def stages() -> list[Architecture]:
    return [load(path) for path in STAGE_FILES]


def test_six_stages_in_order(stages: list[Architecture]) -> None:
    assert [s.stage.number for s in stages if s.stage] == [1, 2, 3, 4, 5, 6]
    assert STAGE_FILES[0].name == "1-single-box.yaml"
    assert STAGE_FILES[-1].name == "6-users-plus-5.yaml"


def test_users_grow_and_ratio_stays_100_to_1(stages: list[Architecture]) -> None:
    users = [s.traffic.users for s in stages]
    assert users == sorted(users)
    for stage in stages:
        assert stage.traffic.reads_per_month == 100 * stage.traffic.writes_per_month
    assert all(s.traffic.users_illustrative for s in stages[:5])
    assert not stages[5].traffic.users_illustrative


def test_stage_1_runs_web_and_mysql_on_one_box(stages: list[Architecture]) -> None:
    box = stages[0]
    (host,) = box.of_type(Host)
    assert {c.id for c in box.hosted_on(host.id)} == {"web", "mysql"}
    assert host.elastic_ip
    assert box.network.azs == ["a"]
    web = box.component("web")
    assert isinstance(web, WebServer) and web.egress == "none"
    ssh = [rule for rule in host.ingress if rule.port == 22]
    assert ssh and all(not rule.is_world_open for rule in ssh)


def test_stage_2_splits_database_and_static_content(stages: list[Architecture]) -> None:
    stage = stages[1]
    (db,) = stage.of_type(RelationalDatabase)
    assert db.instance_class and not db.multi_az and db.encrypted
    (web,) = stage.of_type(WebServer)
    assert web.count == 1
    assert [s.type for s in stage.subnets_of(web)] == ["public"]
    assert all(s.type == "private" for s in stage.subnets_of(db))
    assert {link.source for link in stage.links_to(db.id)} == {"web"}


@pytest.mark.parametrize("number", [3, 4, 5, 6])
def test_later_stages_spread_every_tier_over_two_azs(
    stages: list[Architecture], number: int
) -> None:
    stage = stages[number - 1]
    for component in stage.components:
        if isinstance(component, ComputeTier | LoadBalancer | Cache | RelationalDatabase):
            assert len(stage.azs_of(component)) >= 2, component.id
        if isinstance(component, ComputeTier):
            assert component.min_instances >= 2, component.id
    (primary,) = (db for db in stage.of_type(RelationalDatabase) if not db.is_replica)
    assert primary.multi_az
    assert any(isinstance(c, Cdn) for c in stage.components)


def test_stage_4_adds_cache_and_replicas(stages: list[Architecture]) -> None:
    stage = stages[3]
    replicas = [db for db in stage.of_type(RelationalDatabase) if db.is_replica]
    assert replicas and replicas[0].count >= 2
    cache_reads = [link for link in stage.links_to("cache") if link.source == "read-api"]
    assert [link.dependency for link in cache_reads] == ["soft"]
    assert any(link.mode == "replication" for link in stage.links_from("mysql"))


def test_stage_5_autoscales_every_server_tier(stages: list[Architecture]) -> None:
    four, five = stages[3], stages[4]
    for tier in five.of_type(ComputeTier):
        assert tier.autoscaling is not None, tier.id
        fixed = four.component(tier.id)
        assert isinstance(fixed, ComputeTier)
        assert tier.autoscaling.max >= fixed.count
        assert tier.autoscaling.min < fixed.count or fixed.count == tier.autoscaling.min
    assert five.operations.log_analysis and five.operations.incident_notification


def test_stage_6_goes_asynchronous(stages: list[Architecture]) -> None:
    stage = stages[5]
    assert any(isinstance(c, Queue) for c in stage.components)
    assert any(isinstance(c, NoSqlTable) for c in stage.components)
    (worker,) = stage.of_type(Worker)
    assert worker.autoscaling is not None
    assert {link.mode for link in stage.links_to("queue")} == {"async"}
    assert len(stage.components) >= 20


def test_usage_json_reproduces_the_source_figures(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("usage", STAGES_DIR / "6-users-plus-5.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["new_content_tb_per_month"] == pytest.approx(1.0)
    assert figures["content_tb_retained"] == pytest.approx(36.0)
    assert figures["rounded"]["writes_per_second"] == pytest.approx(400)
    assert figures["rounded"]["reads_per_second"] == pytest.approx(40_000)
    assert figures["exact"]["writes_per_second"] == pytest.approx(380.5, abs=0.1)
    assert figures["exact"]["reads_per_second"] == pytest.approx(38_051.8, abs=0.1)
    assert figures["peak"]["reads_per_second"] == pytest.approx(3 * 38_051.75, rel=1e-6)


def test_show_json_lists_every_component_and_link(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("show", STAGES_DIR, "--format", "json")
    assert result.exit_code == 0, result.stderr
    documents = json.loads(result.stdout)
    assert len(documents) == 6
    stage3 = documents[2]
    web = next(c for c in stage3["components"] if c["id"] == "web")
    assert web["instances"] == {"min": 2, "baseline": 2, "max": 2}
    assert web["azs"] == ["a", "b"]
    assert next(c for c in stage3["components"] if c["id"] == "lb")["internet_facing"]
    assert {"source": "users", "target": "lb", "port": 443}.items() <= stage3["links"][3].items()


def test_show_table_mentions_components(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("show", STAGES_DIR / "1-single-box.yaml")
    assert result.exit_code == 0
    assert "on box" in result.stdout
    assert "Stage 1: single box" in result.stdout
