"""The first-boot scripts as rendered in the templates: the endpoints the application is
given, the health probe before the signal, and what shellcheck says of them."""

from __future__ import annotations

import re
import shutil
import subprocess
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


def _target_group_checks(template: dict[str, Any], logical: str) -> set[tuple[int, str | None]]:
    """(port, HTTP path or None for TCP) of the target groups the instances serve."""
    owner = _owner_id(logical)
    served = set()
    for resource in template["Resources"].values():
        properties = resource["Properties"]
        names = [g["Ref"] for g in properties.get("TargetGroupARNs", [])]
        if resource["Type"] == "AWS::AutoScaling::AutoScalingGroup" and properties[
            "LaunchTemplate"
        ]["LaunchTemplateId"] == {"Ref": f"{owner}LaunchTemplate"}:
            served |= set(names)
    for name, resource in template["Resources"].items():
        targets = resource["Properties"].get("Targets", [])
        if any(t["Id"] == {"Ref": logical} for t in targets):
            served.add(name)
    checks = set()
    for name in served:
        group = template["Resources"][name]["Properties"]
        path = group.get("HealthCheckPath") if group["HealthCheckProtocol"] == "HTTP" else None
        checks.add((group["Port"], path))
    return checks


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.stem)
def test_instances_prove_their_health_before_they_signal(path: Path) -> None:
    _, template = stage_template(path)
    for logical, script in scripts(template):
        lines = script.splitlines()
        assert lines[-1] == "signal 0", "success is signalled last, once"
        checks = _target_group_checks(template, logical)
        probes = [line for line in lines if line.startswith("probe_") and "()" not in line]
        assert len(probes) == len(checks), logical
        for port, check_path in checks:
            probe = (
                f"probe_tcp {port} || {{ signal 1; exit 1; }}"
                if check_path is None
                else f"probe_http {port} {check_path} || {{ signal 1; exit 1; }}"
            )
            assert probe in lines, f"{logical}: {probe}"
            assert lines.index(probe) < len(lines) - 1
        if probes:
            assert any("for _ in $(seq 30); do" in line for line in lines), "bounded retries"
            assert any("--max-time 5" in line or "timeout 5" in line for line in lines)
        if path.stem.startswith(("3", "4", "5", "6")) and "Web" in logical:
            assert probes, "the web tier sits behind a load balancer"


def rendered(script: str) -> str:
    """The script as the instance receives it: Fn::Sub's variables filled in with stand-ins,
    `${!name}` written back as the shell's `${name}`."""
    filled = re.sub(r"\$\{([A-Za-z0-9:]+)((?:\.[A-Za-z0-9]+)*)\}", r"stand-in-\1", script)
    return filled.replace("stand-in-AWS::", "stand-in-").replace("${!", "${")


def _every_script() -> Iterator[tuple[str, str]]:
    for path in STAGES:
        _, template = stage_template(path)
        for logical, script in scripts(template):
            yield f"{path.stem}:{logical}", rendered(script)


SCRIPTS = dict(_every_script())


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_user_data_is_valid_bash(name: str) -> None:
    result = subprocess.run(
        ["bash", "-n"], input=SCRIPTS[name], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{name}: {result.stderr}"


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_shellcheck_finds_nothing_in_user_data(name: str) -> None:
    result = subprocess.run(
        ["shellcheck", "--shell=bash", "--severity=style", "-"],
        input=SCRIPTS[name],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{name}:\n{result.stdout}"


def test_the_worker_reaches_the_warehouse() -> None:
    """Stage 6: the worker loads the warehouse; it is told where, and may read the secret."""
    _, template = stage_template(STAGES[5])
    secret = {"Fn::GetAtt": ["WarehouseCluster", "MasterPasswordSecretArn"]}
    assert template["Outputs"]["WarehouseSecretArn"]["Value"] == secret
    assert template["Outputs"]["WarehouseEndpoint"]["Value"] == {
        "Fn::GetAtt": ["WarehouseCluster", "Endpoint.Address"]
    }
    (statement,) = [
        s
        for policy in template["Resources"]["WorkerRole"]["Properties"]["Policies"]
        for s in policy["PolicyDocument"]["Statement"]
        if secret in s["Resource"]
    ]
    assert statement["Resource"] == [secret]
    assert "secretsmanager:GetSecretValue" in statement["Action"]
    (script,) = [s for logical, s in scripts(template) if logical == "WorkerLaunchTemplate"]
    env = env_file(script)
    assert env["WAREHOUSE_HOST"] == "${WarehouseCluster.Endpoint.Address}"
    assert env["WAREHOUSE_PORT"] == "${WarehouseCluster.Endpoint.Port}"
    assert env["WAREHOUSE_SECRET_ARN"] == "${WarehouseCluster.MasterPasswordSecretArn}"
    egress = template["Resources"]["WorkerEgressToWarehouseTcp5439"]["Properties"]
    assert egress["DestinationSecurityGroupId"] == {
        "Fn::GetAtt": ["WarehouseSecurityGroup", "GroupId"]
    }


def test_the_largest_script_fits_in_ec2_user_data() -> None:
    """EC2 takes 16 KB of base64 user data: the model's longest script, the env file of the
    busiest tier and the probes fit, with every substituted value 100 characters long."""
    import base64

    from archlib import load
    from archlib.cloudformation import to_cloudformation
    from archlib.model import Architecture

    data = load(STAGES[5]).model_dump(mode="json", exclude_unset=True, by_alias=True)
    for component in data["components"]:
        if component["kind"] in ("web_server", "app_server", "worker"):
            component["bootstrap"] = {"user_data": "#" * 8999 + "\n"}
    template = to_cloudformation(Architecture.model_validate(data))
    for logical, script in scripts(template):
        filled = re.sub(r"\$\{[^!}][^}]*\}", "x" * 100, script)
        assert len(base64.b64encode(filled.encode())) <= 16 * 1024, logical


def test_a_lambda_worker_gets_the_same_endpoints_as_variables() -> None:
    from archlib import load
    from archlib.cloudformation import render, to_cloudformation
    from archlib.model import Architecture
    from tests.cloudformation.support import lint

    data = load(STAGES[5]).model_dump(mode="json", exclude_unset=True, by_alias=True)
    (worker,) = [c for c in data["components"] if c["id"] == "worker"]
    worker["runtime"] = "lambda"
    for key in ("instance_type", "autoscaling", "count", "bootstrap", "volume_gb"):
        worker.pop(key, None)
    template = to_cloudformation(Architecture.model_validate(data))
    variables = template["Resources"]["WorkerFunction"]["Properties"]["Environment"]["Variables"]
    assert "AWS_REGION" not in variables, "Lambda refuses it: it sets the region itself"
    assert variables["QUEUE_URL"] == {"Fn::Sub": "${QueueQueue}"}
    assert variables["MYSQL_SECRET_ARN"] == {"Fn::Sub": "${MysqlAppSecret}"}
    assert variables["WAREHOUSE_HOST"] == {"Fn::Sub": "${WarehouseCluster.Endpoint.Address}"}
    assert lint(render(template)) == []
