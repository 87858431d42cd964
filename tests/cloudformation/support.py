"""What the CloudFormation tests share: the reference stages, cfn-lint, and template reading."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archlib import load
from archlib.cloudformation import render, to_cloudformation
from archlib.model import Architecture

ROOT = Path(__file__).resolve().parents[2]
STAGES = sorted((ROOT / "models" / "scaling-aws").glob("*.yaml"))
TEMPLATES = ROOT / "templates" / "scaling-aws"


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    where: str

    def __str__(self) -> str:
        return f"{self.rule} {self.where}: {self.message}"


def lint(text: str, region: str = "us-east-1") -> list[Finding]:
    """cfn-lint's errors, warnings and informational findings (`cfn-lint -c I`)."""
    from cfnlint.api import ManualArgs
    from cfnlint.api import lint as cfn_lint

    matches = cfn_lint(text, regions=[region], config=ManualArgs(include_checks=["I"]))
    return [Finding(m.rule.id, m.message, f"line {m.linenumber}") for m in matches]


def stage_template(path: Path) -> tuple[Architecture, dict[str, Any]]:
    model = load(path)
    return model, to_cloudformation(model)


def stage_text(path: Path) -> str:
    return render(to_cloudformation(load(path)))


def resources_of(template: dict[str, Any], type_: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in template["Resources"].items() if r["Type"] == type_}


def references(node: Any) -> Iterator[str]:
    """Every logical id or parameter a piece of template names."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                yield value
            elif key == "Fn::GetAtt":
                yield value[0]
            elif key == "Fn::Sub" and isinstance(value, str):
                yield from (m.split(".")[0] for m in re.findall(r"\$\{([^}!]+)\}", value))
            elif key == "DependsOn":
                yield from [value] if isinstance(value, str) else value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def subnet_az_index(template: dict[str, Any], subnet: Any) -> int:
    """The `Fn::Select` index of the AZ a `!Ref Subnet...` lands in."""
    logical = subnet["Ref"]
    select = template["Resources"][logical]["Properties"]["AvailabilityZone"]["Fn::Select"]
    assert select[1] == {"Fn::GetAZs": ""}, "AZs come from Fn::GetAZs"
    return int(select[0])
