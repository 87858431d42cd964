"""Security rules: where each fires, where it must not, and a broken reference stage."""

from __future__ import annotations

from typing import Any

import pytest

from tests.checks.helpers import component, db, fired, lb, minimal, stage_data, subjects, web


def web_tier(**web_fields: Any) -> dict[str, Any]:
    return minimal(
        [lb(), web(**web_fields), db()],
        [("users", "lb"), ("lb", "web"), ("web", "db")],
    )


def with_ingress(data: dict[str, Any], component_id: str, **rule: Any) -> dict[str, Any]:
    component(data, component_id).setdefault("ingress", []).append(rule)
    return data


class TestSec001AdminOpen:
    @pytest.mark.parametrize(
        ("source", "port"), [("0.0.0.0/0", 22), ("::/0", 22), ("internet", 3389)]
    )
    def test_world_open_admin_port(self, source: str, port: int) -> None:
        data = with_ingress(web_tier(), "web", source=source, port=port, reason="admin")
        assert subjects(data, "SEC001") == ["web"]

    def test_allowlisted_ssh(self) -> None:
        data = with_ingress(web_tier(), "web", source="203.0.113.0/24", port=22, reason="ops")
        assert subjects(data, "SEC001") == []

    def test_port_range_covering_ssh(self) -> None:
        data = with_ingress(web_tier(), "web", source="0.0.0.0/0", port=1, port_to=1024)
        assert subjects(data, "SEC001") == ["web"]

    def test_stage_4_with_ssh_open_to_the_world(self) -> None:
        data = with_ingress(stage_data(4), "web", source="0.0.0.0/0", port=22)
        assert subjects(data, "SEC001") == ["web"]
        assert fired(data, "SEC001")[0].location == ("components", 7, "ingress", 0)


class TestSec002SshAllowlist:
    def test_ssh_from_a_wide_cidr(self) -> None:
        data = with_ingress(web_tier(), "web", source="10.0.0.0/8", port=22, reason="ops")
        assert subjects(data, "SEC002") == ["web"]

    def test_ssh_from_inside_the_vpc(self) -> None:
        data = with_ingress(web_tier(), "db", source="10.0.0.0/16", port=22, reason="ops")
        assert subjects(data, "SEC002") == ["db"]

    def test_ssh_from_a_component_that_is_not_a_bastion(self) -> None:
        data = with_ingress(web_tier(), "db", source="web", port=22, reason="ops")
        assert subjects(data, "SEC002") == ["db"]

    def test_ssh_from_a_bastion(self) -> None:
        data = web_tier()
        data["components"].append(
            {
                "id": "bastion",
                "kind": "bastion",
                "instance_type": "t3.micro",
                "subnets": ["public-a"],
                "ingress": [{"source": "203.0.113.0/24", "port": 22, "reason": "operators"}],
            }
        )
        data["links"].append({"source": "bastion", "target": "web", "port": 22})
        assert subjects(data, "SEC002") == []

    def test_stage_2_allowlist(self) -> None:
        assert subjects(stage_data(2), "SEC002") == []

    def test_stage_2_with_ssh_from_a_slash_8(self) -> None:
        data = stage_data(2)
        component(data, "web")["ingress"][0]["source"] = "10.0.0.0/8"
        assert subjects(data, "SEC002") == ["web"]


class TestSec003InternetPorts:
    def test_internet_on_8080(self) -> None:
        data = with_ingress(web_tier(), "lb", source="internet", port=8080, reason="debug")
        assert subjects(data, "SEC003") == ["lb"]

    def test_internet_on_443_only(self) -> None:
        assert subjects(web_tier(), "SEC003") == []

    def test_stage_4_load_balancer_opened_wide(self) -> None:
        data = with_ingress(stage_data(4), "lb", source="0.0.0.0/0", port=1, port_to=65535)
        assert subjects(data, "SEC003") == ["lb"]


class TestSec004InternetEntry:
    def test_server_behind_a_load_balancer_open_to_the_internet(self) -> None:
        data = with_ingress(web_tier(), "web", source="internet", port=443, reason="direct")
        assert subjects(data, "SEC004") == ["web"]

    def test_single_web_server_without_load_balancer(self) -> None:
        assert subjects(stage_data(2), "SEC004") == []
        assert subjects(stage_data(1), "SEC004") == []

    def test_stage_4_users_reach_the_web_tier_directly(self) -> None:
        data = stage_data(4)
        data["links"].append({"source": "users", "target": "web", "port": 443})
        assert subjects(data, "SEC004") == ["web"]


class TestSec005StoreExposed:
    def test_stage_4_with_mysql_open_to_the_world(self) -> None:
        data = with_ingress(stage_data(4), "mysql", source="0.0.0.0/0", port=3306)
        assert subjects(data, "SEC005") == ["mysql"]

    def test_database_in_a_public_subnet(self) -> None:
        data = web_tier()
        component(data, "db")["subnets"] = ["public-a", "public-b"]
        assert subjects(data, "SEC005") == ["db"]

    def test_queue_called_by_clients(self) -> None:
        data = web_tier()
        data["components"].append({"id": "jobs", "kind": "queue"})
        data["links"].append({"source": "users", "target": "jobs"})
        assert subjects(data, "SEC005") == ["jobs"]

    def test_private_database(self) -> None:
        assert subjects(web_tier(), "SEC005") == []

    def test_self_managed_database_reachable_only_on_its_host(self) -> None:
        assert subjects(stage_data(1), "SEC005") == []

    def test_stage_1_with_mysql_port_open(self) -> None:
        data = with_ingress(stage_data(1), "mysql", source="internet", port=3306)
        assert subjects(data, "SEC005") == ["mysql"]


class TestSec006BrokenLink:
    def locked(self, **rule: Any) -> dict[str, Any]:
        data = stage_data(4)
        mysql = component(data, "mysql")
        mysql["ingress_from_links"] = False
        if rule:
            mysql["ingress"] = [rule]
        return data

    def test_link_without_a_rule(self) -> None:
        found = fired(self.locked(), "SEC006")
        assert [f.link for f in found] == ["write-api->mysql"]
        assert found[0].severity == "error"

    def test_rule_naming_the_caller(self) -> None:
        assert fired(self.locked(source="write-api", port=3306), "SEC006") == []

    def test_cidr_covering_the_callers_subnets(self) -> None:
        assert fired(self.locked(source="10.0.10.0/23", port=3306), "SEC006") == []

    def test_cidr_missing_one_subnet(self) -> None:
        assert len(fired(self.locked(source="10.0.10.0/24", port=3306), "SEC006")) == 1

    def test_wrong_port(self) -> None:
        assert len(fired(self.locked(source="write-api", port=5432), "SEC006")) == 1


class TestSec007UnusedIngress:
    def test_rule_no_link_uses(self) -> None:
        data = with_ingress(stage_data(4), "mysql", source="10.0.99.0/24", port=3306)
        assert subjects(data, "SEC007") == ["mysql"]
        assert fired(data, "SEC007")[0].severity == "warning"

    def test_rule_with_a_reason(self) -> None:
        data = with_ingress(
            stage_data(4), "mysql", source="10.0.99.0/24", port=3306, reason="DBA VPN"
        )
        assert subjects(data, "SEC007") == []

    def test_rule_a_link_uses(self) -> None:
        data = with_ingress(stage_data(4), "mysql", source="write-api", port=3306)
        assert subjects(data, "SEC007") == []


class TestSec008Egress:
    def test_stage_2_web_server_forbidden_to_call_out(self) -> None:
        data = stage_data(2)
        component(data, "web")["egress"] = "none"
        assert sorted(f.link or "" for f in fired(data, "SEC008")) == [
            "web->mysql",
            "web->static",
        ]

    def test_stage_1_local_link_is_not_outbound(self) -> None:
        assert subjects(stage_data(1), "SEC008") == []

    def test_stage_1_web_server_calling_out(self) -> None:
        data = stage_data(1)
        data["components"].append({"id": "files", "kind": "object_store"})
        data["links"].append({"source": "web", "target": "files"})
        assert subjects(data, "SEC008") == ["web"]


class TestSec009EncryptionAtRest:
    @pytest.mark.parametrize(
        ("component_id", "field"),
        [("mysql", "encrypted"), ("cache", "encrypted_at_rest"), ("static", "encrypted")],
    )
    def test_stage_4_unencrypted_store(self, component_id: str, field: str) -> None:
        data = stage_data(4)
        component(data, component_id)[field] = False
        assert subjects(data, "SEC009") == [component_id]

    def test_stage_6_queue_and_table(self) -> None:
        data = stage_data(6)
        component(data, "queue")["encrypted"] = False
        component(data, "nosql")["encrypted"] = False
        assert subjects(data, "SEC009") == ["nosql", "queue"]

    def test_encrypted_stores(self) -> None:
        assert subjects(stage_data(6), "SEC009") == []


class TestSec010EncryptionInTransit:
    def test_stage_4_load_balancer_without_tls(self) -> None:
        data = stage_data(4)
        component(data, "lb").update(tls=False, listener_port=80)
        assert subjects(data, "SEC010") == ["lb"]

    def test_stage_4_cdn_allowing_plain_http(self) -> None:
        data = stage_data(4)
        component(data, "cdn")["viewer_protocol"] = "allow-all"
        assert subjects(data, "SEC010") == ["cdn"]

    def test_cache_in_clear_text(self) -> None:
        data = stage_data(4)
        component(data, "cache")["encrypted_in_transit"] = False
        assert subjects(data, "SEC010") == ["cache"]

    def test_internal_load_balancer_without_tls_is_fine(self) -> None:
        assert subjects(stage_data(4), "SEC010") == []


class TestSec011PublicBucket:
    def test_stage_4_bucket_public(self) -> None:
        data = stage_data(4)
        component(data, "static")["block_public_access"] = False
        assert subjects(data, "SEC011") == ["static"]

    def test_blocked_bucket(self) -> None:
        assert subjects(stage_data(4), "SEC011") == []


class TestSec012BucketBehindCdn:
    def test_stage_4_users_read_the_bucket_directly(self) -> None:
        data = stage_data(4)
        data["links"].append({"source": "users", "target": "static"})
        found = fired(data, "SEC012")
        assert [(f.component, f.link) for f in found] == [("static", "users->static")]

    def test_bucket_through_the_cdn(self) -> None:
        assert subjects(stage_data(4), "SEC012") == []
