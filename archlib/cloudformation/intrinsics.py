"""CloudFormation intrinsic functions as the plain JSON objects the service reads.

The template stays a tree of dicts, lists and scalars; the YAML writer turns these objects
into the short `!Ref` / `!GetAtt` / `!Sub` tags when it prints them.
"""

from __future__ import annotations

from typing import Any

Node = Any
"""A piece of template: dict, list, str, int, bool or an intrinsic function object."""


def ref(name: str) -> dict[str, Any]:
    return {"Ref": name}


def get_att(resource: str, attribute: str) -> dict[str, Any]:
    return {"Fn::GetAtt": [resource, attribute]}


def sub(text: str) -> dict[str, Any]:
    return {"Fn::Sub": text}


def join(separator: str, parts: list[Node]) -> dict[str, Any]:
    return {"Fn::Join": [separator, parts]}


def az(index: int) -> dict[str, Any]:
    """The region's index-th availability zone, never a hard-coded zone name."""
    return {"Fn::Select": [index, {"Fn::GetAZs": ""}]}


def if_(condition: str, when_true: Node, when_false: Node) -> dict[str, Any]:
    return {"Fn::If": [condition, when_true, when_false]}


def equals(left: Node, right: Node) -> dict[str, Any]:
    return {"Fn::Equals": [left, right]}


def not_(condition: Node) -> dict[str, Any]:
    return {"Fn::Not": [condition]}


NO_VALUE = ref("AWS::NoValue")
