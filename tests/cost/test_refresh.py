"""`archlib prices refresh` against botocore's Stubber, on responses of the real shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from archlib.catalogue import Catalogue
from archlib.cost import catalogue, estimate
from archlib.cost.pricelist import PriceBook
from archlib.cost.refresh import build_snapshot, check_region, filters, usage_matches
from archlib.errors import InputError
from archlib.loader import load

from .conftest import ROOT, STAGES
from .recorded import (
    REGIONS,
    add_catalogue_answers,
    add_pages,
    add_snapshot_answers,
    api_record,
    expected_filters,
    moved,
    sent_requests,
)


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
        if index == 0:  # one item comes back over two pages, as the API paginates
            stubber.add_response(
                "get_products",
                {"FormatVersion": "aws_v1", "PriceList": [], "NextToken": "page-2"},
                {
                    "ServiceCode": query.service,
                    "Filters": expected_filters(query, "us-east-1"),
                    "FormatVersion": "aws_v1",
                },
            )
            stubber.add_response(
                "get_products",
                {"FormatVersion": "aws_v1", "PriceList": records},
                {
                    "ServiceCode": query.service,
                    "Filters": expected_filters(query, "us-east-1"),
                    "FormatVersion": "aws_v1",
                    "NextToken": "page-2",
                },
            )
            continue
        add_pages(stubber, query, "us-east-1", records)
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


def test_filters_pick_the_region_by_code_and_never_by_display_name() -> None:
    result = filters(catalogue.ec2_instance("m6i.large"), "ap-southeast-2")
    fields = {f["Field"]: f["Value"] for f in result}
    assert fields["instanceType"] == "m6i.large"
    assert fields["regionCode"] == "ap-southeast-2"
    assert fields["productFamily"] == "Compute Instance"
    assert "location" not in fields
    assert {f["Type"] for f in result} == {"TERM_MATCH"}
    transfer = {f["Field"]: f["Value"] for f in filters(catalogue.data_transfer_out(), "sa-east-1")}
    assert transfer["fromRegionCode"] == "sa-east-1" and "regionCode" not in transfer
    # Outside us-east-1 usage types carry the region's prefix: matched on the answers.
    metrics = {f["Field"] for f in filters(catalogue.cloudwatch_metrics(), "eu-west-1")}
    assert "usagetype" not in metrics and "regionCode" in metrics
    cloudfront = {f["Field"] for f in filters(catalogue.cloudfront_transfer_out(), "eu-west-1")}
    assert not cloudfront & {"location", "regionCode", "fromRegionCode"}
    route53 = {f["Field"]: f["Value"] for f in filters(catalogue.route53_queries(), "eu-west-1")}
    assert route53["usagetype"] == "DNS-Queries" and "regionCode" not in route53


def test_a_usage_type_matches_bare_or_behind_a_region_prefix() -> None:
    assert usage_matches("CW:AlarmMonitorUsage", "CW:AlarmMonitorUsage")
    assert usage_matches("APS2-CW:AlarmMonitorUsage", "CW:AlarmMonitorUsage")
    assert usage_matches("EU-TimedStorage-ByteHrs", "TimedStorage-ByteHrs")
    assert not usage_matches("APS2-CW:AlarmMonitorUsage-HighRes", "CW:AlarmMonitorUsage")
    assert not usage_matches("VendedLog-DataProcessing-Bytes", "DataProcessing-Bytes")
    assert not usage_matches("APS2-TimedStorage-INT-FA-ByteHrs", "TimedStorage-ByteHrs")


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


def _pricing_stub() -> Any:
    return boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )


@pytest.mark.parametrize("code", sorted(REGIONS))
def test_a_refresh_for_another_region_prices_stage_1_from_its_own_rates(  # type: ignore[no-untyped-def]
    code: str,
    bundled_document: dict[str, Any],
    tmp_path,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    region = REGIONS[code]
    pool = [moved(api_record(r), region) for r in bundled_document["priceList"]]
    client = _pricing_stub()
    sent = sent_requests(client)
    stubber = Stubber(client)
    add_snapshot_answers(stubber, pool, code)
    add_catalogue_answers(stubber, Catalogue.bundled().rates("us-east-1"), region)
    monkeypatch.setattr("archlib.cost.refresh.pricing_client", lambda: client)
    snapshot, rates = tmp_path / f"{code}.json", tmp_path / f"{code}-rates.json"
    with stubber:
        refreshed = run_cli(
            "prices", "refresh", "--region", code, "-o", snapshot, "--catalogue-output", rates
        )
        stubber.assert_no_pending_responses()
    assert refreshed.exit_code == 0, refreshed.stderr

    # Every regional search named the region by code; none by a display name.
    for request in sent:
        fields = {f["Field"]: f["Value"] for f in request["Filters"]}
        regional = request["ServiceCode"] not in {"AmazonCloudFront", "AmazonRoute53"}
        field = "fromRegionCode" if request["ServiceCode"] == "AWSDataTransfer" else "regionCode"
        assert fields.get(field) == (code if regional else None), request
        assert (
            region.location not in fields.values()
            and "US East (N. Virginia)" not in fields.values()
        )

    # What was written reads back, in the region's own name from its records.
    document = json.loads(snapshot.read_text())
    assert document["region"] == code and document["location"] == region.location
    book = PriceBook.from_path(snapshot)
    assert book.region == code and book.publication_date == "2026-11-20"
    assert "Distractor" not in snapshot.read_text()
    alarms = book.price(
        catalogue.query("AmazonCloudWatch", "Alarm", usagetype="CW:AlarmMonitorUsage")
    )
    assert alarms.sku_available and alarms.source["region"] == code
    known = Catalogue.bundled().with_rates(json.loads(rates.read_text()), f"refreshed {code}")
    assert code in known.regions()

    # Stage 1 moved to the region prices completely, at the recorded rates: regional lines at
    # the region's factor over us-east-1, global DNS as in us-east-1.
    stage = STAGES[0]
    model = tmp_path / stage.name
    model.write_text(stage.read_text().replace("region: us-east-1", f"region: {code}"))
    home = estimate(load(stage))
    monkeypatch.setattr("archlib.catalogue._bundled", lambda: known)
    priced_run = run_cli("cost", model, "--prices", snapshot, "-f", "json")
    assert priced_run.exit_code == 0, priced_run.stderr
    priced = json.loads(priced_run.stdout)
    assert priced["region"] == code and not priced["partial"] and priced["unpriced"] == []
    factor = float(region.factor)
    for component in priced["components"]:
        at_home = home.component(component["id"]).monthly_usd
        expected = at_home if component["id"] == "dns" else at_home * factor
        assert component["monthly_usd"] == pytest.approx(expected, rel=1e-9), component["id"]
    dns = home.component("dns").monthly_usd
    assert priced["monthly_usd"] == pytest.approx((home.monthly_usd - dns) * factor + dns)
    assert priced["monthly_usd"] > home.monthly_usd * 1.05
    instance = priced["components"][[c["id"] for c in priced["components"]].index("box")]
    assert instance["lines"][0]["price"]["sku_available"]


def test_an_unknown_region_is_one_line_naming_the_known_ones() -> None:
    with pytest.raises(InputError) as raised:
        build_snapshot("eu-wset-1", client=None)
    message = str(raised.value.message)
    assert "\n" not in message and "unknown region 'eu-wset-1'" in message
    assert "did you mean eu-west-1?" in message
    assert "ap-southeast-1..7" in message or "ap-southeast-2" in message
    assert "sa-east-1" in message and "us-gov-west-1" in message
    check_region("ap-southeast-2")
    check_region("us-gov-west-1")


def test_refresh_for_an_unknown_region_is_one_line_and_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="x",
        AWS_SECRET_ACCESS_KEY="y",
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
        HOME=str(tmp_path),
    )
    args = ["--output", str(tmp_path / "p.json"), "--catalogue-output", str(tmp_path / "c.json")]
    result = _cli("prices", "refresh", "--region", "mars-1", *args, env=env)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "unknown region 'mars-1' for the Price List" in result.stderr
    assert "us-east-1" in result.stderr
    assert not (tmp_path / "p.json").exists() and not (tmp_path / "c.json").exists()
