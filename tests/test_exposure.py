"""Ingress derived from links plus stated rules: what checks and CloudFormation both read."""

from __future__ import annotations

from archlib import load
from archlib.loader import load_text
from archlib.model.exposure import ingress_of, is_internet_facing, is_local, link_port
from archlib.model.instances import instance_count
from tests.conftest import STAGES_DIR

TINY = (STAGES_DIR.parent.parent / "tests" / "valid_tiny.yaml").read_text()


def test_links_imply_rules_with_the_target_port() -> None:
    model = load_text(TINY)
    db = model.component("db")
    (rule,) = ingress_of(model, db)
    assert (rule.source, rule.port, rule.protocol, rule.origin) == ("web", 3306, "tcp", "link")
    assert not is_internet_facing(model, db)
    assert is_internet_facing(model, model.component("web"))


def test_explicit_ingress_only_turns_off_derived_rules() -> None:
    text = TINY.replace(
        "    instance_class: db.t3.medium\n",
        "    instance_class: db.t3.medium\n    ingress_from_links: false\n",
    )
    model = load_text(text)
    assert ingress_of(model, model.component("db")) == []


def test_host_collects_the_rules_of_what_runs_on_it() -> None:
    model = load(STAGES_DIR / "1-single-box.yaml")
    box = model.component("box")
    rules = ingress_of(model, box)
    assert sorted((r.source, r.port) for r in rules) == [
        ("203.0.113.0/24", 22),
        ("internet", 80),
        ("internet", 443),
    ]
    local = next(link for link in model.links if link.target == "mysql")
    assert is_local(model, local)
    assert is_internet_facing(model, box)


def test_link_port_defaults_follow_the_target() -> None:
    model = load(STAGES_DIR / "3-users-plus-2.yaml")
    ports = {(link.source, link.target): link_port(model, link) for link in model.links}
    assert ports[("users", "dns")] == 53
    assert ports[("lb", "web")] == 80
    assert ports[("read-lb", "read-api")] == 8080
    assert ports[("write-api", "mysql")] == 3306
    assert ports[("cdn", "static")] == 443


def test_instance_counts() -> None:
    model = load(STAGES_DIR / "6-users-plus-5.yaml")
    counts = {c.id: instance_count(c) for c in model.components}
    assert counts["static"] is None
    mysql, replicas, cache, web = (
        counts["mysql"],
        counts["replicas"],
        counts["cache"],
        counts["web"],
    )
    assert mysql is not None and mysql.baseline == 2
    assert replicas is not None and replicas.baseline == 4
    assert cache is not None and cache.baseline == 6
    assert web is not None and (web.min, web.max) == (4, 16)


def test_a_postgres_database_serves_on_its_engine_port_and_version() -> None:
    """Stating the engine is enough: PostgreSQL listens on 5432 and gets a PostgreSQL version,
    in the links' security rules and in the template alike."""
    from archlib import to_cloudformation

    model = load_text(
        """
name: pg
title: PostgreSQL
traffic: {users: 10, reads_per_month: 1000, writes_per_month: 10}
network:
  azs: [a, b]
  subnets:
    - {id: app-a, cidr: 10.0.10.0/24, az: a, type: private}
    - {id: app-b, cidr: 10.0.11.0/24, az: b, type: private}
components:
  - {id: users, kind: client}
  - {id: app, kind: app_server, instance_type: m5.large, count: 2, subnets: [app-a, app-b]}
  - id: db
    kind: relational_database
    engine: postgres
    instance_class: db.t3.medium
    multi_az: true
    subnets: [app-a, app-b]
links:
  - {source: users, target: app}
  - {source: app, target: db}
""",
        "pg.yaml",
    )
    assert link_port(model, model.links[1]) == 5432
    database = to_cloudformation(model)["Resources"]["DbDatabase"]["Properties"]
    assert (database["Port"], database["EngineVersion"]) == ("5432", "17.6")
    assert "port" not in model.component("db").model_fields_set
