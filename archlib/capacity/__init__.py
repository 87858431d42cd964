"""Capacity on paper: offered load against throughput, the bottleneck, and AZ failure."""

from archlib.capacity.analysis import CapacityReport, ComponentUse, ZoneScenario, analyse
from archlib.capacity.assumptions import (
    Assumption,
    Assumptions,
    default_assumptions,
    load_assumptions,
)
from archlib.capacity.demand import Demand, offered_load
from archlib.capacity.sizing import Capacity, capacity_of

analyse_capacity = analyse
"""`archlib.analyse_capacity(model)`: the capacity report of a model."""

__all__ = [
    "Assumption",
    "Assumptions",
    "Capacity",
    "CapacityReport",
    "ComponentUse",
    "Demand",
    "ZoneScenario",
    "analyse",
    "analyse_capacity",
    "capacity_of",
    "default_assumptions",
    "load_assumptions",
    "offered_load",
]
