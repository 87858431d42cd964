"""The estimator: each kind's cost lines, autoscaling, usage overrides, the six stages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archlib.cost import budget_status, estimate
from archlib.cost.pricelist import PriceBook
from archlib.errors import InputError
from archlib.loader import load, load_text

from .conftest import BASE, STAGES


def model(components: str, links: str = "", extra: str = ""):  # type: ignore[no-untyped-def]
    text = (
        BASE.replace("network:\n", extra + "network:\n")
        + "components:\n  - {id: users, kind: client}\n"
        + components
    )
    if links:
        text += "links:\n" + links
    return load_text(text, "tiny.yaml")


def line(estimate_, component: str, name_start: str):  # type: ignore[no-untyped-def]
    for item in estimate_.component(component).lines:
        if item.name.startswith(name_start):
            return item
    raise AssertionError(f"no line {name_start!r} on {component}")


def test_fixed_tier_runs_every_hour(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - {id: web, kind: web_server, instance_type: t3.medium, count: 3,"
            " subnets: [app-a, app-b], volume_gb: 20}\n"
        ),
        book,
    )
    hours = line(result, "web", "Instance usage")
    assert hours.quantity == 3 * 730
    assert hours.monthly_usd == pytest.approx(3 * 30.368)
    volumes = line(result, "web", "Root volumes")
    assert volumes.monthly_usd == pytest.approx(3 * 20 * 0.08)


def test_an_autoscaled_tier_with_no_load_runs_at_its_minimum(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - id: web\n    kind: web_server\n    instance_type: m6i.large\n"
            "    subnets: [app-a, app-b]\n    autoscaling: {min: 2, max: 4}\n"
        ),
        book,
    )
    hours = line(result, "web", "Instance usage")
    assert hours.quantity == pytest.approx(2 * 730)
    assert "needs 0 at" in hours.basis


def test_multi_az_rds_with_replicas_and_growing_storage(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - {id: api, kind: app_server, instance_type: m6i.large, subnets: [app-a]}\n"
            "  - {id: db, kind: relational_database, instance_class: db.m6i.large,"
            " multi_az: true, storage_gb: 20,"
            " max_storage_gb: 2000, subnets: [app-a, app-b]}\n"
            "  - {id: ro, kind: relational_database, instance_class: db.m6i.large,"
            " replica_of: db, count: 2, storage_gb: 20,"
            " max_storage_gb: 2000, subnets: [app-a, app-b]}\n",
            "  - {source: users, target: api}\n"
            "  - {source: api, target: db, traffic: writes}\n"
            "  - {source: api, target: ro, traffic: reads}\n",
            extra="  record_kb: 100\n",
        ),
        book,
    )
    assert line(result, "db", "Database instances").monthly_usd == pytest.approx(0.342 * 730)
    assert line(result, "ro", "Database instances").monthly_usd == pytest.approx(2 * 0.171 * 730)
    # Priced at the average over the 36-month window: (36 + 1) / 2 months of content.
    content_gb = 262_800 * 100 * 1000 / 1e9 * 18.5
    assert line(result, "db", "Storage").quantity == pytest.approx(content_gb)
    assert line(result, "db", "Storage").monthly_usd == pytest.approx(content_gb * 0.23)
    assert line(result, "ro", "Storage").monthly_usd == pytest.approx(2 * content_gb * 0.115)


def test_usage_overrides_a_derived_quantity_and_says_so(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - id: db\n    kind: relational_database\n    instance_class: db.m6i.large\n"
            "    subnets: [app-a]\n    usage: {storage_gb: 750}\n"
        ),
        book,
    )
    storage = line(result, "db", "Storage")
    assert storage.quantity == 750
    assert storage.basis == "usage.storage_gb stated"
    assert storage.monthly_usd == pytest.approx(750 * 0.115)


def test_load_balancer_capacity_follows_the_traffic(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - {id: lb, kind: load_balancer, subnets: [public-a, public-b]}\n"
            "  - {id: web, kind: web_server, instance_type: m6i.large, subnets: [app-a]}\n",
            "  - {source: users, target: lb}\n  - {source: lb, target: web}\n",
        ),
        book,
    )
    hours = line(result, "lb", "Application load balancer hours")
    assert hours.monthly_usd == pytest.approx(16.425)
    capacity = line(result, "lb", "Capacity units")
    # 2,890,800 requests a month = 1.1 req/s on average, so new connections set the LCUs.
    average_rps = (2_628_000 + 262_800) / 2_628_000
    # Static objects of 58 KB make processed bytes, not new connections, set the LCUs.
    assert capacity.quantity > average_rps / 25 * 730
    assert capacity.monthly_usd == pytest.approx(capacity.quantity * 0.008)
    addresses = line(result, "lb", "Public IPv4")
    assert addresses.quantity == 2 * 730
    egress = line(result, "lb", "Data transfer out")
    # Without a CDN the static half of the reads comes back from the origin at 58 KB each.
    assert egress.quantity == pytest.approx(1_314_000 * (1_000 + 58_000) / 1e9)


def test_edge_and_managed_services(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - {id: dns, kind: dns}\n  - {id: cdn, kind: cdn}\n"
            "  - {id: files, kind: object_store}\n  - {id: q, kind: queue}\n"
            "  - {id: kv, kind: nosql_table}\n"
            "  - {id: api, kind: app_server, instance_type: m6i.large, subnets: [app-a]}\n"
            "  - {id: fn, kind: worker, runtime: lambda, lambda_memory_mb: 2048,"
            " lambda_duration_ms: 1000}\n",
            "  - {source: users, target: dns}\n  - {source: users, target: cdn, traffic: static}\n"
            "  - {source: cdn, target: files, traffic: static}\n"
            "  - {source: users, target: api}\n  - {source: api, target: q, traffic: jobs}\n"
            "  - {source: api, target: kv, traffic: writes}\n"
            "  - {source: api, target: files, traffic: writes}\n"
            "  - {source: fn, target: q, traffic: jobs}\n",
            extra="  async_write_share: 0.5\n",
        ),
        book,
    )
    assert line(result, "dns", "Hosted zones").monthly_usd == 0.5
    assert line(result, "dns", "Standard queries").monthly_usd == pytest.approx(30_000 * 4e-7)
    assert line(result, "cdn", "HTTPS requests").quantity == 1_314_000
    assert line(result, "cdn", "Data transfer out").monthly_usd == pytest.approx(
        1_314_000 * 58_000 / 1e9 * 0.085
    )
    # Half the writes are jobs on the queue, the other half reach S3 and DynamoDB.
    assert line(result, "files", "PUT").monthly_usd == pytest.approx(131_400 * 0.000005)
    assert line(result, "q", "Requests").quantity == pytest.approx(3 * 131_400)
    assert line(result, "kv", "Write request units").monthly_usd == pytest.approx(
        131_400 * 0.625 / 1e6
    )
    assert line(result, "fn", "Duration").quantity == pytest.approx(131_400 * 1 * 2)


def test_warehouse_nat_and_cache(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - {id: dw, kind: data_warehouse, nodes: 2, subnets: [app-a]}\n"
            "  - {id: nat, kind: nat_gateway, subnet: public-a,"
            " usage: {processed_gb_per_month: 100}}\n"
            "  - {id: c, kind: cache, node_type: cache.r6g.xlarge, nodes: 3, shards: 2,"
            " subnets: [app-a, app-b]}\n"
        ),
        book,
    )
    assert line(result, "dw", "Compute nodes").monthly_usd == pytest.approx(2 * 730 * 1.086)
    assert line(result, "nat", "NAT gateway hours").monthly_usd == pytest.approx(730 * 0.045)
    assert line(result, "nat", "Data processed").monthly_usd == pytest.approx(4.5)
    assert line(result, "c", "Cache nodes").monthly_usd == pytest.approx(6 * 730 * 0.411)


def test_an_unpriced_instance_type_is_listed_not_zero(book: PriceBook) -> None:
    line = (
        "  - {id: db, kind: relational_database, instance_class: db.t4g.xlarge, subnets: [app-a]}"
    )
    result = estimate(model(line + "\n"), book)
    assert result.partial
    assert result.unpriced[0].startswith("db (relational_database): ")
    assert "db.t4g.xlarge (mysql, single-az)" in result.unpriced[0]


def test_a_model_in_another_region_needs_that_regions_prices(book: PriceBook) -> None:
    text = BASE.replace("us-east-1", "eu-west-1")
    other = load_text(text + "components:\n  - {id: users, kind: client}\n", "x.yaml")
    assert not estimate(other).partial, "a model with nothing to price is not partial"
    with pytest.raises(InputError, match="the model is in eu-west-1 but the prices are for"):
        estimate(other, book)


def test_stages_cost_more_as_they_grow_except_autoscaled_stage_5() -> None:
    totals = [estimate(load(path)).monthly_usd for path in STAGES]
    assert totals[0] < totals[1] < totals[2] < totals[3]
    assert totals[4] < totals[3]
    assert totals[5] > totals[3]


def test_stage_5_saves_only_on_the_autoscaled_tiers() -> None:
    from archlib.cost.compare import compare

    before, after = (estimate(load(STAGES[i])) for i in (3, 4))
    changed = {change.component for change in compare(before, after).changes}
    # besides its tiers, stage 5 turns on the operations the stack then creates
    assert changed == {"web", "read-api", "write-api", "operations"}


def test_budget_status() -> None:
    base = load(STAGES[1])
    assert budget_status(base) is None
    priced = estimate(base)
    tight = type(base).model_validate({**base.model_dump(), "budget": {"monthly_usd": 100.0}})
    status = budget_status(tight, priced)
    assert status is not None and status.over
    assert status.overrun_usd == pytest.approx(priced.monthly_usd - 100)
    assert "over the budget of $100.00" in status.message()
    roomy = type(base).model_validate({**base.model_dump(), "budget": {"monthly_usd": 1e6}})
    assert not budget_status(roomy, priced).over  # type: ignore[union-attr]


@settings(max_examples=25, deadline=None)
@given(
    factor=st.floats(1.0, 50.0),
    stage=st.sampled_from(range(len(STAGES))),
)
def test_more_traffic_never_costs_less(factor: float, stage: int) -> None:
    base = load(STAGES[stage])
    busier = base.model_copy(deep=True)
    busier.traffic.reads_per_month = base.traffic.reads_per_month * factor
    busier.traffic.writes_per_month = base.traffic.writes_per_month * factor
    before, after = estimate(base), estimate(busier)
    assert after.monthly_usd >= before.monthly_usd - 1e-6
    assert after.monthly_usd == pytest.approx(
        sum(line.monthly_usd for c in after.components for line in c.lines)
    )


def test_private_callers_pay_nat_data_processing_where_no_gateway_endpoint_goes(
    book: PriceBook,
) -> None:
    text = BASE.replace(
        "    - {id: app-a, cidr: 10.0.10.0/24, az: a, type: private}\n",
        "    - {id: app-a, cidr: 10.0.10.0/24, az: a, type: private, nat_gateway: nat-a}\n",
    ).replace(
        "    - {id: app-b, cidr: 10.0.11.0/24, az: b, type: private}\n",
        "    - {id: app-b, cidr: 10.0.11.0/24, az: b, type: private, nat_gateway: nat-b}\n",
    )
    text += (
        "components:\n  - {id: users, kind: client}\n"
        "  - {id: nat-a, kind: nat_gateway, subnet: public-a}\n"
        "  - {id: nat-b, kind: nat_gateway, subnet: public-b}\n"
        "  - {id: api, kind: app_server, instance_type: m6i.large, subnets: [app-a, app-b]}\n"
        "  - {id: files, kind: object_store}\n"
        "links:\n  - {source: users, target: api}\n"
        "  - {source: api, target: files, traffic: reads}\n"
        "  - {source: api, target: files, traffic: writes, port: 443}\n"
    )
    result = estimate(load_text(text, "nat.yaml"), book)
    # the exported stack routes S3 through a gateway endpoint: nothing crosses the NAT
    for gateway in ("nat-a", "nat-b"):
        assert line(result, gateway, "Data processed").quantity == 0
    queued = estimate(load_text(text.replace("kind: object_store", "kind: queue"), "q.yaml"), book)
    # SQS has no gateway endpoint. The API reads (half the reads, the rest are static objects
    # the api does not pass on a `reads` link) bring 1 KB back; the writes send 1 KB; split
    # over two gateways.
    expected_gb = (1_314_000 * 1 + 262_800 * 1) * 1000 / 1e9 / 2
    for gateway in ("nat-a", "nat-b"):
        processed = line(queued, gateway, "Data processed")
        assert processed.quantity == pytest.approx(expected_gb)
        assert processed.monthly_usd == pytest.approx(expected_gb * 0.045)


def test_provisioned_dynamodb_is_not_bundled_so_it_is_an_error(book: PriceBook) -> None:
    provisioned = model(
        "  - {id: kv, kind: nosql_table, billing_mode: provisioned,"
        " read_capacity: 10, write_capacity: 5}\n"
    )
    result = estimate(provisioned, book)
    assert len(result.unpriced) == 1 and result.unpriced[0].startswith("kv (nosql_table): ")
    assert "Provisioned IOPS (group=DDB-WriteUnits)" in result.unpriced[0]


def test_database_retention_bounds_storage_and_replicas_follow_their_primary(
    book: PriceBook,
) -> None:
    """Rows older than the database's retention window live elsewhere (the warehouse)."""
    result = estimate(
        model(
            "  - {id: api, kind: app_server, instance_type: m6i.large, subnets: [app-a]}\n"
            "  - {id: db, kind: relational_database, instance_class: db.m6i.large,"
            " multi_az: true, storage_gb: 20,"
            " max_storage_gb: 2000, retention_months: 6, subnets: [app-a, app-b]}\n"
            "  - {id: ro, kind: relational_database, instance_class: db.m6i.large,"
            " replica_of: db, count: 2, storage_gb: 20,"
            " max_storage_gb: 2000, subnets: [app-a, app-b]}\n",
            "  - {source: users, target: api}\n"
            "  - {source: api, target: db, traffic: writes}\n"
            "  - {source: api, target: ro, traffic: reads}\n",
            extra="  record_kb: 100\n",
        ),
        book,
    )
    content_gb = 262_800 * 100 * 1000 / 1e9 * 6  # a rolling window stays full
    assert line(result, "db", "Storage").quantity == pytest.approx(content_gb)
    assert line(result, "ro", "Storage").monthly_usd == pytest.approx(2 * content_gb * 0.115)


def test_warehouse_managed_storage_holds_the_full_history(book: PriceBook) -> None:
    """Redshift Managed Storage (RA3) at $0.024 per GB-month in us-east-1."""
    result = estimate(
        model("  - {id: dw, kind: data_warehouse, nodes: 2, subnets: [app-a]}\n"), book
    )
    history_gb = 262_800 * 1 * 1000 / 1e9 * 18.5  # the average over 36 months
    storage = line(result, "dw", "Managed storage")
    assert storage.quantity == pytest.approx(history_gb)
    assert storage.monthly_usd == pytest.approx(history_gb * 0.024)


def test_connection_reuse_lowers_the_capacity_units_until_bytes_decide() -> None:
    stage = load(STAGES[3])
    before = line(estimate(stage), "lb", "Capacity units").quantity
    reused = stage.model_copy(deep=True)
    reused.traffic.requests_per_connection = 10
    after = line(estimate(reused), "lb", "Capacity units")
    assert after.quantity < before
    assert "one per 10 requests" in after.basis
    # With connections free enough, processed bytes set the units: more reuse changes nothing.
    more = stage.model_copy(deep=True)
    more.traffic.requests_per_connection = 10_000
    most = stage.model_copy(deep=True)
    most.traffic.requests_per_connection = 5_000
    assert line(estimate(more), "lb", "Capacity units").quantity == pytest.approx(
        line(estimate(most), "lb", "Capacity units").quantity
    )


def _databases(spare_gb: int | None) -> str:
    text = (
        "  - {id: api, kind: app_server, instance_type: m6i.large, subnets: [app-a]}\n"
        "  - {id: big, kind: relational_database, instance_class: db.m6i.large,"
        " storage_gb: 20, max_storage_gb: 10000, subnets: [app-a, app-b]}\n"
    )
    if spare_gb is not None:
        text += (
            "  - {id: spare, kind: relational_database, instance_class: db.m6i.large,"
            f" storage_gb: {spare_gb}, subnets: [app-a, app-b]}}\n"
        )
    return text


def test_the_free_backup_storage_is_the_regions_not_each_databases(book: PriceBook) -> None:
    links = "  - {source: users, target: api}\n  - {source: api, target: big, traffic: writes}\n"
    alone = estimate(model(_databases(None), links, extra="  record_kb: 1000\n"), book)
    changes = 262_800 * 1000 / 1e6 * 7 / (730 / 24)  # a week of changes beyond the full copy
    assert line(alone, "big", "Backup storage").quantity == pytest.approx(changes)
    # Another database's storage in the region is free backup storage for big's too.
    shared = estimate(model(_databases(20), links, extra="  record_kb: 1000\n"), book)
    backup = line(shared, "big", "Backup storage")
    assert backup.quantity == pytest.approx(changes - 20)
    assert "provisioned in the region" in backup.basis
    roomy = estimate(model(_databases(200), links, extra="  record_kb: 1000\n"), book)
    assert line(roomy, "big", "Backup storage").quantity == 0


def test_a_rolling_window_is_priced_full(book: PriceBook) -> None:
    text = (
        "  - {id: api, kind: app_server, instance_type: m6i.large, subnets: [app-a]}\n"
        "  - {id: db, kind: relational_database, instance_class: db.m6i.large,"
        " storage_gb: 20, max_storage_gb: 4000, retention_months: 6, subnets: [app-a, app-b]}\n"
    )
    links = "  - {source: users, target: api}\n  - {source: api, target: db, traffic: writes}\n"
    result = estimate(model(text, links, extra="  record_kb: 100\n"), book)
    storage = line(result, "db", "Storage")
    monthly_gb = 262800 * 100 / 1e6
    assert storage.quantity == pytest.approx(6 * monthly_gb)
    assert "rolling 6-month window" in storage.basis
