"""The one place requests are routed: cost and capacity both read what it computes."""

from archlib.traffic.classes import CLASSES, FORWARDED, SIDE_CALLS
from archlib.traffic.flows import (
    ComponentFlow,
    Flows,
    LinkFlow,
    arrivals,
    compute,
    entry_load,
    hit_rate,
    peak_scale,
)
from archlib.traffic.routes import Route, Routes

__all__ = [
    "CLASSES",
    "FORWARDED",
    "SIDE_CALLS",
    "ComponentFlow",
    "Flows",
    "LinkFlow",
    "Route",
    "Routes",
    "arrivals",
    "compute",
    "entry_load",
    "hit_rate",
    "peak_scale",
]
