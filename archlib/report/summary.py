"""`archlib show` content: components with their placement, and links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlib.gc_pause import cyclic_gc_paused
from archlib.model.exposure import faces_internet, ingress_of, link_port, link_protocol
from archlib.model.graph import ArchitectureGraph
from archlib.model.instances import instance_count
from archlib.report.placement import placement

if TYPE_CHECKING:
    from rich.table import Table

    from archlib.model import Architecture


def summary_document(model: Architecture) -> dict[str, Any]:
    with cyclic_gc_paused():  # many small dicts, no cycles: see `archlib.gc_pause`
        return _summary(model)


def _summary(model: Architecture) -> dict[str, Any]:
    graph = ArchitectureGraph.of(model)
    components = []
    for component in model.components:
        count = instance_count(component)
        where = placement(model, component)
        ingress = ingress_of(model, component, graph.incoming[component.id], graph.components)
        components.append(
            {
                "id": component.id,
                "kind": component.kind,
                "label": component.display_name,
                "instances": None
                if count is None
                else {"min": count.min, "baseline": count.baseline, "max": count.max},
                "host": getattr(component, "host", None),
                "subnets": [subnet.id for subnet in graph.subnets_of(component)],
                "azs": graph.azs_of(component),
                "runs_in": {"azs": list(where.runs_in), "one_of": where.one_of},
                "fails_over_to": list(where.fails_over_to),
                "internet_facing": faces_internet(ingress),
                "managed_regional": component.traits.managed_regional,
            }
        )
    links = [
        {
            "source": link.source,
            "target": link.target,
            "port": link_port(model, link, graph.components[link.target]),
            "protocol": link_protocol(model, link, graph.components[link.target]),
            "mode": link.mode,
            "dependency": link.dependency,
            "traffic": link.traffic,
            "purpose": link.purpose,
        }
        for link in model.links
    ]
    return {
        "model": model.name,
        "title": model.title,
        "stage": model.stage.model_dump() if model.stage else None,
        "region": model.region,
        "azs": model.network.azs,
        "components": components,
        "links": links,
    }


def summary_tables(model: Architecture) -> list[Table]:
    from rich.table import Table

    doc = summary_document(model)
    components = Table(title=f"{model.title} ({model.name}, {model.region})", title_justify="left")
    for column in ("id", "kind", "label", "instances", "runs in", "fails over to", "exposure"):
        components.add_column(column)
    for component, item in zip(model.components, doc["components"], strict=True):
        count = item["instances"]
        if item["host"]:
            instances = f"on {item['host']}"
        elif count is None:
            instances = "managed" if item["managed_regional"] else "-"
        elif count["min"] == count["max"]:
            instances = str(count["min"])
        else:
            instances = f"{count['min']}-{count['max']}"
        where = placement(model, component)
        components.add_row(
            item["id"],
            item["kind"],
            item["label"],
            instances,
            where.runs_in_text,
            where.fails_over_text,
            "internet" if item["internet_facing"] else "",
        )
    links = Table(title="links", title_justify="left")
    for column in ("from", "to", "port", "mode", "dependency", "traffic", "purpose"):
        links.add_column(column)
    for item in doc["links"]:
        port = f"{item['port']}/{item['protocol']}" if item["port"] else "-"
        links.add_row(
            item["source"],
            item["target"],
            port,
            item["mode"],
            item["dependency"],
            item["traffic"],
            item["purpose"] or "",
        )
    return [components, links]
