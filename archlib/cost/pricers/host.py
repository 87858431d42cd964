"""A shared host: one instance, its volume and its Elastic IP; what runs on it is priced here."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers import rates
from archlib.cost.pricers.compute import ipv4
from archlib.cost.pricers.context import HOURS_PER_MONTH, Context
from archlib.model import Host

USAGE_KEYS: tuple[str, ...] = ()


def price(ctx: Context, host: Host) -> Iterator[CostLine]:
    yield ctx.line(
        f"Instance usage (Linux, on-demand, {host.instance_type})",
        rates.ec2_instance(host.instance_type),
        HOURS_PER_MONTH,
        f"1 instance x {HOURS_PER_MONTH} h",
    )
    yield ctx.line(
        "Root volume (gp3)", catalogue.ebs_volume("gp3"), host.volume_gb, "stated volume_gb"
    )
    if host.elastic_ip:
        yield ipv4(ctx, 1, "1 Elastic IP in use")
