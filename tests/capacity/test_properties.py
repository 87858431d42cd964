"""Properties of the load model that hold for any traffic profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archlib import load
from archlib.capacity import analyse

STAGE_4 = load(Path(__file__).parents[2] / "models" / "scaling-aws" / "4-users-plus-3.yaml")


@settings(max_examples=25, deadline=None)
@given(
    scale=st.floats(min_value=0.01, max_value=100),
    hit_rate=st.floats(min_value=0, max_value=1),
    offload=st.floats(min_value=0, max_value=1),
)
def test_utilisation_is_linear_in_users_and_the_limit_does_not_move(scale, hit_rate, offload):
    model = STAGE_4.model_copy(deep=True)
    model.traffic.cache_hit_rate = hit_rate
    model.traffic.static_share = offload
    base = analyse(model)
    scaled = analyse(model, users=model.traffic.users * scale)
    for before, after in zip(base.components, scaled.components, strict=True):
        if before.utilisation is not None:
            assert after.utilisation == pytest.approx(before.utilisation * scale, rel=1e-9)
    if base.max_users is not None:
        assert scaled.max_users == pytest.approx(base.max_users, rel=1e-9)


@settings(max_examples=25, deadline=None)
@given(hit_rate=st.floats(min_value=0, max_value=0.99))
def test_a_better_hit_rate_never_loads_the_replicas_more(hit_rate):
    model = STAGE_4.model_copy(deep=True)
    model.traffic.cache_hit_rate = hit_rate
    lower = analyse(model).use("replicas").utilisation
    model.traffic.cache_hit_rate = hit_rate + 0.01
    assert analyse(model).use("replicas").utilisation <= lower


STAGES = sorted((Path(__file__).parents[2] / "models" / "scaling-aws").glob("*.yaml"))


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.stem)
def test_losing_an_az_never_makes_a_surviving_component_less_busy(path):
    report = analyse(load(path))
    normal = {use.id: use.utilisation for use in report.components}
    for zone in report.zones:
        for use in zone.components:
            if use.down or use.utilisation is None or normal[use.id] is None:
                continue
            assert use.utilisation >= normal[use.id] - 1e-12, (zone.az, use.id)
