"""The six reference stages tell the source's story: each stage's bottleneck is what the next
stage removes, the users sustained grow, and from stage 3 on the peak survives losing an AZ."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlib import load
from archlib.capacity import CapacityReport, analyse
from archlib.model import Partition, Partitioning, RelationalDatabase

STAGES = sorted((Path(__file__).parents[2] / "models" / "scaling-aws").glob("*.yaml"))


@pytest.fixture(scope="module")
def reports() -> list[CapacityReport]:
    return [analyse(load(path)) for path in STAGES]


def test_each_stage_bottlenecks_where_the_next_stage_changes_the_design(reports):
    found = [(r.bottleneck, r.use(r.bottleneck).driver) for r in reports if r.bottleneck]
    assert found[0][0] == "box"  # stage 1: web server and MySQL on one box
    assert found[1] == ("web", "reads")  # stage 2: the single web server
    assert found[2] == ("mysql", "reads")  # stage 3: database reads
    assert found[3] == ("replicas", "reads")  # stage 4: the cache misses on the replicas
    assert found[4] == ("replicas", "reads")  # stage 5: the same, towards the constraints
    assert found[5] == ("mysql", "writes")  # stage 6: the single write master


def test_users_sustained_grow_from_stage_to_stage(reports):
    sustained = [r.max_users for r in reports]
    assert all(value is not None for value in sustained)
    # Stage 5 keeps stage 4's peak capacity (its maxima are stage 4's fleet): it saves cost.
    assert sustained[4] == pytest.approx(sustained[3])
    growth = [sustained[0], sustained[1], sustained[2], sustained[3], sustained[5]]
    assert growth == sorted(growth) and len(set(growth)) == len(growth)
    # With an AZ lost, stage 5's groups relaunch in the AZ left; stage 4's fixed fleet cannot.
    with_az_lost = [r.zone_max_users for r in reports]
    assert with_az_lost[4] >= with_az_lost[3]


def test_stage_6_carries_the_full_constraints_at_the_stated_peak(reports):
    stage6 = reports[5]
    assert stage6.demand.users == 10_000_000
    # The source's rounded averages (2.5 million s a month) at the profile's peak factor.
    peak = stage6.model.traffic.peak_to_average
    rounded = analyse(stage6.model, requests_per_second=(40_000 + 400) * peak)
    assert rounded.bottleneck_utilisation < 1
    assert rounded.max_users > 10_000_000
    assert stage6.bottleneck_utilisation > stage6.utilisation_limit  # a warning, not headroom


def test_the_first_two_stages_fail_the_az_scenario_and_the_rest_pass(reports):
    assert [r.survives_az_loss for r in reports] == [False, False, True, True, True, True]
    assert reports[0].zones[0].failed == ("box",)
    assert reports[1].zones[0].failed[0] == "web"


def test_sharding_the_write_master_moves_the_bottleneck_of_stage_6(reports):
    model = reports[5].model.model_copy(deep=True)
    mysql = model.component("mysql")
    assert isinstance(mysql, RelationalDatabase)
    mysql.partitioning = Partitioning(
        strategy="sharding", partitions=[Partition(name="a-m"), Partition(name="n-z")]
    )
    sharded = analyse(model)
    assert sharded.use("mysql").utilisation == pytest.approx(
        reports[5].use("mysql").utilisation / 2
    )
    assert sharded.bottleneck != "mysql"
    assert sharded.max_users > reports[5].max_users
    # Each replica copies one of the two shards, so it applies half the writes.
    assert sharded.use("replicas").utilisation < reports[5].use("replicas").utilisation
