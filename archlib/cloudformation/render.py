"""Template text: JSON, or block-style YAML with short intrinsic tags (!Ref, !GetAtt, !Sub).

Both are deterministic: keys keep the exporter's fixed order and nothing depends on time,
hashing or the environment.
"""

from __future__ import annotations

import io
import json
from enum import StrEnum
from typing import Any


class TemplateFormat(StrEnum):
    yaml = "yaml"
    json = "json"


_SCALAR_TAGS = {"Ref": "!Ref", "Fn::Sub": "!Sub", "Fn::GetAZs": "!GetAZs"}
_SEQUENCE_TAGS = {
    "Fn::Select": "!Select",
    "Fn::Join": "!Join",
    "Fn::If": "!If",
    "Fn::Equals": "!Equals",
    "Fn::Not": "!Not",
    "Fn::Split": "!Split",
}


class _Tagged:
    def __init__(self, tag: str, value: Any) -> None:
        self.tag = tag
        self.value = value


class _Flow(list[Any]):
    """A short list printed on one line: [Resource, Attribute.Path]."""


def _tagged(node: Any) -> Any:
    """Replace intrinsic-function objects with tagged nodes, recursively."""
    if isinstance(node, dict):
        if len(node) == 1:
            ((key, value),) = node.items()
            if (
                key == "Fn::GetAtt"
                and isinstance(value, list)
                and len(value) == 2
                and all(isinstance(part, str) for part in value)
            ):
                if "." in value[1]:
                    # `!GetAtt Db.Endpoint.Address` is read three ways by different
                    # parsers; the long form says it once
                    return {key: _Flow(value)}
                return _Tagged("!GetAtt", f"{value[0]}.{value[1]}")
            if key in _SCALAR_TAGS and isinstance(value, str):
                return _Tagged(_SCALAR_TAGS[key], value)
            if key in _SEQUENCE_TAGS and isinstance(value, list):
                return _Tagged(_SEQUENCE_TAGS[key], [_tagged(v) for v in value])
        return {key: _tagged(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_tagged(item) for item in node]
    return node


def _represent_tagged(representer: Any, data: _Tagged) -> Any:
    if isinstance(data.value, list):
        return representer.represent_sequence(data.tag, data.value, flow_style=False)
    style = "'" if data.value == "" else None
    return representer.represent_scalar(data.tag, data.value, style=style)


def _represent_flow(representer: Any, data: _Flow) -> Any:
    return representer.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


def render(template: dict[str, Any], format: TemplateFormat = TemplateFormat.yaml) -> str:
    if format is TemplateFormat.json:
        return json.dumps(template, indent=2, ensure_ascii=False) + "\n"
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(_Tagged, _represent_tagged)
    yaml.representer.add_representer(_Flow, _represent_flow)
    buffer = io.StringIO()
    yaml.dump(_tagged(template), buffer)
    return buffer.getvalue()
