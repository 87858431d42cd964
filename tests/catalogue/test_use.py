"""What a user sees: typos refused at load with a suggestion, unpriced types named with the
closest priced ones, the exporter refusing unknown types, and `archlib catalogue`."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from archlib import InputError, load_text
from archlib.cloudformation import to_cloudformation
from archlib.cost import catalogue as items
from archlib.cost import estimate
from archlib.cost.pricelist import MissingPriceError, PriceBook
from tests.catalogue.test_any_type import model
from tests.conftest import CliResult

HEAD = """name: t
title: T
traffic: {users: 10, reads_per_month: 1000, writes_per_month: 10}
network:
  azs: [a, b]
  subnets:
    - {id: a, cidr: 10.0.0.0/24, az: a, type: private}
components:
"""


@pytest.mark.parametrize(
    ("component", "field", "suggestion"),
    [
        ("{id: w, kind: web_server, instance_type: m6i.larg, subnets: [a]}", "instance_type",
         "'m6i.large'"),
        ("{id: h, kind: host, instance_type: c7g.xlareg, subnets: [a]}", "instance_type",
         "'c7g.xlarge'"),
        ("{id: d, kind: relational_database, instance_class: db.t3.mediun, subnets: [a]}",
         "instance_class", "'db.t3.medium'"),
        ("{id: c, kind: cache, node_type: cache.r7g.lrage, subnets: [a]}", "node_type",
         "'cache.r7g.large'"),
        ("{id: r, kind: data_warehouse, node_type: ra3.xplus, subnets: [a]}", "node_type",
         "'ra3.xlplus'"),
    ],
)  # fmt: skip
def test_a_typo_fails_at_load_at_its_line_with_the_closest_name(
    component: str, field: str, suggestion: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_text(HEAD + f"  - {component}\n", "m.yaml")
    error = caught.value
    assert (error.line, error.field) == (9, f"components[0].{field}")
    assert f"did you mean {suggestion}" in error.message


def test_a_type_of_another_service_is_named_for_what_it_is() -> None:
    with pytest.raises(
        InputError, match=r"expected Redshift node type, got EC2 instance type 'm6i\.large'"
    ):
        load_text(HEAD + "  - {id: r, kind: data_warehouse, node_type: m6i.large, subnets: [a]}\n")


def test_an_arm64_type_for_an_x86_component_is_an_error_and_a_match_is_not() -> None:
    line = "  - {id: w, kind: app_server, instance_type: %s, architecture: x86_64, subnets: [a]}\n"
    with pytest.raises(InputError, match=r"m7g\.large is arm64, but architecture says x86_64"):
        load_text(HEAD + line % "m7g.large")
    assert load_text(HEAD + line % "m7i.large").components[0].kind == "app_server"


def test_a_known_type_without_a_rate_names_type_region_and_the_closest_priced() -> None:
    book = PriceBook.bundled("us-east-1")
    with pytest.raises(MissingPriceError) as caught:
        book.price(items.rds_instance("db.m5.24xlarge", "mysql", multi_az=True))
    message = caught.value.message
    assert message.startswith(
        "no on-demand price for db.m5.24xlarge (mysql, multi-az) in us-east-1"
    )
    assert "closest priced: db.m5.12xlarge" in message
    assert "if AWS sells it there, `archlib prices refresh --region us-east-1`" in message
    with pytest.raises(MissingPriceError, match=r"db.m6i.large is priced for mysql, postgres"):
        book.price(items.rds_instance("db.m6i.large", "mariadb", multi_az=False))


def test_the_cost_of_a_catalogue_type_is_its_catalogue_rate() -> None:
    drawn = model("m5.large", ("db.t4g.medium", "postgres", True), ("cache.t4g.small", "valkey"),
                  "dc2.large")  # fmt: skip
    lines = {line.name: line for c in estimate(drawn).components for line in c.lines}
    assert lines["Instance usage (Linux, on-demand, m5.large)"].price.first_rate == 0.096
    assert lines["Database instances (db.t4g.medium, Multi-AZ)"].price.first_rate == 0.13
    assert lines["Cache nodes (cache.t4g.small, valkey)"].price.first_rate == 0.0256
    assert lines["Compute nodes (dc2.large)"].price.first_rate == 0.25
    derived = lines["Database instances (db.t4g.medium, Multi-AZ)"].price
    assert derived.source["derivedFrom"]["type"] == "db.t4g.medium"


def test_the_exporter_refuses_a_type_outside_the_catalogue() -> None:
    drawn = model("m6i.large", ("db.m6i.large", "mysql", False), ("cache.r6g.large", "redis"),
                  "ra3.xlplus")  # fmt: skip
    web = drawn.components[1].model_copy(update={"instance_type": "t3.mediun"})
    typo = drawn.model_copy(update={"components": [drawn.components[0], web,
                                                   *drawn.components[2:]]})  # fmt: skip
    with pytest.raises(InputError, match="cannot export to CloudFormation: unknown EC2") as caught:
        to_cloudformation(typo)
    assert caught.value.field == "components[1] (web)"
    assert "did you mean 't3.medium'" in caught.value.message


def test_the_exporter_picks_the_ami_architecture_from_the_catalogue() -> None:
    drawn = model("t4g.small", ("db.m6i.large", "mysql", False), ("cache.r6g.large", "redis"),
                  "ra3.xlplus")  # fmt: skip
    parameters = to_cloudformation(drawn)["Parameters"]
    images = [p for name, p in parameters.items() if name.endswith("ImageId")]
    assert images and all("(arm64)" in p["Description"] for p in images)
    assert all(p.get("Default", "").endswith("-arm64") for p in images if "SSM" in p["Type"])


def test_catalogue_json_shows_the_counts(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("catalogue", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    counts = document["counts"]
    assert counts["ec2"]["priced"] >= 200
    assert sum(counts["rds"]["priced_by_engine"].values()) >= 80
    assert counts["elasticache"]["priced"] >= 40
    assert counts["redshift"]["priced"] == 5
    [m6i] = [t for t in document["types"] if t["name"] == "m6i.large"]
    assert (m6i["vcpu"], m6i["memory_gib"], m6i["architecture"]) == (2, 8.0, "x86_64")
    assert m6i["rates"][0]["usd_per_hour"] == "0.096"
    assert m6i["rates"][0]["source"]["url"] == "https://aws.amazon.com/ec2/pricing/on-demand/"


def test_catalogue_filters_by_service_and_family(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("catalogue", "--service", "rds", "--family", "db.r7g", "-f", "json")
    names = [t["name"] for t in json.loads(result.stdout)["types"]]
    assert names[:2] == ["db.r7g.large", "db.r7g.xlarge"] and len(names) == 7
    table = run_cli("catalogue", "--family", "t4g")
    assert table.exit_code == 0 and "t4g.nano" in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--family", "m7x"), "no family 'm7x' in the catalogue; did you mean"),
        (("--region", "eu-west-1"), "the catalogue has no rates for eu-west-1"),
    ],
)
def test_catalogue_bad_options_are_one_line_and_exit_2(
    run_cli: Callable[..., CliResult], args: tuple[str, ...], message: str
) -> None:
    result = run_cli("catalogue", *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
