from __future__ import annotations

from pathlib import Path

import pytest

from archlib.cost.pricelist import PriceBook

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models" / "scaling-aws"
STAGES = sorted(MODELS.glob("*.yaml"))

BASE = """
name: tiny
title: Tiny
region: us-east-1
traffic:
  users: 1000
  reads_per_month: 2628000
  writes_per_month: 262800
  static_share: 0.5
  cache_hit_rate: 0.8
network:
  azs: [a, b]
  subnets:
    - {id: public-a, cidr: 10.0.0.0/24, az: a, type: public}
    - {id: public-b, cidr: 10.0.1.0/24, az: b, type: public}
    - {id: app-a, cidr: 10.0.10.0/24, az: a, type: private}
    - {id: app-b, cidr: 10.0.11.0/24, az: b, type: private}
"""


@pytest.fixture(scope="session")
def book() -> PriceBook:
    return PriceBook.bundled("us-east-1")
