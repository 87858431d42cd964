"""A large model built in code: the size of an imported stack of 150 resources.

Every service has its own internal load balancer, API tier, table, queue and Lambda worker;
every third one has a MySQL primary with read replicas, and every fourth a cache. Built from
plain data and validated like a YAML model, so it is a model a user could have written.
"""

from __future__ import annotations

from typing import Any

from archlib.model import Architecture


def _service(number: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    name = f"svc{number:02d}"
    components: list[dict[str, Any]] = [
        {
            "id": f"{name}-lb",
            "kind": "load_balancer",
            "scheme": "internal",
            "listener_port": 80,
            "tls": False,
            "redirect_http": False,
            "subnets": ["app-a", "app-b"],
        },
        {
            "id": f"{name}-api",
            "kind": "app_server",
            "label": f"{name} API",
            "instance_type": "m6i.large",
            "autoscaling": {"min": 2, "max": 6},
            "subnets": ["app-a", "app-b"],
        },
        {"id": f"{name}-table", "kind": "nosql_table"},
        {"id": f"{name}-jobs", "kind": "queue"},
        {"id": f"{name}-worker", "kind": "worker", "runtime": "lambda"},
    ]
    links: list[dict[str, Any]] = [
        {"source": "web", "target": f"{name}-lb", "port": 80, "purpose": name},
        {"source": f"{name}-lb", "target": f"{name}-api", "purpose": name},
        {"source": f"{name}-api", "target": f"{name}-table", "purpose": "items"},
        {"source": f"{name}-api", "target": f"{name}-jobs", "purpose": "jobs", "mode": "async"},
        {"source": f"{name}-worker", "target": f"{name}-jobs", "purpose": "poll", "mode": "async"},
        {"source": f"{name}-worker", "target": "files", "purpose": "results", "mode": "async"},
    ]
    if number % 3 == 0:
        components += [
            {
                "id": f"{name}-db",
                "kind": "relational_database",
                "instance_class": "db.r6i.large",
                "multi_az": True,
                "subnets": ["data-a", "data-b"],
            },
            {
                "id": f"{name}-replicas",
                "kind": "relational_database",
                "instance_class": "db.r6i.large",
                "replica_of": f"{name}-db",
                "count": 2,
                "subnets": ["data-a", "data-b"],
            },
        ]
        links += [
            {"source": f"{name}-api", "target": f"{name}-db", "purpose": "SQL writes"},
            {"source": f"{name}-api", "target": f"{name}-replicas", "purpose": "SQL reads"},
            {
                "source": f"{name}-db",
                "target": f"{name}-replicas",
                "purpose": "replication",
                "mode": "replication",
            },
        ]
    if number % 4 == 0:
        components.append(
            {
                "id": f"{name}-cache",
                "kind": "cache",
                "node_type": "cache.r6g.large",
                "nodes": 2,
                "automatic_failover": True,
                "multi_az": True,
                "subnets": ["data-a", "data-b"],
            }
        )
        links.append(
            {
                "source": f"{name}-api",
                "target": f"{name}-cache",
                "purpose": "cache-aside",
                "dependency": "soft",
            }
        )
    return components, links


def large_model(services: int = 24) -> Architecture:
    """About six components per service: 24 services give 150 components."""
    components: list[dict[str, Any]] = [
        {"id": "users", "kind": "client"},
        {"id": "dns", "kind": "dns", "domain": "example.com"},
        {"id": "cdn", "kind": "cdn"},
        {"id": "files", "kind": "object_store"},
        {"id": "lb", "kind": "load_balancer", "subnets": ["public-a", "public-b"]},
        {"id": "nat-a", "kind": "nat_gateway", "subnet": "public-a"},
        {"id": "nat-b", "kind": "nat_gateway", "subnet": "public-b"},
        {
            "id": "web",
            "kind": "web_server",
            "instance_type": "m6i.large",
            "autoscaling": {"min": 4, "max": 16},
            "subnets": ["app-a", "app-b"],
        },
    ]
    links: list[dict[str, Any]] = [
        {"source": "users", "target": "dns", "purpose": "DNS lookup"},
        {"source": "users", "target": "cdn", "purpose": "static content"},
        {"source": "cdn", "target": "files", "purpose": "origin fetch"},
        {"source": "users", "target": "lb", "port": 443, "purpose": "HTTPS"},
        {"source": "lb", "target": "web", "purpose": "HTTP"},
    ]
    for number in range(services):
        more_components, more_links = _service(number)
        components += more_components
        links += more_links
    return Architecture.model_validate(
        {
            "name": "large",
            "title": f"A stack of {len(components)} components",
            "traffic": {"users": 1_000_000, "reads_per_month": 10**9, "writes_per_month": 10**8},
            "network": {
                "azs": ["a", "b"],
                "subnets": [
                    {"id": "public-a", "cidr": "10.0.0.0/24", "az": "a", "type": "public"},
                    {"id": "public-b", "cidr": "10.0.1.0/24", "az": "b", "type": "public"},
                    {
                        "id": "app-a",
                        "cidr": "10.0.10.0/24",
                        "az": "a",
                        "type": "private",
                        "nat_gateway": "nat-a",
                    },
                    {
                        "id": "app-b",
                        "cidr": "10.0.11.0/24",
                        "az": "b",
                        "type": "private",
                        "nat_gateway": "nat-b",
                    },
                    {"id": "data-a", "cidr": "10.0.20.0/24", "az": "a", "type": "private"},
                    {"id": "data-b", "cidr": "10.0.21.0/24", "az": "b", "type": "private"},
                ],
            },
            "components": components,
            "links": links,
        }
    )


def write_example(directory: str) -> None:
    """The overview shown in docs/diagrams.md: `python -m tests.drawing.large docs/images`."""
    from pathlib import Path

    from archlib.drawing import render, write_diagrams

    rendered = render(large_model(), ("png", "svg", "dot"))
    write_diagrams(rendered, Path(directory), "stack-150-overview")


if __name__ == "__main__":
    import sys

    write_example(sys.argv[1])
