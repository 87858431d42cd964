"""`archlib import cfn`, and templates given to every command that reads a model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from archlib.loader import load
from tests.conftest import REPO, CliResult
from tests.importers.support import corpus

STAGE_TEMPLATE = REPO / "templates" / "scaling-aws" / "3-users-plus-2.yaml"
EC2 = "EC2/EC2InstanceWithSecurityGroupSample.yaml"


def test_writes_a_model_that_loads_back(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    target = tmp_path / "model.yaml"
    result = run_cli("import", "cfn", STAGE_TEMPLATE, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert "web (web_server) <- WebAutoScalingGroup" in result.stdout
    assert result.stderr.splitlines() == [f"wrote {target}"]
    model = load(target)
    assert model.component("web").kind == "web_server"
    again = tmp_path / "again.yaml"
    run_cli("import", "cfn", STAGE_TEMPLATE, "-o", again)
    assert again.read_bytes() == target.read_bytes()


def test_json_report(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("import", "cfn", corpus() / EC2, "-f", "json", "-p", "KeyName=ops")
    report = json.loads(result.stdout)
    assert report["components"] == [
        {
            "id": "ec2",
            "kind": "host",
            "logical_ids": ["EC2Instance"],
            "absorbed": ["InstanceSecurityGroup"],
        }
    ]
    assert report["placeholders"] == {"Subnets": "a subnet in an unknown AZ"}
    assert report["model"] is None
    assert "illustrative default" in report["traffic"]


def test_traffic_from_a_file(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    profile = tmp_path / "traffic.yaml"
    profile.write_text(
        "traffic:\n  users: 50000\n  reads_per_month: 2.0e8\n  writes_per_month: 1.0e6\n"
    )
    target = tmp_path / "model.yaml"
    result = run_cli("import", "cfn", STAGE_TEMPLATE, "--traffic", profile, "-o", target)
    assert result.exit_code == 0
    assert f"traffic: from {profile}" in result.stdout
    assert load(target).traffic.users == 50000


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-p", "NoSuchParameter=1"], "declares no such parameter"),
        (["-p", "novalue"], "expected KEY=VALUE"),
        (["--traffic", "{bad}"], "users"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    run_cli: Callable[..., CliResult], tmp_path: Path, arguments: list[str], message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("traffic: {reads_per_month: 1, writes_per_month: 1}\n")
    arguments = [str(bad) if a == "{bad}" else a for a in arguments]
    target = tmp_path / "model.yaml"
    result = run_cli("import", "cfn", STAGE_TEMPLATE, "-o", target, *arguments)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not target.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["cost"],
        ["capacity"],
        ["render", "-f", "dot", "-o", "{tmp}"],
        ["check", "--fail-on", "never"],
    ],
)
def test_every_command_reads_a_template(
    run_cli: Callable[..., CliResult], tmp_path: Path, command: list[str]
) -> None:
    arguments = [str(tmp_path) if a == "{tmp}" else a for a in command]
    result = run_cli(*arguments[:1], STAGE_TEMPLATE, *arguments[1:])
    assert result.exit_code == 0, result.stderr
    if command[0] == "render":
        assert (tmp_path / "3-users-plus-2.dot").read_text().count("->") > 5
    else:
        assert result.stdout
