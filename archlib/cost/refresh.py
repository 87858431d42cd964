"""Rebuild a price snapshot, and the catalogue's instance rates, from the live AWS Price
List API (boto3's `pricing` client), for any region the Price List prices.

boto3 is imported here and only here, so the rest of archlib starts without it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

from archlib.catalogue import PRICES_FORMAT, Catalogue, parse_prices
from archlib.cost.catalogue import (
    CACHE_ENGINES,
    RDS_ENGINES,
    PriceQuery,
    standard_items,
)
from archlib.cost.pricelist import FORMAT_VERSION, PriceBook
from archlib.errors import InputError

PRICING_ENDPOINT_REGION = "us-east-1"
"""The Price List query API answers in a few regions; us-east-1 serves every region's prices."""

PRICE_LIST_PARTITIONS = ("aws", "aws-us-gov")
"""The partitions whose regions the global Price List prices (China has its own endpoint)."""

REGION_FIELDS = {"AWSDataTransfer": "fromRegionCode"}
"""Services whose records name their region in another field than `regionCode`: a transfer
has no `regionCode` and is priced by the region it leaves."""

USAGE_PREFIX = re.compile(r"[A-Z]{2,4}[0-9]?")
"""A region's prefix on usage types (EU, APS2, SAE1): outside us-east-1 the Price List writes
`APS2-CW:AlarmMonitorUsage` where us-east-1 has `CW:AlarmMonitorUsage`."""

NEEDS_BOTO3 = "refreshing prices needs boto3: install the aws extra (pip install 'archlib[aws]')"


def pricing_client() -> Any:
    """A `pricing` client, or a one-line InputError when boto3 or credentials are missing."""
    try:
        import boto3
    except ImportError:
        raise InputError(NEEDS_BOTO3) from None
    session = boto3.Session()
    if session.get_credentials() is None:
        raise InputError(
            "refreshing prices needs AWS credentials (environment, profile or role); none found"
        )
    return session.client("pricing", region_name=PRICING_ENDPOINT_REGION)


@functools.cache
def known_regions() -> tuple[str, ...]:
    """The regions botocore's bundled endpoint data lists for the Price List's partitions: read
    from the installed package, so an unknown region fails before any network call."""
    try:
        import boto3
    except ImportError:
        raise InputError(NEEDS_BOTO3) from None
    session = boto3.session.Session()
    regions: set[str] = set()
    for partition in PRICE_LIST_PARTITIONS:
        regions.update(session.get_available_regions("ec2", partition_name=partition))
    return tuple(sorted(regions))


def _grouped(regions: tuple[str, ...]) -> str:
    """`eu-west-1..3, us-east-1/2`: the known regions on one short line."""
    numbers: dict[str, list[int]] = {}
    for region in regions:
        stem, _, number = region.rpartition("-")
        if number.isdigit():
            numbers.setdefault(stem, []).append(int(number))
        else:
            numbers.setdefault(region, [])
    parts = []
    for stem, found in numbers.items():
        if not found:
            parts.append(stem)
            continue
        found.sort()
        run = found == list(range(found[0], found[-1] + 1)) and len(found) > 2
        suffix = f"{found[0]}..{found[-1]}" if run else "/".join(map(str, found))
        parts.append(f"{stem}-{suffix}")
    return ", ".join(parts)


def check_region(region: str) -> None:
    """A one-line InputError for a region botocore does not know, naming the known ones."""
    known = known_regions()
    if region in known:
        return
    close = difflib.get_close_matches(region, known, n=2, cutoff=0.8)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise InputError(
        f"unknown region {region!r} for the Price List ({hint}botocore knows "
        f"{_grouped(known)}; a newer region needs a newer botocore)"
    )


def region_field(query: PriceQuery) -> str | None:
    """The attribute that holds a regional record's region code; None for a global item
    (CloudFront, Route 53), which is priced the same whatever the region."""
    if not query.regional:
        return None
    return REGION_FIELDS.get(query.service, "regionCode")


def filters(query: PriceQuery, region: str) -> list[dict[str, str]]:
    """TERM_MATCH filters that pick the query's records, in the API's own field names.

    A regional item is picked by region code, so no display-name table is needed; its
    `usagetype` is matched on the answers instead (`usage_matches`), since the Price List
    prefixes it with the region everywhere but us-east-1.
    """
    field = region_field(query)
    pairs = [("productFamily", query.family)]
    pairs += [(k, v) for k, v in query.attributes if field is None or k != "usagetype"]
    if field is not None:
        pairs.append((field, region))
    return [{"Type": "TERM_MATCH", "Field": name, "Value": value} for name, value in pairs]


def usage_matches(usage: str, wanted: str) -> bool:
    """Whether a record's usage type is the wanted one, bare or behind a region prefix."""
    if usage == wanted:
        return True
    prefix, dash, rest = usage.partition("-")
    return bool(dash) and rest == wanted and USAGE_PREFIX.fullmatch(prefix) is not None


def fetch(client: Any, query: PriceQuery, region: str) -> list[dict[str, Any]]:
    """Every on-demand record for one item, across all pages of `get_products`.

    A regional record's prefixed usage type is stored as the bare one the estimator looks
    up; the Price List's own value is kept in `archlib.priceListUsagetype`.
    """
    wanted = dict(query.attributes).get("usagetype") if query.regional else None
    records = []
    paginator = client.get_paginator("get_products")
    pages = paginator.paginate(
        ServiceCode=query.service, Filters=filters(query, region), FormatVersion="aws_v1"
    )
    for page in pages:
        for text in page["PriceList"]:
            record = json.loads(text)
            on_demand = record.get("terms", {}).get("OnDemand")
            if not on_demand:
                continue
            if wanted is not None:
                attributes = record["product"]["attributes"]
                usage = str(attributes.get("usagetype", ""))
                if not usage_matches(usage, wanted):
                    continue
                if usage != wanted:
                    attributes["usagetype"] = wanted
                    record["archlib"] = {"priceListUsagetype": usage}
            record["terms"] = {"OnDemand": on_demand}
            records.append(record)
    return records


def record_location(record: dict[str, Any], region: str) -> str | None:
    """The Price List's display name of `region` as one record states it, if it does."""
    attributes = record["product"]["attributes"]
    if attributes.get("regionCode") == region and attributes.get("location"):
        return str(attributes["location"])
    if attributes.get("fromRegionCode") == region and attributes.get("fromLocation"):
        return str(attributes["fromLocation"])
    return None


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
    check_region(region)
    catalogue = catalogue or Catalogue.bundled()
    retrieved = retrieved or dt.datetime.now(dt.UTC).date().isoformat()
    found: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}
    dates: list[str] = []
    for query, engine in catalogue_queries():
        for record in fetch(client, query, region):
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
    check_region(region)
    retrieved = retrieved or dt.datetime.now(dt.UTC).date().isoformat()
    records: dict[str, dict[str, Any]] = {}
    for query in items if items is not None else standard_items(region):
        found = fetch(client, query, region)
        if not found:
            raise InputError(f"the Price List API has no on-demand price for {query.describe()}")
        for record in found:
            record["archlib"] = {
                **record.get("archlib", {}),
                "skuAvailable": True,
                "source": {
                    "kind": "AWS Price List API (pricing.get_products)",
                    "publicationDate": record.get("publicationDate", ""),
                    "retrieved": retrieved,
                    "region": region,
                },
            }
            sku = str(record["product"]["sku"])
            # One record can answer two items; keep the one in the estimator's terms.
            if sku not in records or "priceListUsagetype" in record["archlib"]:
                records[sku] = record
    dates = sorted(str(r.get("publicationDate", "")) for r in records.values())
    names = Counter(n for r in records.values() if (n := record_location(r, region)))
    # The records' own name for the region ("EU (Ireland)"), not a table's; the code when
    # only global items were asked for.
    location = min(names, key=lambda n: (-names[n], n)) if names else region
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
