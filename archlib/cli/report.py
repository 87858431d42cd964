"""`archlib report`: the design review as HTML pages that need nothing but a browser."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import Quiet, announce, model_paths


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
    quiet: Quiet = False,
) -> None:
    """Write one HTML page per model (diagram with findings, cost, capacity, AZ loss) and an
    index; for a series of stages the index plots cost and users sustained stage by stage."""
    from archlib.capacity import load_assumptions
    from archlib.cli.check import _date
    from archlib.drawing import GraphvizNotFound, dot_program
    from archlib.review import review_pages, review_set, write_pages

    try:
        dot_program()
    except GraphvizNotFound as error:
        sys.stderr.write(f"archlib: error: {error}\n")
        raise typer.Exit(2) from None
    pages = review_pages(
        review_set(model_paths(models), load_assumptions(assumptions), _date(today))
    )
    announce(write_pages(pages, output), quiet=quiet)
