"""`archlib evolve`: consecutive stages compared in one table."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from archlib.cli.common import Quiet, announce, console, load_models
from archlib.errors import printable

if TYPE_CHECKING:
    pass


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def evolve(
    models: Annotated[
        list[Path], typer.Argument(help="Model files or directories, in stage order.")
    ],
    assumptions: Annotated[
        Path | None,
        typer.Option("--assumptions", help="YAML file overriding the capacity assumptions."),
    ] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Compare consecutive stages in one table, stage by stage.

    Shows components added, SPOFs removed, cost, users sustained, the bottleneck and the
    AZ-failure verdict.
    """
    import json

    from archlib.capacity import load_assumptions
    from archlib.evolve import evolve as compare
    from archlib.output import write_atomic
    from archlib.report.evolution import (
        evolution_document,
        evolution_markdown,
        evolution_table,
    )

    table = load_assumptions(assumptions)
    loaded = load_models(models)
    steps = compare([(printable(str(path)), model) for path, model in loaded], table)
    if format is ReportFormat.table and output is None:
        console().print(evolution_table(steps))
        return
    if format is ReportFormat.markdown:
        text = evolution_markdown(steps)
    elif format is ReportFormat.json:
        text = json.dumps(evolution_document(steps), indent=2, ensure_ascii=False) + "\n"
    else:
        import io

        from rich.console import Console

        capture = Console(width=200, file=io.StringIO(), highlight=False)
        capture.print(evolution_table(steps))
        text = capture.file.getvalue()  # type: ignore[attr-defined]
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
        announce([output], quiet=quiet)
