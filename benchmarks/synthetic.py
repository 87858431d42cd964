"""Synthetic architectures of any size, shaped like the reference stages, for benchmarks."""

from __future__ import annotations

from typing import Any

from archlib.model import Architecture


def synthetic_data(components: int) -> dict[str, Any]:
    """A model of about `components` components: tiers of web, app, cache and database.

    Each group of five (load balancer, web, app, cache, database) is wired like stage 4, so
    every check and exporter has real work to do per component.
    """
    azs = ["a", "b"]
    subnets = [
        {"id": "public-a", "cidr": "10.0.0.0/24", "az": "a", "type": "public"},
        {"id": "public-b", "cidr": "10.0.1.0/24", "az": "b", "type": "public"},
        {"id": "app-a", "cidr": "10.0.10.0/24", "az": "a", "type": "private"},
        {"id": "app-b", "cidr": "10.0.11.0/24", "az": "b", "type": "private"},
    ]
    items: list[dict[str, Any]] = [{"id": "users", "kind": "client"}]
    links: list[dict[str, Any]] = []
    groups = max(1, (components - 1) // 5)
    spread = ["app-a", "app-b"]
    for group in range(groups):
        lb, web, app, cache, db = (
            f"{name}-{group}" for name in ("lb", "web", "app", "cache", "db")
        )
        items += [
            {"id": lb, "kind": "load_balancer", "subnets": ["public-a", "public-b"]},
            {"id": web, "kind": "web_server", "instance_type": "m6i.large", "count": 2,
             "subnets": spread},
            {"id": app, "kind": "app_server", "instance_type": "m6i.large", "count": 2,
             "subnets": spread},
            {"id": cache, "kind": "cache", "subnets": spread},
            {"id": db, "kind": "relational_database", "instance_class": "db.m6i.large",
             "multi_az": True, "subnets": spread},
        ]  # fmt: skip
        links += [
            {"source": "users", "target": lb, "port": 443},
            {"source": lb, "target": web},
            {"source": web, "target": app},
            {"source": app, "target": cache, "dependency": "soft"},
            {"source": app, "target": db},
        ]
    return {
        "name": f"synthetic-{components}",
        "title": f"Synthetic ({components} components)",
        "traffic": {"users": 1000, "reads_per_month": 1e7, "writes_per_month": 1e5},
        "network": {"azs": azs, "subnets": subnets},
        "components": items,
        "links": links,
    }


def synthetic(components: int) -> Architecture:
    return Architecture.model_validate(synthetic_data(components))
