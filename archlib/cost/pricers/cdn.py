"""CloudFront: bytes out from US edges, bytes on to the origins and HTTPS requests, for
every request that reaches the edge (cache hits and what it forwards alike).

Responses from AWS origins to CloudFront are free of transfer charges; what viewers send
(request bodies of writes and jobs) is charged again as it goes on to the origin. The S3 GETs
that misses cause are priced at the store."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import GB, Context
from archlib.model import Cdn

USAGE_KEYS = ("requests_per_month", "transfer_gb_per_month", "origin_gb_per_month")


def _by_class(requests: Mapping[str, float]) -> str:
    return ", ".join(f"{traffic} {volume:,.0f}" for traffic, volume in requests.items())


def price(ctx: Context, cdn: Cdn) -> Iterator[CostLine]:
    flow = ctx.flow(cdn)
    traffic = ctx.model.traffic
    requests, basis = ctx.figure(
        cdn,
        "requests_per_month",
        flow.requests,
        f"every request that reaches the edge ({_by_class(flow.arrived) or 'none'}); static "
        f"is static_share {traffic.static_share:g} of the reads",
    )
    sizes = ", ".join(
        f"{traffic_class} {traffic.size(traffic_class)[1]:g} KB"
        for traffic_class in flow.arrived
        if traffic.size(traffic_class)[1]
    )
    transfer, transfer_basis = ctx.figure(
        cdn,
        "transfer_gb_per_month",
        flow.internet_bytes / GB,
        f"responses to the viewers at traffic.sizes ({sizes or 'none'})",
    )
    yield ctx.line(
        "Data transfer out (US edge)",
        catalogue.cloudfront_transfer_out(),
        transfer,
        transfer_basis,
        True,
    )
    onward = [link for link in ctx.flows.links if link.source == cdn.id and link.request_bytes]
    origin = sum(link.request_bytes for link in onward) / GB
    if origin or ctx.stated(cdn, "origin_gb_per_month"):
        origin, origin_basis = ctx.figure(
            cdn,
            "origin_gb_per_month",
            origin,
            "request bodies forwarded to "
            + ", ".join(f"{link.target} ({link.request_bytes / GB:,.0f} GB)" for link in onward),
        )
        yield ctx.line(
            "Data transfer out to origin",
            catalogue.cloudfront_transfer_to_origin(),
            origin,
            origin_basis,
            True,
        )
    yield ctx.line("HTTPS requests", catalogue.cloudfront_https_requests(), requests, basis, True)
