"""SEC013-SEC017: faults of exposure a reviewer would find on the stages, each on the stage
that is clean without it."""

from __future__ import annotations

from tests.checks.helpers import component, db, fired, lb, minimal, stage_data, web


def test_sec013_fires_on_a_tls_1_0_policy_and_not_on_the_stage_s_own() -> None:
    data = stage_data(3)
    assert not fired(data, "SEC013")
    component(data, "lb")["ssl_policy"] = "ELBSecurityPolicy-TLS-1-0-2015-04"
    assert [f.subject for f in fired(data, "SEC013")] == ["lb"]
    component(data, "lb")["ssl_policy"] = "ELBSecurityPolicy-FS-1-2-Res-2020-10"
    assert not fired(data, "SEC013")


def test_sec013_leaves_internal_and_plain_balancers_to_other_rules() -> None:
    data = stage_data(3)
    component(data, "read-lb")["ssl_policy"] = "ELBSecurityPolicy-2016-08"  # internal
    assert not fired(data, "SEC013")


def test_sec014_fires_on_port_80_left_open_without_a_redirect() -> None:
    data = stage_data(3)
    assert not fired(data, "SEC014")  # the stage redirects 80 to HTTPS
    component(data, "lb")["redirect_http"] = False
    found = fired(data, "SEC014")
    assert [f.subject for f in found] == ["lb"] and found[0].link == "users->lb"


def test_sec015_fires_on_the_vpc_cidr_and_not_on_the_private_ones() -> None:
    vpc = {"source": "10.0.0.0/16", "port": 3306, "reason": "the whole VPC"}
    private = {"source": "10.0.10.0/23", "port": 3306, "reason": "the app subnets"}
    base = [lb(), web(), db(ingress=[private])]
    links = [("users", "lb"), ("lb", "web"), ("web", "db")]
    assert not fired(minimal(base, links), "SEC015")
    opened = minimal([lb(), web(), db(ingress=[vpc])], links)
    found = fired(opened, "SEC015")
    assert [f.subject for f in found] == ["db"]
    assert "public-a, public-b" in found[0].message


def test_sec016_fires_on_servers_in_public_subnets_behind_a_balancer() -> None:
    links = [("users", "lb"), ("lb", "web"), ("web", "db")]
    assert not fired(minimal([lb(), web(), db()], links), "SEC016")
    exposed = minimal([lb(), web(subnets=["public-a", "public-b"]), db()], links)
    assert [f.subject for f in fired(exposed, "SEC016")] == ["web"]


def test_sec016_leaves_a_single_box_without_a_balancer_alone() -> None:
    assert not fired(stage_data(1), "SEC016")


def test_sec017_fires_on_a_public_record_for_the_database() -> None:
    data = stage_data(3)
    assert not fired(data, "SEC017")
    component(data, "dns")["records"].append({"name": "db", "target": "mysql"})
    found = fired(data, "SEC017")
    assert [f.subject for f in found] == ["dns"] and "db.example.com" in found[0].message
