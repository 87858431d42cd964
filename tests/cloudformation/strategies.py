"""Hypothesis strategies for valid models of many shapes: one box or load-balanced tiers,
one to three AZs, with or without NAT, and any mix of the data services."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from archlib.model import Architecture

AZ_LABELS = ["a", "b", "c"]
INSTANCE_TYPES = ["t3.medium", "m6i.large", "m7g.large", "c6i.xlarge"]


def _subnets(azs: list[str], nat: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    subnets: list[dict[str, Any]] = []
    nats: list[dict[str, Any]] = []
    for index, az in enumerate(azs):
        subnets.append(
            {"id": f"public-{az}", "cidr": f"10.0.{index}.0/24", "az": az, "type": "public"}
        )
        app: dict[str, Any] = {
            "id": f"app-{az}",
            "cidr": f"10.0.{10 + index}.0/24",
            "az": az,
            "type": "private",
        }
        if nat == "per-az" or (nat == "shared" and index == 0):
            nats.append({"id": f"nat-{az}", "kind": "nat_gateway", "subnet": f"public-{az}"})
        if nat == "per-az":
            app["nat_gateway"] = f"nat-{az}"
        elif nat == "shared":
            app["nat_gateway"] = f"nat-{azs[0]}"
        subnets.append(app)
        subnets.append(
            {"id": f"data-{az}", "cidr": f"10.0.{20 + index}.0/24", "az": az, "type": "private"}
        )
    return subnets, nats


@st.composite
def _scaling(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(st.integers(1, 3))
    high = draw(st.integers(low, low + 6))
    metric = draw(st.sampled_from(["cpu", "request_count", "network_in", "latency", "custom"]))
    policy: dict[str, Any] = {"metric": metric, "target": draw(st.sampled_from([50, 70, 1000]))}
    if metric == "custom":
        policy["custom_metric"] = "backlog per instance"
    scaling: dict[str, Any] = {"min": low, "max": high, "policies": [policy]}
    if draw(st.booleans()):
        scaling["schedules"] = [{"name": "peak", "cron": "0 12 * * 1-5", "min": high}]
    return scaling


@st.composite
def architectures(draw: st.DrawFn) -> Architecture:
    azs = AZ_LABELS[: draw(st.integers(1, 3))]
    nat = draw(st.sampled_from(["none", "shared", "per-az"]))
    subnets, components = _subnets(azs, nat)
    public = [f"public-{az}" for az in azs]
    app = [f"app-{az}" for az in azs]
    data = [f"data-{az}" for az in azs]
    components.append({"id": "users", "kind": "client"})
    links: list[dict[str, Any]] = [{"source": "users", "target": "dns"}]
    records: list[dict[str, Any]] = []
    servers: list[str] = []

    if draw(st.booleans()):
        box = draw(st.sampled_from(["box", "single-host"]))
        components.append(
            {
                "id": box,
                "kind": "host",
                "instance_type": draw(st.sampled_from(INSTANCE_TYPES)),
                "subnets": [public[0]],
                "elastic_ip": True,
                "egress": draw(st.sampled_from(["none", "links", "any"])),
                "ingress": [{"source": "198.51.100.0/24", "port": 22, "reason": "operators"}],
            }
        )
        components.append({"id": "web", "kind": "web_server", "host": box})
        links.append({"source": "users", "target": "web", "port": 443})
        records.append({"name": "@", "target": box})
        servers.append("web")
        if draw(st.booleans()):
            components.append({"id": "local-db", "kind": "relational_database", "host": box})
            links.append({"source": "web", "target": "local-db"})
    else:
        tls = draw(st.booleans())
        components.append(
            {
                "id": "front-lb",
                "kind": "load_balancer",
                "subnets": public,
                "tls": tls,
                "redirect_http": tls,
                "listener_port": 443 if tls else 80,
            }
        )
        tier: dict[str, Any] = {
            "id": draw(st.sampled_from(["web", "frontend", "web-tier"])),
            "kind": "web_server",
            "instance_type": draw(st.sampled_from(INSTANCE_TYPES)),
            "subnets": draw(st.sampled_from([app, public])),
            "egress": draw(st.sampled_from(["links", "any"])),
        }
        if draw(st.booleans()):
            tier["ingress"] = [{"source": "2001:db8::/32", "port": 8443, "port_to": 8444,
                                "reason": "partner"}]  # fmt: skip
        if draw(st.booleans()):
            tier["autoscaling"] = draw(_scaling())
        else:
            tier["count"] = draw(st.integers(1, 4))
        components.append(tier)
        links += [
            {"source": "users", "target": "front-lb", "port": 443 if tls else 80},
            {"source": "front-lb", "target": tier["id"]},
        ]
        records.append({"name": "www", "target": "front-lb"})
        servers.append(tier["id"])
        if draw(st.booleans()):
            components += [
                {"id": "api-lb", "kind": "load_balancer", "scheme": "internal", "tls": False,
                 "redirect_http": False, "listener_port": 80, "subnets": app},
                {"id": "api", "kind": "app_server", "instance_type": "m6i.large",
                 "autoscaling": draw(_scaling()), "subnets": app},
            ]  # fmt: skip
            links += [
                {"source": tier["id"], "target": "api-lb", "port": 80},
                {"source": "api-lb", "target": "api"},
            ]
            servers.append("api")

    if draw(st.booleans()):
        engine = draw(st.sampled_from(["mysql", "postgres", "mariadb"]))
        database: dict[str, Any] = {
            "id": "db",
            "kind": "relational_database",
            "engine": engine,
            "port": 5432 if engine == "postgres" else 3306,
            "instance_class": "db.m6i.large",
            "multi_az": draw(st.booleans()),
            "subnets": data,
        }
        if draw(st.booleans()):
            database["partitioning"] = {
                "strategy": "sharding",
                "partitions": [{"name": "a-m"}, {"name": "n-z"}],
            }
        components.append(database)
        links += [{"source": s, "target": "db"} for s in servers]
        if draw(st.booleans()):
            components.append(
                {"id": "db-replicas", "kind": "relational_database", "replica_of": "db",
                 "engine": engine, "port": database["port"], "instance_class": "db.m6i.large",
                 "count": draw(st.integers(1, 3)), "subnets": data}
            )  # fmt: skip
            links.append({"source": "db", "target": "db-replicas", "mode": "replication"})
            if draw(st.booleans()):
                components.append(
                    {"id": "replica-lb", "kind": "load_balancer", "scheme": "internal",
                     "type": "network", "tls": False, "redirect_http": False,
                     "listener_port": database["port"], "subnets": data}
                )  # fmt: skip
                links += [
                    {"source": servers[-1], "target": "replica-lb", "port": database["port"]},
                    {"source": "replica-lb", "target": "db-replicas"},
                ]
            else:
                links.append({"source": servers[-1], "target": "db-replicas"})

    if draw(st.booleans()):
        engine = draw(st.sampled_from(["redis", "valkey", "memcached"]))
        nodes = draw(st.integers(1 if engine == "memcached" else 2, 3))
        cache: dict[str, Any] = {"id": "cache", "kind": "cache", "engine": engine,
                                 "nodes": nodes, "subnets": data}  # fmt: skip
        if engine == "memcached":
            cache |= {"automatic_failover": False, "encrypted_at_rest": False,
                      "encrypted_in_transit": False}  # fmt: skip
        else:
            cache["shards"] = draw(st.integers(1, 2))
        components.append(cache)
        links += [{"source": s, "target": "cache", "dependency": "soft"} for s in servers]

    if draw(st.booleans()):
        storage = draw(st.sampled_from(["STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING"]))
        components.append({"id": "files", "kind": "object_store", "storage_class": storage})
        links += [
            {"source": s, "target": "files", "traffic": draw(st.sampled_from(["reads", "all"]))}
            for s in servers
        ]
        if draw(st.booleans()):
            components.append({"id": "cdn", "kind": "cdn"})
            links += [{"source": "users", "target": "cdn"}, {"source": "cdn", "target": "files"}]
            if "front-lb" in {c["id"] for c in components} and draw(st.booleans()):
                links.append({"source": "cdn", "target": "front-lb", "port": 443})
            if draw(st.booleans()):
                records.append({"name": "static", "target": "cdn"})

    if draw(st.booleans()):
        components.append({"id": "jobs", "kind": "queue", "fifo": draw(st.booleans())})
        links.append({"source": servers[0], "target": "jobs", "mode": "async"})
        runtime = draw(st.sampled_from(["ec2", "lambda"]))
        worker: dict[str, Any] = {"id": "worker", "kind": "worker", "runtime": runtime}
        if runtime == "ec2":
            worker |= {
                "instance_type": "c6i.large",
                "subnets": app,
                "autoscaling": draw(_scaling()),
            }
        elif draw(st.booleans()):
            worker["subnets"] = app
        components.append(worker)
        links.append({"source": "worker", "target": "jobs", "mode": "async"})

    if draw(st.booleans()):
        provisioned = draw(st.booleans())
        table: dict[str, Any] = {"id": "kv", "kind": "nosql_table"}
        if provisioned:
            table |= {"billing_mode": "provisioned", "read_capacity": 5, "write_capacity": 5}
        components.append(table)
        links += [{"source": s, "target": "kv"} for s in servers]

    if draw(st.booleans()):
        components.append(
            {"id": "warehouse", "kind": "data_warehouse", "nodes": draw(st.integers(1, 3)),
             "subnets": data}
        )  # fmt: skip
        links.append({"source": servers[0], "target": "warehouse", "dependency": "soft"})

    if draw(st.booleans()):
        components.append(
            {"id": "bastion", "kind": "bastion", "instance_type": "t3.medium", "subnets": public,
             "ingress": [{"source": "203.0.113.0/24", "port": 22, "reason": "operators"}]}
        )  # fmt: skip
        links += [{"source": "bastion", "target": s, "port": 22} for s in servers]

    components.append({"id": "dns", "kind": "dns", "records": records})
    document = {
        "name": "generated",
        "title": "Generated model",
        "traffic": {"users": 1000, "reads_per_month": 1e6, "writes_per_month": 1e4},
        "network": {"azs": azs, "subnets": subnets},
        "components": components,
        "links": links,
    }
    return Architecture.model_validate(document)
