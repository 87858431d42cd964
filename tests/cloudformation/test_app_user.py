"""The tiers connect as the application user, whose secret is not the master's; it rotates
where the template rotates the master, and creating the user is the one step left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cloudformation.support import STAGES, resources_of, stage_template


def _readable(template: dict[str, Any]) -> set[str]:
    return {
        str(resource)
        for role in resources_of(template, "AWS::IAM::Role").values()
        for policy in role["Properties"].get("Policies", [])
        for statement in policy["PolicyDocument"]["Statement"]
        for resource in statement["Resource"]
    }


@pytest.mark.parametrize("path", STAGES[1:], ids=lambda p: p.stem)
def test_each_primary_has_an_application_user_apart_from_the_master(path: Path) -> None:
    _, template = stage_template(path)
    primaries = [
        k.removesuffix("Database")
        for k, r in resources_of(template, "AWS::RDS::DBInstance").items()
        if "SourceDBInstanceIdentifier" not in r["Properties"]
    ]
    assert primaries
    readable = _readable(template)
    for prefix in primaries:
        secret = template["Resources"][f"{prefix}AppSecret"]["Properties"]
        generated = secret["GenerateSecretString"]
        assert generated["SecretStringTemplate"] == {
            "Fn::Sub": '{"username":"${DatabaseAppUsername}"}'
        }
        assert template["Parameters"]["DatabaseAppUsername"]["Default"] == "app"
        attachment = template["Resources"][f"{prefix}AppSecretAttachment"]["Properties"]
        assert attachment["TargetId"] == {"Ref": f"{prefix}Database"}
        assert str({"Ref": f"{prefix}AppSecret"}) in readable
        for master in (
            {"Ref": f"{prefix}MasterSecret"},
            {"Fn::GetAtt": [f"{prefix}Database", "MasterUserSecret.SecretArn"]},
        ):
            assert str(master) not in readable, "no tier reads the master secret"
        master_rotation = template["Resources"].get(f"{prefix}MasterSecretRotation")
        app_rotation = template["Resources"].get(f"{prefix}AppSecretRotation")
        assert (master_rotation is None) == (app_rotation is None), "rotated where the master is"
        if app_rotation is not None:
            properties = app_rotation["Properties"]
            hosted = properties["HostedRotationLambda"]
            assert hosted["RotationType"] == "MySQLMultiUser"
            assert hosted["MasterSecretArn"] == {"Ref": f"{prefix}MasterSecret"}
            assert properties["RotateImmediatelyOnUpdate"] is False, "the user exists first"
    steps = template["Metadata"]["archlib"]["AfterDeployment"]
    assert len(steps) == len(primaries)
    assert all("docs/cloudformation.md" in step for step in steps)


def test_the_docs_say_how_to_create_the_user() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "cloudformation.md").read_text()
    assert "## Application user" in text
    assert "CREATE USER" in text and "GRANT" in text
