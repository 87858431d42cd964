"""`archlib usage`: the back-of-the-envelope figures of a model's traffic profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import DataFormat, console, load_models, print_json


def usage(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    format: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.table,
) -> None:
    """Reproduce the usage calculation: content growth and request rates."""
    from archlib.report.usage import usage_document, usage_table

    loaded = load_models(models)
    if format is DataFormat.json:
        print_json([usage_document(model) for _, model in loaded])
        return
    out = console()
    for _, model in loaded:
        out.print(usage_table(model))
