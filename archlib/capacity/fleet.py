"""How many instances an autoscaled tier runs in each hour of a week.

Cost averages these counts and capacity reads the peak hour's, so the bill and the
utilisation describe one fleet. The group follows its load to its target (the CPU target
tracking the model sets, else the utilisation limit), within the bounds its scheduled
actions put in force at that hour.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from archlib.capacity.assumptions import Assumptions, default_assumptions
from archlib.capacity.sizing import capacity_of
from archlib.model import Architecture, ArchitectureGraph, ComputeTier
from archlib.model.components.base import Autoscaling
from archlib.model.cron import weekly_hours
from archlib.traffic import Flows, peak_scale

HOURS_PER_WEEK = 168
EPSILON = 1e-9


@dataclass(frozen=True)
class FleetSizing:
    """One group over a week: instances per hour (Sunday 00:00 UTC first)."""

    hourly: tuple[int, ...]
    peak_need: int | None
    """Instances the peak hour asks for at the target, before the group's max caps it;
    None when the tier's load is not known."""
    need_at_limit: int | None
    """Instances the peak hour needs to stay under the utilisation limit: above the max, the
    instances are overloaded, not merely above their target."""
    target: float
    target_basis: str
    basis: str

    @property
    def average(self) -> float:
        return sum(self.hourly) / len(self.hourly)

    @property
    def peak(self) -> int:
        return max(self.hourly)


def _bounds(scaling: Autoscaling) -> tuple[list[tuple[int, int]], list[str]]:
    """The (min, max) in force each hour of the week, and the schedules that could not be
    placed in a week (tied to dates)."""
    fired: dict[int, list[tuple[int | None, int | None]]] = {}
    skipped: list[str] = []
    for action in scaling.schedules:
        slots = weekly_hours(action.cron)
        if slots is None:
            skipped.append(action.name)
            continue
        for weekday, hour in slots:
            fired.setdefault(weekday * 24 + hour, []).append((action.min, action.max))
    low, high = scaling.min, scaling.max
    if fired:
        # The bounds at the week's start are those the last action of the week left.
        for slot in sorted(fired):
            for new_min, new_max in fired[slot]:
                low = new_min if new_min is not None else low
                high = new_max if new_max is not None else high
    bounds: list[tuple[int, int]] = []
    for slot in range(HOURS_PER_WEEK):
        for new_min, new_max in fired.get(slot, []):
            low = new_min if new_min is not None else low
            high = new_max if new_max is not None else high
        bounds.append((low, max(high, low)))
    return bounds, skipped


def _target(scaling: Autoscaling, utilisation_limit: float) -> tuple[float, str]:
    for policy in scaling.policies:
        if policy.metric == "cpu":
            return policy.target / 100, f"its CPU target tracking at {policy.target:g} %"
    return utilisation_limit, (
        f"no CPU target tracking: held at the {utilisation_limit:.0%} utilisation limit"
    )


def size_fleet(
    scaling: Autoscaling,
    busy_at_peak: float | None,
    curve: tuple[float, ...],
    utilisation_limit: float,
) -> FleetSizing:
    """`busy_at_peak`: the peak hour's work in whole instances at 100 % (utilisation summed
    over the instances). Unknown load falls back to a group that reaches its max at the peak
    and follows the curve down."""
    bounds, skipped = _bounds(scaling)
    target, target_basis = _target(scaling, utilisation_limit)
    hourly: list[int] = []
    for slot, (low, high) in enumerate(bounds):
        factor = curve[slot % 24]
        if busy_at_peak is None:
            wanted = math.ceil(scaling.max * factor - EPSILON)
        else:
            wanted = math.ceil(busy_at_peak * factor / target - EPSILON)
        hourly.append(min(max(wanted, low), high))
    peak_need = None if busy_at_peak is None else math.ceil(busy_at_peak / target - EPSILON)
    need_at_limit = (
        None if busy_at_peak is None else math.ceil(busy_at_peak / utilisation_limit - EPSILON)
    )
    if busy_at_peak is None:
        basis = "load not known: assumed to reach its max at the peak hour"
    else:
        basis = f"the peak hour's load needs {peak_need} at {target_basis}"
    if scaling.schedules:
        placed = len(scaling.schedules) - len(skipped)
        basis += f"; bounds from {placed} weekly schedule(s)"
        if skipped:
            basis += f" ({', '.join(skipped)} tied to dates: not applied)"
    return FleetSizing(tuple(hourly), peak_need, need_at_limit, target, target_basis, basis)


def fleet_sizings(
    model: Architecture,
    flows: Flows,
    assumptions: Assumptions | None = None,
    graph: ArchitectureGraph | None = None,
    factor: float = 1.0,
) -> Mapping[str, FleetSizing]:
    """Every autoscaled tier's fleet at the profile's load scaled by `factor`."""
    table = assumptions if assumptions is not None else default_assumptions()
    scale = peak_scale(model.traffic, factor)
    sizings: dict[str, FleetSizing] = {}
    for component in model.components:
        if not isinstance(component, ComputeTier) or component.autoscaling is None:
            continue
        if component.host is not None:
            continue
        if graph is None:
            graph = ArchitectureGraph.of(model)
        capacity = capacity_of(model, component, table, graph)
        busy = None
        if capacity is not None and not capacity.elastic:
            arrived = flows.component(component.id).arrived
            load = {traffic: rate * scale for traffic, rate in arrived.items()}
            busy = capacity.utilisation(load) * capacity.units
        sizings[component.id] = size_fleet(
            component.autoscaling, busy, model.traffic.daily_curve, model.checks.utilisation_limit
        )
    return sizings
