"""Shared fixtures: the reference stages and small models built for one behaviour each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archlib import load, load_text
from archlib.model import Architecture

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models" / "scaling-aws"
COMMITTED = ROOT / "diagrams"
STAGES = sorted(MODELS.glob("*.yaml"))

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


@pytest.fixture(params=STAGES, ids=lambda p: p.stem)
def stage(request: pytest.FixtureRequest) -> tuple[str, Architecture]:
    path: Path = request.param
    return path.stem, load(path)


def small_model(label: str = "Web Server", link_purpose: str = "HTTPS") -> Architecture:
    """A client, DNS and one web server: the least a diagram needs."""
    text = f"""
name: small
title: {_yaml_string(label)}
traffic: {{users: 10, reads_per_month: 1000, writes_per_month: 10}}
network:
  azs: [a]
  subnets:
    - {{id: public-a, cidr: 10.0.0.0/24, az: a, type: public}}
components:
  - {{id: users, kind: client}}
  - {{id: dns, kind: dns}}
  - id: web
    kind: web_server
    label: {_yaml_string(label)}
    instance_type: t3.small
    subnets: [public-a]
links:
  - {{source: users, target: dns}}
  - {{source: users, target: web, purpose: {_yaml_string(link_purpose)}}}
"""
    return load_text(text)


def _yaml_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
