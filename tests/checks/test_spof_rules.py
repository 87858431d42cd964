"""Single-point-of-failure rules: a minimal model where each fires, one where it must not,
and a reference stage broken on purpose."""

from __future__ import annotations

from tests.checks.helpers import (
    PRIVATE,
    check,
    component,
    db,
    fired,
    lb,
    minimal,
    stage_data,
    subjects,
    web,
)


def three_tier(web_count: int = 2, **db_fields: object) -> dict[str, object]:
    return minimal(
        [lb(), web(count=web_count), db(**db_fields)],  # type: ignore[arg-type]
        [("users", "lb"), ("lb", "web"), ("web", "db")],
    )


class TestSpof001Chokepoint:
    def test_single_server_every_path_crosses(self) -> None:
        assert subjects(three_tier(web_count=1), "SPOF001") == ["web"]

    def test_two_servers_are_redundant(self) -> None:
        assert subjects(three_tier(web_count=2), "SPOF001") == []

    def test_autoscaling_minimum_of_one_is_a_spof(self) -> None:
        data = three_tier()
        server = component(data, "web")  # type: ignore[arg-type]
        del server["count"]
        server["autoscaling"] = {"min": 1, "max": 4}
        assert subjects(data, "SPOF001") == ["web"]

    def test_parallel_single_servers_are_not_chokepoints(self) -> None:
        """Two single-instance paths to the store: neither dominates it."""
        data = minimal(
            [lb(), web("web-1", count=1), web("web-2", count=1), db()],
            [("users", "lb"), ("lb", "web-1"), ("lb", "web-2"), ("web-1", "db"), ("web-2", "db")],
        )
        assert subjects(data, "SPOF001") == []

    def test_server_on_a_soft_path_only_is_not_a_spof(self) -> None:
        data = minimal(
            [lb(), web(), web("recommender", count=1), db()],
            [
                ("users", "lb"),
                ("lb", "web"),
                ("web", "db"),
                {"source": "web", "target": "recommender", "dependency": "soft"},
            ],
        )
        assert subjects(data, "SPOF001") == []

    def test_single_az_load_balancer_on_the_path(self) -> None:
        data = minimal(
            [lb(subnets=["public-a"]), web(), db()],
            [("users", "lb"), ("lb", "web"), ("web", "db")],
        )
        assert subjects(data, "SPOF001") == ["lb"]

    def test_managed_regional_services_are_redundant(self) -> None:
        data = minimal(
            [{"id": "cdn", "kind": "cdn"}, {"id": "bucket", "kind": "object_store"}],
            [("users", "cdn"), ("cdn", "bucket")],
        )
        assert subjects(data, "SPOF001") == []

    def test_message_names_a_few_stores_and_counts_the_rest(self) -> None:
        stores = [db(f"db-{n}") for n in range(5)]
        data = minimal(
            [lb(), web(count=1), *stores],
            [("users", "lb"), ("lb", "web"), *(("web", s["id"]) for s in stores)],
        )
        (finding,) = fired(data, "SPOF001")
        assert "db-0, db-1, db-2 and 2 more" in finding.message

    def test_stage_3_with_one_web_server(self) -> None:
        data = stage_data(3)
        component(data, "web")["count"] = 1
        assert subjects(data, "SPOF001") == ["web"]


class TestSpof002SingleAz:
    def test_tier_in_one_az(self) -> None:
        data = three_tier()
        component(data, "web")["subnets"] = ["private-a"]  # type: ignore[arg-type]
        assert subjects(data, "SPOF002") == ["web"]

    def test_load_balancer_with_one_subnet(self) -> None:
        data = three_tier()
        component(data, "lb")["subnets"] = ["public-b"]  # type: ignore[arg-type]
        # On every path, so SPOF001 reports it, AZ included, and SPOF002 does not repeat it.
        assert subjects(data, "SPOF001") == ["lb"]
        assert subjects(data, "SPOF002") == []

    def test_two_servers_in_one_az(self) -> None:
        data = three_tier()
        component(data, "web")["subnets"] = ["public-a"]  # type: ignore[arg-type]
        assert subjects(data, "SPOF002") == ["web"]
        assert subjects(data, "SPOF001") == []

    def test_tiers_across_two_azs(self) -> None:
        assert subjects(three_tier(), "SPOF002") == []

    def test_stage_4_with_every_subnet_in_one_az(self) -> None:
        data = stage_data(4)
        data["network"]["azs"] = ["a"]
        for subnet in data["network"]["subnets"]:
            subnet["az"] = "a"
        found = subjects(data, "SPOF002")
        assert {"web", "read-api", "write-api"} <= set(found)
        assert {"lb", "read-lb", "write-lb"} <= set(subjects(data, "SPOF001"))
        assert subjects(data, "SPOF003") == ["mysql", "replicas"]
        assert subjects(data, "SPOF004") == ["cache"]


class TestSpof003Database:
    def test_single_az_database_on_hard_path(self) -> None:
        assert subjects(three_tier(multi_az=False), "SPOF003") == ["db"]

    def test_multi_az_database(self) -> None:
        assert subjects(three_tier(multi_az=True), "SPOF003") == []

    def test_multi_az_without_a_second_az_subnet(self) -> None:
        assert subjects(three_tier(subnets=["private-a"]), "SPOF003") == ["db"]

    def test_soft_dependency_is_not_a_spof(self) -> None:
        data = minimal(
            [lb(), web(), db(), db("reporting", multi_az=False)],
            [
                ("users", "lb"),
                ("lb", "web"),
                ("web", "db"),
                {"source": "web", "target": "reporting", "dependency": "soft"},
            ],
        )
        assert subjects(data, "SPOF003") == []

    def test_stage_4_without_multi_az(self) -> None:
        data = stage_data(4)
        component(data, "mysql")["multi_az"] = False
        assert subjects(data, "SPOF003") == ["mysql"]

    def test_stage_4_with_one_read_replica(self) -> None:
        data = stage_data(4)
        component(data, "replicas")["count"] = 1
        assert subjects(data, "SPOF003") == ["replicas"]


def cache(**fields: object) -> dict[str, object]:
    return {"id": "cache", "kind": "cache", "subnets": PRIVATE, **fields}


class TestSpof004Cache:
    def test_one_node_cache_on_hard_path(self) -> None:
        data = minimal(
            [lb(), web(), db(), cache(nodes=1, automatic_failover=False)],  # type: ignore[list-item]
            [("users", "lb"), ("lb", "web"), ("web", "db"), ("web", "cache")],
        )
        assert subjects(data, "SPOF004") == ["cache"]

    def test_soft_cache_is_not_a_spof(self) -> None:
        data = minimal(
            [lb(), web(), db(), cache(nodes=1, automatic_failover=False)],  # type: ignore[list-item]
            [
                ("users", "lb"),
                ("lb", "web"),
                ("web", "db"),
                {"source": "web", "target": "cache", "dependency": "soft"},
            ],
        )
        assert subjects(data, "SPOF004") == []

    def test_replicated_cache(self) -> None:
        data = minimal(
            [lb(), web(), db(), cache()],  # type: ignore[list-item]
            [("users", "lb"), ("lb", "web"), ("web", "db"), ("web", "cache")],
        )
        assert subjects(data, "SPOF004") == []

    def test_stage_4_cache_without_failover(self) -> None:
        data = stage_data(4)
        component(data, "cache").update(nodes=1, automatic_failover=False)
        assert subjects(data, "SPOF004") == ["cache"]


class TestSpof005Colocated:
    def test_stage_1_box_is_one_finding(self) -> None:
        """The box on every path: SPOF001 names what it runs; SPOF005 does not repeat it."""
        assert subjects(stage_data(1), "SPOF005") == []
        [box] = fired(stage_data(1), "SPOF001")
        assert "it runs web, mysql together" in box.message

    def test_host_off_the_request_path(self) -> None:
        data = stage_data(1)
        data["components"].append(
            {"id": "ops", "kind": "host", "instance_type": "t3.micro", "subnets": ["public-a"]}
        )
        for name in ("cron-a", "cron-b"):
            data["components"].append({"id": name, "kind": "worker", "host": "ops"})
        assert subjects(data, "SPOF005") == ["ops"]

    def test_host_with_one_component(self) -> None:
        data = stage_data(1)
        data["components"] = [c for c in data["components"] if c["id"] != "mysql"]
        data["links"] = [link for link in data["links"] if link["target"] != "mysql"]
        assert subjects(data, "SPOF005") == []

    def test_stage_2_with_mysql_back_on_the_web_server_host(self) -> None:
        data = stage_data(2)
        data["components"].append(
            {"id": "box", "kind": "host", "instance_type": "m6i.large", "subnets": ["public-a"]}
        )
        server = component(data, "web")
        for field in ("instance_type", "count", "subnets", "elastic_ip"):
            server.pop(field, None)
        server["host"] = "box"
        mysql = component(data, "mysql")
        for field in ("instance_class", "multi_az", "subnets"):
            mysql.pop(field, None)
        mysql["host"] = "box"
        assert subjects(data, "SPOF001") == ["box"]
        assert subjects(data, "SPOF005") == subjects(data, "SPOF003") == []


class TestSpof006Nat:
    def test_one_nat_for_two_azs(self) -> None:
        data = stage_data(4)
        data["components"] = [c for c in data["components"] if c["id"] != "nat-b"]
        for subnet in data["network"]["subnets"]:
            if subnet.get("nat_gateway") == "nat-b":
                subnet["nat_gateway"] = "nat-a"
        assert subjects(data, "SPOF006") == ["nat-a"]

    def test_one_nat_per_az(self) -> None:
        assert subjects(stage_data(4), "SPOF006") == []

    def test_nat_serving_only_its_own_az(self) -> None:
        data = stage_data(4)
        data["network"]["subnets"] = [
            s for s in data["network"]["subnets"] if s.get("nat_gateway") != "nat-b"
        ]
        for item in data["components"]:
            if "subnets" in item:
                item["subnets"] = [s for s in item["subnets"] if s != "app-b"]
        assert subjects(data, "SPOF006") == []


class TestBastion:
    @staticmethod
    def with_bastion(count: int = 1) -> dict[str, object]:
        data = stage_data(3)
        data["components"].append(
            {
                "id": "bastion",
                "kind": "bastion",
                "instance_type": "t3.micro",
                "subnets": ["public-a"],
                "count": count,
                "ingress": [{"source": "203.0.113.0/24", "port": 22, "reason": "office SSH"}],
            }
        )
        data["links"].append({"source": "bastion", "target": "web", "port": 22})
        return data

    def test_allowlisted_bastion_is_at_most_a_warning(self) -> None:
        findings = [f for f in check(self.with_bastion()).findings if f.subject == "bastion"]
        assert [(f.rule_id, f.severity) for f in findings] == [("SPOF002", "warning")]
        assert "operator access only" in findings[0].message

    def test_bastion_on_a_request_path_is_an_error(self) -> None:
        data = self.with_bastion()
        data["links"].append({"source": "users", "target": "bastion", "port": 22})
        severities = {f.severity for f in check(data).findings if f.subject == "bastion"}
        assert "error" in severities
