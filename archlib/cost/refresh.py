"""Rebuild a price snapshot from the live AWS Price List API (boto3's `pricing` client).

boto3 is imported here and only here, so the rest of archlib starts without it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from archlib.cost.catalogue import REGION_LOCATIONS, PriceQuery, standard_items
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


def build_snapshot(
    region: str, client: Any, items: list[PriceQuery] | None = None, retrieved: str | None = None
) -> dict[str, Any]:
    """A snapshot document for one region; an item the API does not price is an error."""
    location = REGION_LOCATIONS.get(region)
    if location is None:
        raise InputError(
            f"unknown region {region!r} for the Price List (known: {', '.join(REGION_LOCATIONS)})"
        )
    retrieved = retrieved or dt.datetime.now(dt.UTC).date().isoformat()
    records: dict[str, dict[str, Any]] = {}
    for query in items if items is not None else standard_items():
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
