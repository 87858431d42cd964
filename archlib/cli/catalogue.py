"""`archlib catalogue`: the instance types, DB classes and node types archlib knows, with
their size, their on-demand rate in a region and where each figure came from."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archlib.cli.common import DataFormat, console, print_json

if TYPE_CHECKING:
    from archlib.catalogue import Catalogue, HourlyRate, InstanceType


class ServiceName(StrEnum):
    ec2 = "ec2"
    rds = "rds"
    elasticache = "elasticache"
    redshift = "redshift"


def catalogue(
    service: Annotated[
        ServiceName | None, typer.Option("--service", help="Only this service's types.")
    ] = None,
    family: Annotated[
        str | None, typer.Option("--family", help="Only this family, e.g. m6i or db.r6g.")
    ] = None,
    region: Annotated[str, typer.Option("--region", help="The region to price.")] = "us-east-1",
    format: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.table,
) -> None:
    """List the known types with vCPUs, memory, architecture, hourly rate and source."""
    from archlib.catalogue import Catalogue

    known = Catalogue.bundled()
    types = select(known, service.value if service else None, family, region)
    document = listing(known, types, region)
    if format is DataFormat.json:
        print_json([document])
        return
    _table(known, types, region)


def select(
    known: Catalogue, service: str | None, family: str | None, region: str
) -> list[InstanceType]:
    """The types asked for; an unknown family or an unpriced region is a one-line error."""
    import difflib

    from archlib.errors import InputError

    if region not in known.regions():
        raise InputError(
            f"the catalogue has no rates for {region} (it prices {', '.join(known.regions())}); "
            f"`archlib prices refresh --region {region}` reads them from the Price List API"
        )
    types = known.types(service, family)
    if not types:
        families = sorted({t.family for t in known.types(service)})
        close = difflib.get_close_matches(family or "", families, n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise InputError(f"no family {family!r} in the catalogue{hint}")
    return types


def _rate_dict(rate: HourlyRate) -> dict[str, Any]:
    data = rate.as_dict()
    del data["type"], data["region"]
    return data


def listing(known: Catalogue, types: list[InstanceType], region: str) -> dict[str, Any]:
    """The JSON document: counts per service (and per engine where rates differ by engine),
    then each type with its rates in the region."""
    rates: dict[str, list[HourlyRate]] = {}
    for rate in known.rates(region):
        rates.setdefault(rate.type, []).append(rate)
    counts: dict[str, dict[str, Any]] = {}
    for item in types:
        entry = counts.setdefault(item.service, {"types": 0, "priced": 0, "priced_by_engine": {}})
        entry["types"] += 1
        own = rates.get(item.name, [])
        entry["priced"] += bool(own)
        for engine in sorted({r.engine for r in own if r.engine}):
            by_engine = entry["priced_by_engine"]
            by_engine[engine] = by_engine.get(engine, 0) + 1
    return {
        "region": region,
        "rates_origin": known.origins.get(region, ""),
        "counts": counts,
        "types": [
            {**item.as_dict(), "rates": [_rate_dict(r) for r in rates.get(item.name, [])]}
            for item in types
        ],
    }


def _price_cell(rates: list[HourlyRate]) -> str:
    if not rates:
        return "not priced"
    lines = []
    for rate in rates:
        label = " ".join(q for q in (rate.engine, rate.deployment) if q)
        derived = " (derived)" if rate.derived_from else ""
        lines.append(f"{label + ' ' if label else ''}${rate.usd}{derived}")
    return "\n".join(lines)


def _generation_cell(item: InstanceType) -> str:
    if item.generation == "previous":
        return f"previous (upgrade: {item.upgrade_family})"
    return "current"


def _table(known: Catalogue, types: list[InstanceType], region: str) -> None:
    from rich.table import Table

    rates: dict[str, list[HourlyRate]] = {}
    for rate in known.rates(region):
        rates.setdefault(rate.type, []).append(rate)
    table = Table(title=f"archlib catalogue ({region}, on-demand USD per hour)")
    columns = ("Type", "Service", "vCPU", "Memory GiB", "Arch", "Generation", "Rate", "Rate source")
    for column in columns:
        table.add_column(column, justify="right" if column in ("vCPU", "Memory GiB") else "left")
    for item in types:
        own = rates.get(item.name, [])
        documents = sorted({str(r.source.get("document", "")) for r in own})
        table.add_row(
            item.name,
            item.service,
            str(item.vcpu),
            f"{item.memory_gib:g}",
            item.architecture,
            _generation_cell(item),
            _price_cell(own),
            "\n".join(documents),
        )
    console().print(table)
