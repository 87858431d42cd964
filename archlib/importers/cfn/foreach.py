"""`Fn::ForEach` loops (the AWS::LanguageExtensions transform) expanded into the resources
they stand for, so a template that makes four tables with one loop imports four tables."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from archlib.importers.cfn.template import Template

MAX_EXPANDED = 500
"""Resources a template's loops may expand to: CloudFormation's own limit per template."""

PREFIX = "Fn::ForEach::"


class LoopNotExpanded(Exception):
    """A loop whose collection is not known statically; said once, not guessed."""


def expand_loops(template: Template, given: Mapping[str, str]) -> tuple[Template, list[str]]:
    """The template with its resource loops expanded, and a note per loop."""
    resources = template.data.get("Resources")
    if not isinstance(resources, dict) or not any(str(k).startswith(PREFIX) for k in resources):
        return template, []
    notes: list[str] = []
    expanded: dict[str, Any] = {}
    lines = dict(template.resource_lines)
    for key, value in resources.items():
        name = str(key)
        if not name.startswith(PREFIX):
            expanded[name] = value
            continue
        try:
            made = _loop(value, _parameters(template, given), {})
        except LoopNotExpanded as why:
            notes.append(f"{name}: not expanded: {why}")
            expanded[name] = value
            continue
        for logical_id, resource in made.items():
            if logical_id in expanded or logical_id in resources:
                notes.append(f"{name}: makes {logical_id} twice; the first is kept")
                continue
            expanded[logical_id] = resource
            lines[logical_id] = template.resource_lines.get(name, 1)
        notes.append(f"{name}: expanded to {len(made)} resources ({', '.join(made)})")
        if len(expanded) > MAX_EXPANDED:
            raise LoopNotExpanded(f"the loops make more than {MAX_EXPANDED} resources")
    data = {**template.data, "Resources": expanded}
    return replace(template, data=data, resource_lines=lines), notes


def _parameters(template: Template, given: Mapping[str, str]) -> dict[str, list[str]]:
    """List parameters' values (given, else their defaults), for collections that `Ref` one."""
    found: dict[str, list[str]] = {}
    declared = template.data.get("Parameters")
    for name, spec in declared.items() if isinstance(declared, dict) else []:
        value = given.get(name, spec.get("Default") if isinstance(spec, dict) else None)
        if isinstance(value, list):
            found[name] = [str(v) for v in value]
        elif isinstance(value, str):
            found[name] = [part.strip() for part in value.split(",") if part.strip()]
    return found


def _loop(value: Any, parameters: dict[str, list[str]], bound: dict[str, str]) -> dict[str, Any]:
    if not (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)):
        raise LoopNotExpanded("it is not [identifier, collection, template]")
    identifier, collection, fragment = value
    items = _collection(collection, parameters)
    if not isinstance(fragment, dict):
        raise LoopNotExpanded("its template is not a mapping")
    out: dict[str, Any] = {}
    for item in items:
        names = {**bound, identifier: item}
        for key, body in fragment.items():
            if str(key).startswith(PREFIX):
                out.update(_loop(_substitute(body, names), parameters, names))
            else:
                out[_text(str(key), names)] = _substitute(body, names)
    return out


def _collection(value: Any, parameters: dict[str, list[str]]) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    if isinstance(value, dict) and set(value) == {"Ref"} and value["Ref"] in parameters:
        return parameters[str(value["Ref"])]
    raise LoopNotExpanded("its collection is not a list or a list parameter with a value")


_ALNUM = re.compile(r"[^A-Za-z0-9]")


def _text(text: str, names: dict[str, str]) -> str:
    for identifier, item in names.items():
        text = text.replace(f"${{{identifier}}}", item)
        text = text.replace(f"&{{{identifier}}}", _ALNUM.sub("", item))
    return text


def _substitute(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return _text(value, names)
    if isinstance(value, list):
        return [_substitute(item, names) for item in value]
    if isinstance(value, dict):
        if set(value) == {"Ref"} and value["Ref"] in names:
            return names[str(value["Ref"])]
        return {_text(str(k), names): _substitute(v, names) for k, v in value.items()}
    return value
