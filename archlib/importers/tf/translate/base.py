"""What a translator returns: CloudFormation-shaped resources, or changes to another one.

A translator reads one Terraform resource's evaluated arguments and says what it means in
the CloudFormation importer's input, so both syntaxes share one set of mappers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.values import Joined, TfRef, Unknown


@dataclass(frozen=True)
class Emit:
    """A CloudFormation resource; `suffix` names a second one the block also holds."""

    type: str
    properties: dict[str, Any]
    suffix: str = ""


@dataclass(frozen=True)
class Patch:
    """Adds to another resource's property (`append`), sets it, or only folds this
    resource into it (`key` None): an attachment, an access block, an encryption setting."""

    target: Any
    key: str | None = None
    value: Any = None
    append: bool = False


@dataclass(frozen=True)
class Unmapped:
    """Known, but with no meaning in the model; the reason is reported."""

    reason: str


Result = list[Emit | Patch] | Unmapped
Translator = Callable[[TfResource], Result]


@dataclass(frozen=True)
class Family:
    """One family's translators, by Terraform resource type."""

    name: str
    translators: Mapping[str, Translator] = field(default_factory=dict)


def pick(attributes: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """CloudFormation property -> Terraform argument, for the arguments that are set."""
    return {cfn: attributes[tf] for cfn, tf in names.items() if attributes.get(tf) is not None}


def block(attributes: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The first nested block of that type, or an empty one."""
    found = attributes.get(name)
    if isinstance(found, list) and found and isinstance(found[0], dict):
        return found[0]
    if isinstance(found, dict):
        return found
    return {}


def blocks(attributes: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    found = attributes.get(name)
    if isinstance(found, dict):
        return [found]
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def flat(value: Any) -> list[Any]:
    """A list, flattened one level (`["${aws_subnet.a.*.id}"]` in 0.11 syntax), or one value."""
    if value is None:
        return []
    if not isinstance(value, list):
        return [value]
    found: list[Any] = []
    for item in value:
        found.extend(item if isinstance(item, list) else [item])
    return found


def tags(attributes: Mapping[str, Any]) -> list[dict[str, Any]]:
    given = attributes.get("tags")
    if not isinstance(given, dict):
        return []
    return [{"Key": k, "Value": v} for k, v in given.items() if isinstance(v, str)]


def policy(value: Any) -> Any:
    """A policy given as JSON text (`jsonencode`, a heredoc), as data when it parses."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return Unknown("a policy document that is not plain JSON")
    return value


def self_ref(resource: TfResource) -> TfRef:
    return TfRef(resource.address, "id")


def emit(type_: str, resource: TfResource, properties: dict[str, Any]) -> list[Emit | Patch]:
    found = dict(properties)
    named = tags(resource.attributes)
    if named:
        found["Tags"] = named
    return [Emit(type_, found)]


def is_reference(value: Any) -> bool:
    return isinstance(value, TfRef | Joined)
