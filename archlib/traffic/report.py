"""The flows as JSON, Markdown and a rich table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlib.model import Architecture
from archlib.traffic.flows import Flows

if TYPE_CHECKING:
    from rich.table import Table

GB = 1e9


def as_dict(model: Architecture, flows: Flows) -> dict[str, Any]:
    return {
        "model": model.name,
        "title": model.title,
        "peak_to_average": model.traffic.peak_to_average,
        "internet_gb_per_month": flows.internet_bytes / GB,
        "cross_az_gb_per_month": flows.cross_az_bytes / GB,
        "components": [
            {
                "id": c.id,
                "kind": c.kind,
                "requests_per_month": dict(c.arrived),
                "gb_in_per_month": {t: v / GB for t, v in c.bytes_in.items()},
                "absorbed_per_month": dict(c.absorbed),
                "forwarded_per_month": dict(c.forwarded),
                "stopped_per_month": dict(c.stopped),
                "unserved_per_month": dict(c.unserved),
                "hits_per_month": c.hits,
                "peak_requests_per_second": flows.peak_per_second(c.id),
                "cross_az_gb_per_month": c.cross_az_bytes / GB,
                "internet_gb_per_month": c.internet_bytes / GB,
            }
            for c in flows.components.values()
        ],
        "links": [
            {
                "source": link.source,
                "target": link.target,
                "model_links": list(link.links),
                "requests_per_month": dict(link.requests),
                "gb_per_month": {t: v / GB for t, v in link.bytes.items()},
                "request_gb_per_month": link.request_bytes / GB,
                "response_gb_per_month": link.response_bytes / GB,
                "cross_az_gb_per_month": link.cross_az_bytes / GB,
                "internet_gb_per_month": link.internet_bytes / GB,
            }
            for link in flows.links
        ],
        "nat_gb_per_month": {k: v / GB for k, v in sorted(flows.nat_bytes.items())},
    }


def _classes(values: dict[str, float] | Any) -> str:
    return ", ".join(f"{t} {v:,.0f}" for t, v in values.items()) or "-"


def markdown(model: Architecture, flows: Flows) -> str:
    out = [
        f"# Flows: {model.title}",
        "",
        "| component | requests a month | absorbed | stopped | unserved | peak/s | cross-AZ GB "
        "| internet GB |",
        "|---|---|---|---|---|---:|---:|---:|",
    ]
    for c in flows.components.values():
        peak = sum(flows.peak_per_second(c.id).values())
        out.append(
            f"| {c.id} | {_classes(c.arrived)} | {_classes(c.absorbed)} | "
            f"{_classes(c.stopped)} | {_classes(c.unserved)} | {peak:,.1f} | "
            f"{c.cross_az_bytes / GB:,.0f} | "
            f"{c.internet_bytes / GB:,.0f} |"
        )
    out += [
        "",
        "| link | requests a month | GB out | GB back | cross-AZ GB |",
        "|---|---|---:|---:|---:|",
    ]
    for link in flows.links:
        out.append(
            f"| {link.key} | {_classes(link.requests)} | {link.request_bytes / GB:,.0f} | "
            f"{link.response_bytes / GB:,.0f} | {link.cross_az_bytes / GB:,.0f} |"
        )
    return "\n".join(out) + "\n"


def table(model: Architecture, flows: Flows) -> Table:
    from rich.table import Table

    result = Table(title=f"{model.title}: traffic a month", title_justify="left")
    for name in (
        "component",
        "requests a month",
        "absorbed",
        "stopped",
        "unserved",
        "peak/s",
        "cross-AZ GB",
        "internet GB",
    ):
        result.add_column(name)
    for c in flows.components.values():
        peak = sum(flows.peak_per_second(c.id).values())
        result.add_row(
            c.id,
            _classes(c.arrived),
            _classes(c.absorbed),
            _classes(c.stopped),
            _classes(c.unserved),
            f"{peak:,.1f}",
            f"{c.cross_az_bytes / GB:,.0f}",
            f"{c.internet_bytes / GB:,.0f}",
        )
    return result
