"""Charges a reviewer recomputed by hand: each was wrong or missing before."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlib.cost import usage
from archlib.cost.estimator import estimate
from archlib.cost.pricelist import PriceBook
from archlib.errors import InputError
from archlib.loader import load, load_text
from tests.cost.conftest import MODELS
from tests.cost.test_estimator import line, model

STAGE_6 = MODELS / "6-users-plus-5.yaml"


def test_queries_to_alias_records_are_free(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - {id: dns, kind: dns, records: [{name: '@', target: lb}]}\n"
            "  - {id: lb, kind: load_balancer, subnets: [public-a, public-b]}\n"
        ),
        book,
    )
    assert line(result, "dns", "Standard queries").monthly_usd == 0


def test_transfer_out_is_tiered_once_for_two_entry_points(book: PriceBook) -> None:
    components = (
        "  - {id: lb, kind: load_balancer, subnets: [public-a, public-b]}\n"
        "  - {id: lb2, kind: load_balancer, subnets: [public-a, public-b]}\n"
    )
    links = "  - {source: users, target: lb}\n  - {source: users, target: lb2}\n"
    busy = model(components, links)
    busy.traffic.reads_per_month = 2e11
    result = estimate(busy, book)
    first = line(result, "lb", "Data transfer out")
    second = line(result, "lb2", "Data transfer out")
    together = first.price.cost(first.quantity + second.quantity)
    assert first.monthly_usd + second.monthly_usd == pytest.approx(together)
    assert together < first.price.cost(first.quantity) + second.price.cost(second.quantity)


def test_async_share_moves_writes_to_the_queue(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - {id: api, kind: app_server, instance_type: m6i.large, subnets: [app-a]}\n"
            "  - {id: db, kind: nosql_table}\n  - {id: q, kind: queue}\n",
            "  - {source: users, target: api}\n  - {source: api, target: db, traffic: writes}\n"
            "  - {source: api, target: q, traffic: jobs}\n",
            extra="  async_write_share: 0.2\n",
        ),
        book,
    )
    assert line(result, "q", "Requests").quantity == pytest.approx(3 * 262_800 * 0.2)
    assert line(result, "db", "Write request units").quantity == pytest.approx(262_800 * 0.8)


def test_point_in_time_recovery_is_priced_on_the_table_size(book: PriceBook) -> None:
    components = "  - {id: db, kind: nosql_table}\n"
    links = "  - {source: users, target: db, traffic: writes}\n"
    result = estimate(model(components, links), book)
    storage = line(result, "db", "Data storage")
    pitr = line(result, "db", "Point-in-time recovery")
    assert pitr.quantity == storage.quantity > 0
    assert pitr.monthly_usd == pytest.approx(storage.quantity * 0.20)
    off = estimate(
        model("  - {id: db, kind: nosql_table, point_in_time_recovery: false}\n", links), book
    )
    assert all(not item.name.startswith("Point") for item in off.component("db").lines)


def test_calls_between_azs_pay_inter_az_transfer(book: PriceBook) -> None:
    result = estimate(
        model(
            "  - {id: api, kind: app_server, instance_type: m6i.large, subnets: [app-a, app-b]}\n"
            "  - {id: c, kind: cache, subnets: [app-a, app-b]}\n",
            "  - {source: users, target: api}\n  - {source: api, target: c, traffic: reads}\n",
        ),
        book,
    )
    crossing = line(result, "api", "Data transfer between AZs")
    assert crossing.quantity > 0
    assert crossing.monthly_usd == pytest.approx(crossing.quantity * 0.01)


def test_infinite_traffic_is_rejected_at_load() -> None:
    with pytest.raises(InputError):
        model("", extra="  peak_to_average: .inf\n")
    text = model("").model_dump_json()
    assert "Infinity" not in text


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"storage_gb": -1}, "0 or more"),
        ({"storage_gb": float("nan")}, "0 or more"),
        ({"storage_gbs": 5}, "did you mean 'storage_gb'"),
    ],
)
def test_bad_usage_figures_are_errors(figures: dict[str, float], message: str) -> None:
    tiny = model("  - {id: files, kind: object_store}\n")
    with pytest.raises(InputError, match=message):
        usage.merged(tiny, {"files": figures})


def test_misspelt_usage_in_the_model_is_an_error(book: PriceBook) -> None:
    tiny = model("  - {id: files, kind: object_store, usage: {put_request: 5}}\n")
    with pytest.raises(InputError, match="did you mean 'put_requests_per_month'") as error:
        estimate(tiny, book)
    assert error.value.field == "components[1].usage.put_request"


def test_estimate_splits_fixed_and_usage(book: PriceBook) -> None:
    stage = load_text(STAGE_6.read_text("utf-8"), "6.yaml")
    result = estimate(stage, book)
    document = result.as_dict()
    assert document["fixed_monthly_usd"] + document["usage_monthly_usd"] == pytest.approx(
        document["monthly_usd"]
    )
    assert all("usage_based" in item for c in document["components"] for item in c["lines"])
    assert document["not_priced"]


def test_negative_or_nan_usage_in_the_model_is_rejected_at_load() -> None:
    with pytest.raises(InputError, match="greater than or equal to 0"):
        model("  - {id: files, kind: object_store, usage: {storage_gb: -1}}\n")
    with pytest.raises(InputError, match="finite number"):
        model("  - {id: files, kind: object_store, usage: {storage_gb: .nan}}\n")


def test_growing_storage_is_priced_at_the_stated_point(book: PriceBook) -> None:
    components = "  - {id: files, kind: object_store}\n"
    links = "  - {source: users, target: files, traffic: writes}\n"
    average = line(estimate(model(components, links), book), "files", "Storage")
    end = line(
        estimate(model(components, links, extra="  storage_point: end\n"), book),
        "files",
        "Storage",
    )
    monthly_gb = 262_800 * 1_000 / 1e9
    assert average.quantity == pytest.approx(monthly_gb * 18.5)
    assert end.quantity == pytest.approx(monthly_gb * 36)
    assert "GB when full" in average.basis


def test_a_usage_file_is_read_as_a_model_is(tmp_path: Path) -> None:
    """Bounded, never from a pipe, duplicate keys refused, and an unknown component named at
    its line."""
    import os

    from archlib.cost.usage import read_file

    model = load(MODELS / "3-users-plus-2.yaml")
    duplicate = tmp_path / "dup.yaml"
    duplicate.write_text("web: {instances: 1}\nweb: {instances: 2}\n")
    with pytest.raises(InputError, match="duplicate key 'web'"):
        read_file(duplicate, [model])
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("web: {instances: 1}\nwbe: {instances: 2}\n")
    with pytest.raises(InputError) as raised:
        read_file(unknown, [model])
    assert raised.value.line == 2 and "did you mean 'web'" in str(raised.value)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="not a regular file"):
        read_file(pipe, [model])
