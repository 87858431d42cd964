"""Shared by the import tests: the corpus, and a model as far as a template can carry it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from archlib.checks import run_checks
from archlib.cloudformation import TemplateFormat, build_template, render
from archlib.cost.operations import replaced_by_dns
from archlib.importers.cfn.importer import ImportedTemplate, import_template
from archlib.model import Architecture, Link
from archlib.model.components import (
    Cache,
    Cdn,
    Client,
    ComputeTier,
    Dns,
    LoadBalancer,
    RelationalDatabase,
)
from archlib.model.exposure import link_port

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "cfn-corpus" / "templates"


def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the template corpus is not beside the repository ({CORPUS})")
    return CORPUS


def export_and_import(model: Architecture, directory: Path) -> tuple[ImportedTemplate, list[str]]:
    template = build_template(model)
    path = directory / f"{model.name}.yaml"
    path.write_text(render(template.document(), TemplateFormat.yaml), encoding="utf-8")
    return import_template(path), list(template.not_exported)


@dataclass(frozen=True)
class View:
    """What a template can say about a model, for comparing a model with its round trip."""

    components: dict[str, tuple[Any, ...]]
    links: set[tuple[str, str, int | None]]
    verdicts: set[tuple[str, str | None]]


def _shape(model: Architecture, component: Any) -> tuple[Any, ...]:
    exposed = any(
        isinstance(model.component(link.source), Client) for link in model.links_to(component.id)
    )
    shape: tuple[Any, ...] = (component.kind, tuple(model.azs_of(component)), exposed)
    if isinstance(component, ComputeTier):
        scaling = component.autoscaling
        bounds = (scaling.min, scaling.max, scaling.desired) if scaling else component.count
        shape += (bounds, component.instance_type)
    elif isinstance(component, RelationalDatabase):
        shape += (component.multi_az, component.count, component.replica_of, component.encrypted)
    elif isinstance(component, Cache):
        shape += (component.nodes, component.shards, component.automatic_failover)
    elif isinstance(component, LoadBalancer):
        shape += (component.scheme, component.type)
    return shape


def carried(model: Architecture) -> Architecture:
    """The model with every link a hard, synchronous call: how a security group reads it.

    A template says who may connect to whom, not whether the caller survives without the
    answer or waits for it, so soft and asynchronous links come back hard and synchronous.
    A distribution with no domain of its own is served on CloudFront's default certificate,
    whose security policy is TLSv1 whatever the model asked for. A load balancer in front of
    read replicas is exported as private DNS records: its callers reach the replicas directly.
    """
    links = [
        link.model_copy(update={"dependency": "hard", "mode": "sync"})
        if link.mode != "replication"
        else link
        for link in model.links
    ]
    links = _through_dns(model, links)
    aliased = {r.target for dns in model.of_type(Dns) for r in dns.records}
    components = [
        c.model_copy(update={"minimum_tls": "TLSv1"})
        if isinstance(c, Cdn) and c.id not in aliased
        else c
        for c in model.components
    ]
    components = [c for c in components if c.id not in replaced_by_dns(model)]
    return model.model_copy(update={"links": links, "components": components})


def _through_dns(model: Architecture, links: list[Link]) -> list[Link]:
    """Links through a load balancer that DNS records replace, as direct links."""
    replaced = replaced_by_dns(model)
    direct = [
        inbound.model_copy(update={"target": outbound.target, "port": outbound.port})
        for balancer in sorted(replaced)
        for inbound in links
        if inbound.target == balancer
        for outbound in links
        if outbound.source == balancer
    ]
    kept = [link for link in links if link.source not in replaced and link.target not in replaced]
    return kept + direct


def view(model: Architecture, skip: set[str] = frozenset()) -> View:  # type: ignore[assignment]
    components = {
        c.id: _shape(model, c)
        for c in model.components
        if c.id not in skip and getattr(c, "host", None) is None and not isinstance(c, Client)
    }
    links = {
        (link.source, link.target, None if link.mode == "replication" else link_port(model, link))
        for link in model.links
        if link.source not in skip and link.target not in skip
    }
    verdicts = {
        (finding.rule_id, finding.component)
        for finding in run_checks(model).findings
        if finding.category in ("spof", "security") and finding.component not in skip
    }
    return View(components, links, verdicts)


def named_in(notes: list[str], model: Architecture) -> set[str]:
    """Components a note of the exporter names: what it could not put in the template."""
    ids = {c.id for c in model.components}
    return {
        word
        for note in notes
        for word in re.findall(r"[a-z][a-z0-9-]*", note.lower())
        if word in ids
    }
