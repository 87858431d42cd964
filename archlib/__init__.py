"""archlib: one typed model of a system's architecture, drawn, checked, priced and deployed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlib.errors import InputError
from archlib.loader import load, load_text, save
from archlib.model import Architecture

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


def render(
    model: Architecture,
    formats: Iterable[str] = ("svg",),
    *,
    highlight: Mapping[str, Any] | None = None,
) -> dict[str, bytes]:
    """The model's diagram as bytes per format (png, svg, dot, mermaid); see archlib.drawing."""
    from archlib.drawing import render as render_diagram

    return dict(render_diagram(model, formats, highlight=highlight))  # type: ignore[arg-type]


__all__ = ["Architecture", "InputError", "load", "load_text", "render", "save"]
__version__ = "0.1.0"
