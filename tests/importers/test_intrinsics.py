"""Intrinsic functions and conditions, resolved against parameters, mappings and the region."""

from __future__ import annotations

from typing import Any

from archlib.importers.cfn.intrinsics import Resolver
from archlib.importers.cfn.values import (
    NO_VALUE,
    Composite,
    ExternalSubnet,
    ResourceRef,
    Unresolved,
    Zone,
)

TEMPLATE: dict[str, Any] = {
    "Mappings": {"Sizes": {"prod": {"Type": "m6i.large"}, "dev": {"Type": "t3.micro"}}},
    "Conditions": {
        "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
        "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
        "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": ["a", "a"]}]},
        "Either": {"Fn::Or": [{"Condition": "NotProd"}, {"Fn::Equals": ["a", "b"]}]},
    },
    "Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16"}}},
}


def resolver(**parameters: Any) -> Resolver:
    return Resolver(TEMPLATE, {"Env": "prod", **parameters}, "eu-west-1")


def test_refs_to_parameters_pseudo_parameters_and_resources() -> None:
    r = resolver()
    assert r.resolve({"Ref": "Env"}) == "prod"
    assert r.resolve({"Ref": "AWS::Region"}) == "eu-west-1"
    assert r.resolve({"Ref": "Vpc"}) == ResourceRef("Vpc")
    assert isinstance(r.resolve({"Ref": "Missing"}), Unresolved)
    assert r.resolve([1, {"Ref": "AWS::NoValue"}, 2]) == [1, 2]
    assert r.resolve({"A": {"Ref": "AWS::NoValue"}, "B": 1}) == {"B": 1}
    assert r.resolve({"Ref": "AWS::NoValue"}) is NO_VALUE


def test_strings_from_sub_join_split_select() -> None:
    r = resolver()
    assert r.resolve({"Fn::Sub": "${Env}-${AWS::Region}"}) == "prod-eu-west-1"
    assert r.resolve({"Fn::Sub": ["${X}.example.com", {"X": "www"}]}) == "www.example.com"
    assert r.resolve({"Fn::Sub": "${!Literal}-${Env}"}) == "${Literal}-prod"
    assert r.resolve({"Fn::Join": ["-", ["a", {"Ref": "Env"}]]}) == "a-prod"
    assert r.resolve({"Fn::Split": [",", "a,b"]}) == ["a", "b"]
    assert r.resolve({"Fn::Select": ["1", ["a", "b"]]}) == "b"
    composite = r.resolve({"Fn::Sub": "${Vpc}/x"})
    assert isinstance(composite, Composite) and composite.refs == (ResourceRef("Vpc"),)


def test_zones_mappings_and_cidrs() -> None:
    r = resolver()
    assert r.resolve({"Fn::Select": [1, {"Fn::GetAZs": ""}]}) == Zone(1)
    assert r.resolve({"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Type"]}) == "m6i.large"
    missing = {"Fn::FindInMap": ["Sizes", "test", "Type", {"DefaultValue": "t3.small"}]}
    assert r.resolve(missing) == "t3.small"
    cidrs = r.resolve({"Fn::Cidr": [{"Fn::GetAtt": ["Vpc", "CidrBlock"]}, 2, 8]})
    assert cidrs == ["10.1.0.0/24", "10.1.1.0/24"]


def test_conditions_choose_branches() -> None:
    prod, dev = resolver(), resolver(Env="dev")
    branch = {"Fn::If": ["IsProd", "big", "small"]}
    assert (prod.resolve(branch), dev.resolve(branch)) == ("big", "small")
    assert prod.condition("Both") and not prod.condition("Either")
    assert dev.condition("NotProd") and dev.condition("Either")
    assert not prod.active({"Condition": "NotProd"})


def test_what_cannot_be_known_says_why() -> None:
    r = resolver()
    imported = r.resolve({"Fn::ImportValue": "shared-vpc"})
    assert isinstance(imported, Unresolved) and "shared-vpc" in imported.reason
    assert isinstance(r.resolve({"Fn::Base64": "x"}), Unresolved)
    assert isinstance(r.resolve({"Fn::Select": [5, ["a"]]}), Unresolved)


def test_a_subnet_list_nobody_gave_yields_placeholders_by_index() -> None:
    r = resolver(Subnets=ExternalSubnet("Subnets"))
    assert r.resolve({"Fn::Select": [1, {"Ref": "Subnets"}]}) == ExternalSubnet("Subnets[1]")
