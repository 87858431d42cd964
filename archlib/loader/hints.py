"""What makes a validation error fixable at a glance: the field meant, the component by its
id, and the new name of a field an earlier version of archlib used."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

RENAMED: dict[tuple[str, ...], tuple[str, str]] = {
    ("traffic", "cdn_offload"): (
        "traffic.static_share",
        "0.1.0 split static objects from API reads; the CDN's own hit rate is traffic.cdn_hit_rate",
    ),
    ("traffic", "response_size_kb"): (
        "traffic.sizes.reads.response_kb",
        "0.1.0 gave each request class its own sizes under traffic.sizes",
    ),
}
"""Fields an earlier version read, by their path with list indices left out: the new name and
why it moved. `archlib migrate FILE` rewrites them."""


def field_path(loc: Sequence[str | int]) -> tuple[str, ...]:
    return tuple(str(step) for step in loc if not isinstance(step, int))


def renamed(loc: Sequence[str | int]) -> str | None:
    found = RENAMED.get(field_path(loc))
    if found is None:
        return None
    new, why = found
    return f"renamed to {new} ({why}); `archlib migrate FILE` rewrites it"


def _model_classes(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation can hold (unwrapping Optional, lists, unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_classes(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if origin in (list, tuple, set, frozenset, typing.Union, types.UnionType) or (
        origin is not None and typing.get_args(annotation)
    ):
        return [c for arg in typing.get_args(annotation) for c in _model_classes(arg)]
    return []


def _pick(classes: list[type[BaseModel]], data: Any) -> type[BaseModel] | None:
    """One class of a discriminated union: the one whose `kind` the data names."""
    if len(classes) == 1:
        return classes[0]
    kind = data.get("kind") if isinstance(data, dict) else None
    for cls in classes:
        field = cls.model_fields.get("kind")
        if field is not None and kind in typing.get_args(field.annotation):
            return cls
    return None


def fields_at(root: type[BaseModel], loc: Sequence[str | int], data: Any) -> list[str]:
    """The field names the model accepts where `loc` (ending in the unknown field) points."""
    cls: type[BaseModel] | None = root
    value = data
    steps = list(loc[:-1])
    index = 0
    while cls is not None and index < len(steps):
        step = steps[index]
        field = cls.model_fields.get(str(step))
        if field is None:
            return []
        value = value.get(step) if isinstance(value, dict) else None
        index += 1
        position = steps[index] if index < len(steps) else None
        if isinstance(position, int):
            value = value[position] if isinstance(value, list) and len(value) > position else None
            index += 1
        cls = _pick(_model_classes(field.annotation), value)
        kind = value.get("kind") if isinstance(value, dict) else None
        if index < len(steps) and kind is not None and steps[index] == kind:
            index += 1  # pydantic names the union member it tried by its tag
    if cls is None:
        return []
    return list(cls.model_fields)


def did_you_mean(wanted: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(wanted, list(choices), n=3, cutoff=0.5)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


def component_id_at(loc: Sequence[str | int], data: Any) -> str:
    """`components[2]` as `components[2] (db)`: a reader knows a component by its id."""
    if len(loc) >= 2 and loc[0] == "components" and isinstance(loc[1], int):
        components = data.get("components") if isinstance(data, dict) else None
        if isinstance(components, list) and loc[1] < len(components):
            item = components[loc[1]]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                return str(item["id"])
    return ""
