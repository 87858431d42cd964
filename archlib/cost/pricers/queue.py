"""SQS: requests, three per message (send, receive, delete)."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.cost import catalogue
from archlib.cost.estimate import CostLine
from archlib.cost.pricers.context import Context
from archlib.model import Queue

USAGE_KEYS = ("requests_per_month",)
CALLS_PER_MESSAGE = 3


def price(ctx: Context, queue: Queue) -> Iterator[CostLine]:
    messages = ctx.flow(queue).requests
    requests, basis = ctx.figure(
        queue,
        "requests_per_month",
        messages * CALLS_PER_MESSAGE,
        f"{messages:,.0f} messages x {CALLS_PER_MESSAGE} requests",
    )
    yield ctx.line("Requests", catalogue.sqs_requests(queue.fifo), requests, basis, True)
