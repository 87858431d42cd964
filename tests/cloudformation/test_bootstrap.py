"""The first-boot scripts as rendered in the templates: the endpoints the application is
given, the health probe before the signal, and what shellcheck says of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archlib.cloudformation.appconfig import ENV_FILE
from archlib.cloudformation.naming import pascal
from archlib.model import (
    Architecture,
    Cache,
    Component,
    DataWarehouse,
    LoadBalancer,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
)
from tests.cloudformation.support import STAGES, stage_template


def scripts(template: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(logical id, Fn::Sub text) of every user data script in the template."""
    for logical, resource in template["Resources"].items():
        properties = resource["Properties"]
        data = properties.get("LaunchTemplateData", properties).get("UserData")
        if data is not None:
            yield logical, data["Fn::Base64"]["Fn::Sub"]


def env_file(script: str) -> dict[str, str]:
    found = re.search(rf"cat > {ENV_FILE} <<'ARCHLIB_ENV'\n(.*?)\nARCHLIB_ENV\n", script, re.S)
    assert found, "the script writes the env file"
    return dict(line.split("=", 1) for line in found[1].splitlines())


def _owner_id(logical: str) -> str:
    return re.sub(r"(LaunchTemplate|Instance\d*)$", "", logical)


def _members(model: Architecture, logical: str) -> list[Component]:
    (owner,) = [c for c in model.components if pascal(c.id) == _owner_id(logical)]
    return [owner, *model.hosted_on(owner.id)]


def _expected(model: Architecture, owner: Component, target: Component) -> dict[str, str]:
    """Variable -> a piece of its value that shows it points at the target."""
    key = target.id.upper().replace("-", "_")
    name = pascal(target.id)
    if isinstance(target, RelationalDatabase) and target.host is not None:
        return {f"{key}_HOST": "127.0.0.1" if target.host == owner.id else "PrivateIp"}
    if isinstance(target, RelationalDatabase) and target.replica_of is None:
        return {
            f"{key}_HOST": f"{name}Database.Endpoint.Address",
            f"{key}_PORT": f"{name}Database.Endpoint.Port",
            f"{key}_SECRET_ARN": name,
        }
    if isinstance(target, RelationalDatabase):
        return {f"{key}_HOSTS": f"{name}Replica1.Endpoint.Address", f"{key}_SECRET_ARN": ""}
    if isinstance(target, LoadBalancer):
        replicas = [model.component(link.target) for link in model.links_from(target.id)]
        if target.type == "network" and all(
            isinstance(r, RelationalDatabase) and r.replica_of for r in replicas
        ):
            return {f"{key}_HOST": f"{target.id}.${{PrivateZoneName}}", f"{key}_SECRET_ARN": ""}
        return {f"{key}_HOST": f"{name}LoadBalancer.DNSName", f"{key}_PORT": ""}
    if isinstance(target, Cache):
        return {f"{key}_HOST": f"{name}", f"{key}_PORT": f"{name}"}
    if isinstance(target, DataWarehouse):
        return {
            f"{key}_HOST": f"{name}Cluster.Endpoint.Address",
            f"{key}_SECRET_ARN": f"{name}Cluster.MasterPasswordSecretArn",
        }
    if isinstance(target, Queue):
        return {f"{key}_URL": f"${{{name}Queue}}"}
    if isinstance(target, NoSqlTable):
        return {f"{key}_TABLE": f"${{{name}Table}}"}
    if isinstance(target, ObjectStore):
        return {f"{key}_BUCKET": f"${{{name}Bucket}}"}
    return {}


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.stem)
def test_each_tier_is_told_where_its_linked_services_are(path: Path) -> None:
    model, template = stage_template(path)
    found = list(scripts(template))
    assert found
    for logical, script in found:
        env = env_file(script)
        assert env["AWS_REGION"] == "${AWS::Region}"
        members = _members(model, logical)
        for member in members:
            for link in model.links_from(member.id):
                if link.mode == "replication":
                    continue
                target = model.component(link.target)
                for variable, piece in _expected(model, members[0], target).items():
                    assert variable in env, f"{logical}: {variable}"
                    assert piece in env[variable], f"{logical}: {variable}={env[variable]}"
        assert not any("resolve:" in value for value in env.values()), "no secret values"


def test_the_env_file_names_secrets_each_role_may_read() -> None:
    _, template = stage_template(STAGES[5])
    for logical, script in scripts(template):
        env = env_file(script)
        owner = _owner_id(logical)
        statements = [
            statement
            for policy in template["Resources"][f"{owner}Role"]["Properties"].get("Policies", [])
            for statement in policy["PolicyDocument"]["Statement"]
            if "secretsmanager:GetSecretValue" in statement["Action"]
        ]
        readable = {str(r) for s in statements for r in s["Resource"]}
        for variable, value in env.items():
            if variable.endswith("SECRET_ARN"):
                name = value.removeprefix("${").removesuffix("}")
                if "." in name:
                    resource, attribute = name.split(".", 1)
                    wanted = str({"Fn::GetAtt": [resource, attribute]})
                else:
                    wanted = str({"Ref": name})
                assert wanted in readable, f"{owner} may read {variable}"
