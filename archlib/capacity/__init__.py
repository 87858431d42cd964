"""Capacity on paper: offered load against throughput, the bottleneck, and AZ failure."""

from archlib.capacity.analysis import CapacityReport, ComponentUse, ZoneScenario, analyse
from archlib.capacity.assumptions import (
    Assumption,
    Assumptions,
    default_assumptions,
    load_assumptions,
)
from archlib.capacity.load import Demand, offered_load
from archlib.capacity.sizing import Capacity, capacity_of

__all__ = [
    "Assumption",
    "Assumptions",
    "Capacity",
    "CapacityReport",
    "ComponentUse",
    "Demand",
    "ZoneScenario",
    "analyse",
    "capacity_of",
    "default_assumptions",
    "load_assumptions",
    "offered_load",
]
