"""A CDN in front of the whole site answers what it caches and forwards the rest by class."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archlib.capacity import analyse
from archlib.checks import run_checks
from archlib.cost.estimator import estimate
from archlib.loader import load, load_text
from archlib.model import Architecture
from archlib.traffic import CLASSES, compute

FRONTED = Path(__file__).parent / "models" / "cdn_in_front.yaml"


def _fronted() -> Architecture:
    return load(FRONTED)


def _without(model: Architecture, source: str, target: str) -> Architecture:
    copy = model.model_copy(deep=True)
    copy.links = [link for link in copy.links if (link.source, link.target) != (source, target)]
    return copy


def test_dynamic_requests_go_through_the_cdn_to_its_origin() -> None:
    model = _fronted()
    flows = compute(model)
    traffic = model.traffic
    dynamic_reads = traffic.reads_per_month * (1 - traffic.static_share)
    assert flows.component("lb").arrived["reads"] == pytest.approx(dynamic_reads)
    assert flows.component("lb").arrived["writes"] == pytest.approx(traffic.writes_per_month)
    assert flows.component("web").arrived["reads"] == pytest.approx(dynamic_reads)
    assert flows.component("db").arrived["reads"] == pytest.approx(dynamic_reads)
    static = traffic.reads_per_month * traffic.static_share
    assert flows.component("cdn").absorbed == {"static": pytest.approx(static * 0.9)}
    assert flows.component("uploads").arrived["static"] == pytest.approx(static * 0.1)
    assert not flows.component("users").absorbed
    assert all(not c.unserved for c in flows.components.values())


def test_capacity_names_the_database_not_the_edge() -> None:
    report = analyse(_fronted())
    assert report.bottleneck == "db"
    web = report.use("web").utilisation
    assert web is not None and web > 0.1


def test_cost_prices_the_origins_load_balancer_and_the_bodies_sent_to_it() -> None:
    model = _fronted()
    lines = {(c.id, line.name): line for c in estimate(model).components for line in c.lines}
    capacity = lines[("lb", "Capacity units")]
    assert capacity.quantity > 0 and "510,000,000 requests" in capacity.basis
    origin = lines[("cdn", "Data transfer out to origin")]
    # 10,000,000 writes of 500 KB sent on to the load balancer.
    assert origin.quantity == pytest.approx(5_000)
    requests = lines[("cdn", "HTTPS requests")]
    assert requests.quantity == pytest.approx(1_010_000_000)


def test_a_cdn_with_no_origin_for_a_class_is_an_error_with_its_count() -> None:
    model = _without(_fronted(), "cdn", "lb")
    flows = compute(model)
    assert flows.component("cdn").unserved == {
        "reads": pytest.approx(500_000_000),
        "writes": pytest.approx(10_000_000),
    }
    findings = [f for f in run_checks(model).findings if f.rule_id == "CAP006"]
    assert len(findings) == 1
    assert findings[0].severity == "error" and findings[0].component == "cdn"
    assert "reads 500,000,000" in findings[0].message
    assert not [f for f in run_checks(_fronted()).findings if f.rule_id == "CAP006"]


def test_a_load_balancer_with_no_targets_serves_nothing() -> None:
    model = _without(_fronted(), "lb", "web")
    assert set(compute(model).component("lb").unserved) == {"reads", "writes"}


def test_a_cdn_beside_another_entry_takes_only_the_static_objects() -> None:
    text = FRONTED.read_text().replace(
        "  - {source: cdn, target: lb}\n", "  - {source: users, target: lb}\n"
    )
    beside = load_text(text, "beside.yaml")
    flows = compute(beside)
    assert set(flows.component("cdn").arrived) == {"static"}
    assert flows.component("lb").arrived["reads"] == pytest.approx(500_000_000)


def test_a_cdn_answers_reads_only_at_the_rate_the_model_states() -> None:
    model = _fronted()
    model.component("cdn").read_hit_rate = 0.25  # type: ignore[union-attr]
    flows = compute(model)
    assert flows.component("cdn").absorbed["reads"] == pytest.approx(500_000_000 * 0.25)
    assert flows.component("lb").arrived["reads"] == pytest.approx(500_000_000 * 0.75)
    assert "writes" not in flows.component("cdn").absorbed


layouts = st.builds(
    lambda static, hit, read_hit, jobs, drop: (static, hit, read_hit, jobs, drop),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
    st.sampled_from([None, ("cdn", "lb"), ("cdn", "uploads"), ("lb", "web"), ("web", "db")]),
)


@settings(max_examples=40, deadline=None)
@given(layouts)
def test_every_request_is_conserved_through_the_cdn(
    case: tuple[float, float, float, float, tuple[str, str] | None],
) -> None:
    static, hit, read_hit, jobs, drop = case
    model = _fronted()
    model.traffic.static_share = static
    model.traffic.async_write_share = jobs
    cdn = model.component("cdn")
    cdn.hit_rate = hit  # type: ignore[union-attr]
    cdn.read_hit_rate = read_hit  # type: ignore[union-attr]
    if drop is not None:
        model = _without(model, *drop)
    flows = compute(model)
    entered = sum(flows.component("users").arrived.values())
    ended = 0.0
    for component in flows.components.values():
        for traffic in CLASSES:
            arrived = component.arrived.get(traffic, 0.0)
            parts = (component.absorbed, component.forwarded, component.stopped, component.unserved)
            accounted = sum(part.get(traffic, 0.0) for part in parts)
            assert accounted == pytest.approx(arrived, rel=1e-9, abs=1e-6)
        ended += sum(component.absorbed.values()) + sum(component.unserved.values())
        ended += sum(component.stopped.values())
    # Nothing fans out in this layout, so every request the users send ends exactly once.
    assert ended == pytest.approx(entered, rel=1e-9, abs=1e-6)
