"""Diagrams of a model: PNG and SVG through `diagrams` and Graphviz, DOT and Mermaid as text.

DOT and Mermaid need no Graphviz binary. Every format is a pure function of the model (and
the Graphviz version, for PNG and SVG), so committed diagrams diff cleanly in review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from archlib.drawing.detail import DETAILS, Detail
from archlib.drawing.direction import DIRECTIONS, Direction
from archlib.drawing.engine import GraphvizFailed, GraphvizNotFound, dot_program, layout
from archlib.drawing.highlight import HighlightInput, Mark, marks_from_findings, to_mark
from archlib.gc_pause import cyclic_gc_paused
from archlib.model import Architecture
from archlib.output import check_directory, write_all

Format = Literal["png", "svg", "dot", "mermaid"]
FORMATS: tuple[Format, ...] = ("png", "svg", "dot", "mermaid")
SUFFIXES: dict[Format, str] = {"png": ".png", "svg": ".svg", "dot": ".dot", "mermaid": ".mmd"}
IMAGE_FORMATS: frozenset[str] = frozenset({"png", "svg"})

__all__ = [
    "DETAILS",
    "DIRECTIONS",
    "FORMATS",
    "IMAGE_FORMATS",
    "Detail",
    "Direction",
    "Format",
    "GraphvizFailed",
    "GraphvizNotFound",
    "Mark",
    "dot_program",
    "marks_from_findings",
    "render",
    "render_svg",
    "write_diagram_sets",
    "write_diagrams",
]


def _marks(highlight: HighlightInput | None) -> dict[str, Mark]:
    return {cid: to_mark(value) for cid, value in (highlight or {}).items()}


def render(
    model: Architecture,
    formats: Iterable[Format] = ("svg",),
    *,
    highlight: HighlightInput | None = None,
    detail: Detail | None = None,
    direction: Direction | None = None,
) -> dict[Format, bytes]:
    """The diagram of `model` in each format, as bytes.

    `highlight` maps component ids to a `Mark` (or a category such as "spof") and draws those
    components with a coloured border; a red one for single points of failure. `detail` is
    "overview", "tiers" or "full" (see `archlib.drawing.detail`); by default "tiers", or
    "overview" for a model of more than 30 components. `direction` is "TB" or "LR"; by
    default the one that draws the model closer to landscape (see `archlib.drawing.direction`).
    """
    from archlib.drawing.detail import choose
    from archlib.drawing.direction import choose_direction
    from archlib.drawing.dot import build_dot
    from archlib.drawing.mermaid import build_mermaid
    from archlib.drawing.scene import build_scene
    from archlib.drawing.svg import embed_icons

    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; use one of {', '.join(FORMATS)}")
    images = tuple(f for f in wanted if f in IMAGE_FORMATS)
    if images:
        dot_program()
    level = choose(model, detail)
    with cyclic_gc_paused():  # many small objects, no cycles: see `archlib.gc_pause`
        scene = build_scene(model, _marks(highlight), level)
        dot_source = build_dot(model, scene, choose_direction(scene, direction))
        mermaid = build_mermaid(scene) if "mermaid" in wanted else ""
    results: dict[Format, bytes] = {}
    if images:
        laid_out = layout(dot_source, images)
        if "svg" in laid_out:
            laid_out["svg"] = embed_icons(laid_out["svg"])
    for fmt in wanted:
        if fmt == "dot":
            results[fmt] = dot_source.encode("utf-8")
        elif fmt == "mermaid":
            results[fmt] = mermaid.encode("utf-8")
        else:
            results[fmt] = laid_out[fmt]
    return results


def render_svg(
    model: Architecture,
    *,
    highlight: HighlightInput | None = None,
    detail: Detail | None = None,
    direction: Direction | None = None,
) -> str:
    rendered = render(model, ("svg",), highlight=highlight, detail=detail, direction=direction)
    return rendered["svg"].decode("utf-8")


def write_diagrams(renders: Mapping[Format, bytes], directory: Path, stem: str) -> list[Path]:
    """Write each render as `<directory>/<stem>.<suffix>`: all of them, or none."""
    return write_diagram_sets({stem: renders}, directory)


def write_diagram_sets(sets: Mapping[str, Mapping[Format, bytes]], directory: Path) -> list[Path]:
    """Several models' renders in one go, so a blocked destination writes nothing."""
    check_directory(directory)
    return write_all(
        {
            directory / f"{stem}{SUFFIXES[fmt]}": payload
            for stem, renders in sets.items()
            for fmt, payload in renders.items()
        }
    )
