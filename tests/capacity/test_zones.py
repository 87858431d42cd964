"""Losing one AZ: what fails over, what shrinks, and whether the rest carries the peak."""

from __future__ import annotations

import pytest

from archlib.capacity import analyse

FLEET = """
components:
  - {{id: users, kind: client}}
  - id: api
    kind: app_server
    instance_type: m6i.large
    {placement}
    subnets: [app-a, app-b]
  - id: db
    kind: relational_database
    instance_class: db.m6i.large
    multi_az: {multi_az}
    subnets: [app-a, app-b]
links:
  - {{source: users, target: api}}
  - {{source: api, target: db, traffic: writes}}
"""


def test_a_fixed_fleet_loses_its_instances_in_the_lost_az(build):
    # 3 instances round-robin over a, b: a holds two of them.
    model = build(FLEET.format(placement="count: 3", multi_az="true"), reads=2000)
    report = analyse(model)
    normal = report.use("api").utilisation
    a, b = report.zones
    assert a.az == "a"
    assert dict((u.id, u.utilisation) for u in a.components)["api"] == pytest.approx(3 * normal)
    assert dict((u.id, u.utilisation) for u in b.components)["api"] == pytest.approx(1.5 * normal)


def test_an_autoscaling_group_relaunches_up_to_its_max_in_the_azs_left(build):
    placement = "autoscaling: {min: 1, max: 3}"
    model = build(FLEET.format(placement=placement, multi_az="true"))
    report = analyse(model)
    normal = report.use("api").utilisation
    for zone in report.zones:
        assert dict((u.id, u.utilisation) for u in zone.components)["api"] == pytest.approx(normal)
    assert report.survives_az_loss


def test_a_single_az_database_fails_with_its_az_and_a_multi_az_one_fails_over(build):
    single = analyse(build(FLEET.format(placement="count: 2", multi_az="false")))
    a, b = single.zones
    assert not a.carries_peak and a.failed == ("db",)
    assert b.carries_peak
    assert not single.survives_az_loss
    assert single.zone_max_users == 0
    multi = analyse(build(FLEET.format(placement="count: 2", multi_az="true")))
    assert multi.survives_az_loss


def test_a_tier_that_cannot_carry_the_peak_on_half_its_fleet_fails(build):
    # 2 x m6i.large API at 1,000/s per vCPU (no read/write role): 4,000/s; the peak is
    # 2 x (1,200 + 10) = 2,420/s, so one instance (2,000/s) is not enough.
    model = build(FLEET.format(placement="count: 2", multi_az="true"), reads=1200)
    report = analyse(model)
    assert report.use("api").utilisation == pytest.approx(2420 / 4000)
    assert report.zones[0].failed == ("api",)
    assert report.zones[0].tightest_utilisation == pytest.approx(2420 / 2000)
    assert report.zone_max_users == pytest.approx(1000 * 2000 / 2420)


def test_a_lost_cache_sends_every_read_to_the_database(build):
    model = build("""
components:
  - {id: users, kind: client}
  - {id: reader, kind: app_server, instance_type: m6i.large, count: 2, subnets: [app-a, app-b]}
  - id: cache
    kind: cache
    nodes: 1
    automatic_failover: false
    multi_az: false
    subnets: [app-a]
  - {id: db, kind: relational_database, instance_class: db.m6i.large, multi_az: true,
     subnets: [app-a, app-b]}
links:
  - {source: users, target: reader, traffic: reads}
  - {source: reader, target: cache, traffic: reads, dependency: soft}
  - {source: reader, target: db, traffic: reads}
""")
    report = analyse(model)
    assert report.use("db").load == pytest.approx({"reads": 30})
    lost_a = {u.id: u for u in report.zones[0].components}
    assert lost_a["cache"].down
    assert lost_a["db"].load == pytest.approx({"reads": 150})
    assert report.zones[0].carries_peak


def test_a_lambda_worker_is_sized_by_concurrency_and_survives_an_az(build):
    model = build(
        """
components:
  - {id: users, kind: client}
  - {id: api, kind: app_server, instance_type: m6i.large, count: 2, subnets: [app-a, app-b]}
  - {id: queue, kind: queue}
  - id: worker
    kind: worker
    runtime: lambda
    lambda_duration_ms: 2000
    subnets: [app-a]
links:
  - {source: users, target: api}
  - {source: api, target: queue, mode: async, traffic: jobs}
  - {source: worker, target: queue, mode: async, traffic: jobs}
""",
        extra="async_write_share: 1",
    )
    report = analyse(model)
    # 20 writes/s at peak, all as jobs; 1,000 concurrent executions of 2 s: 500 jobs/s.
    assert report.use("worker").utilisation == pytest.approx(20 / 500)
    for zone in report.zones:
        worker = next(u for u in zone.components if u.id == "worker")
        assert not worker.down
        assert worker.utilisation == pytest.approx(20 / 500)
