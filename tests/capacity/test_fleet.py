"""One sizing of an autoscaled tier: hourly counts over a week, read by cost and capacity."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlib.capacity import analyse
from archlib.capacity.fleet import size_fleet
from archlib.cost import estimate
from archlib.model import Architecture, ComputeTier
from archlib.model.components.base import Autoscaling
from archlib.model.traffic import US_BUSINESS_DAY
from tests.cloudformation.strategies import architectures

FLAT = (1.0,) * 24


def scaling(**fields: object) -> Autoscaling:
    return Autoscaling.model_validate(fields)


def test_the_group_follows_its_load_to_the_cpu_target() -> None:
    group = scaling(min=1, max=10, policies=[{"metric": "cpu", "target": 50}])
    fleet = size_fleet(group, 2.2, FLAT, 0.8)
    assert fleet.target == 0.5
    assert fleet.peak_need == 5  # 2.2 busy instances at 50 % each
    assert fleet.need_at_limit == 3  # what keeps them under the 80 % limit
    assert set(fleet.hourly) == {5}
    assert "CPU target tracking at 50 %" in fleet.basis


def test_without_a_cpu_target_the_utilisation_limit_sizes_it() -> None:
    group = scaling(min=1, max=10, policies=[{"metric": "request_count", "target": 1000}])
    fleet = size_fleet(group, 2.2, FLAT, 0.8)
    assert fleet.peak_need == 3
    assert "80% utilisation limit" in fleet.basis


def test_the_max_caps_the_fleet_but_not_the_need() -> None:
    fleet = size_fleet(scaling(min=2, max=4), 10.0, FLAT, 0.8)
    assert fleet.peak == 4
    assert fleet.peak_need == 13
    assert fleet.need_at_limit == 13


def test_the_night_runs_at_the_minimum() -> None:
    fleet = size_fleet(scaling(min=2, max=8), 4.0, US_BUSINESS_DAY, 0.8)
    peak_hour = US_BUSINESS_DAY.index(1.0)
    quiet_hour = US_BUSINESS_DAY.index(min(US_BUSINESS_DAY))
    assert fleet.hourly[peak_hour] == 5
    assert fleet.hourly[quiet_hour] == 2
    assert 2 < fleet.average < 5


def test_weekday_schedules_raise_the_floor_on_weekdays_only() -> None:
    group = scaling(
        min=2,
        max=8,
        schedules=[
            {"name": "business-hours", "cron": "0 13 * * 1-5", "min": 6},
            {"name": "night", "cron": "0 1 * * *", "min": 2},
        ],
    )
    fleet = size_fleet(group, 0.0, FLAT, 0.8)
    monday, saturday, sunday = 1 * 24, 6 * 24, 0
    assert fleet.hourly[monday + 12] == 2
    assert fleet.hourly[monday + 13] == 6
    assert fleet.hourly[monday + 24] == 6  # Tuesday 00:00, before the night action
    assert fleet.hourly[monday + 25] == 2
    assert fleet.hourly[saturday + 0] == 6  # Friday's business hours run until 01:00
    assert set(fleet.hourly[saturday + 1 : saturday + 24]) == {2}
    assert set(fleet.hourly[sunday : sunday + 24]) == {2}
    assert fleet.average == pytest.approx(2 + 4 * 5 * 12 / 168)
    assert "bounds from 2 weekly schedule(s)" in fleet.basis


def test_a_schedule_tied_to_dates_is_named_and_not_applied() -> None:
    group = scaling(min=2, max=8, schedules=[{"name": "new-year", "cron": "0 0 1 1 *", "min": 8}])
    fleet = size_fleet(group, 0.0, FLAT, 0.8)
    assert set(fleet.hourly) == {2}
    assert "new-year tied to dates: not applied" in fleet.basis


def test_unknown_load_reaches_the_max_at_the_peak() -> None:
    fleet = size_fleet(scaling(min=1, max=4), None, US_BUSINESS_DAY, 0.8)
    assert fleet.peak == 4
    assert fleet.peak_need is None
    assert "load not known" in fleet.basis


@settings(max_examples=60, deadline=None)
@given(
    minimum=st.integers(0, 20),
    extra=st.integers(0, 20),
    busy=st.one_of(st.none(), st.floats(0, 1000)),
    curve=st.lists(st.floats(0, 1), min_size=24, max_size=24),
)
def test_every_hour_lies_within_the_bounds(
    minimum: int, extra: int, busy: float | None, curve: list[float]
) -> None:
    maximum = max(1, minimum + extra)
    curve[0] = 1.0
    fleet = size_fleet(scaling(min=minimum, max=maximum), busy, tuple(curve), 0.8)
    assert len(fleet.hourly) == 168
    assert all(minimum <= count <= maximum for count in fleet.hourly)


def _priced_instances(model: Architecture) -> dict[str, float]:
    result = estimate(model)
    counts = {}
    for component in model.components:
        if isinstance(component, ComputeTier) and component.autoscaling is not None:
            for line in result.component(component.id).lines:
                if line.name.startswith("Instance usage"):
                    counts[component.id] = line.quantity / 730
    return counts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(architectures())
def test_cost_prices_the_fleet_capacity_sizes(model: Architecture) -> None:
    report = analyse(model)
    for tier_id, priced in _priced_instances(model).items():
        fleet = report.use(tier_id).fleet
        assert fleet is not None
        assert priced == pytest.approx(fleet.average)
        assert report.use(tier_id).needed_units == fleet.need_at_limit
