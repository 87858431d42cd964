"""CloudFront: bytes out from US edges and HTTPS requests, for the static requests it gets.

Origin fetches from S3 to CloudFront are free of transfer charges; the S3 GETs they cause
are priced at the store."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import GB, Context
from archlib.model import Cdn

USAGE_KEYS = ("requests_per_month", "transfer_gb_per_month")


def price(ctx: Context, cdn: Cdn) -> Iterator[CostLine]:
    flow = ctx.flow(cdn)
    requests, basis = ctx.figure(
        cdn,
        "requests_per_month",
        flow.requests,
        f"reads x static_share {ctx.model.traffic.static_share:g}",
    )
    out = flow.internet_bytes / GB
    _, response_kb = ctx.model.traffic.size("static")
    transfer, transfer_basis = ctx.figure(
        cdn,
        "transfer_gb_per_month",
        out,
        f"{flow.requests:,.0f} responses x {response_kb:g} KB (traffic.sizes.static)",
    )
    yield ctx.line(
        "Data transfer out (US edge)",
        catalogue.cloudfront_transfer_out(),
        transfer,
        transfer_basis,
        True,
    )
    yield ctx.line("HTTPS requests", catalogue.cloudfront_https_requests(), requests, basis, True)
