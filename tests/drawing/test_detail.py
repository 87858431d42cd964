"""Levels of detail, NAT egress, partitioning and the labels a reader relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from archlib import load
from archlib.cli.app import app
from archlib.drawing import render
from archlib.drawing.detail import choose
from archlib.drawing.highlight import Mark
from archlib.drawing.scene import Scene, build_scene
from archlib.model import Architecture, Link
from archlib.model.components.data import Partitioning
from tests.drawing.conftest import MODELS, STAGES
from tests.drawing.large import large_model

runner = CliRunner()


def _stage(name: str) -> Architecture:
    return load(MODELS / f"{name}.yaml")


def _edges(scene: Scene) -> dict[tuple[str, str], str]:
    return {(e.tail, e.head): e.label for e in scene.edges}


def test_stages_default_to_tiers_and_a_large_stack_to_an_overview() -> None:
    assert {choose(load(path), None) for path in STAGES} == {"tiers"}
    assert choose(large_model(), None) == "overview"
    assert choose(large_model(), "full") == "full"
    with pytest.raises(ValueError, match="unknown detail 'some'"):
        choose(large_model(), "some")  # type: ignore[arg-type]


def test_tiers_fold_each_autoscaling_group_into_its_tier() -> None:
    model = _stage("6-users-plus-5")
    tiers = build_scene(model, detail="tiers")
    assert not [c for c in tiers.clusters() if c.style == "autoscale"]
    assert tiers.nodes["web"].detail == "autoscale 4-16, baseline 4, 2 AZs"
    full = build_scene(model, detail="full")
    assert len([c for c in full.clusters() if c.style == "autoscale"]) == 5
    assert set(full.nodes) == set(tiers.nodes)


def test_overview_hides_subnets_and_plumbing_and_keeps_what_requests_pass() -> None:
    scene = build_scene(_stage("6-users-plus-5"), detail="overview")
    assert {c.style for c in scene.clusters()} == {"sql"}
    hidden = {"nat-a", "nat-b", "read-lb", "write-lb", "async-lb", "replica-lb"}
    assert not hidden & set(scene.nodes)
    edges = _edges(scene)
    assert edges[("web", "read-api")] == "port 80: reads"  # through the folded internal LB
    assert edges[("read-api", "replicas")] == "port 3306: SQL reads (cache misses)"
    assert ("lb", "web") in edges  # the internet-facing balancer stays


def test_overview_merges_fleets_and_combines_their_labels() -> None:
    scene = build_scene(large_model(), detail="overview")
    fleet = scene.nodes["application-server--all"]
    assert (fleet.title, fleet.detail) == ("Application Server", "24 components")
    assert scene.nodes["mysql-read-replicas--all--sql-all"].detail == "8 components"
    edges = {(e.tail, e.head): e for e in scene.edges}
    assert edges[("web", "application-server--all")].label == (
        "port 80: svc00\nport 80: svc01\n+22 more"
    )
    replication = edges[("mysql--all--sql-all", "mysql-read-replicas--all--sql-all")]
    assert replication.mode == "replication"
    assert len(scene.nodes) <= 15


def test_nat_gateways_connect_to_the_subnets_they_serve() -> None:
    scene = build_scene(_stage("6-users-plus-5"), detail="tiers")
    egress = [e for e in scene.edges if e.mode == "egress"]
    assert [(e.tail, e.head, e.backwards) for e in egress] == [
        ("nat-a", "tier-app", True),
        ("nat-b", "tier-app", True),
    ]
    assert scene.endpoint("tier-app")[1] == "tier-app"
    dot = render(_stage("6-users-plus-5"), ("dot",))["dot"].decode()
    assert '"nat-a" -> "title-tier-app"' in dot and "dir=back" in dot
    assert "outbound internet traffic through a NAT gateway" in dot
    mermaid = render(_stage("6-users-plus-5"), ("mermaid",))["mermaid"].decode()
    assert "c_tier_app -.-> n_nat_a" in mermaid  # outbound: the arrow at the NAT


def _sharded() -> Architecture:
    model = _stage("6-users-plus-5")
    model.component("mysql").partitioning = Partitioning.model_validate(  # type: ignore[union-attr]
        {
            "strategy": "sharding",
            "partitions": [
                {"name": "customers-a-m", "description": "Customers A-M"},
                {"name": "customers-n-z", "description": "Customers N-Z"},
            ],
        }
    )
    return model


def test_a_partitioned_database_is_drawn_as_its_shards() -> None:
    scene = build_scene(_sharded(), {"mysql": Mark("capacity")}, detail="tiers")
    part = next(c for c in scene.clusters() if c.style == "partition")
    assert part.label == "MySQL (primary + standby): sharding, 2 shards"
    assert part.nodes == ["mysql--customers-a-m", "mysql--customers-n-z"]
    assert [scene.nodes[n].title for n in part.nodes] == ["Customers A-M", "Customers N-Z"]
    assert part.mark is not None and part.mark.category == "capacity"
    assert ("mysql--customers-a-m", "mysql--customers-n-z") in scene.order
    assert scene.endpoint("mysql") == ("mysql--customers-a-m", "part-mysql")
    assert _edges(scene)[("write-api", "mysql")] == "SQL writes"
    dot = render(_sharded(), ("dot",))["dot"].decode()
    assert 'lhead="cluster_part-mysql"' in dot and 'ltail="cluster_part-mysql"' in dot
    mermaid = render(_sharded(), ("mermaid",))["mermaid"].decode()
    assert 'n_write_api -->|"SQL writes"| c_part_mysql' in mermaid


def test_a_port_reads_as_a_port_not_as_part_of_the_purpose() -> None:
    edges = _edges(build_scene(_stage("6-users-plus-5")))
    assert edges[("users", "lb")] == "port 443: HTTPS\nport 80: redirect to HTTPS"
    assert edges[("users", "dns")] == "DNS lookup"


def test_icons_sit_at_the_top_of_their_node_where_arrows_from_above_end() -> None:
    dot = render(_stage("1-single-box"), ("dot",))["dot"].decode()
    assert "imagepos=tc" in dot.split("\n\tnode [", 1)[1].split("]", 1)[0]


def test_cli_detail_option(tmp_path: Path) -> None:
    stage = str(MODELS / "6-users-plus-5.yaml")
    result = runner.invoke(
        app, ["render", stage, "-o", str(tmp_path), "-f", "dot", "--detail", "overview"]
    )
    assert result.exit_code == 0, result.output
    dot = (tmp_path / "6-users-plus-5.dot").read_text(encoding="utf-8")
    assert "cluster_vpc" not in dot and '"read-lb"' not in dot
    bad = runner.invoke(app, ["render", stage, "-o", str(tmp_path), "--detail", "most"])
    assert bad.exit_code == 2


def test_calls_both_ways_share_one_two_headed_edge() -> None:
    """Graphviz would draw the pair as one line with both labels in one place."""
    model = _stage("3-users-plus-2")
    model.links.append(Link(source="static", target="read-api", purpose="notifications"))
    scene = build_scene(model)
    pair = [e for e in scene.edges if {e.tail, e.head} == {"read-api", "static"}]
    assert len(pair) == 1 and pair[0].both
    assert pair[0].label == "user files\nnotifications (from Object Store (S3))"
    dot = render(model, ("dot",))["dot"].decode()
    assert "dir=both" in dot
    assert "n_read_api <-->" in render(model, ("mermaid",))["mermaid"].decode()
