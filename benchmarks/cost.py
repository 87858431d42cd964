"""Pricing speed: a synthetic 10,000-component model, and the six stages as one CLI process.

Targets: the large model prices well under a second; the CLI run is dominated by start-up.
Prints times and the ratio to the target so a regression is visible at a glance.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from archlib.cost import estimate
from archlib.cost.pricelist import PriceBook
from archlib.model import Architecture

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 1.0


def large_model(components: int) -> Architecture:
    """Tiers, databases, caches and queues behind load balancers, in equal parts."""
    items: list[dict[str, object]] = [{"id": "users", "kind": "client"}]
    links: list[dict[str, object]] = []
    per_group = 5
    for group in range((components - 1) // per_group):
        lb, web, db, cache, queue = (f"{k}-{group}" for k in ("lb", "web", "db", "cache", "q"))
        items += [
            {"id": lb, "kind": "load_balancer", "subnets": ["public-a", "public-b"]},
            {
                "id": web,
                "kind": "web_server",
                "instance_type": "m6i.large",
                "subnets": ["app-a", "app-b"],
                "autoscaling": {"min": 2, "max": 8},
            },
            {
                "id": db,
                "kind": "relational_database",
                "instance_class": "db.m6i.large",
                "multi_az": True,
                "subnets": ["app-a", "app-b"],
            },
            {"id": cache, "kind": "cache", "subnets": ["app-a", "app-b"]},
            {"id": queue, "kind": "queue"},
        ]
        links += [
            {"source": "users", "target": lb},
            {"source": lb, "target": web},
            {"source": web, "target": cache, "traffic": "reads"},
            {"source": web, "target": db, "traffic": "reads"},
            {"source": web, "target": queue, "traffic": "jobs"},
        ]
    return Architecture.model_validate(
        {
            "name": "benchmark",
            "title": "Benchmark",
            "traffic": {"users": 10**7, "reads_per_month": 1e11, "writes_per_month": 1e9},
            "network": {
                "azs": ["a", "b"],
                "subnets": [
                    {"id": "public-a", "cidr": "10.0.0.0/24", "az": "a", "type": "public"},
                    {"id": "public-b", "cidr": "10.0.1.0/24", "az": "b", "type": "public"},
                    {"id": "app-a", "cidr": "10.0.10.0/24", "az": "a", "type": "private"},
                    {"id": "app-b", "cidr": "10.0.11.0/24", "az": "b", "type": "private"},
                ],
            },
            "components": items,
            "links": links,
        }
    )


def main() -> None:
    book = PriceBook.bundled("us-east-1")
    for size in (1_001, 2_501, 5_001, 10_001):
        model = large_model(size)
        start = time.perf_counter()
        priced = estimate(model, book)
        elapsed = time.perf_counter() - start
        print(
            f"cost: {len(model.components):>6} components priced in {elapsed:.3f} s "
            f"({elapsed / TARGET_SECONDS:.2f} of the 1 s target), "
            f"${priced.monthly_usd:,.0f}/month"
        )
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "archlib",
            "cost",
            str(ROOT / "models" / "scaling-aws"),
            "-f",
            "json",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    cli = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "archlib", "--help"], check=True, stdout=subprocess.DEVNULL
    )
    bare = time.perf_counter() - start
    print(f"cost: six stages as one CLI process {cli:.3f} s (bare start-up {bare:.3f} s)")


if __name__ == "__main__":
    main()
