"""Building models for check tests: reference stages as data, changed in one place."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from archlib.checks import CheckResult, Finding, run_checks
from archlib.loader.document import read_document
from archlib.model import Architecture

ROOT = Path(__file__).resolve().parents[2]
STAGES = ROOT / "models" / "scaling-aws"
STAGE_FILES = sorted(STAGES.glob("*.yaml"))
TODAY = dt.date(2026, 6, 1)

_cache: dict[int, dict[str, Any]] = {}


def stage_data(number: int) -> dict[str, Any]:
    """A fresh, mutable copy of a reference stage's data."""
    if number not in _cache:
        _cache[number] = read_document(STAGE_FILES[number - 1]).data
    return copy.deepcopy(_cache[number])


def component(data: dict[str, Any], component_id: str) -> dict[str, Any]:
    for item in data["components"]:
        if item["id"] == component_id:
            return item  # type: ignore[no-any-return]
    raise KeyError(component_id)


def check(data: dict[str, Any] | Architecture) -> CheckResult:
    model = data if isinstance(data, Architecture) else Architecture.model_validate(data)
    return run_checks(model, today=TODAY)


def fired(data: dict[str, Any] | Architecture, rule_id: str) -> list[Finding]:
    return [f for f in check(data).findings if f.rule_id == rule_id]


def subjects(data: dict[str, Any] | Architecture, rule_id: str) -> list[str]:
    return [f.subject for f in fired(data, rule_id)]


def minimal(
    components: list[dict[str, Any]],
    links: list[tuple[str, str] | dict[str, Any]],
    *,
    azs: tuple[str, ...] = ("a", "b"),
) -> dict[str, Any]:
    """A small model: public and private subnets in each AZ, users, and what is given."""
    subnets = []
    for index, az in enumerate(azs):
        subnets.append(
            {"id": f"public-{az}", "cidr": f"10.0.{index}.0/24", "az": az, "type": "public"}
        )
        subnets.append(
            {"id": f"private-{az}", "cidr": f"10.0.{10 + index}.0/24", "az": az, "type": "private"}
        )
    return {
        "name": "minimal",
        "title": "Minimal",
        "traffic": {"users": 100, "reads_per_month": 1000, "writes_per_month": 10},
        "network": {"azs": list(azs), "subnets": subnets},
        "components": [{"id": "users", "kind": "client"}, *components],
        "links": [
            {"source": link[0], "target": link[1]} if isinstance(link, tuple) else link
            for link in links
        ],
    }


PRIVATE = [f"private-{az}" for az in ("a", "b")]
PUBLIC = [f"public-{az}" for az in ("a", "b")]


def lb(component_id: str = "lb", **fields: Any) -> dict[str, Any]:
    return {"id": component_id, "kind": "load_balancer", "subnets": PUBLIC, **fields}


def web(component_id: str = "web", count: int = 2, **fields: Any) -> dict[str, Any]:
    return {
        "id": component_id,
        "kind": "web_server",
        "instance_type": "m6i.large",
        "count": count,
        "subnets": PRIVATE,
        **fields,
    }


def db(component_id: str = "db", multi_az: bool = True, **fields: Any) -> dict[str, Any]:
    return {
        "id": component_id,
        "kind": "relational_database",
        "instance_class": "db.m6i.large",
        "multi_az": multi_az,
        "subnets": PRIVATE,
        **fields,
    }
