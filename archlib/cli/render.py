"""`archlib render`: the diagram of each model as PNG, SVG, DOT or Mermaid."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from archlib.cli.common import Quiet, announce, load_models

if TYPE_CHECKING:
    from archlib.drawing.highlight import Mark
    from archlib.model import Architecture


class DiagramDetail(StrEnum):
    overview = "overview"
    tiers = "tiers"
    full = "full"


class DiagramDirection(StrEnum):
    TB = "TB"
    LR = "LR"


DIRECTION_HELP = (
    "TB: top to bottom; LR: left to right. Default: LR when a top-to-bottom layout would be "
    "portrait (many rows, few side by side), so the diagram fills a 16:9 slide."
)


class DiagramFormat(StrEnum):
    png = "png"
    svg = "svg"
    dot = "dot"
    mermaid = "mermaid"


def findings_marks(model: Architecture) -> dict[str, Mark]:
    """Components with findings from the checks, each with its strongest finding."""
    from archlib.checks import run_checks
    from archlib.drawing.highlight import marks_from_findings

    return marks_from_findings(run_checks(model).findings)


def render(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Directory the diagrams are written to.")
    ] = Path("."),
    formats: Annotated[
        list[DiagramFormat] | None,
        typer.Option("--format", "-f", help="Repeat for several formats. Default: svg."),
    ] = None,
    highlight: Annotated[
        bool, typer.Option("--highlight", help="Border components the checks find fault with.")
    ] = False,
    detail: Annotated[
        DiagramDetail | None,
        typer.Option(
            "--detail",
            help=(
                "overview: no subnets or plumbing, fleets merged; tiers: every component, "
                "autoscaling groups folded into their tier; full: everything. "
                "Default: tiers, or overview above 30 components."
            ),
        ),
    ] = None,
    direction: Annotated[
        DiagramDirection | None,
        typer.Option("--direction", case_sensitive=False, help=DIRECTION_HELP),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Draw each model; files are named after the model file (stage-1.yaml -> stage-1.svg)."""
    from archlib.drawing import IMAGE_FORMATS, GraphvizNotFound, dot_program, write_diagram_sets
    from archlib.drawing import render as render_model

    wanted = [f.value for f in formats] if formats else ["svg"]
    if IMAGE_FORMATS & set(wanted):
        try:
            dot_program()
        except GraphvizNotFound as error:
            sys.stderr.write(f"archlib: error: {error}\n")
            raise typer.Exit(2) from None
    loaded = load_models(models)
    marks = [findings_marks(model) if highlight else None for _, model in loaded]
    workers = min(len(loaded), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:  # each `dot` in parallel
        results = pool.map(
            lambda pair: render_model(
                pair[0][1],
                wanted,  # type: ignore[arg-type]
                highlight=pair[1],
                detail=detail.value if detail else None,
                direction=direction.value if direction else None,
            ),
            zip(loaded, marks, strict=True),
        )
        renders = list(zip((path for path, _ in loaded), results, strict=True))
    announce(
        write_diagram_sets({path.stem: rendered for path, rendered in renders}, output),
        quiet=quiet,
    )
