"""Each price the estimator uses, against a hand calculation from the published rate."""

from __future__ import annotations

import json
import math

import pytest

from archlib.cost import catalogue
from archlib.cost.pricelist import MissingPriceError, PriceBook
from archlib.errors import InputError


def test_t3_medium_linux_on_demand_is_30_37_a_month(book: PriceBook) -> None:
    price = book.price(catalogue.ec2_instance("t3.medium"))
    assert price.unit == "Hrs"
    assert price.first_rate == 0.0416
    assert round(price.cost(730), 2) == 30.37
    assert price.source["url"] == "https://aws.amazon.com/ec2/pricing/on-demand/"


def test_application_load_balancer_hour_and_lcu_hour(book: PriceBook) -> None:
    hours = book.price(catalogue.load_balancer_hours("application"))
    lcus = book.price(catalogue.load_balancer_capacity("application"))
    assert (hours.unit, hours.first_rate) == ("Hrs", 0.0225)
    assert (lcus.unit, lcus.first_rate) == ("LCU-Hrs", 0.008)
    assert round(hours.cost(730) + lcus.cost(730 * 2), 2) == round(16.425 + 11.68, 2)
    assert "elasticloadbalancing/pricing" in hours.source["url"]


def test_s3_standard_is_0_023_per_gb_month_then_tiered(book: PriceBook) -> None:
    price = book.price(catalogue.s3_storage("STANDARD"))
    assert price.unit == "GB-Mo"
    assert price.cost(1000) == pytest.approx(23.0)
    assert price.cost(60_000) == pytest.approx(51_200 * 0.023 + 8_800 * 0.022)
    assert price.source["url"] == "https://aws.amazon.com/s3/pricing/"


@pytest.mark.parametrize("instance_class", ["db.m6i.large", "db.m6i.xlarge", "db.r6i.2xlarge"])
def test_rds_mysql_multi_az_is_twice_single_az(book: PriceBook, instance_class: str) -> None:
    single = book.price(catalogue.rds_instance(instance_class, "mysql", multi_az=False))
    multi = book.price(catalogue.rds_instance(instance_class, "mysql", multi_az=True))
    assert multi.first_rate == pytest.approx(2 * single.first_rate)
    assert single.source["url"] == "https://aws.amazon.com/rds/mysql/pricing/"


def test_db_m6i_large_single_az_rate(book: PriceBook) -> None:
    price = book.price(catalogue.rds_instance("db.m6i.large", "mysql", multi_az=False))
    assert round(price.cost(730), 2) == round(0.171 * 730, 2)


def test_tiers_are_walked_in_order(book: PriceBook) -> None:
    transfer = book.price(catalogue.data_transfer_out())
    assert transfer.cost(0) == 0
    assert transfer.cost(10_240) == pytest.approx(10_240 * 0.09)
    assert transfer.cost(20_000) == pytest.approx(10_240 * 0.09 + 9_760 * 0.085)
    sqs = book.price(catalogue.sqs_requests(fifo=False))
    assert sqs.cost(1_000_000) == 0
    assert sqs.cost(3_000_000) == pytest.approx(2_000_000 * 0.0000004)


def test_every_snapshot_record_names_its_source_and_has_no_fake_sku(book: PriceBook) -> None:
    for query in catalogue.standard_items():
        price = book.price(query)
        assert price.source["url"].startswith("https://aws.amazon.com/")
        assert price.source["recorded"] <= book.publication_date
        assert not price.sku_available
        assert price.sku.startswith("archlib-")


def test_the_bundled_snapshot_holds_exactly_the_standard_items(book: PriceBook) -> None:
    records = sum(len(entries) for entries in book._index.values())
    assert records == len(catalogue.standard_items())


def test_a_missing_price_is_an_error_naming_the_item(book: PriceBook) -> None:
    with pytest.raises(MissingPriceError) as raised:
        book.price(catalogue.ebs_volume("st1"))
    assert "volumeApiName=st1" in str(raised.value)
    assert "2026-12-07" in str(raised.value)


def test_a_region_without_a_snapshot_prices_nothing_and_says_how_to_get_prices() -> None:
    book = PriceBook.bundled("ap-south-2")
    assert "archlib prices refresh --region ap-south-2" in book.origin
    with pytest.raises(MissingPriceError, match="not priced in ap-south-2"):
        book.price(catalogue.ebs_volume("gp3"))


def test_a_malformed_record_names_where_it_is(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "prices.json"
    path.write_text(
        json.dumps(
            {
                "formatVersion": "archlib-prices/1",
                "region": "us-east-1",
                "publicationDate": "2026-01-01",
                "priceList": [{"product": {"attributes": {}, "sku": "X"}}],
            }
        )
    )
    with pytest.raises(InputError) as raised:
        PriceBook.from_path(path)
    assert raised.value.path == str(path)
    assert raised.value.field == "priceList[0]"


def test_endless_last_tier_is_infinite(book: PriceBook) -> None:
    price = book.price(catalogue.s3_storage("STANDARD"))
    assert math.isinf(price.tiers[-1].end)
