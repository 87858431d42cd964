"""`archlib report`: the design review as HTML pages that need nothing but a browser."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import Quiet, announce, model_paths
from archlib.cli.render import DIRECTION_HELP, DiagramDetail, DiagramDirection


def report(
    models: Annotated[
        list[Path], typer.Argument(help="Model files or directories, in stage order.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Directory the pages are written to.")
    ] = Path("report"),
    assumptions: Annotated[
        Path | None,
        typer.Option("--assumptions", help="YAML file overriding the capacity assumptions."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Date for suppression expiry (default: today)."),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="BASE",
            help="Compare every page with this model or template, or with a file at a git "
            "revision (REF:PATH, e.g. main:models/shop.yaml): cost and utilisation per "
            "component before and after, and the findings that came and went. Without it, "
            "each stage of a series is compared with the stage before.",
        ),
    ] = None,
    detail: Annotated[
        DiagramDetail | None,
        typer.Option("--detail", help="The diagrams' level of detail, as for `archlib render`."),
    ] = None,
    direction: Annotated[
        DiagramDirection | None,
        typer.Option("--direction", case_sensitive=False, help=DIRECTION_HELP),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Write one HTML page per model (diagram with findings, cost, capacity, AZ loss) and an
    index; for a series of stages the index plots cost and users sustained stage by stage."""
    from archlib.capacity import load_assumptions
    from archlib.cli.check import _date
    from archlib.drawing import GraphvizNotFound, dot_program
    from archlib.review import review_pages, review_set, write_pages
    from archlib.review.facts import DrawingChoice

    try:
        dot_program()
    except GraphvizNotFound as error:
        sys.stderr.write(f"archlib: error: {error}\n")
        raise typer.Exit(2) from None
    with tempfile.TemporaryDirectory(prefix="archlib-base-") as folder:
        baseline = None
        if base is not None:
            baseline = (base, _base_path(base, Path(folder)))
        drawing = DrawingChoice(
            detail.value if detail else None,
            direction.value if direction else None,
        )
        pages = review_pages(
            review_set(
                model_paths(models), load_assumptions(assumptions), _date(today), baseline, drawing
            )
        )
    announce(write_pages(pages, output), quiet=quiet)


def _base_path(spec: str, folder: Path) -> Path:
    from archlib.errors import InputError
    from archlib.review.baseline import fetch_revision, is_revision_spec

    if is_revision_spec(spec):
        return fetch_revision(spec, folder)
    path = Path(spec)
    if not path.exists():
        raise InputError(
            "--base: no such file or folder (give a model, a template, a Terraform folder or "
            "plan, or REF:PATH)",
            path=path,
        )
    return path
