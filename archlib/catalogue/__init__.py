"""The compute sizes archlib understands: one catalogue of EC2 instance types, RDS classes,
ElastiCache node types and Redshift node types, with their size and on-demand hourly rates.

The model's validation, the cost estimator, the capacity analysis and the CloudFormation
exporter all read it, so a type is known (and sized, and priced) in one place. Sizes live in
`data/types.json`; each region's rates in `data/prices/<region>.json`, written by
`scripts/build_catalogue.py` or rebuilt from the Price List API by `archlib prices refresh`.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any, Literal

from archlib.errors import InputError

Service = Literal["ec2", "rds", "elasticache", "redshift"]
SERVICES: tuple[Service, ...] = ("ec2", "rds", "elasticache", "redshift")
TYPES_FORMAT = "archlib-catalogue/1"
PRICES_FORMAT = "archlib-catalogue-prices/1"
ENGINES: Mapping[Service, tuple[str, ...]] = {
    "ec2": (),
    "rds": ("mysql", "mariadb", "postgres"),
    "elasticache": ("redis", "valkey", "memcached"),
    "redshift": (),
}
DEPLOYMENTS = ("single-az", "multi-az")
WHAT = {
    "ec2": "EC2 instance type",
    "rds": "RDS DB instance class",
    "elasticache": "ElastiCache node type",
    "redshift": "Redshift node type",
}
REDSHIFT_FAMILIES = frozenset({"ra3", "dc2"})


def size_rank(size: str) -> tuple[float, str]:
    """Smallest first: nano ... large, xlarge, 2xlarge ... (xlplus sits after xlarge)."""
    named = {"nano": 0.25, "micro": 0.5, "small": 1, "medium": 2, "large": 4, "xlarge": 8}
    if size in named:
        return (named[size], size)
    multiple = size.removesuffix("xlarge")
    if multiple.isdigit():
        return (8 * int(multiple), size)
    return (8.5 if size.startswith("xl") else 10_000, size)


def service_of(name: str) -> Service:
    """Which service a type name belongs to, by its prefix (`db.`, `cache.`, `ra3.`...)."""
    if name.startswith("db."):
        return "rds"
    if name.startswith("cache."):
        return "elasticache"
    if name.split(".", 1)[0] in REDSHIFT_FAMILIES:
        return "redshift"
    return "ec2"


@dataclass(frozen=True)
class InstanceType:
    """One size: what it is and what it has, with the document the figures come from."""

    name: str
    service: Service
    family: str
    size: str
    vcpu: int
    memory_gib: float
    architecture: Literal["x86_64", "arm64"]
    network: str | None
    source: Mapping[str, str]
    generation: Literal["current", "previous"] = "current"
    """As AWS lists the family: `previous` families are still sold but superseded."""
    upgrade_family: str | None = None
    """For a previous-generation family, the current family AWS names as its upgrade path."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "service": self.service,
            "family": self.family,
            "size": self.size,
            "vcpu": self.vcpu,
            "memory_gib": self.memory_gib,
            "architecture": self.architecture,
            "network": self.network,
            "generation": self.generation,
            "upgrade_family": self.upgrade_family,
            "source": dict(self.source),
        }


@dataclass(frozen=True)
class HourlyRate:
    """The on-demand price of one type in one region (per engine and deployment where the
    service prices them apart); `derived_from` says how an unpublished rate was computed."""

    type: str
    region: str
    engine: str | None
    deployment: str | None
    usd: Decimal
    source: Mapping[str, str]
    derived_from: Mapping[str, str] | None
    sku: str | None = None
    """AWS's SKU, when the rate was read from the Price List API."""

    def describe(self) -> str:
        qualifiers = [q for q in (self.engine, self.deployment) if q]
        return f"{self.type}{' (' + ', '.join(qualifiers) + ')' if qualifiers else ''}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "region": self.region,
            "engine": self.engine,
            "deployment": self.deployment,
            "usd_per_hour": str(self.usd),
            "source": dict(self.source),
            "derived_from": dict(self.derived_from) if self.derived_from else None,
            "sku": self.sku,
        }


class UnknownTypeError(ValueError):
    """A name the catalogue does not hold; the message carries the closest names."""


RateKey = tuple[str, str | None, str | None]


class Catalogue:
    """Types by name, and each region's rates by (type, engine, deployment)."""

    def __init__(
        self,
        types: Iterable[InstanceType],
        rates: Iterable[HourlyRate],
        origins: Mapping[str, str] | None = None,
    ) -> None:
        ordered = sorted(types, key=lambda t: (t.service, t.family, size_rank(t.size)))
        self._types = {t.name: t for t in ordered}
        self._rates: dict[str, dict[RateKey, HourlyRate]] = {}
        for rate in rates:
            key = (rate.type, rate.engine, rate.deployment)
            self._rates.setdefault(rate.region, {})[key] = rate
        self.origins = dict(origins or {})
        """Region to where its rates came from, in words (bundled, or the file read)."""

    @classmethod
    def bundled(cls) -> Catalogue:
        return _bundled()

    def with_rates(self, document: Mapping[str, Any], origin: str) -> Catalogue:
        """This catalogue with one region's rates replaced by a prices document."""
        region, rates = parse_prices(document, self, origin)
        kept = [r for other in self._rates.values() for r in other.values() if r.region != region]
        return Catalogue(self._types.values(), [*kept, *rates], {**self.origins, region: origin})

    def get(self, name: str) -> InstanceType | None:
        return self._types.get(name)

    def types(self, service: str | None = None, family: str | None = None) -> list[InstanceType]:
        return [
            t
            for t in self._types.values()
            if (service is None or t.service == service) and (family is None or t.family == family)
        ]

    def upgrade_for(self, name: str) -> InstanceType | None:
        """The current-generation size to move a previous-generation type to: the smallest of
        its upgrade family with at least its vCPUs and memory, else the family's largest."""
        old = self._types.get(name)
        if old is None or old.generation != "previous" or old.upgrade_family is None:
            return None
        sizes = self.types(old.service, old.upgrade_family)
        fitting = [t for t in sizes if t.vcpu >= old.vcpu and t.memory_gib >= old.memory_gib]
        if fitting:
            return fitting[0]
        return sizes[-1] if sizes else None

    def regions(self) -> list[str]:
        return sorted(self._rates)

    def suggest(self, name: str, service: Service, count: int = 3) -> list[str]:
        """The known names of a service closest in spelling to `name`."""
        names = [t.name for t in self.types(service)]
        return difflib.get_close_matches(name, names, n=count, cutoff=0.6)

    def require(self, name: str, service: Service) -> InstanceType:
        """The type, or an UnknownTypeError with a did-you-mean."""
        known = self._types.get(name)
        if known is not None and known.service == service:
            return known
        close = self.suggest(name, service)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        if known is not None:
            return _raise(f"expected {WHAT[service]}, got {WHAT[known.service]} {name!r}{hint}")
        return _raise(
            f"unknown {WHAT[service]} {name!r}{hint} (`archlib catalogue --service {service}` "
            "lists the known ones)"
        )

    def rates(self, region: str) -> list[HourlyRate]:
        return sorted(
            self._rates.get(region, {}).values(),
            key=lambda r: (r.type, r.engine or "", r.deployment or ""),
        )

    def rate(
        self, name: str, region: str, engine: str | None = None, deployment: str | None = None
    ) -> HourlyRate | None:
        return self._rates.get(region, {}).get((name, engine, deployment))

    def priced_alternatives(
        self,
        name: str,
        region: str,
        engine: str | None = None,
        deployment: str | None = None,
        count: int = 3,
    ) -> list[str]:
        """Priced types of the same service nearest to `name`: same family first, then the
        closest vCPU and memory, so the suggestion is a size one could actually pick."""
        wanted = self._types.get(name)
        service = wanted.service if wanted else service_of(name)
        family = wanted.family if wanted else name.rsplit(".", 1)[0]
        priced = [
            t
            for t in self.types(service)
            if t.name != name and self.rate(t.name, region, engine, deployment) is not None
        ]

        def distance(t: InstanceType) -> tuple[int, float, str]:
            if wanted is None:
                return (t.family != family, 0.0, t.name)
            gap = abs(t.vcpu - wanted.vcpu) / max(wanted.vcpu, 1) + abs(
                t.memory_gib - wanted.memory_gib
            ) / max(wanted.memory_gib, 0.5)
            return (t.family != family, gap, t.name)

        return [t.name for t in sorted(priced, key=distance)[:count]]


def _raise(message: str) -> InstanceType:
    raise UnknownTypeError(message)


def _decimal(value: object, where: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InputError(f"not a number: {value!r}", field=where) from None
    if not number.is_finite() or number < 0:
        raise InputError(f"not a price: {value!r}", field=where)
    return number


def parse_types(document: Mapping[str, Any]) -> list[InstanceType]:
    if document.get("formatVersion") != TYPES_FORMAT:
        raise InputError(f"not an archlib catalogue (formatVersion {TYPES_FORMAT!r} expected)")
    sources = document["sources"]
    return [
        InstanceType(
            name=item["name"],
            service=item["service"],
            family=item["family"],
            size=item["size"],
            vcpu=int(item["vcpu"]),
            memory_gib=float(item["memory_gib"]),
            architecture=item["architecture"],
            network=item.get("network"),
            source=sources[item["source"]],
            generation=item.get("generation", "current"),
            upgrade_family=item.get("upgrade_family"),
        )
        for item in document["types"]
    ]


def parse_prices(
    document: Mapping[str, Any], catalogue: Catalogue | None, origin: str
) -> tuple[str, list[HourlyRate]]:
    """A region's rates; each must name a catalogue type and a source the document holds."""
    if document.get("formatVersion") != PRICES_FORMAT:
        raise InputError(
            f"{origin}: not an archlib catalogue price file "
            f"(formatVersion {PRICES_FORMAT!r} expected)"
        )
    try:
        region = str(document["region"])
        sources = document["sources"]
        items = document["rates"]
    except KeyError as error:
        raise InputError(f"{origin}: a catalogue price file needs {error}") from None
    rates = []
    for index, item in enumerate(items):
        where = f"rates[{index}]"
        try:
            source = sources[item["source"]]
            name = str(item["type"])
            engine, deployment = item.get("engine"), item.get("deployment")
            usd = _decimal(item["usd_per_hour"], f"{where}.usd_per_hour")
        except KeyError as error:
            raise InputError(f"{origin}: missing {error}", field=where) from None
        if catalogue is not None and catalogue.get(name) is None:
            raise InputError(f"{origin}: rate for unknown type {name!r}", field=where)
        rates.append(
            HourlyRate(
                name,
                region,
                engine,
                deployment,
                usd,
                source,
                item.get("derived_from"),
                item.get("sku"),
            )
        )
    return region, rates


@functools.cache
def _bundled() -> Catalogue:
    folder = resources.files("archlib.catalogue") / "data"
    types = parse_types(json.loads((folder / "types.json").read_text(encoding="utf-8")))
    base = Catalogue(types, [])
    rates: list[HourlyRate] = []
    origins = {}
    for entry in sorted((folder / "prices").iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        region, found = parse_prices(
            json.loads(entry.read_text(encoding="utf-8")), base, f"bundled {entry.name}"
        )
        rates += found
        origins[region] = f"bundled {region} catalogue prices"
    return Catalogue(types, rates, origins)
