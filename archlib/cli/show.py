"""`archlib show`: what a model contains, at a glance."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import DataFormat, console, load_models, print_json


def show(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    format: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.table,
) -> None:
    """List components (kind, instances, AZs, exposure) and links."""
    from archlib.report.coverage import coverage_document, coverage_tables
    from archlib.report.summary import summary_document, summary_tables

    loaded = load_models(models)
    if format is DataFormat.json:
        print_json([{**summary_document(m), **coverage_document(m)} for _, m in loaded])
        return
    out = console()
    for _, model in loaded:
        for table in (*summary_tables(model), *coverage_tables(model)):
            out.print(table)
