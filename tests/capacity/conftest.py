"""Small models written out in YAML, so each test states the whole design it measures."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from archlib import Architecture, load_text

SECONDS = 2_628_000
"""One 730-hour month: a rate of r per second is r * SECONDS per month."""


def model_text(body: str, *, reads: float = 100, writes: float = 10, extra: str = "") -> str:
    """A model whose profile averages `reads` and `writes` per second, peaking at twice that."""
    head = f"""
name: small
title: Small
traffic:
  users: 1000
  reads_per_month: {reads * SECONDS}
  writes_per_month: {writes * SECONDS}
  peak_to_average: 2
  static_share: 0.25
  cache_hit_rate: 0.8
{textwrap.indent(textwrap.dedent(extra), "  ")}
network:
  azs: [a, b]
  subnets:
    - {{id: app-a, cidr: 10.0.10.0/24, az: a, type: private}}
    - {{id: app-b, cidr: 10.0.11.0/24, az: b, type: private}}
"""
    return textwrap.dedent(head) + textwrap.dedent(body)


@pytest.fixture
def build() -> Callable[..., Architecture]:
    def _build(body: str, **kwargs: object) -> Architecture:
        return load_text(model_text(body, **kwargs))  # type: ignore[arg-type]

    return _build
