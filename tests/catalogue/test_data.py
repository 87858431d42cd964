"""The bundled catalogue: coverage, provenance, and the family rule that exposes a wrong rate."""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from archlib.catalogue import Catalogue, service_of

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "archlib" / "catalogue" / "data"
PRICES = json.loads((DATA / "prices" / "us-east-1.json").read_text())
TYPES = json.loads((DATA / "types.json").read_text())
FACTORS = {size: Decimal(f) for size, f in TYPES["normalizationFactors"].items()}


@pytest.fixture(scope="module")
def known() -> Catalogue:
    return Catalogue.bundled()


def _priced(known: Catalogue, service: str, engine: str | None, deployment: str | None) -> set[str]:
    return {
        r.type
        for r in known.rates("us-east-1")
        if service_of(r.type) == service and r.engine == engine and r.deployment == deployment
    }


def test_us_east_1_coverage_meets_the_floor(known: Catalogue) -> None:
    ec2 = _priced(known, "ec2", None, None)
    assert len(ec2) >= 200
    for family in ("t3", "t3a", "t4g", "m5", "m6i", "m6a", "m6g", "m7i", "m7g", "c5", "c6i",
                   "c6g", "c7i", "c7g", "r5", "r6i", "r6g", "r7i", "r7g", "m8g", "c8g",
                   "r8g"):  # fmt: skip
        sizes = {name.split(".")[1] for name in ec2 if name.split(".")[0] == family}
        assert {"large", "xlarge", "2xlarge"} <= sizes, family
        if not family.startswith("t"):
            assert "4xlarge" in sizes, family
    rds = [
        (engine, name)
        for engine in ("mysql", "postgres")
        for name in _priced(known, "rds", engine, "single-az")
    ]
    assert len(rds) >= 80
    for engine in ("mysql", "postgres"):
        assert _priced(known, "rds", engine, "single-az") == _priced(
            known, "rds", engine, "multi-az"
        )
    families = {name.rsplit(".", 1)[0] for _, name in rds}
    assert {
        "db.t3", "db.t4g", "db.m5", "db.m6i", "db.m6g", "db.m7g", "db.r5", "db.r6i",
        "db.r6g", "db.r7g",
    } <= families  # fmt: skip
    cache = _priced(known, "elasticache", "redis", None)
    assert len(cache) >= 40
    assert _priced(known, "elasticache", "memcached", None) == cache
    assert {name.rsplit(".", 1)[0] for name in cache} >= {
        "cache.t3", "cache.t4g", "cache.m5", "cache.m6g", "cache.m7g", "cache.r5",
        "cache.r6g", "cache.r7g",
    }  # fmt: skip
    redshift = _priced(known, "redshift", None, None)
    assert {"ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge", "dc2.large", "dc2.8xlarge"} <= redshift


AWS_PUBLISHED = ("https://aws.amazon.com/", "https://docs.aws", "https://github.com/aws/")
"""AWS's pages, its documentation, and files AWS's own projects generate from the Price List."""


def test_every_rate_and_size_names_its_source(known: Catalogue) -> None:
    for rate in known.rates("us-east-1"):
        assert rate.source["url"].startswith(AWS_PUBLISHED), rate
        assert rate.source["document"] and rate.source["recorded"], rate
    for item in known.types():
        assert item.source["url"].startswith(AWS_PUBLISHED), item
        assert item.vcpu > 0 and item.memory_gib > 0


def test_graviton4_rates_are_the_price_lists_own_figures(known: Catalogue) -> None:
    """Spot figures read from AWS's generated file; a re-transcription that drifts fails."""
    expected = {"m8g.large": "0.08976", "c8g.large": "0.07976", "r8g.large": "0.11782",
                "m8g.48xlarge": "8.61696", "r8g.48xlarge": "11.31072"}  # fmt: skip
    for name, usd in expected.items():
        rate = known.rate(name, "us-east-1")
        assert rate is not None and rate.usd == Decimal(usd), name
        assert rate.derived_from is None
    spec = known.get("r8g.xlarge")
    assert spec is not None and (spec.vcpu, spec.memory_gib) == (4, 32)


def test_graviton_families_are_arm64_and_the_rest_x86(known: Catalogue) -> None:
    for item in known.types():
        generation = item.family.removeprefix("db.").removeprefix("cache.")
        graviton = generation[-1] == "g" and item.service != "redshift"
        assert item.architecture == ("arm64" if graviton else "x86_64"), item.name


def _family_key(rate: dict[str, Any]) -> tuple[str, str, str, str]:
    family = rate["type"].rsplit(".", 1)[0]
    return (service_of(rate["type"]), rate["engine"] or "", rate["deployment"] or "", family)


def _published_by_family() -> dict[tuple[str, str, str, str], dict[str, Decimal]]:
    families: dict[tuple[str, str, str, str], dict[str, Decimal]] = defaultdict(dict)
    for rate in PRICES["rates"]:
        if rate["derived_from"] is None:
            size = rate["type"].rsplit(".", 1)[1]
            families[_family_key(rate)][size] = Decimal(rate["usd_per_hour"])
    return families


def _agrees(published: Decimal, rule: Decimal) -> bool:
    """Equal within the rounding of the published figure (rate cards show 3 or more places)."""
    places = min(int(published.as_tuple().exponent), -3)
    return abs(published - rule) <= Decimal(5) * Decimal(10) ** (places - 1)


def _note(key: tuple[str, str, str, str]) -> dict[str, str]:
    service, engine, _, family = key
    name = ":".join(part for part in (service, engine, family) if part)
    return PRICES["families"][name]  # type: ignore[no-any-return]


def test_every_published_rate_of_a_linear_family_follows_the_normalization_factors() -> None:
    """Where the catalogue derives sizes, every published size of the family must agree with
    the factor rule; a mistyped or wrong-family rate breaks it and fails here."""
    checked = 0
    for key, published in _published_by_family().items():
        if key[0] == "redshift" or _note(key)["scaling"] != "linear":
            continue
        base = min(published, key=FACTORS.__getitem__)
        per_unit = published[base] / FACTORS[base]
        for size, usd in published.items():
            assert _agrees(usd, per_unit * FACTORS[size]), (key, size, usd)
            checked += 1
    assert checked > 150


def test_families_marked_published_really_depart_and_are_never_derived() -> None:
    derived_families = {
        _family_key(r)
        for r in PRICES["rates"]
        if r["derived_from"] and "normalization" in r["derived_from"]["rule"]
    }
    for key, published in _published_by_family().items():
        if key[0] == "redshift" or _note(key)["scaling"] != "published":
            continue
        base = min(published, key=FACTORS.__getitem__)
        per_unit = published[base] / FACTORS[base]
        assert any(not _agrees(usd, per_unit * FACTORS[s]) for s, usd in published.items()), key
        assert key not in derived_families, key


def test_derived_rates_say_what_from_and_follow_their_rule_exactly() -> None:
    by_key = {(r["type"], r["engine"], r["deployment"]): r for r in PRICES["rates"]}
    derived = [r for r in PRICES["rates"] if r["derived_from"]]
    assert derived
    for rate in derived:
        origin = rate["derived_from"]
        engine = origin.get("engine", rate["engine"])
        deployment = origin.get("deployment", rate["deployment"])
        base = by_key[(origin["type"], engine, deployment)]
        usd, base_usd = Decimal(rate["usd_per_hour"]), Decimal(base["usd_per_hour"])
        if "normalization" in origin["rule"]:
            assert base["derived_from"] is None, rate
            assert _note(_family_key(rate))["scaling"] == "linear", rate
            size, base_size = rate["type"].rsplit(".", 1)[1], origin["type"].rsplit(".", 1)[1]
            assert usd == base_usd * FACTORS[size] / FACTORS[base_size], rate
        elif deployment == "single-az":
            assert usd == 2 * base_usd, rate
        else:
            assert (origin["engine"], usd) == ("redis", base_usd), rate


def test_burstable_findings_are_recorded() -> None:
    """db.t4g is not linear (medium 0.065 against 2 x 0.032): nothing in it is derived."""
    note = PRICES["families"]["rds:mysql:db.t4g"]
    assert note["scaling"] == "published"
    assert "medium 0.065" in note["finding"]
    assert PRICES["families"]["ec2:t3"]["scaling"] == "linear"


def test_the_generator_rebuilds_the_committed_files_byte_for_byte() -> None:
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts" / "build_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    types, prices = module.build()
    assert json.dumps(types, indent=1) + "\n" == (DATA / "types.json").read_text()
    assert json.dumps(prices, indent=1) + "\n" == (DATA / "prices" / "us-east-1.json").read_text()
