"""Recorded-shaped Price List answers for regions other than the bundled us-east-1.

They are derived from the bundled records the way the Price List differs by region: the
region code and display name are rewritten, usage types carry the region's prefix, data
transfer names its region in `fromRegionCode` (it has no `regionCode`), and every regional
price is scaled so that no us-east-1 figure can pass for it. Global items (CloudFront,
Route 53) keep their records and prices, as they do in the Price List.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from archlib.catalogue import HourlyRate, service_of
from archlib.cost import catalogue as items

US_EAST_1 = "US East (N. Virginia)"
SERVICES = {"AmazonEC2": "ec2", "AmazonRDS": "rds", "AmazonElastiCache": "elasticache",
            "AmazonRedshift": "redshift"}  # fmt: skip
DEPLOYMENTS = {"single-az": "Single-AZ", "multi-az": "Multi-AZ"}


@dataclass(frozen=True)
class Region:
    code: str
    location: str
    """The Price List's `location` for it: not always botocore's name ("EU (Ireland)")."""
    prefix: str
    """Its usage-type prefix: `APS2-CW:AlarmMonitorUsage`."""
    factor: Decimal
    """Every regional price there is the us-east-1 one times this."""


REGIONS = {
    region.code: region
    for region in (
        Region("ap-southeast-2", "Asia Pacific (Sydney)", "APS2", Decimal("1.25")),
        Region("sa-east-1", "South America (Sao Paulo)", "SAE1", Decimal("1.5")),
        Region("eu-west-1", "EU (Ireland)", "EU", Decimal("1.1")),
    )
}


def sku(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest().upper()
    return "".join(c for c in digest if c.isalnum())[:16]


def api_record(record: dict[str, Any]) -> dict[str, Any]:
    """A bundled record as the API would send it: no archlib extension, with a Reserved term."""
    live = {k: copy.deepcopy(v) for k, v in record.items() if k != "archlib"}
    live["version"] = "20261120000000"
    live["publicationDate"] = "2026-11-20T18:00:00Z"
    live["terms"]["Reserved"] = {"X.Y": {"priceDimensions": {}, "sku": live["product"]["sku"]}}
    return live


def moved(record: dict[str, Any], region: Region) -> dict[str, Any]:
    """One API-shaped us-east-1 record as the Price List holds it in `region`."""
    attributes = record["product"]["attributes"]
    if "regionCode" not in attributes:
        return copy.deepcopy(record)  # a global item: the same record everywhere
    old = str(record["product"]["sku"])
    text = json.dumps(record).replace(old, sku(region.code, old))
    out: dict[str, Any] = json.loads(text.replace(US_EAST_1, region.location))
    attributes = out["product"]["attributes"]
    if out["serviceCode"] == "AWSDataTransfer":
        for name in ("location", "regionCode", "locationType"):
            attributes.pop(name, None)
        attributes.update(fromRegionCode=region.code, fromLocationType="AWS Region")
        if attributes.get("toLocation") == region.location:
            attributes.update(toRegionCode=region.code, toLocationType="AWS Region")
    else:
        attributes["regionCode"] = region.code
    if "usagetype" in attributes:
        bare = str(attributes["usagetype"]).removeprefix("USE1-")
        attributes["usagetype"] = f"{region.prefix}-{bare}"
    for term in out["terms"]["OnDemand"].values():
        for dimension in term["priceDimensions"].values():
            usd = Decimal(dimension["pricePerUnit"]["USD"]) * region.factor
            dimension["pricePerUnit"]["USD"] = f"{usd:.10f}"
    return out


def distractor(record: dict[str, Any]) -> dict[str, Any]:
    """A record of the same family with another usage type, as a search without a usage-type
    filter also brings back; a refresh must leave it out."""
    out = copy.deepcopy(record)
    old = str(out["product"]["sku"])
    out = json.loads(json.dumps(out).replace(old, sku("distractor", old)))
    out["product"]["attributes"]["usagetype"] += "-Distractor"
    for term in out["terms"]["OnDemand"].values():
        for dimension in term["priceDimensions"].values():
            dimension["pricePerUnit"]["USD"] = "999.0000000000"
    return out


def expected_filters(query: items.PriceQuery, region: str) -> list[dict[str, str]]:
    """What the refresh must send, written out here rather than taken from the code under
    test: the region by code, data transfer by the region it leaves, no `location`, and
    usage types (region-prefixed outside us-east-1) left to the answers."""
    field = None
    if query.regional:
        field = "fromRegionCode" if query.service == "AWSDataTransfer" else "regionCode"
    pairs = [("productFamily", query.family)]
    pairs += [(k, v) for k, v in query.attributes if field is None or k != "usagetype"]
    if field is not None:
        pairs.append((field, region))
    return [{"Type": "TERM_MATCH", "Field": name, "Value": value} for name, value in pairs]


def answer(pool: list[dict[str, Any]], query: items.PriceQuery, region: str) -> list[str]:
    """The records the Price List returns for the refresh's search: every filter is a TERM
    MATCH on a product attribute (or the product family)."""
    wanted = {f["Field"]: f["Value"] for f in expected_filters(query, region)}
    found = []
    for record in pool:
        product = record["product"]
        fields = {**product["attributes"], "productFamily": product["productFamily"]}
        if record["serviceCode"] == query.service and all(
            fields.get(k) == v for k, v in wanted.items()
        ):
            found.append(record)
    if query.regional and "usagetype" in dict(query.attributes):
        found += [distractor(r) for r in found]
    return [json.dumps(r) for r in found]


def record(
    query: items.PriceQuery,
    name: str,
    usd: str,
    *,
    region: str = "us-east-1",
    location: str = US_EAST_1,
    **extra: str,
) -> str:
    """One instance-hour `PriceList` entry as `get_products` returns it: a JSON string."""
    code = sku(query.service, name, *extra.values(), *dict(query.attributes).values())
    if region != "us-east-1":
        code = sku(region, code)
    rate_code = f"{code}.JRTCKXETXF.6YS6EN2CT7"
    attributes = {
        "servicecode": query.service,
        "location": location,
        "locationType": "AWS Region",
        "regionCode": region,
        "instanceType": name,
        "usagetype": f"BoxUsage:{name}",
        **dict(query.attributes),
        **extra,
    }
    document = {
        "product": {"productFamily": query.family, "attributes": attributes, "sku": code},
        "serviceCode": query.service,
        "terms": {
            "OnDemand": {
                f"{code}.JRTCKXETXF": {
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
                    "sku": code,
                    "effectiveDate": "2026-11-01T00:00:00Z",
                    "offerTermCode": "JRTCKXETXF",
                    "termAttributes": {},
                }
            },
            "Reserved": {f"{code}.4NA7Y494T4": {"priceDimensions": {}, "sku": code}},
        },
        "version": "20261120000000",
        "publicationDate": "2026-11-20T18:00:00Z",
    }
    return json.dumps(document)


def recorded(
    query: items.PriceQuery,
    engine: str | None,
    rates: list[HourlyRate],
    region: Region | None = None,
) -> list[str]:
    """What the API answers for one instance query: the catalogue's us-east-1 rates (scaled
    for another region), plus sizes and deployment options the catalogue does not hold,
    which a refresh must skip."""
    where = {"region": region.code, "location": region.location} if region else {}
    factor = region.factor if region else Decimal(1)
    service = SERVICES[query.service]
    mine = [r for r in rates if service_of(r.type) == service and r.engine == engine]
    out = []
    for rate in mine:
        extra = {"deploymentOption": DEPLOYMENTS[rate.deployment]} if rate.deployment else {}
        out.append(record(query, rate.type, str(rate.usd * factor), **where, **extra))
    if service == "ec2":
        out.append(record(query, "u7i-12tb.224xlarge", "152.88", **where))
    if service == "rds" and mine:
        out.append(
            record(
                query,
                mine[0].type,
                "9.99",
                **where,
                deploymentOption="Multi-AZ (readable standbys)",
            )
        )
    return out


PAGE = 100


def add_pages(stubber: Any, query: items.PriceQuery, region: str, answer: list[str]) -> None:
    """Queue one search's answer on a Stubber, over as many pages as the API would use; the
    Stubber fails the refresh if it sends other parameters."""
    params: dict[str, Any] = {
        "ServiceCode": query.service,
        "Filters": expected_filters(query, region),
        "FormatVersion": "aws_v1",
    }
    pages = [answer[i : i + PAGE] for i in range(0, len(answer), PAGE)] or [[]]
    for number, page in enumerate(pages):
        response: dict[str, Any] = {"FormatVersion": "aws_v1", "PriceList": page}
        if number + 1 < len(pages):
            response["NextToken"] = f"page-{number + 2}"
        stubber.add_response("get_products", response, params)
        params = {**params, "NextToken": f"page-{number + 2}"}


def add_snapshot_answers(stubber: Any, pool: list[dict[str, Any]], region: str) -> None:
    """The answers `build_snapshot` asks for, in its order, from a region's records."""
    for query in items.standard_items(region):
        add_pages(stubber, query, region, answer(pool, query, region))


def add_catalogue_answers(stubber: Any, rates: list[HourlyRate], region: Region) -> None:
    """The answers `build_catalogue_prices` asks for, in its order."""
    from archlib.cost.refresh import catalogue_queries

    for query, engine in catalogue_queries():
        add_pages(stubber, query, region.code, recorded(query, engine, rates, region))


def sent_requests(client: Any) -> list[dict[str, Any]]:
    """Every `get_products` request the client makes, as sent, appended as it goes."""
    sent: list[dict[str, Any]] = []

    def keep(params: dict[str, Any], **_: Any) -> None:
        sent.append(copy.deepcopy(params))

    client.meta.events.register("provide-client-params.pricing.GetProducts", keep)
    return sent
