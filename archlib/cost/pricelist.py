"""AWS Price List records: one parser for the bundled snapshot and the live `pricing` API.

A record is what `pricing.get_products` returns in `PriceList` (decoded from JSON): `product`
(`productFamily`, `attributes`, `sku`), `terms.OnDemand` with `priceDimensions`. Snapshot
records may carry an extra `archlib` object saying where the price came from.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from archlib.catalogue import Catalogue, HourlyRate
from archlib.cost.catalogue import InstanceRate, PriceQuery, instance_rate
from archlib.errors import InputError

FORMAT_VERSION = "archlib-prices/1"

MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024
"""A refreshed region's snapshot is well under a megabyte; this only stops a runaway file."""


class MissingPriceError(InputError):
    """The snapshot has no price for an item the design needs: never priced as $0."""


@dataclass(frozen=True)
class Tier:
    begin: float
    end: float
    usd: float


@dataclass(frozen=True)
class Price:
    """One on-demand price: its unit, its tiers (one for a flat rate) and its provenance."""

    query: PriceQuery
    sku: str
    sku_available: bool
    unit: str
    tiers: tuple[Tier, ...]
    description: str
    source: Mapping[str, Any] = field(hash=False, compare=False)

    @property
    def flat(self) -> bool:
        return len(self.tiers) == 1

    @property
    def first_rate(self) -> float:
        return self.tiers[0].usd

    def cost(self, quantity: float) -> float:
        """Monthly cost of a monthly quantity, walking the tiers in order."""
        total = 0.0
        for tier in self.tiers:
            if quantity <= tier.begin:
                break
            total += (min(quantity, tier.end) - tier.begin) * tier.usd
        return total

    def source_label(self) -> str:
        document = self.source.get("document") or self.source.get("kind") or "unknown source"
        when = self.source.get("recorded") or self.source.get("publicationDate") or ""
        return f"{document}, {when}".rstrip(", ")


def _number(text: object, where: str) -> float:
    if text == "Inf":
        return math.inf
    try:
        return float(str(text))
    except ValueError:
        raise InputError(f"not a number: {text!r}", field=where) from None


@dataclass(frozen=True)
class Entry:
    service: str
    family: str
    attributes: Mapping[str, str]
    sku: str
    sku_available: bool
    unit: str
    tiers: tuple[Tier, ...]
    description: str
    source: Mapping[str, Any]
    publication_date: str


def parse_entry(record: Mapping[str, Any], where: str) -> Entry:
    """Read one Price List record; a malformed one is an InputError naming where it is."""
    try:
        product = record["product"]
        attributes = {str(k): str(v) for k, v in product["attributes"].items()}
        service = str(record.get("serviceCode") or attributes["servicecode"])
        family = str(product.get("productFamily", ""))
        sku = str(product["sku"])
        terms = record["terms"]["OnDemand"]
    except (KeyError, TypeError, AttributeError) as error:
        raise InputError(f"not a Price List record: missing {error}", field=where) from None
    if len(terms) != 1:
        raise InputError(f"expected one OnDemand term, found {len(terms)}", field=where)
    (term,) = terms.values()
    dimensions = sorted(
        term.get("priceDimensions", {}).values(),
        key=lambda d: _number(d.get("beginRange", "0"), where),
    )
    if not dimensions:
        raise InputError("an OnDemand term without priceDimensions", field=where)
    units = {str(d.get("unit", "")) for d in dimensions}
    if len(units) != 1:
        raise InputError(f"price dimensions mix units {sorted(units)}", field=where)
    tiers = []
    for dimension in dimensions:
        try:
            usd = dimension["pricePerUnit"]["USD"]
        except (KeyError, TypeError):
            raise InputError("a price dimension without pricePerUnit.USD", field=where) from None
        tiers.append(
            Tier(
                _number(dimension.get("beginRange", "0"), where),
                _number(dimension.get("endRange", "Inf"), where),
                _number(usd, where),
            )
        )
    extra = record.get("archlib") or {}
    source = extra.get("source") or {
        "kind": "AWS Price List API",
        "publicationDate": str(record.get("publicationDate", "")),
    }
    return Entry(
        service=service,
        family=family,
        attributes=attributes,
        sku=sku,
        sku_available=bool(extra.get("skuAvailable", True)),
        unit=units.pop(),
        tiers=tuple(tiers),
        description=str(dimensions[0].get("description", "")),
        source=source,
        publication_date=str(record.get("publicationDate", "")),
    )


class PriceBook:
    """The prices of one region, looked up by Price List attributes; instance, DB class and
    node hours come from the catalogue's rates for the region."""

    def __init__(
        self,
        region: str,
        publication_date: str | None,
        entries: Iterable[Entry],
        origin: str,
        path: str | None = None,
        catalogue: Catalogue | None = None,
    ) -> None:
        self.region = region
        self.publication_date = publication_date
        """When AWS published the snapshot's prices; None when the region has no snapshot."""
        self.origin = origin
        """What the snapshot is, in words: bundled, refreshed, or the file it was read from."""
        self.path = path
        self._index: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries:
            self._index.setdefault((entry.service, entry.family), []).append(entry)
        self._cache: dict[PriceQuery, Price] = {}
        self._catalogue = catalogue

    @classmethod
    def from_document(
        cls, document: Mapping[str, Any], origin: str, path: str | None = None
    ) -> PriceBook:
        if document.get("formatVersion") != FORMAT_VERSION:
            raise InputError(
                f"not an archlib price snapshot (formatVersion {FORMAT_VERSION!r} expected)",
                path=path,
            )
        records = document.get("priceList")
        if not isinstance(records, list):
            raise InputError("priceList must be a list of records", path=path)
        entries = []
        for index, record in enumerate(records):
            try:
                entries.append(parse_entry(record, f"priceList[{index}]"))
            except InputError as error:
                raise InputError(error.message, path=path, field=error.field) from None
        try:
            region, published = str(document["region"]), str(document["publicationDate"])
        except KeyError as error:
            raise InputError(f"a price snapshot needs {error}", path=path) from None
        return cls(region, published, entries, origin, path)

    @classmethod
    def from_path(cls, path: str | Path) -> PriceBook:
        from archlib.loader.document import read_bounded

        source = Path(path)
        if not source.exists():
            raise InputError("price snapshot not found", path=path)
        raw = read_bounded(source, MAX_SNAPSHOT_BYTES, "price snapshot")

        def refuse(constant: str) -> None:
            raise InputError(f"invalid JSON: {constant} is not a price", path=path)

        try:
            document = json.loads(raw.decode("utf-8"), parse_constant=refuse)
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text", path=path) from None
        except json.JSONDecodeError as error:
            raise InputError(f"invalid JSON: {error.msg}", path=path, line=error.lineno) from None
        except RecursionError:
            raise InputError("invalid JSON: nested too deeply", path=path) from None
        if not isinstance(document, dict):
            raise InputError("expected a price snapshot object at the top", path=path, line=1)
        return cls.from_document(document, f"snapshot {path}", str(path))

    @classmethod
    def bundled(cls, region: str) -> PriceBook:
        resource = resources.files("archlib.cost") / "data" / f"{region}.json"
        if not resource.is_file():
            # No rates: every price asked for is missing, and the estimate lists each
            # component as not priced rather than stopping.
            return cls(
                region,
                None,
                (),
                f"no bundled prices for {region} (bundled: {', '.join(bundled_regions())}); "
                f"get them with `archlib prices refresh --region {region}`",
            )
        document = json.loads(resource.read_text(encoding="utf-8"))
        return cls.from_document(document, f"bundled {region} snapshot")

    def price(self, query: PriceQuery) -> Price:
        cached = self._cache.get(query)
        if cached is not None:
            return cached
        wanted = dict(query.attributes)
        matches = [
            entry
            for entry in self._index.get((query.service, query.family), ())
            if all(entry.attributes.get(k) == v for k, v in wanted.items())
        ]
        if not matches:
            wanted_rate = instance_rate(query)
            if wanted_rate is not None:
                price = self._instance_price(query, wanted_rate)
                self._cache[query] = price
                return price
            if not self._index:
                raise MissingPriceError(
                    f"not priced in {self.region}: no prices bundled for it (get them with "
                    f"`archlib prices refresh --region {self.region}`)",
                    path=self.path,
                )
            raise MissingPriceError(
                f"no price for {query.describe()} in the {self.region} snapshot "
                f"(published {self.publication_date}); refresh it with "
                f"`archlib prices refresh --region {self.region}`",
                path=self.path,
            )
        distinct = {(m.unit, m.tiers) for m in matches}
        if len(distinct) > 1:
            raise InputError(
                f"{len(matches)} different prices match {query.describe()}; "
                "the snapshot needs narrower records",
                path=self.path,
            )
        entry = min(matches, key=lambda m: m.sku)
        price = Price(
            query=query,
            sku=entry.sku,
            sku_available=entry.sku_available,
            unit=entry.unit,
            tiers=entry.tiers,
            description=entry.description,
            source=entry.source,
        )
        self._cache[query] = price
        return price

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue if self._catalogue is not None else Catalogue.bundled()

    def _instance_price(self, query: PriceQuery, wanted: InstanceRate) -> Price:
        """An hourly rate from the catalogue, or an error that names the type and region and
        offers the nearest priced choices."""
        catalogue = self.catalogue
        rate = catalogue.rate(wanted.type, self.region, wanted.engine, wanted.deployment)
        if rate is not None:
            return _rate_price(query, rate)
        label = ", ".join(q for q in (wanted.engine, wanted.deployment) if q)
        what = f"{wanted.type}{' (' + label + ')' if label else ''}"
        if catalogue.get(wanted.type) is None:
            raise MissingPriceError(f"{what} is not in the instance catalogue")
        others = catalogue.priced_alternatives(
            wanted.type, self.region, wanted.engine, wanted.deployment
        )
        engines = sorted(
            {
                r.engine
                for r in catalogue.rates(self.region)
                if r.type == wanted.type and r.engine and r.engine != wanted.engine
            }
        )
        hints = []
        if others:
            hints.append(f"closest priced: {', '.join(others)}")
        if engines:
            hints.append(f"{wanted.type} is priced for {', '.join(engines)}")
        hints.append(
            f"if AWS sells it there, `archlib prices refresh --region {self.region}` "
            "reads its rate from the Price List"
        )
        region_note = (
            f"; the catalogue prices {', '.join(catalogue.regions())} only"
            if self.region not in catalogue.regions()
            else ""
        )
        raise MissingPriceError(
            f"no on-demand price for {what} in {self.region}{region_note}"
            + (f" ({'; '.join(hints)})" if hints else "")
        )


def _rate_price(query: PriceQuery, rate: HourlyRate) -> Price:
    import hashlib

    key = "|".join((rate.region, rate.type, rate.engine or "", rate.deployment or ""))
    source: dict[str, Any] = dict(rate.source)
    if rate.derived_from:
        source["derivedFrom"] = dict(rate.derived_from)
    qualifiers = ", ".join(q for q in (rate.engine, rate.deployment) if q)
    return Price(
        query=query,
        sku=rate.sku or f"archlib-{hashlib.sha256(key.encode()).hexdigest()[:16]}",
        sku_available=rate.sku is not None,
        unit="Hrs",
        tiers=(Tier(0.0, math.inf, float(rate.usd)),),
        description=f"${rate.usd} per {rate.type} hour"
        + (f" ({qualifiers})" if qualifiers else "")
        + (f", derived from {_origin(rate.derived_from)}" if rate.derived_from else ""),
        source=source,
    )


def _origin(derived_from: Mapping[str, str]) -> str:
    qualifiers = [derived_from[k] for k in ("engine", "deployment") if derived_from.get(k)]
    return derived_from["type"] + (f" ({', '.join(qualifiers)})" if qualifiers else "")


def bundled_regions() -> list[str]:
    folder = resources.files("archlib.cost") / "data"
    return sorted(
        p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json")
    )
