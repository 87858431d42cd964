"""Parameter values: `--parameter`, else the default, else a stated placeholder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from archlib.errors import InputError
from archlib.importers.cfn.values import ExternalSubnet, MissingParameter

SUBNET_TYPES = ("AWS::EC2::Subnet::Id", "List<AWS::EC2::Subnet::Id>")


@dataclass
class ParameterValues:
    values: dict[str, Any] = field(default_factory=dict)
    placeholders: dict[str, str] = field(default_factory=dict)
    """Required parameters nobody gave, and what stands in for each."""
    unknown_zones: list[str] = field(default_factory=list)
    """Subnet parameters whose AZs the template cannot say."""


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """`KEY=VALUE` strings from the command line."""
    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--parameter {pair!r}: expected KEY=VALUE")
        given[key.strip()] = value
    return given


def resolve_parameters(declared: Any, given: Mapping[str, str], source: str) -> ParameterValues:
    result = ParameterValues()
    declared = declared if isinstance(declared, dict) else {}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise InputError(
            f"--parameter {', '.join(unknown)}: the template declares no such parameter",
            path=source,
        )
    for name, spec in declared.items():
        spec = spec if isinstance(spec, dict) else {}
        kind = str(spec.get("Type", "String"))
        if name in given:
            raw: Any = given[name]
        elif "Default" in spec:
            raw = spec["Default"]
        else:
            raw = None
        result.values[name] = _typed(name, kind, raw, result)
    return result


def _typed(name: str, kind: str, raw: Any, result: ParameterValues) -> Any:
    is_list = kind.startswith("List<") or kind == "CommaDelimitedList"
    if kind in SUBNET_TYPES:
        if raw is None or raw == "":
            result.placeholders[name] = "a subnet in an unknown AZ"
            result.unknown_zones.append(name)
            return ExternalSubnet(name)  # `!Select` on it gives one placeholder per index
        subnets = [_subnet(item.strip(), name, result) for item in str(raw).split(",")]
        return subnets if is_list else subnets[0]
    if raw is None:
        result.placeholders[name] = f"unknown ({kind})"
        return MissingParameter(f"parameter {name} has no default and was not given", name)
    if is_list:
        items = raw if isinstance(raw, list) else str(raw).split(",")
        return [str(item).strip() for item in items]
    if kind == "Number":
        text = str(raw)
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text
    return raw if isinstance(raw, str) else str(raw).lower() if isinstance(raw, bool) else raw


def _subnet(item: str, name: str, result: ParameterValues) -> ExternalSubnet:
    """`subnet-0abc@us-east-1a` gives the AZ; a bare id leaves it unknown."""
    key, sep, zone = item.partition("@")
    if not sep and name not in result.unknown_zones:
        result.unknown_zones.append(name)
    return ExternalSubnet(key or name, zone or None)
