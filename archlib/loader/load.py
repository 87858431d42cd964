"""From a file to a validated `Architecture`, and back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from archlib.errors import InputError
from archlib.gc_pause import cyclic_gc_paused
from archlib.importers.cfn.sniff import looks_like_template
from archlib.importers.tf.sniff import looks_like_terraform
from archlib.loader.document import Document, parse_document, read_document
from archlib.model import Architecture
from archlib.model.text import TEXT_CHECKED
from archlib.output import write_atomic


def load(path: str | Path, *, parameters: Mapping[str, str] | None = None) -> Architecture:
    """Load and validate one model file (YAML or JSON); raises `InputError` on bad input.

    A CloudFormation template is imported in memory; `parameters` are its parameter values.
    """
    return load_located(path, parameters=parameters).model


@dataclass(frozen=True)
class LoadedModel:
    """A model with the document it came from, so output can point at lines in the file."""

    model: Architecture
    document: Document

    @property
    def path(self) -> Path:
        return self.document.path

    def line(self, loc: Sequence[str | int]) -> int:
        """1-based line of a field path such as ("components", 2, "subnets")."""
        line, _, _ = self.document.position(loc)
        return line or 1

    def file(self, loc: Sequence[str | int]) -> Path:
        """The file a field path is written in: the model's, or a Terraform resource's."""
        file_of = getattr(self.document, "file_of", None)
        found = file_of(loc) if file_of is not None else None
        return found if isinstance(found, Path) else self.path


def load_located(path: str | Path, *, parameters: Mapping[str, str] | None = None) -> LoadedModel:
    """Like `load`, keeping the parsed document for line numbers."""
    with cyclic_gc_paused():
        if Path(path).suffix == ".tf" and Path(path).is_file():
            folder = Path(path).parent.as_posix() or "."
            raise InputError(
                f"Terraform reads a configuration as the folder that holds it: give {folder}/",
                path=path,
            )
        if looks_like_terraform(Path(path)):
            from archlib.importers.tf.importer import import_terraform

            imported = import_terraform(path, parameters)
            return LoadedModel(imported.model, imported.document)
        if looks_like_template(Path(path)):
            from archlib.importers.cfn.importer import import_template

            imported = import_template(path, parameters)
            return LoadedModel(imported.model, imported.document)
        document = read_document(path)
        return LoadedModel(_validate(document), document)


def load_text(text: str, name: str = "<model>") -> Architecture:
    with cyclic_gc_paused():
        return _validate(parse_document(text.encode("utf-8"), Path(name)))


def _validate(document: Document) -> Architecture:
    try:
        context = {TEXT_CHECKED: True} if document.text_checked else None
        return Architecture.model_validate(document.data, context=context)
    except ValidationError as error:
        raise _locate(document, error) from None


MAX_REPORTED_ERRORS = 20
"""Enough to fix a file in one pass without burying the first problem under a screenful."""


def _locate(document: Document, error: ValidationError) -> InputError:
    located = [_one(document, e) for e in error.errors(include_url=False)]
    shown = located[:MAX_REPORTED_ERRORS]
    first = shown[0]
    first.more = tuple(shown[1:])
    first.unreported = len(located) - len(shown)
    return first


def _one(document: Document, error: Any) -> InputError:
    line, column, field = document.position(error["loc"])
    return InputError(
        _message(error) + _hint(document, error),
        path=document.path,
        line=line,
        column=column,
        field=field or None,
    )


def _hint(document: Document, error: Any) -> str:
    """Which component, what was meant, or what the field is called now."""
    from archlib.loader import hints

    loc = tuple(error["loc"])
    text = ""
    component = hints.component_id_at(loc, document.data)
    if component and error["type"] != "duplicate_id":
        text += f" (component {component!r})"
    if error["type"] == "extra_forbidden":
        moved = hints.renamed(loc)
        if moved is not None:
            return f"{text}: {moved}"
        accepted = hints.fields_at(Architecture, loc, document.data)
        text += hints.did_you_mean(str(loc[-1]), accepted)
    elif error["type"] == "union_tag_invalid":
        ctx = error.get("ctx", {})
        expected = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        text += hints.did_you_mean(str(ctx.get("tag", "")), expected)
    return text


def _message(error: Any) -> str:
    message = str(error["msg"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag")
        expected = error.get("ctx", {}).get("expected_tags")
        return f"unknown kind {tag!r}; expected one of {expected}"
    if kind.startswith("value_error"):
        message = message.removeprefix("Value error, ")
    given = error.get("input")
    if kind in {"int_parsing", "float_parsing", "bool_parsing", "string_type", "int_type"}:
        message += f" (got {given!r})"
    return message


def model_to_data(model: Architecture) -> dict[str, Any]:
    """The smallest dict that loads back to an equal model: defaults are left out."""
    data: dict[str, Any] = model.model_dump(mode="json", exclude_defaults=True)
    data["components"] = [
        {"id": c.id, "kind": c.kind, **c.model_dump(mode="json", exclude_defaults=True)}
        for c in model.components
    ]
    return data


def dump_yaml(model: Architecture) -> str:
    import yaml

    return yaml.safe_dump(
        model_to_data(model),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def save(model: Architecture, path: str | Path) -> None:
    """Write the model as YAML (or JSON for a .json path), atomically."""
    target = Path(path)
    if target.suffix == ".json":
        import json

        write_atomic(target, json.dumps(model_to_data(model), indent=2) + "\n")
    else:
        write_atomic(target, dump_yaml(model))
