"""A plan from `terraform show -json`: each resource's planned values, and the configuration's
references for values known only after apply."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from archlib.errors import InputError
from archlib.importers.tf.module import Configuration, Skipped, TfResource
from archlib.importers.tf.values import TfRef, Unknown
from archlib.loader.document import MAX_FILE_BYTES, read_bounded

MAX_MODULE_DEPTH = 32
_INDEX = re.compile(r"\[[^\]]*\]")


def read_plan(path: Path) -> Configuration:
    data, text = _json(path)
    values = data.get("planned_values") or data.get("values")
    if not isinstance(values, dict) or not isinstance(values.get("root_module"), dict):
        raise InputError(
            "not a Terraform plan: no planned_values.root_module (a plan or state from "
            "`terraform show -json`)",
            path=path,
        )
    config = Configuration(path)
    expressions = _expressions(data.get("configuration"))
    _module(values["root_module"], expressions, path, config, 0)
    _locate(config, text)
    if "planned_values" not in data:
        config.notes.append("a state document: its values are read as the plan's")
    known = {r.address for r in config.resources}
    for resource in config.resources:
        _refer(resource, expressions, known)
    return config


def _json(path: Path) -> tuple[dict[str, Any], str]:
    raw = read_bounded(path, MAX_FILE_BYTES, "plan")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    else:
        text = raw.decode("utf-8-sig", errors="replace")
    try:
        data = json.loads(text)
    except ValueError:
        data = _wrapped(text)
    except RecursionError:
        raise InputError("malformed plan: nested too deeply", path=path) from None
    if not isinstance(data, dict):
        raise InputError("not a Terraform plan: not a JSON object", path=path)
    return data, text


def _wrapped(text: str) -> Any:
    """The plan inside other output (a CI wrapper's debug lines): the one JSON line in it."""
    for line in text.splitlines():
        if line.lstrip().startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        try:
            return json.loads(text[start : end + 1])
        except ValueError:
            pass
    return None


def _module(
    module: dict[str, Any],
    expressions: dict[str, Any],
    path: Path,
    config: Configuration,
    depth: int,
) -> None:
    if depth > MAX_MODULE_DEPTH:
        raise InputError(f"modules nested more than {MAX_MODULE_DEPTH} deep", path=path)
    for resource in _list(module.get("resources")):
        if not isinstance(resource, dict) or resource.get("mode", "managed") != "managed":
            continue
        address = str(resource.get("address", ""))
        type_ = str(resource.get("type", ""))
        values = resource.get("values")
        if not address or not type_:
            continue
        if values is None and "values" not in resource:
            values = {}  # all known only after apply: the configuration's references tell
        if not isinstance(values, dict):
            config.skipped.append(Skipped(address, type_, "no planned values", path, 1))
            continue
        parts = (
            tuple(part for part in address.split(".")[:-2] if part != "module")
            if address.startswith("module.")
            else ()
        )
        config.resources.append(
            TfResource(
                address=address,
                type=type_,
                name=str(resource.get("name", address)),
                module=parts,
                attributes=_set(values),
                file=path,
                line=1,
            )
        )
    for child in _list(module.get("child_modules")):
        if isinstance(child, dict):
            _module(child, expressions, path, config, depth + 1)


def _expressions(configuration: Any) -> dict[str, Any]:
    """Resource address without instance keys -> its `expressions`, through module calls."""
    found: dict[str, Any] = {}

    def walk(module: Any, prefix: str, depth: int) -> None:
        if not isinstance(module, dict) or depth > MAX_MODULE_DEPTH:
            return
        for resource in _list(module.get("resources")):
            if isinstance(resource, dict) and isinstance(resource.get("expressions"), dict):
                found[prefix + str(resource.get("address"))] = resource["expressions"]
        calls = module.get("module_calls")
        for name, call in (calls if isinstance(calls, dict) else {}).items():
            if isinstance(call, dict):
                walk(call.get("module"), f"{prefix}module.{name}.", depth + 1)

    if isinstance(configuration, dict):
        walk(configuration.get("root_module"), "", 0)
    return found


def _refer(resource: TfResource, expressions: dict[str, Any], known: set[str]) -> None:
    """Arguments the plan leaves unknown, as references to the resources they name."""
    base = _INDEX.sub("", resource.address)
    given = expressions.get(base)
    if not isinstance(given, dict):
        return
    prefix = base[: base.rfind(resource.type)] if resource.type in base else ""
    _fill(resource.attributes, given, prefix, known)


def _fill(values: dict[str, Any], given: dict[str, Any], prefix: str, known: set[str]) -> None:
    for key, expression in given.items():
        current = values.get(key)
        if isinstance(expression, dict) and "references" in expression:
            if current is None or current == []:
                found = _references(expression["references"], prefix, known)
                if found is not None:
                    values[key] = found
        elif isinstance(expression, list) and isinstance(current, list):
            for value, nested in zip(current, expression, strict=False):
                if isinstance(value, dict) and isinstance(nested, dict):
                    _fill(value, nested, prefix, known)
        elif isinstance(expression, list) and current is None:
            blocks: list[dict[str, Any]] = [{} for _ in expression]
            for value, nested in zip(blocks, expression, strict=False):
                if isinstance(nested, dict):
                    _fill(value, nested, prefix, known)
            if any(blocks):
                values[key] = blocks


def _references(references: Any, prefix: str, known: set[str]) -> Any:
    """The first reference that names a planned resource's attribute."""
    for reference in references if isinstance(references, list) else []:
        if not isinstance(reference, str) or reference.startswith(("var.", "local.", "data.")):
            continue
        parts = reference.split(".")
        if len(parts) < 2 or reference.startswith(("module.", "each.", "count.", "path.")):
            continue
        target = prefix + ".".join(parts[:2])
        attribute = parts[2] if len(parts) > 2 else "id"  # older plans name only the resource
        indexed = _INDEX.sub("", target)
        if target in known:
            return TfRef(target, attribute)
        instances = sorted(a for a in known if _INDEX.sub("", a) == indexed)
        if instances:
            if len(instances) == 1:
                return TfRef(instances[0], attribute)
            return [TfRef(a, attribute) for a in instances]
    return Unknown("known only after apply") if references else None


def _list(value: Any) -> list[Any]:
    """A list the plan should hold there, or nothing when it holds something else."""
    return value if isinstance(value, list) else []


def _set(values: dict[str, Any]) -> dict[str, Any]:
    """The arguments a plan states; an empty string there is one the provider leaves unset."""
    found: dict[str, Any] = {}
    for key, value in values.items():
        if value == "":
            continue
        if isinstance(value, dict):
            value = _set(value)
        elif isinstance(value, list):
            value = [_set(v) if isinstance(v, dict) else v for v in value]
        found[key] = value
    return found


def _locate(config: Configuration, text: str) -> None:
    """Each resource at the line of its address in the plan's planned values, so a finding
    points where the plan names it."""
    start = max(text.find('"planned_values"'), 0)
    lines: dict[str, int] = {}
    line, position = text.count("\n", 0, start) + 1, start
    for match in re.finditer(r'"address"\s*:\s*("(?:[^"\\]|\\.)*")', text[start:]):
        line += text.count("\n", position, start + match.start())
        position = start + match.start()
        try:
            address = json.loads(match.group(1))
        except ValueError:
            continue
        if isinstance(address, str) and address not in lines:
            lines[address] = line
    config.resources[:] = [replace(r, line=lines.get(r.address, r.line)) for r in config.resources]
