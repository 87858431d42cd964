"""`archlib prices refresh` rebuilds the catalogue's rates from the Price List API: tested on
recorded responses of the real `get_products` shape, through botocore's Stubber."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from archlib.catalogue import Catalogue, HourlyRate, service_of
from archlib.cost import catalogue as items
from archlib.cost import estimate
from archlib.cost.pricelist import PriceBook
from archlib.cost.refresh import build_catalogue_prices, catalogue_queries, filters
from archlib.errors import InputError
from archlib.loader import load
from tests.conftest import STAGE_FILES

LOCATION = "US East (N. Virginia)"
PAGE = 100
SERVICES = {"AmazonEC2": "ec2", "AmazonRDS": "rds", "AmazonElastiCache": "elasticache",
            "AmazonRedshift": "redshift"}  # fmt: skip
DEPLOYMENTS = {"single-az": "Single-AZ", "multi-az": "Multi-AZ"}


def _sku(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest().upper()
    return "".join(c for c in digest if c.isalnum())[:16]


def record(query: items.PriceQuery, name: str, usd: str, **extra: str) -> str:
    """One `PriceList` entry as `get_products` returns it: a JSON string."""
    sku = _sku(query.service, name, *extra.values(), *dict(query.attributes).values())
    rate_code = f"{sku}.JRTCKXETXF.6YS6EN2CT7"
    attributes = {
        "servicecode": query.service,
        "location": LOCATION,
        "locationType": "AWS Region",
        "regionCode": "us-east-1",
        "instanceType": name,
        "usagetype": f"BoxUsage:{name}",
        **dict(query.attributes),
        **extra,
    }
    document = {
        "product": {"productFamily": query.family, "attributes": attributes, "sku": sku},
        "serviceCode": query.service,
        "terms": {
            "OnDemand": {
                f"{sku}.JRTCKXETXF": {
                    "priceDimensions": {
                        rate_code: {
                            "unit": "Hrs",
                            "endRange": "Inf",
                            "description": f"${usd} per On Demand {name} Instance Hour",
                            "appliesTo": [],
                            "rateCode": rate_code,
                            "beginRange": "0",
                            "pricePerUnit": {"USD": f"{Decimal(usd):.10f}"},
                        }
                    },
                    "sku": sku,
                    "effectiveDate": "2026-11-01T00:00:00Z",
                    "offerTermCode": "JRTCKXETXF",
                    "termAttributes": {},
                }
            },
            "Reserved": {f"{sku}.4NA7Y494T4": {"priceDimensions": {}, "sku": sku}},
        },
        "version": "20261120000000",
        "publicationDate": "2026-11-20T18:00:00Z",
    }
    return json.dumps(document)


def recorded(query: items.PriceQuery, engine: str | None, rates: list[HourlyRate]) -> list[str]:
    """What the API answers for one query: the catalogue's rates, plus sizes and deployment
    options the catalogue does not hold, which a refresh must skip."""
    service = SERVICES[query.service]
    mine = [r for r in rates if service_of(r.type) == service and r.engine == engine]
    out = []
    for rate in mine:
        extra = {"deploymentOption": DEPLOYMENTS[rate.deployment]} if rate.deployment else {}
        out.append(record(query, rate.type, str(rate.usd), **extra))
    if service == "ec2":
        out.append(record(query, "u7i-12tb.224xlarge", "152.88"))
    if service == "rds" and mine:
        out.append(
            record(query, mine[0].type, "9.99", deploymentOption="Multi-AZ (readable standbys)")
        )
    return out


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
        answer = recorded(query, engine, bundled_rates)
        params: dict[str, Any] = {
            "ServiceCode": query.service,
            "Filters": filters(query, LOCATION),
            "FormatVersion": "aws_v1",
        }
        pages = [answer[i : i + PAGE] for i in range(0, len(answer), PAGE)] or [[]]
        for number, page in enumerate(pages):
            response: dict[str, Any] = {"FormatVersion": "aws_v1", "PriceList": page}
            if number + 1 < len(pages):
                response["NextToken"] = f"page-{number + 2}"
            stubber.add_response("get_products", response, params)
            params = {**params, "NextToken": f"page-{number + 2}"}
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
