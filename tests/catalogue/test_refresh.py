"""`archlib prices refresh` rebuilds the catalogue's rates from the Price List API: tested on
recorded responses of the real `get_products` shape, through botocore's Stubber."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from archlib.catalogue import Catalogue, HourlyRate, parse_prices
from archlib.cost import catalogue as items
from archlib.cost import estimate
from archlib.cost.pricelist import PriceBook
from archlib.cost.refresh import build_catalogue_prices, catalogue_queries
from archlib.errors import InputError
from archlib.loader import load
from tests.conftest import STAGE_FILES
from tests.cost.recorded import (
    REGIONS,
    add_catalogue_answers,
    add_pages,
    record,
    recorded,
    sent_requests,
)


@pytest.fixture
def bundled_rates() -> list[HourlyRate]:
    return Catalogue.bundled().rates("us-east-1")


@pytest.fixture
def stubbed(bundled_rates: list[HourlyRate]):  # type: ignore[no-untyped-def]
    client = boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    stubber = Stubber(client)
    for query, engine in catalogue_queries():
        add_pages(stubber, query, "us-east-1", recorded(query, engine, bundled_rates))
    with stubber:
        yield client
    stubber.assert_no_pending_responses()


def test_a_refresh_rebuilds_the_bundled_rates_in_the_same_format(  # type: ignore[no-untyped-def]
    stubbed, bundled_rates: list[HourlyRate]
) -> None:
    document = build_catalogue_prices("us-east-1", stubbed, retrieved="2026-11-30")
    assert document["formatVersion"] == "archlib-catalogue-prices/1"
    assert document["published"] == "2026-11-20"
    refreshed = {(r["type"], r["engine"], r["deployment"]): r for r in document["rates"]}
    expected = {(r.type, r.engine, r.deployment): r.usd for r in bundled_rates}
    assert {k: Decimal(v["usd_per_hour"]) for k, v in refreshed.items()} == expected
    assert all(len(r["sku"]) == 16 and r["derived_from"] is None for r in refreshed.values())
    assert "u7i-12tb.224xlarge" not in {r["type"] for r in document["rates"]}


def test_refreshed_rates_price_the_stages_as_the_bundled_ones(stubbed) -> None:  # type: ignore[no-untyped-def]
    document = build_catalogue_prices("us-east-1", stubbed, retrieved="2026-11-30")
    known = Catalogue.bundled().with_rates(document, "refreshed us-east-1")
    bundled = PriceBook.bundled("us-east-1")
    book = PriceBook(
        bundled.region,
        bundled.publication_date,
        [entry for entries in bundled._index.values() for entry in entries],
        "refreshed",
        catalogue=known,
    )
    for path in STAGE_FILES:
        model = load(path)
        assert estimate(model, book).monthly_usd == pytest.approx(estimate(model).monthly_usd)
    price = book.price(items.ec2_instance("m6i.large"))
    assert price.sku_available and price.source["kind"].startswith("AWS Price List API")


def test_two_different_rates_for_one_size_are_an_error() -> None:
    client = boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    query, _ = catalogue_queries()[0]
    twice = [record(query, "m6i.large", "0.096"), record(query, "m6i.large", "0.1", note="x")]
    with Stubber(client) as stubber:
        stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": twice})
        with pytest.raises(InputError, match=r"two on-demand rates for m6i\.large"):
            build_catalogue_prices("us-east-1", client)


def test_an_unknown_region_is_an_error() -> None:
    with pytest.raises(InputError, match="unknown region 'mars-1'"):
        build_catalogue_prices("mars-1", client=None)


def _client() -> Any:
    return boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )


@pytest.mark.parametrize("code", sorted(REGIONS))
def test_a_refresh_reads_any_region_by_its_region_code(
    code: str, bundled_rates: list[HourlyRate]
) -> None:
    region = REGIONS[code]
    client = _client()
    sent = sent_requests(client)
    with Stubber(client) as stubber:
        add_catalogue_answers(stubber, bundled_rates, region)
        document = build_catalogue_prices(code, client, retrieved="2026-11-30")
        stubber.assert_no_pending_responses()
    assert sent and all(
        {"Type": "TERM_MATCH", "Field": "regionCode", "Value": code} in request["Filters"]
        and "location" not in {f["Field"] for f in request["Filters"]}
        for request in sent
    )
    assert document["region"] == code and document["sources"]["price-list-api"]["region"] == code
    read, rates = parse_prices(document, Catalogue.bundled(), "refreshed")
    assert read == code
    refreshed = {(r.type, r.engine, r.deployment): r.usd for r in rates}
    home = {(r.type, r.engine, r.deployment): r.usd for r in bundled_rates}
    assert refreshed.keys() == home.keys()
    for key, usd in home.items():
        assert refreshed[key] == (usd * region.factor).quantize(Decimal("1e-10")).normalize()
        assert refreshed[key] != usd
    known = Catalogue.bundled().with_rates(document, f"refreshed {code}")
    assert code in known.regions()
    rate = known.rate("m6i.large", code, None, None)
    assert rate is not None and rate.usd == home[("m6i.large", None, None)] * region.factor
