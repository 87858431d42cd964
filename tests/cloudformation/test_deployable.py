"""The rules AWS enforces only at deploy time hold on every stage, and are caught when broken."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from archlib.cloudformation.deployable import (
    MANAGED_PASSWORD_REPLICAS,
    UndeployableTemplate,
    problems,
    replica_of_managed_password,
    require_deployable,
)
from archlib.cloudformation.secrets import TRANSFORM
from tests.cloudformation.support import STAGES, resources_of, stage_template


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.stem)
def test_every_stage_is_deployable(path: Path) -> None:
    _, template = stage_template(path)
    assert problems(template["Resources"]) == []


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.stem)
def test_primaries_with_replicas_keep_a_rotated_secret_of_their_own(path: Path) -> None:
    _, template = stage_template(path)
    instances = resources_of(template, "AWS::RDS::DBInstance")
    sources = {
        r["Properties"]["SourceDBInstanceIdentifier"]["Ref"]
        for r in instances.values()
        if "SourceDBInstanceIdentifier" in r["Properties"]
    }
    attachments = resources_of(template, "AWS::SecretsManager::SecretTargetAttachment")
    rotations = resources_of(template, "AWS::SecretsManager::RotationSchedule")
    for logical, resource in instances.items():
        properties = resource["Properties"]
        if logical not in sources:
            continue
        assert "ManageMasterUserPassword" not in properties
        secret = logical.removesuffix("Database") + "MasterSecret"
        for key, field in (("MasterUsername", "username"), ("MasterUserPassword", "password")):
            assert properties[key] == {
                "Fn::Sub": f"{{{{resolve:secretsmanager:${{{secret}}}:SecretString:{field}}}}}"
            }
        generated = template["Resources"][secret]["Properties"]["GenerateSecretString"]
        assert set('"@/\\ ') <= set(generated["ExcludeCharacters"])
        (attachment,) = [
            k
            for k, a in attachments.items()
            if a["Properties"]["TargetId"] == {"Ref": logical}
            and a["Properties"]["SecretId"] == {"Ref": secret}
        ]
        assert attachments[attachment]["Properties"]["TargetType"] == "AWS::RDS::DBInstance"
        (rotation,) = [
            r for r in rotations.values() if r["Properties"]["SecretId"] == {"Ref": attachment}
        ]
        hosted = rotation["Properties"]["HostedRotationLambda"]
        assert hosted["RotationType"].endswith("SingleUser"), "the master rotates itself"
        assert hosted["VpcSubnetIds"]["Fn::Join"][1], "the rotation runs in the VPC"
    if rotations:
        assert template["Transform"] == TRANSFORM
    else:
        assert "Transform" not in template
    if path.stem.startswith(("4", "5", "6")):
        assert sources and rotations, "stages 4 to 6 have read replicas"


def test_a_replica_of_a_managed_password_is_refused() -> None:
    _, template = stage_template(STAGES[3])
    resources = copy.deepcopy(template["Resources"])
    primary = resources["MysqlDatabase"]["Properties"]
    del primary["MasterUserPassword"]
    primary["ManageMasterUserPassword"] = True
    found = replica_of_managed_password(resources)
    assert found and all(MANAGED_PASSWORD_REPLICAS in problem for problem in found)
    assert any(problem.startswith("ReplicasReplica1 replicates MysqlDatabase") for problem in found)
    with pytest.raises(UndeployableTemplate, match="ManageMasterUserPassword"):
        require_deployable(resources)


def test_sql_server_may_replicate_a_managed_password() -> None:
    resources = {
        "Db": {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {"Engine": "sqlserver-ee", "ManageMasterUserPassword": True},
        },
        "Replica": {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {"SourceDBInstanceIdentifier": {"Ref": "Db"}},
        },
    }
    assert replica_of_managed_password(resources) == []
