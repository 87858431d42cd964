"""Deploying a template to moto's CloudFormation, and saying what moto cannot check.

moto models most but not all resource types, and a few properties differently from AWS.
Before deploying, `adapt` removes what moto cannot create (and whatever depends on it),
returning each removal with its reason, so the tests report it instead of hiding it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from tests.cloudformation.support import references

NETWORK_LISTENER_PROTOCOLS = {"TCP", "TLS", "UDP", "TCP_UDP"}
MODELLED_SERVICES = ("cloudwatch", "ec2", "logs", "route53", "sns")
"""moto services whose CloudFormation models the templates use beyond the deployed APIs."""


@dataclass(frozen=True)
class Unverified:
    logical_id: str
    type: str
    reason: str

    def __str__(self) -> str:
        return f"{self.logical_id} ({self.type}): {self.reason}"


STAND_IN_ATTRIBUTES = {
    "MasterUserSecret.SecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:stand-in",
    "MasterPasswordSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:stand-in",
}
"""Attributes moto does not model, replaced by a fixed value so what reads them deploys."""


SECRET_REFERENCE = re.compile(r"^\{\{resolve:secretsmanager:\$\{(\w+)\}:SecretString:(\w+)\}\}$")
STAND_IN_SECRET_VALUES = {"username": "admin", "password": "stand-in-password"}
"""moto has no secrets for a dynamic reference to resolve: the values they would hold."""


SUB_VARIABLE = re.compile(r"\$\{([A-Za-z0-9]+)((?:\.[A-Za-z0-9]+)*)\}")


def _sub_attributes(text: str, used: set[str]) -> str:
    """`${Db.MasterUserSecret.SecretArn}` in a Sub string, replaced like the GetAtt form."""

    def replace(found: re.Match[str]) -> str:
        attribute = found[2].removeprefix(".")
        if attribute in STAND_IN_ATTRIBUTES:
            used.add(f"{found[1]}.{attribute}")
            return STAND_IN_ATTRIBUTES[attribute]
        return found[0]

    return SUB_VARIABLE.sub(replace, text)


def _stand_in(node: Any, used: set[str]) -> Any:
    if isinstance(node, dict):
        text = node.get("Fn::Sub") if set(node) == {"Fn::Sub"} else None
        found = SECRET_REFERENCE.match(text) if isinstance(text, str) else None
        if found is not None:
            used.add(f"{found[1]}:{found[2]}")
            return STAND_IN_SECRET_VALUES[found[2]]
        if isinstance(text, str):
            return {"Fn::Sub": _sub_attributes(text, used)}
        if set(node) == {"Fn::GetAtt"} and node["Fn::GetAtt"][1] in STAND_IN_ATTRIBUTES:
            used.add(".".join(node["Fn::GetAtt"]))
            return STAND_IN_ATTRIBUTES[node["Fn::GetAtt"][1]]
        return {key: _stand_in(value, used) for key, value in node.items()}
    if isinstance(node, list):
        return [_stand_in(item, used) for item in node]
    return node


def stand_ins(template: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The template with moto's missing attributes replaced, and which were replaced."""
    used: set[str] = set()
    replaced = _stand_in(template, used)
    return replaced, sorted(used)


def _policy_stand_ins(node: Any, removed: set[str]) -> Any:
    if isinstance(node, dict):
        if set(node) == {"Ref"} and node["Ref"] in removed:
            return f"arn:aws:iam::123456789012:stand-in/{node['Ref']}"
        if set(node) == {"Fn::GetAtt"} and node["Fn::GetAtt"][0] in removed:
            return f"arn:aws:iam::123456789012:stand-in/{node['Fn::GetAtt'][0]}"
        return {key: _policy_stand_ins(value, removed) for key, value in node.items()}
    if isinstance(node, list):
        return [_policy_stand_ins(item, removed) for item in node]
    return node


BOOTED = {"AWS::EC2::LaunchTemplate", "AWS::EC2::Instance", "AWS::Lambda::Function"}


def _boot_sub(text: str, removed: set[str]) -> Any:
    """Removed resources become fixed names; `${Db.Endpoint.Address}`, which moto's Sub reads
    as attribute `Endpoint`, becomes a variable bound to the GetAtt."""
    bound: dict[str, Any] = {}

    def replace(found: re.Match[str]) -> str:
        if found[1] in removed:
            return f"stand-in-{found[1]}"
        if found[2].count(".") < 2:
            return found[0]
        name = f"StandIn{len(bound)}"
        bound[name] = {"Fn::GetAtt": [found[1], found[2].removeprefix(".")]}
        return f"${{{name}}}"

    replaced = SUB_VARIABLE.sub(replace, text)
    return {"Fn::Sub": [replaced, bound] if bound else replaced}


def _boot_stand_ins(node: Any, removed: set[str]) -> Any:
    if isinstance(node, dict):
        text = node.get("Fn::Sub") if set(node) == {"Fn::Sub"} else None
        if isinstance(text, str):
            return _boot_sub(text, removed)
        return {key: _boot_stand_ins(value, removed) for key, value in node.items()}
    if isinstance(node, list):
        return [_boot_stand_ins(item, removed) for item in node]
    return node


def adapt(template: dict[str, Any]) -> tuple[dict[str, Any], list[Unverified]]:
    import importlib

    from moto.cloudformation.parsing import get_model_map

    for service in MODELLED_SERVICES:
        importlib.import_module(f"moto.{service}.models")  # registers its resource models
    adapted, _ = stand_ins(copy.deepcopy(template))
    resources: dict[str, dict[str, Any]] = adapted["Resources"]
    supported = get_model_map()
    removed: dict[str, Unverified] = {}
    for logical, resource in resources.items():
        kind = resource["Type"]
        if kind not in supported:
            removed[logical] = Unverified(logical, kind, "moto has no CloudFormation model of it")
        elif (
            kind == "AWS::ElasticLoadBalancingV2::Listener"
            and resource["Properties"]["Protocol"] in NETWORK_LISTENER_PROTOCOLS
        ):
            removed[logical] = Unverified(
                logical,
                kind,
                "moto's CloudFormation creates every load balancer as an application one",
            )
        elif (
            kind == "AWS::EC2::SecurityGroupIngress"
            and "SourcePrefixListId" in (resource["Properties"])
        ):
            removed[logical] = Unverified(
                logical, kind, "moto's CloudFormation takes only CIDR or group sources"
            )
    for resource in resources.values():
        if resource["Type"] == "AWS::RDS::DBInstance":
            # moto's Ref to a parameter group is the group object, not its name
            resource["Properties"].pop("DBParameterGroupName", None)
        if resource["Type"] in BOOTED:
            # the env file names a removed resource: a fixed value, so the instances deploy
            resource["Properties"] = _boot_stand_ins(resource["Properties"], set(removed))
        if resource["Type"] == "AWS::IAM::Role" and "Policies" in resource["Properties"]:
            # a permission on a resource moto cannot create still deploys, on a fixed ARN
            resource["Properties"]["Policies"] = _policy_stand_ins(
                resource["Properties"]["Policies"], set(removed)
            )
        # DependsOn only orders creation: a removed resource need not take its dependents
        if "DependsOn" in resource:
            wanted = resource["DependsOn"]
            kept = [
                d for d in ([wanted] if isinstance(wanted, str) else wanted) if d not in removed
            ]
            if kept:
                resource["DependsOn"] = kept
            else:
                del resource["DependsOn"]
    changed = True
    while changed:
        changed = False
        for logical, resource in resources.items():
            if logical in removed:
                continue
            needs = sorted(set(references(resource)) & set(removed))
            if needs:
                removed[logical] = Unverified(
                    logical, resource["Type"], f"depends on {', '.join(needs)}"
                )
                changed = True
    for logical in removed:
        del resources[logical]
    for name, output in list(adapted.get("Outputs", {}).items()):
        if set(references(output)) & set(removed):
            del adapted["Outputs"][name]
    return adapted, sorted(removed.values(), key=lambda u: u.logical_id)
