"""`archlib prices refresh` against botocore's Stubber, on responses of the real shape."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from archlib.cost import catalogue, estimate
from archlib.cost.pricelist import PriceBook
from archlib.cost.refresh import build_snapshot, filters
from archlib.errors import InputError
from archlib.loader import load

from .conftest import ROOT, STAGES


def api_record(record: dict[str, Any]) -> dict[str, Any]:
    """A bundled record as the API would send it: no archlib extension, with a Reserved term."""
    live = {k: copy.deepcopy(v) for k, v in record.items() if k != "archlib"}
    live["version"] = "20261120000000"
    live["publicationDate"] = "2026-11-20T18:00:00Z"
    live["terms"]["Reserved"] = {"X.Y": {"priceDimensions": {}, "sku": live["product"]["sku"]}}
    return live


def matching_records(book_document: dict[str, Any], query: catalogue.PriceQuery) -> list[Any]:
    wanted = dict(query.attributes)
    return [
        record
        for record in book_document["priceList"]
        if record["serviceCode"] == query.service
        and record["product"]["productFamily"] == query.family
        and all(record["product"]["attributes"].get(k) == v for k, v in wanted.items())
    ]


@pytest.fixture
def bundled_document() -> dict[str, Any]:
    path = ROOT / "archlib" / "cost" / "data" / "us-east-1.json"
    return json.loads(path.read_text())  # type: ignore[no-any-return]


@pytest.fixture
def stubbed(bundled_document: dict[str, Any]):  # type: ignore[no-untyped-def]
    client = boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    stubber = Stubber(client)
    for index, query in enumerate(catalogue.standard_items()):
        records = [json.dumps(api_record(r)) for r in matching_records(bundled_document, query)]
        params = {
            "ServiceCode": query.service,
            "Filters": filters(query, "US East (N. Virginia)"),
            "FormatVersion": "aws_v1",
        }
        if index == 0:  # one item comes back over two pages, as the API paginates
            stubber.add_response(
                "get_products",
                {"FormatVersion": "aws_v1", "PriceList": [], "NextToken": "page-2"},
                params,
            )
            params = {**params, "NextToken": "page-2"}
        stubber.add_response(
            "get_products", {"FormatVersion": "aws_v1", "PriceList": records}, params
        )
    with stubber:
        yield client
    stubber.assert_no_pending_responses()


def test_stubbed_refresh_gives_the_same_totals_as_the_bundled_snapshot(stubbed) -> None:  # type: ignore[no-untyped-def]
    document = build_snapshot("us-east-1", stubbed, retrieved="2026-11-28")
    refreshed = PriceBook.from_document(document, "refreshed")
    assert refreshed.publication_date == "2026-11-20"
    for path in STAGES:
        model = load(path)
        assert estimate(model, refreshed).monthly_usd == pytest.approx(
            estimate(model).monthly_usd, rel=1e-12
        )
    price = refreshed.price(catalogue.ebs_volume("gp3"))
    assert price.sku_available
    assert price.source["kind"].startswith("AWS Price List API")
    assert all(set(r["terms"]) == {"OnDemand"} for r in document["priceList"])


def test_a_refreshed_snapshot_file_prices_through_the_cli(stubbed, tmp_path) -> None:  # type: ignore[no-untyped-def]
    document = build_snapshot("us-east-1", stubbed, retrieved="2026-11-28")
    snapshot = tmp_path / "us-east-1.json"
    snapshot.write_text(json.dumps(document))
    stage = str(STAGES[5])
    result = _cli("cost", stage, "--prices", str(snapshot), "-f", "json", env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    priced = json.loads(result.stdout)
    assert priced["prices_published"] == "2026-11-20"
    assert priced["monthly_usd"] == pytest.approx(estimate(load(STAGES[5])).monthly_usd)


def test_filters_use_price_list_field_names() -> None:
    result = filters(catalogue.ec2_instance("m6i.large"), "US East (N. Virginia)")
    fields = {f["Field"]: f["Value"] for f in result}
    assert fields["instanceType"] == "m6i.large"
    assert fields["location"] == "US East (N. Virginia)"
    assert fields["productFamily"] == "Compute Instance"
    assert {f["Type"] for f in result} == {"TERM_MATCH"}
    cloudfront = filters(catalogue.cloudfront_transfer_out(), "US East (N. Virginia)")
    assert "location" not in {f["Field"] for f in cloudfront}


def test_an_item_the_api_does_not_price_is_an_error() -> None:
    client = boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    query = catalogue.ec2_instance("m6i.large")
    with Stubber(client) as stubber:
        stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": []})
        with pytest.raises(InputError, match="no on-demand price for AmazonEC2"):
            build_snapshot("us-east-1", client, items=[query])


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archlib", *args], capture_output=True, text=True, env=env
    )


def test_refresh_without_credentials_is_one_line_and_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
        HOME=str(tmp_path),
    )
    result = _cli("prices", "refresh", "--output", str(tmp_path / "p.json"), env=env)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "needs AWS credentials" in result.stderr
    assert not (tmp_path / "p.json").exists()


def test_refresh_without_boto3_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from archlib.cost.refresh import pricing_client

    monkeypatch.setitem(sys.modules, "boto3", None)
    with pytest.raises(InputError, match=r"needs boto3: install the aws extra"):
        pricing_client()


def test_cli_start_up_does_not_import_boto3() -> None:
    code = "import sys, archlib.cli.app; print('boto3' in sys.modules, 'rich.table' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"]
