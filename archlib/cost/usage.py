"""Usage figures that override what the flows imply, like an Infracost usage file.

They come from a component's `usage:` in the model or from a YAML file keyed by component
id; both are checked the same way: known keys only, finite numbers of 0 or more.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from archlib.cost.pricers import usage_keys
from archlib.errors import InputError
from archlib.model import Architecture, Component

Figures = dict[str, dict[str, float]]


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; accepted: {', '.join(choices) or 'none'}"


def check(
    component: Component,
    figures: Mapping[str, object],
    field: str,
    path: str | Path | None = None,
) -> dict[str, float]:
    """The figures as numbers, or an InputError naming the first bad one."""
    accepted = usage_keys(component.kind)
    result: dict[str, float] = {}
    for key, value in figures.items():
        if key not in accepted:
            raise InputError(
                f"{component.id} ({component.kind}) has no usage figure {key!r}"
                + _suggest(str(key), accepted),
                path=path,
                field=f"{field}.{key}",
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise InputError(
                f"usage {key} must be a finite number of 0 or more, got {value!r}",
                path=path,
                field=f"{field}.{key}",
            )
        result[key] = float(value)
    return result


def of_model(model: Architecture) -> Figures:
    """The `usage:` figures stated in the model, checked."""
    return {
        component.id: check(component, component.usage, f"components[{index}].usage")
        for index, component in enumerate(model.components)
        if component.usage
    }


def read_file(path: Path, models: Sequence[Architecture]) -> Mapping[str, object]:
    """A usage file: YAML mapping component ids to their figures."""
    from archlib.loader.document import MAX_FILE_BYTES, parse_document, read_bounded

    # Read as a model is: bounded, never from a pipe, duplicate keys refused, lines kept.
    raw = read_bounded(path, MAX_FILE_BYTES, "usage file")
    if not raw.strip():
        return {}
    parsed = parse_document(raw, path)
    document = parsed.data

    def line_of(key: object) -> int | None:
        return parsed.position((str(key),))[0]

    if document is None:
        return {}
    if not isinstance(document, dict):
        raise InputError("a usage file maps component ids to their usage figures", path=path)
    known = sorted({c.id for model in models for c in model.components})
    for key, figures in document.items():
        if key not in known:
            raise InputError(
                f"no component {key!r} in the models" + _suggest(str(key), known),
                path=path,
                line=line_of(key),
                field=str(key),
            )
        if figures is not None and not isinstance(figures, dict):
            raise InputError(
                "usage figures are a mapping of key: number",
                path=path,
                line=line_of(key),
                field=str(key),
            )
    return document


def merged(
    model: Architecture, document: Mapping[str, object], path: Path | None = None
) -> Figures:
    """The model's figures, overridden by the usage file's for this model's components."""
    figures = of_model(model)
    for component in model.components:
        stated = document.get(component.id)
        if isinstance(stated, dict):
            checked = check(component, stated, component.id, path)
            figures[component.id] = {**figures.get(component.id, {}), **checked}
    return figures


def template(models: Sequence[Architecture]) -> str:
    """A usage file listing, commented out, every figure each component accepts."""
    lines = [
        "# archlib usage file: figures that override what the traffic profile implies.",
        "# Uncomment a key and give a number of 0 or more; pass with `archlib cost --usage`.",
    ]
    seen: set[str] = set()
    for model in models:
        for component in model.components:
            keys = usage_keys(component.kind)
            if component.id in seen or not keys:
                continue
            seen.add(component.id)
            lines.append(f"{component.id}:  # {component.kind} in {model.name}")
            lines.extend(f"  # {key}: 0" for key in keys)
    return "\n".join(lines) + "\n"
