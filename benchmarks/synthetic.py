"""Synthetic architectures of any size, shaped like the reference stages, for benchmarks."""

from __future__ import annotations

from typing import Any

from archlib.model import Architecture

PER_SERVICE = 4
"""Components per service: internal load balancer, app tier, database, cache."""


def synthetic_architecture(components: int) -> Architecture:
    """About `components` components: an edge, then services behind the web tier.

    Every tenth service runs a single instance and every seventh database lacks Multi-AZ,
    so the single-point-of-failure rules have something to find at every size.
    """
    subnets = [
        {"id": "public-a", "cidr": "10.0.0.0/24", "az": "a", "type": "public"},
        {"id": "public-b", "cidr": "10.0.1.0/24", "az": "b", "type": "public"},
        {"id": "app-a", "cidr": "10.0.16.0/20", "az": "a", "type": "private"},
        {"id": "app-b", "cidr": "10.0.32.0/20", "az": "b", "type": "private"},
    ]
    private = ["app-a", "app-b"]
    items: list[dict[str, Any]] = [
        {"id": "users", "kind": "client"},
        {"id": "dns", "kind": "dns"},
        {"id": "cdn", "kind": "cdn"},
        {"id": "static", "kind": "object_store"},
        {"id": "lb", "kind": "load_balancer", "subnets": ["public-a", "public-b"]},
        {
            "id": "web",
            "kind": "web_server",
            "instance_type": "m6i.large",
            "count": 4,
            "subnets": private,
        },
    ]
    links: list[dict[str, Any]] = [
        {"source": "users", "target": "dns"},
        {"source": "users", "target": "cdn"},
        {"source": "cdn", "target": "static"},
        {"source": "users", "target": "lb", "port": 443},
        {"source": "lb", "target": "web"},
    ]
    services = max(1, (components - len(items)) // PER_SERVICE)
    for n in range(services):
        name = f"svc{n}"
        items += [
            {
                "id": f"{name}-lb",
                "kind": "load_balancer",
                "scheme": "internal",
                "listener_port": 80,
                "tls": False,
                "redirect_http": False,
                "subnets": private,
            },
            {
                "id": f"{name}-app",
                "kind": "app_server",
                "instance_type": "m6i.large",
                "count": 1 if n % 10 == 0 else 2,
                "subnets": private,
            },
            {
                "id": f"{name}-db",
                "kind": "relational_database",
                "instance_class": "db.m6i.large",
                "multi_az": n % 7 != 0,
                "subnets": private,
            },
            {"id": f"{name}-cache", "kind": "cache", "subnets": private},
        ]
        links += [
            {"source": "web", "target": f"{name}-lb", "port": 80},
            {"source": f"{name}-lb", "target": f"{name}-app"},
            {"source": f"{name}-app", "target": f"{name}-db"},
            {"source": f"{name}-app", "target": f"{name}-cache", "dependency": "soft"},
            {"source": f"{name}-app", "target": "static"},
        ]
    return Architecture.model_validate(
        {
            "name": f"synthetic-{components}",
            "title": f"Synthetic, {components} components",
            "traffic": {"users": 1000, "reads_per_month": 1000, "writes_per_month": 10},
            "network": {"azs": ["a", "b"], "subnets": subnets},
            "components": items,
            "links": links,
        }
    )
