"""The shared flows: conservation, one source for cost and capacity, monotone in traffic."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archlib.capacity import analyse
from archlib.capacity.demand import Demand, offered_load
from archlib.cost.estimator import estimate
from archlib.errors import InputError
from archlib.loader import load
from archlib.model import Architecture
from archlib.model.traffic import SECONDS_PER_MONTH_EXACT
from archlib.traffic import CLASSES, Routes, arrivals, compute
from archlib.traffic.flows import changed_arrivals

STAGES = sorted((Path(__file__).resolve().parents[2] / "models" / "scaling-aws").glob("*.yaml"))
MODELS = [load(path) for path in STAGES]


def _varied(index: int, static: float, hit: float, jobs: float, scale: float) -> Architecture:
    model = MODELS[index].model_copy(deep=True)
    model.traffic.static_share = static
    model.traffic.cache_hit_rate = hit
    model.traffic.async_write_share = jobs
    model.traffic.reads_per_month *= scale
    model.traffic.writes_per_month *= scale
    return model


generated = st.builds(
    _varied,
    st.integers(0, len(MODELS) - 1),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0.01, 100),
)


@settings(max_examples=40, deadline=None)
@given(generated)
def test_every_component_conserves_each_class(model: Architecture) -> None:
    flows = compute(model)
    for component in flows.components.values():
        for traffic in CLASSES:
            arrived = component.arrived.get(traffic, 0.0)
            accounted = sum(
                part.get(traffic, 0.0)
                for part in (component.absorbed, component.forwarded, component.stopped)
            )
            assert accounted == pytest.approx(arrived, rel=1e-9, abs=1e-6)


@settings(max_examples=20, deadline=None)
@given(generated)
def test_capacity_and_cost_read_the_same_requests(model: Architecture) -> None:
    flows = compute(model)
    loads = offered_load(model, Demand.of(model))
    scale = model.traffic.peak_to_average / SECONDS_PER_MONTH_EXACT
    for component in model.components:
        monthly = flows.component(component.id).arrived
        peak = loads[component.id]
        assert set(peak) == {t for t, v in monthly.items() if v > 0}
        for traffic, rate in peak.items():
            assert rate == pytest.approx(monthly[traffic] * scale)


@settings(max_examples=15, deadline=None)
@given(generated, st.floats(1.01, 10))
def test_more_traffic_never_costs_less_nor_lowers_utilisation(
    model: Architecture, growth: float
) -> None:
    busier = model.model_copy(deep=True)
    busier.traffic.reads_per_month *= growth
    busier.traffic.writes_per_month *= growth
    assert estimate(busier).monthly_usd >= estimate(model).monthly_usd - 1e-6
    before, after = analyse(model), analyse(busier)
    for use in before.components:
        if use.utilisation is not None:
            assert (after.use(use.id).utilisation or 0) >= use.utilisation - 1e-9


def test_stage_six_keeps_its_capacity_verdicts() -> None:
    report = analyse(MODELS[5])
    assert report.bottleneck == "mysql"
    assert report.max_users is not None and report.max_users >= 10_000_000
    assert report.demand.reads_per_second == pytest.approx(100e9 / SECONDS_PER_MONTH_EXACT * 3)


def test_shares_above_one_are_an_error() -> None:
    model = MODELS[5].model_copy(deep=True)
    for link in model.links:
        if link.source == "read-api" and link.target == "nosql":
            link.share = 0.95
    with pytest.raises(InputError, match=r"add up to 1\.05"):
        compute(model)


def test_a_cdn_absorbs_its_own_hit_rate() -> None:
    model = MODELS[2].model_copy(deep=True)
    cdn = model.component("cdn")
    cdn.hit_rate = 0.75  # type: ignore[union-attr]
    flows = compute(model)
    static = flows.component("cdn").arrived["static"]
    assert flows.component("cdn").absorbed["static"] == pytest.approx(static * 0.75)
    assert flows.component("static").arrived["static"] == pytest.approx(static * 0.25)


def test_bytes_by_class_add_up_to_each_link_and_reach_the_target() -> None:
    flows = compute(MODELS[5])
    into: dict[str, float] = {}
    for link in flows.links:
        assert sum(link.bytes.values()) == pytest.approx(link.request_bytes + link.response_bytes)
        into[link.target] = into.get(link.target, 0.0) + sum(link.bytes.values())
    for component in flows.components.values():
        assert sum(component.bytes_in.values()) == pytest.approx(into.get(component.id, 0.0))
    # The CDN's responses are the static objects at their stated size.
    cdn = flows.component("cdn")
    assert cdn.bytes_in["static"] == pytest.approx(cdn.arrived["static"] * 58_000)


def test_a_cache_on_a_plain_link_is_looked_up_before_the_database() -> None:
    """A new model links the app to its cache and its database with the default traffic;
    reads look in the cache first (cache-aside), so the database sees only the misses."""
    from archlib.loader import load_text

    model = load_text(
        """
name: shop
title: Shop
traffic: {users: 1000, reads_per_month: 2000000, writes_per_month: 20000, static_share: 0}
network:
  azs: [a, b]
  subnets:
    - {id: app-a, cidr: 10.0.10.0/24, az: a, type: private}
    - {id: app-b, cidr: 10.0.11.0/24, az: b, type: private}
components:
  - {id: users, kind: client}
  - {id: app, kind: app_server, instance_type: m5.large, count: 2, subnets: [app-a, app-b]}
  - {id: cache, kind: cache, node_type: cache.t4g.small, subnets: [app-a, app-b]}
  - id: db
    kind: relational_database
    instance_class: db.t3.medium
    multi_az: true
    subnets: [app-a, app-b]
links:
  - {source: users, target: app}
  - {source: app, target: cache}
  - {source: app, target: db}
""",
        "shop.yaml",
    )
    flows = compute(model)
    to = {(link.source, link.target): link for link in flows.links}
    hit = model.traffic.cache_hit_rate
    assert to[("app", "cache")].requests["reads"] == pytest.approx(2_000_000)
    assert to[("app", "db")].requests["reads"] == pytest.approx(2_000_000 * (1 - hit))


def test_a_tier_on_a_host_reaches_regional_services_through_the_hosts_nat() -> None:
    """A tier on a shared host has no subnets of its own: its traffic leaves by the host's."""
    from archlib.loader import load_text

    model = load_text(
        """
name: hosted
title: Hosted
traffic: {users: 100, reads_per_month: 1000000, writes_per_month: 100000, static_share: 0}
network:
  azs: [a]
  subnets:
    - {id: public-a, cidr: 10.0.0.0/24, az: a, type: public}
    - {id: app-a, cidr: 10.0.10.0/24, az: a, type: private, nat_gateway: nat-a}
components:
  - {id: users, kind: client}
  - {id: nat-a, kind: nat_gateway, subnet: public-a}
  - {id: box, kind: host, instance_type: m5.large, subnets: [app-a]}
  - {id: app, kind: app_server, host: box}
  - {id: jobs, kind: queue}
links:
  - {source: users, target: app}
  - {source: app, target: jobs, traffic: writes}
""",
        "hosted.yaml",
    )
    assert compute(model).nat_bytes.get("nat-a", 0.0) > 0


TRAFFIC_MODELS = [
    *MODELS,
    *(load(path) for path in sorted((Path(__file__).parent / "models").glob("*.yaml"))),
]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_carrying_only_what_a_loss_changes_matches_carrying_everything(data: st.DataObject) -> None:
    model = data.draw(st.sampled_from(TRAFFIC_MODELS))
    ids = [c.id for c in model.components]
    down = frozenset(data.draw(st.lists(st.sampled_from(ids), max_size=3)))
    routes = Routes.of(model)
    before = arrivals(model, routes)
    everything = arrivals(model, routes, down)
    changed = changed_arrivals(model, routes, down, before)
    assert list(changed) == [cid for cid in ids if cid in routes.downstream_of(down)]
    for cid in ids:
        expected = everything[cid]
        got = changed[cid] if cid in changed else before[cid]
        assert list(got.items()) == list(expected.items())
