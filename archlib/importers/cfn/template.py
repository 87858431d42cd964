"""A CloudFormation template as plain data, with the line of every resource's logical id.

Short-form tags (`!Ref`, `!GetAtt a.b`, `!Sub`, ...) become their long form, so the resolver
sees one shape. Nothing is constructed from a tag; sizes and nesting are bounded as for models.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from archlib.errors import InputError
from archlib.loader.document import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    marked_error,
    read_bounded,
)

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SHORT_FORMS = frozenset(
    {
        "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select",
        "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Length",
        "ToJsonString", "ForEach", "ValueOf", "ValueOfAll", "RefAll", "Contains",
        "EachMemberEquals", "EachMemberIn", "Implies",
    }
)  # fmt: skip
"""Tags written `!Name` that stand for `Fn::Name`; `!Ref` and `!Condition` keep their names."""

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "binary")
)


@dataclass(frozen=True)
class Template:
    """The parsed template and where its resources are written."""

    path: Path
    data: dict[str, Any]
    resource_lines: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    """What reading it assumed (Rain directives read without packaging)."""
    resource_files: dict[str, Path] = field(default_factory=dict)
    """Logical id -> the file it is written in, when not the template itself (Terraform)."""
    names: dict[str, str] = field(default_factory=dict)
    """Logical id -> the name its component should get, when the id is not one (Terraform)."""

    @cached_property
    def resources(self) -> dict[str, dict[str, Any]]:
        found = self.data.get("Resources")
        if not isinstance(found, dict):
            return {}
        return {k: v for k, v in found.items() if isinstance(v, dict)}

    def line_of(self, logical_id: str) -> int:
        return self.resource_lines.get(logical_id, 1)

    def file_of(self, logical_id: str) -> Path:
        return self.resource_files.get(logical_id, self.path)

    def name_of(self, logical_id: str) -> str:
        return self.names.get(logical_id, logical_id)


def is_template(data: object) -> bool:
    """`AWSTemplateFormatVersion`, or a `Resources` map whose entries have `AWS::` types."""
    if not isinstance(data, dict):
        return False
    if "AWSTemplateFormatVersion" in data:
        return True
    resources = data.get("Resources")
    return (
        isinstance(resources, dict)
        and bool(resources)
        and all(
            isinstance(r, dict)
            and str(r.get("Type", "")).startswith(("AWS::", "Custom::", "Rain::Module "))
            for name, r in resources.items()
            if not str(name).startswith("Fn::ForEach")
        )
    )


def read_template(path: str | Path) -> Template:
    source = Path(path)
    return parse_template(read_bounded(source, MAX_FILE_BYTES, "template"), source)


def parse_template(raw: bytes, source: Path) -> Template:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {error.start})", path=source, line=line) from None
    try:
        tree = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        tree = _json_fallback(text, source, error)
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0] if str(error) else "malformed"
        raise InputError(f"malformed template: {first}", path=source) from None
    except RecursionError:
        raise InputError("malformed template: nested too deeply", path=source) from None
    notes: tuple[str, ...] = ()
    if isinstance(tree, dict):
        data = tree
        lines: dict[str, int] = {}
    else:
        if tree is None:
            raise InputError("empty file, expected a CloudFormation template", path=source, line=1)
        converter = _Converter(source)
        data = converter.plain(tree, 0)
        notes = tuple(converter.notes)
        lines = _resource_lines(tree)
    if not is_template(data):
        raise InputError(
            "not a CloudFormation template (no AWSTemplateFormatVersion and no Resources of "
            "AWS:: types)",
            path=source,
            line=1,
        )
    return Template(source, data, lines, notes)


def _json_fallback(text: str, source: Path, error: yaml.MarkedYAMLError) -> Any:
    """JSON that YAML cannot read (tabs in indentation) still loads, without line numbers."""
    if text.lstrip().startswith("{"):

        def refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            found: dict[str, Any] = {}
            for key, value in pairs:
                if key in found:
                    raise InputError(f"duplicate key {key!r}", path=source)
                found[key] = value
            return found

        try:
            data = json.loads(text, object_pairs_hook=refuse_duplicates)
        except (ValueError, RecursionError):
            pass
        else:
            if isinstance(data, dict):
                return data
    raise marked_error(error, source, "template") from None


def _resource_lines(tree: yaml.Node) -> dict[str, int]:
    if not isinstance(tree, yaml.MappingNode):
        return {}
    for key, value in tree.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "Resources"
            and isinstance(value, yaml.MappingNode)
        ):
            return {
                k.value: k.start_mark.line + 1
                for k, _ in value.value
                if isinstance(k, yaml.ScalarNode)
            }
    return {}


class _Converter:
    """Nodes to plain data; short-form tags to their long form; bounded like the model loader."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.budget = MAX_NODES
        self.active: set[int] = set()
        self.scalars = yaml.constructor.SafeConstructor()
        self.notes: list[str] = []

    def fail(self, message: str, node: yaml.Node) -> InputError:
        return InputError(
            message,
            path=self.source,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )

    def plain(self, node: yaml.Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(f"the template expands to more than {MAX_NODES:,} values", node)
        if depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels", node)
        if id(node) in self.active:
            raise self.fail("recursive alias: a value contains itself", node)
        tag = node.tag or ""
        if tag.startswith("!"):
            return self._short_form(node, tag[1:], depth)
        self.active.add(id(node))
        try:
            return self._value(node, depth)
        finally:
            self.active.discard(id(node))

    def _short_form(self, node: yaml.Node, name: str, depth: int) -> Any:
        plain_node = _untagged(node)
        value = self.plain(plain_node, depth + 1)
        if name == "Ref":
            return {"Ref": value}
        if name == "Condition":
            return {"Condition": value}
        if name.startswith("Rain::"):
            return self._rain(name, value, node)
        if name not in SHORT_FORMS:
            raise self.fail(f"unknown CloudFormation tag !{name}", node)
        if name == "GetAtt" and isinstance(value, str):
            resource, _, attribute = value.partition(".")
            return {"Fn::GetAtt": [resource, attribute]}
        return {f"Fn::{name}": value}

    def _rain(self, name: str, value: Any, node: yaml.Node) -> Any:
        """Rain's directives (`rain pkg`) read as what they stand for, without packaging:
        an embedded file is a string, an uploaded one an S3 location, a module a resource
        whose type says it is one (left out, as its resources are not in the template)."""
        line = node.start_mark.line + 1
        if name == "Rain::Embed" and isinstance(value, str):
            self.notes.append(
                f"line {line}: !Rain::Embed {value}: the embedded file stands in as a string"
            )
            return f"<contents of {value}>"
        if name == "Rain::S3":
            path = value.get("Path") if isinstance(value, dict) else value
            self.notes.append(
                f"line {line}: !Rain::S3 {path}: rain uploads it; an S3 location stands in"
            )
            if isinstance(value, dict) and "BucketProperty" in value and "KeyProperty" in value:
                return {
                    str(value["BucketProperty"]): "rain-artifacts",
                    str(value["KeyProperty"]): str(path),
                }
            return f"s3://rain-artifacts/{path}"
        if name == "Rain::Module" and isinstance(value, str):
            self.notes.append(
                f"line {line}: !Rain::Module {value}: the module's resources are inserted "
                "only when rain packages the template"
            )
            return f"Rain::Module {value}"
        raise self.fail(
            f"!{name} is a tag of the Rain tool that archlib does not read: package the "
            "template with rain first",
            node,
        )

    def _value(self, node: yaml.Node, depth: int) -> Any:
        if node.tag not in _PLAIN_TAGS and node.tag != "tag:yaml.org,2002:timestamp":
            raise self.fail(f"unsupported YAML tag {node.tag}", node)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail("YAML merge keys (<<) are not supported", key_node)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail("mapping keys must be plain scalars", key_node)
                key = key_node.value
                if key in result:
                    raise self.fail(f"duplicate key {key!r}", key_node)
                result[key] = self.plain(value_node, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(item, depth + 1) for item in node.value]
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)  # 2010-09-09 is a version string, not a date
        try:
            return self.scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, KeyError) as error:
            raise self.fail(f"invalid value: {getattr(error, 'problem', error)}", node) from None


def _untagged(node: yaml.Node) -> yaml.Node:
    """The same node with the default tag for its shape, so it converts as plain data."""
    if isinstance(node, yaml.MappingNode):
        return yaml.MappingNode("tag:yaml.org,2002:map", node.value, node.start_mark, node.end_mark)
    if isinstance(node, yaml.SequenceNode):
        return yaml.SequenceNode(
            "tag:yaml.org,2002:seq", node.value, node.start_mark, node.end_mark
        )
    return yaml.ScalarNode("tag:yaml.org,2002:str", node.value, node.start_mark, node.end_mark)
