"""A Markdown reference of every model section and component kind, from the models themselves.

Generated so the documentation can never drift from the code: a test compares it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from archlib.model import (
    Architecture,
    Autoscaling,
    ChecksPolicy,
    DnsRecord,
    IngressRule,
    Link,
    Network,
    Operations,
    Partitioning,
    ScalingPolicy,
    ScheduledAction,
    Stage,
    Subnet,
    Suppression,
    TrafficProfile,
)
from archlib.model.components import KIND_CLASSES

SECTIONS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("Architecture (the file)", Architecture),
    ("stage", Stage),
    ("traffic", TrafficProfile),
    ("network", Network),
    ("network.subnets[]", Subnet),
    ("links[]", Link),
    ("ingress[] (on placed components)", IngressRule),
    ("autoscaling (on server tiers)", Autoscaling),
    ("autoscaling.policies[]", ScalingPolicy),
    ("autoscaling.schedules[]", ScheduledAction),
    ("records[] (on dns)", DnsRecord),
    ("partitioning (on relational_database)", Partitioning),
    ("operations", Operations),
    ("checks", ChecksPolicy),
    ("checks.suppressions[]", Suppression),
)


def _schema_type(schema: dict[str, Any]) -> str:
    """A short, readable type from a JSON Schema fragment."""
    if "const" in schema:
        return f"`{schema['const']}`"
    if "enum" in schema:
        return " \\| ".join(f"`{value}`" for value in schema["enum"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            options = [o for o in schema[combinator] if o.get("type") != "null"]
            text = " \\| ".join(_schema_type(o) for o in options)
            return f"{text} (optional)" if len(options) < len(schema[combinator]) else text
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items") or (schema.get("prefixItems") or [{}])[0]
        return f"list of {_schema_type(items)}"
    if kind == "object":
        extra = schema.get("additionalProperties")
        return f"map of {_schema_type(extra)}" if isinstance(extra, dict) else "mapping"
    if kind == "string" and schema.get("format") in ("ipv4network", "ipvanynetwork"):
        return "CIDR"
    if kind == "string" and "pattern" in schema:
        return f"string `{schema['pattern']}`"
    if kind == "string" and schema.get("format"):
        return f"string ({schema['format']})"
    return str(kind or "any")


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]
    elif field.default is PydanticUndefined:
        return ""
    else:
        value = field.default
    if isinstance(value, BaseModel):
        return "see section"
    if isinstance(value, tuple) and len(value) > 6:
        return "see text"
    return f"`{value!r}`" if value not in (None, [], {}) else f"`{value}`"


def _table(model: type[BaseModel], skip: frozenset[str] = frozenset()) -> list[str]:
    properties = model.model_json_schema()["properties"]
    rows = ["| field | type | default | meaning |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        description = (field.description or "").replace("|", "\\|").replace("\n", " ")
        kind = _schema_type(properties[name])
        rows.append(f"| `{name}` | {kind} | {_default(field)} | {description} |")
    return rows


def model_reference() -> str:
    lines = [
        "# Model reference",
        "",
        "Generated from the model classes by `archlib docs`; do not edit by hand.",
        "See [model.md](model.md) for the concepts and an example.",
        "",
    ]
    for title, model in SECTIONS:
        lines += [f"## {title}", "", *_table(model), ""]
    lines += ["## Component kinds", ""]
    for kind, cls in KIND_CLASSES.items():
        traits = cls.traits
        facts = [traits.aws_service, f"category {traits.category}"]
        if traits.managed_regional:
            facts.append("managed regional service (redundant across AZs)")
        if traits.default_port:
            facts.append(f"default port {traits.default_port}/{traits.default_protocol}")
        doc = " ".join((cls.__doc__ or "").split())
        lines += [f"### `{kind}`: {traits.title}", "", f"{doc} ({'; '.join(facts)}.)".lstrip(), ""]
        lines += [*_table(cls, skip=frozenset({"kind"})), ""]
    return "\n".join(lines).rstrip() + "\n"
