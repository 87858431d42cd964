"""Capacity rules on small models: one application tier, its peak set by the profile.

An app server with no read/write role does 1,000 requests/s per vCPU; two m6i.large carry
4,000/s. The profile's peak is `peak` requests/s (no writes), all of which reach the tier.
"""

from __future__ import annotations

from typing import Any

from archlib.model import Architecture
from tests.checks.helpers import PRIVATE, check, fired, minimal, stage_data

MONTH_PER_PEAK = 876_000
"""Monthly reads for 1 read/s at peak: 2,628,000 s / a peak-to-average of 3."""


def tier(peak: float, placement: dict[str, Any] | None = None, kind: str = "m6i.large"):
    data = minimal(
        [
            {"id": "api", "kind": "app_server", "instance_type": kind, "subnets": PRIVATE,
             **(placement or {"count": 2})},
        ],
        [("users", "api")],
    )  # fmt: skip
    data["traffic"] = {
        "users": 1000,
        "reads_per_month": peak * MONTH_PER_PEAK,
        "writes_per_month": 0,
    }
    return data


def test_cap001_fires_on_a_saturated_tier_only():
    assert [f.subject for f in fired(tier(6000), "CAP001")] == ["api"]
    assert "150%" in fired(tier(6000), "CAP001")[0].message
    assert fired(tier(3900), "CAP001") == []


def test_cap002_fires_between_the_limit_and_saturation():
    assert [f.subject for f in fired(tier(3400), "CAP002")] == ["api"]
    assert fired(tier(3000), "CAP002") == []
    assert fired(tier(6000), "CAP002") == []


def test_cap003_fires_when_half_the_fleet_cannot_carry_the_peak():
    findings = fired(tier(2400), "CAP003")  # 60 % on two, 120 % on the one left
    assert [f.subject for f in findings] == ["api"]
    assert findings[0].message == "api: runs at 120% with AZ a lost, 120% with AZ b lost"
    assert fired(tier(1600), "CAP003") == []
    # An Auto Scaling group relaunches in the AZ left, so it carries the same peak.
    assert fired(tier(2400, {"autoscaling": {"min": 2, "max": 2}}), "CAP003") == []


def test_cap004_fires_when_the_group_max_is_below_what_the_peak_needs():
    group = {"autoscaling": {"min": 1, "max": 2}}
    findings = fired(tier(3400, group), "CAP004")  # 1.7 instances' worth at 80 %: 3 needed
    assert [f.subject for f in findings] == ["api"]
    assert "needs 3 instances" in findings[0].message
    assert fired(tier(3000, group), "CAP004") == []  # 1.5 at 80 %: 2 needed


def test_cap005_reports_a_model_the_table_cannot_size():
    # Loading refuses a type outside the catalogue; a model built in Python can still hold one.
    model = Architecture.model_validate(tier(100))
    api = model.components[-1].model_copy(update={"instance_type": "z9q.large"})
    unsized = model.model_copy(update={"components": [*model.components[:-1], api]})
    result = check(unsized)
    assert [f.rule_id for f in result.findings if f.category == "capacity"] == ["CAP005"]


def test_reference_stages_capacity_verdicts():
    def capacity(number: int) -> set[tuple[str, str]]:
        result = check(stage_data(number))
        return {(f.rule_id, f.subject) for f in result.findings if f.category == "capacity"}

    # A single instance on every path is lost with any failure, not only its AZ's: SPOF001
    # reports it, and CAP003 does not repeat it.
    assert capacity(1) == set()
    assert capacity(2) == set()
    for number in (3, 4, 5):
        assert capacity(number) == set(), number
    # Stage 6's write master runs over the limit at peak: accepted in the model, with why.
    assert capacity(6) == set()
    suppressed = check(stage_data(6)).suppressed
    assert [(f.rule_id, f.subject) for f in suppressed] == [("CAP002", "mysql")]
