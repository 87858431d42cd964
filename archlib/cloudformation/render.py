"""Template text: JSON, or block-style YAML with short intrinsic tags (!Ref, !GetAtt, !Sub).

Both are deterministic: keys keep the exporter's fixed order and nothing depends on time,
hashing or the environment.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import yaml

from archlib.gc_pause import cyclic_gc_paused


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


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=False)
    style = "'" if data.value == "" else None
    return dumper.represent_scalar(data.tag, data.value, style=style)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


class _TemplateDumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as CloudFormation docs write."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        """`!Ref Vpc`, not `!Ref 'Vpc'`: a tagged scalar may stay plain where an untagged
        one could (PyYAML quotes every scalar whose tag it does not resolve implicitly)."""
        event = self.event
        if (
            isinstance(event, yaml.ScalarEvent)
            and event.tag
            and event.tag.startswith("!")
            and not event.style
        ):
            analysis = self.analysis or self.analyze_scalar(event.value)
            self.analysis = analysis
            if analysis.multiline and analysis.allow_block and not self.flow_level:
                return "|"  # scripts read as scripts
            plain = analysis.allow_flow_plain if self.flow_level else analysis.allow_block_plain
            key_trouble = self.simple_key_context and (analysis.empty or analysis.multiline)
            if plain and not key_trouble:
                return ""
        style: str = super().choose_scalar_style()
        return style


_TemplateDumper.add_representer(_Tagged, _represent_tagged)
_TemplateDumper.add_representer(_Flow, _represent_flow)


def render(template: dict[str, Any], format: TemplateFormat = TemplateFormat.yaml) -> str:
    if format is TemplateFormat.json:
        return json.dumps(template, indent=2, ensure_ascii=False) + "\n"
    with cyclic_gc_paused():  # PyYAML's events and nodes hold no cycles worth collecting
        text: str = yaml.dump(
            _tagged(template),
            Dumper=_TemplateDumper,
            sort_keys=False,
            default_flow_style=False,
            allow_unicode=True,
            width=100,
        )
    return text
