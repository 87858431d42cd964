"""The template under construction: sections in CloudFormation's order, ids checked unique."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archlib.cloudformation.intrinsics import Node


class LogicalIdClash(ValueError):
    """Two model ids map to the same logical id (e.g. `a-b` and `a--b`)."""


@dataclass
class Template:
    description: str
    transform: str | None = None
    """A macro CloudFormation runs on the template first (rotation functions, secrets.py)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    conditions: dict[str, Node] = field(default_factory=dict)
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    not_exported: list[str] = field(default_factory=list)
    """Parts of the model the template cannot express, said out loud rather than dropped."""
    manual_steps: list[str] = field(default_factory=list)
    """What an operator does after the stack is created, because CloudFormation cannot."""

    def parameter(self, name: str, definition: dict[str, Any]) -> str:
        """Declare a parameter once; later declarations of the same name must agree."""
        existing = self.parameters.get(name)
        if existing is not None and existing != definition:
            raise LogicalIdClash(f"parameter {name} is declared twice with different settings")
        self.parameters[name] = definition
        return name

    def condition(self, name: str, expression: Node) -> str:
        self.conditions[name] = expression
        return name

    def resource(
        self,
        logical_id: str,
        type_: str,
        properties: dict[str, Any],
        **attributes: Any,
    ) -> str:
        if logical_id in self.resources:
            raise LogicalIdClash(f"two resources would be named {logical_id}")
        body: dict[str, Any] = {"Type": type_}
        for key in (
            "Condition",
            "DependsOn",
            "CreationPolicy",
            "UpdatePolicy",
            "DeletionPolicy",
            "UpdateReplacePolicy",
            "Metadata",
        ):
            if key in attributes:
                body[key] = attributes.pop(key)
        if attributes:
            raise TypeError(f"unknown resource attributes {sorted(attributes)}")
        body["Properties"] = properties
        self.resources[logical_id] = body
        return logical_id

    def skip_check(self, logical_id: str, check: str, reason: str) -> None:
        """Tell checkov a finding is a deliberate choice or a false positive, and why."""
        metadata = self.resources[logical_id].setdefault("Metadata", {})
        skips: list[dict[str, str]] = metadata.setdefault("checkov", {}).setdefault("skip", [])
        if all(skip["id"] != check for skip in skips):
            skips.append({"id": check, "comment": reason})
            skips.sort(key=lambda skip: skip["id"])

    def output(self, name: str, value: Node, description: str) -> None:
        if name in self.outputs:
            raise LogicalIdClash(f"two outputs would be named {name}")
        self.outputs[name] = {"Description": description, "Value": value}

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": self.description,
        }
        if self.transform is not None:
            doc["Transform"] = self.transform
        metadata = dict(self.metadata)
        if self.not_exported:
            metadata.setdefault("archlib", {})["NotExported"] = list(self.not_exported)
        if self.manual_steps:
            metadata.setdefault("archlib", {})["AfterDeployment"] = list(self.manual_steps)
        if metadata:
            doc["Metadata"] = metadata
        if self.parameters:
            doc["Parameters"] = self.parameters
        if self.conditions:
            doc["Conditions"] = self.conditions
        doc["Resources"] = self.resources
        if self.outputs:
            doc["Outputs"] = self.outputs
        return doc
