"""The structure a reviewer expects to see, checked on the scene every format is drawn from."""

from __future__ import annotations

import pytest

from archlib import load
from archlib.drawing.highlight import Mark
from archlib.drawing.scene import Scene, SceneCluster, build_scene
from archlib.model import Architecture
from archlib.model.components import LayoutHint
from tests.drawing.conftest import MODELS, small_model


def _scene(stage: str) -> Scene:
    return build_scene(load(MODELS / f"{stage}.yaml"))


def _cluster_of(scene: Scene, node: str) -> list[SceneCluster]:
    """The clusters around a node, outermost first."""

    def search(cluster: SceneCluster, trail: list[SceneCluster]) -> list[SceneCluster] | None:
        if node in cluster.nodes:
            return trail
        for child in cluster.clusters:
            found = search(child, [*trail, child])
            if found is not None:
                return found
        return None

    found = search(scene.root, [])
    assert found is not None, node
    return found


def test_vpc_holds_subnet_tiers_and_managed_services_stay_outside() -> None:
    """Public subnets green and private ones blue, as AWS's architecture icons draw them."""
    scene = _scene("6-users-plus-5")
    assert [c.style for c in _cluster_of(scene, "lb")] == ["vpc", "public_subnets"]
    assert _cluster_of(scene, "lb")[1].label == "public subnets (a: 10.0.0.0/24, b: 10.0.1.0/24)"
    assert _cluster_of(scene, "cache")[1].label.startswith("data: private subnets")
    assert _cluster_of(scene, "cache")[1].style == "private_subnets"
    for regional in ("users", "dns", "cdn", "static", "queue", "nosql"):
        assert _cluster_of(scene, regional) == []


def test_each_autoscaling_group_is_an_autoscale_cluster() -> None:
    scene = _scene("6-users-plus-5")
    for tier in ("web", "read-api", "write-api", "write-async-api", "worker"):
        innermost = _cluster_of(scene, tier)[-1]
        assert innermost.style == "autoscale"
        assert innermost.label.startswith("Autoscale")
        assert innermost.nodes == [tier]
    assert scene.nodes["web"].detail == "x4-16, 2 AZs"


def test_fixed_fleets_show_their_count_and_spread() -> None:
    scene = _scene("4-users-plus-3")
    assert scene.nodes["web"].detail == "x4, 2 AZs"
    assert scene.nodes["replicas"].detail == "x2 replicas, 2 AZs"
    assert scene.nodes["mysql"].title == "MySQL (primary + standby)"
    assert scene.nodes["mysql"].detail == "2 AZs"  # not "primary + standby" twice
    assert _scene("2-users-plus").nodes["mysql"].detail == "single instance"


def test_master_replicas_and_their_balancer_are_grouped_on_one_row() -> None:
    scene = _scene("6-users-plus-5")
    group = _cluster_of(scene, "mysql")[-1]
    assert group.style == "sql"
    assert group.nodes == ["mysql", "replica-lb", "replicas"]
    assert any({"mysql", "replicas"} <= set(row) for row in scene.rows)


def test_single_box_draws_its_host_as_a_cluster_around_what_runs_on_it() -> None:
    scene = _scene("1-single-box")
    host = _cluster_of(scene, "web")[-1]
    assert host.style == "host"
    assert host.nodes == ["web", "mysql"]
    assert "box" not in scene.nodes
    assert host.label == "EC2 instance m6i.large, AZ a, Elastic IP"


def test_link_modes_and_parallel_ports_become_one_edge_each() -> None:
    scene = _scene("6-users-plus-5")
    edges = {(e.tail, e.head): e for e in scene.edges}
    assert edges[("users", "lb")].label == "port 443: HTTPS\nport 80: redirect to HTTPS"
    assert edges[("mysql", "replicas")].mode == "replication"
    assert edges[("write-async-api", "queue")].mode == "async"
    assert edges[("read-api", "cache")].soft


def test_a_worker_polling_a_queue_is_laid_out_below_it() -> None:
    scene = _scene("6-users-plus-5")
    poll = next(e for e in scene.edges if {e.tail, e.head} == {"worker", "queue"})
    assert (poll.tail, poll.head, poll.backwards) == ("queue", "worker", True)
    row = {node: n for n, members in enumerate(scene.rows) for node in members}
    assert row["users"] < row["lb"] < row["web"] < row["read-api"] < row["mysql"]


def test_subnet_tiers_stack_without_sharing_a_row() -> None:
    scene = _scene("6-users-plus-5")
    row = {node: n for n, members in enumerate(scene.rows) for node in members}
    app = [row[n] for n in ("web", "read-api", "write-api", "worker") if n in row]
    data = [row[n] for n in ("cache", "mysql", "replicas", "warehouse") if n in row]
    assert max(app) < min(data)


def test_dns_sits_beside_the_client() -> None:
    scene = _scene("3-users-plus-2")
    assert any({"users", "dns"} <= set(row) for row in scene.rows)


def test_stated_rank_hint_wins() -> None:
    model = small_model()
    web = model.component("web")
    web.layout = LayoutHint(rank=0, group="front door")
    scene = build_scene(model)
    assert any({"users", "web"} <= set(row) for row in scene.rows)
    assert _cluster_of(scene, "web")[-1].label == "front door"


def test_highlight_must_name_existing_components() -> None:
    with pytest.raises(ValueError, match="unknown components: nope"):
        build_scene(small_model(), {"nope": Mark("spof")})


def test_a_label_that_says_nothing_of_failover_gets_it_in_the_detail() -> None:
    model = load(MODELS / "4-users-plus-3.yaml")
    model.component("mysql").label = "Orders DB"
    assert build_scene(model).nodes["mysql"].detail == "primary + standby, 2 AZs"


def test_a_lambda_function_without_subnets_is_drawn_outside_the_vpc() -> None:
    """An imported stack's Lambda functions run in the Lambda service unless the template
    gives them subnets: the default VPC the import assumes holds nothing of theirs."""
    model = Architecture.model_validate(
        {
            "name": "functions",
            "title": "Functions",
            "traffic": {"users": 1, "reads_per_month": 10, "writes_per_month": 1},
            "network": {
                "azs": ["a"],
                "subnets": [{"id": "public-a", "cidr": "10.0.0.0/24", "az": "a", "type": "public"}],
            },
            "components": [
                {"id": "handler", "kind": "worker", "runtime": "lambda"},
                {
                    "id": "web",
                    "kind": "web_server",
                    "instance_type": "t3.micro",
                    "subnets": ["public-a"],
                },
            ],
        }
    )
    scene = build_scene(model)
    assert _cluster_of(scene, "handler") == []
    assert [c.style for c in _cluster_of(scene, "web")] == ["vpc", "public_subnets"]
