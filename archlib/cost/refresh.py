"""Rebuild a price snapshot, and the catalogue's instance rates, from the live AWS Price
List API (boto3's `pricing` client).

boto3 is imported here and only here, so the rest of archlib starts without it.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from archlib.catalogue import PRICES_FORMAT, Catalogue, parse_prices
from archlib.cost.catalogue import (
    CACHE_ENGINES,
    RDS_ENGINES,
    REGION_LOCATIONS,
    PriceQuery,
    standard_items,
)
from archlib.cost.pricelist import FORMAT_VERSION, PriceBook
from archlib.errors import InputError

PRICING_ENDPOINT_REGION = "us-east-1"
"""The Price List query API answers in a few regions; us-east-1 serves every region's prices."""


def pricing_client() -> Any:
    """A `pricing` client, or a one-line InputError when boto3 or credentials are missing."""
    try:
        import boto3
    except ImportError:
        raise InputError(
            "refreshing prices needs boto3: install the aws extra (pip install 'archlib[aws]')"
        ) from None
    session = boto3.Session()
    if session.get_credentials() is None:
        raise InputError(
            "refreshing prices needs AWS credentials (environment, profile or role); none found"
        )
    return session.client("pricing", region_name=PRICING_ENDPOINT_REGION)


def filters(query: PriceQuery, location: str) -> list[dict[str, str]]:
    """TERM_MATCH filters that pick the query's records, in the API's own field names."""
    pairs = [("productFamily", query.family), *query.attributes]
    if query.regional:
        pairs.append(("location", location))
    return [{"Type": "TERM_MATCH", "Field": field, "Value": value} for field, value in pairs]


def fetch(client: Any, query: PriceQuery, location: str) -> list[dict[str, Any]]:
    """Every on-demand record for one item, across all pages of `get_products`."""
    records = []
    paginator = client.get_paginator("get_products")
    pages = paginator.paginate(
        ServiceCode=query.service, Filters=filters(query, location), FormatVersion="aws_v1"
    )
    for page in pages:
        for text in page["PriceList"]:
            record = json.loads(text)
            on_demand = record.get("terms", {}).get("OnDemand")
            if not on_demand:
                continue
            record["terms"] = {"OnDemand": on_demand}
            records.append(record)
    return records


def _location(region: str) -> str:
    location = REGION_LOCATIONS.get(region)
    if location is None:
        raise InputError(
            f"unknown region {region!r} for the Price List (known: {', '.join(REGION_LOCATIONS)})"
        )
    return location


def catalogue_queries() -> list[tuple[PriceQuery, str | None]]:
    """One query per service and engine: every size of it comes back, paginated, and the
    catalogue keeps the sizes it knows."""
    ec2 = PriceQuery(
        "AmazonEC2",
        "Compute Instance",
        tuple(
            sorted(
                {
                    "capacitystatus": "Used",
                    "licenseModel": "No License required",
                    "operatingSystem": "Linux",
                    "preInstalledSw": "NA",
                    "tenancy": "Shared",
                }.items()
            )
        ),
    )
    queries: list[tuple[PriceQuery, str | None]] = [(ec2, None)]
    queries += [
        (PriceQuery("AmazonRDS", "Database Instance", (("databaseEngine", label),)), code)
        for code, label in RDS_ENGINES.items()
    ]
    queries += [
        (PriceQuery("AmazonElastiCache", "Cache Instance", (("cacheEngine", label),)), code)
        for code, label in CACHE_ENGINES.items()
    ]
    queries.append((PriceQuery("AmazonRedshift", "Compute Instance", ()), None))
    return queries


SERVICE_CODES = {
    "AmazonEC2": "ec2",
    "AmazonRDS": "rds",
    "AmazonElastiCache": "elasticache",
    "AmazonRedshift": "redshift",
}
RDS_DEPLOYMENTS = {"Single-AZ": "single-az", "Multi-AZ": "multi-az"}


def _hourly(record: dict[str, Any], where: str) -> str:
    (term,) = record["terms"]["OnDemand"].values()
    dimensions = list(term["priceDimensions"].values())
    if len(dimensions) != 1 or dimensions[0].get("unit") != "Hrs":
        raise InputError(f"{where}: expected one hourly price dimension")
    try:
        usd = Decimal(str(dimensions[0]["pricePerUnit"]["USD"]))
    except (KeyError, InvalidOperation):
        raise InputError(f"{where}: a price dimension without pricePerUnit.USD") from None
    return format(usd.normalize(), "f")


def build_catalogue_prices(
    region: str,
    client: Any,
    catalogue: Catalogue | None = None,
    retrieved: str | None = None,
) -> dict[str, Any]:
    """The catalogue's rates for one region, read from the Price List API into the bundled
    format; sizes the catalogue does not know are skipped, as are other deployment options."""
    location = _location(region)
    catalogue = catalogue or Catalogue.bundled()
    retrieved = retrieved or dt.datetime.now(dt.UTC).date().isoformat()
    found: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}
    dates: list[str] = []
    for query, engine in catalogue_queries():
        for record in fetch(client, query, location):
            attributes = record["product"]["attributes"]
            name = str(attributes.get("instanceType", ""))
            known = catalogue.get(name)
            if known is None or known.service != SERVICE_CODES[query.service]:
                continue
            deployment = None
            if query.service == "AmazonRDS":
                deployment = RDS_DEPLOYMENTS.get(str(attributes.get("deploymentOption")))
                if deployment is None:
                    continue
            sku = str(record["product"]["sku"])
            usd = _hourly(record, f"{query.service} {name} (sku {sku})")
            key = (name, engine, deployment)
            earlier = found.get(key)
            if earlier is not None and earlier["usd_per_hour"] != usd:
                raise InputError(
                    f"the Price List has two on-demand rates for {name} "
                    f"({', '.join(q for q in (engine, deployment) if q) or query.service}): "
                    f"{earlier['usd_per_hour']} and {usd}"
                )
            if earlier is None or sku < str(earlier["sku"]):
                found[key] = {
                    "type": name,
                    "engine": engine,
                    "deployment": deployment,
                    "usd_per_hour": usd,
                    "source": "price-list-api",
                    "derived_from": None,
                    "sku": sku,
                }
            dates.append(str(record.get("publicationDate", "")))
    if not found:
        raise InputError(f"the Price List API returned no instance rates for {region}")
    latest = sorted(dates)[-1] if dates else ""
    published = latest[:10] or retrieved
    document: dict[str, Any] = {
        "formatVersion": PRICES_FORMAT,
        "region": region,
        "published": published,
        "origin": f"AWS Price List API, retrieved {retrieved}",
        "sources": {
            "price-list-api": {
                "publisher": "Amazon Web Services",
                "document": "AWS Price List API (pricing.get_products)",
                "kind": "AWS Price List API (pricing.get_products)",
                "publicationDate": published,
                "recorded": retrieved,
                "region": region,
            }
        },
        "families": {},
        "rates": [
            found[key] for key in sorted(found, key=lambda k: (k[0], k[1] or "", k[2] or ""))
        ],
    }
    parse_prices(document, catalogue, f"refreshed {region} rates")  # must read back
    return document


def build_snapshot(
    region: str, client: Any, items: list[PriceQuery] | None = None, retrieved: str | None = None
) -> dict[str, Any]:
    """A snapshot document for one region; an item the API does not price is an error."""
    location = _location(region)
    retrieved = retrieved or dt.datetime.now(dt.UTC).date().isoformat()
    records: dict[str, dict[str, Any]] = {}
    for query in items if items is not None else standard_items(region):
        found = fetch(client, query, location)
        if not found:
            raise InputError(f"the Price List API has no on-demand price for {query.describe()}")
        for record in found:
            record["archlib"] = {
                "skuAvailable": True,
                "source": {
                    "kind": "AWS Price List API (pricing.get_products)",
                    "publicationDate": record.get("publicationDate", ""),
                    "retrieved": retrieved,
                    "region": region,
                },
            }
            records[record["product"]["sku"]] = record
    dates = sorted(str(r.get("publicationDate", "")) for r in records.values())
    document = {
        "formatVersion": FORMAT_VERSION,
        "region": region,
        "location": location,
        "publicationDate": dates[-1][:10] if dates and dates[-1] else retrieved,
        "origin": f"AWS Price List API, retrieved {retrieved}",
        "priceList": [records[sku] for sku in sorted(records)],
    }
    PriceBook.from_document(document, f"refreshed {region}")  # the estimator must read it back
    return document
