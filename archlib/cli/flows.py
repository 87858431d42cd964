"""`archlib flows`: requests and bytes a month per component and per link, by class."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from archlib.cli.common import console, load_models, print_json


class FlowsFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def flows(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    format: Annotated[FlowsFormat, typer.Option("--format", "-f")] = FlowsFormat.table,
) -> None:
    """Carry each model's traffic profile along its links: what cost and capacity both read."""
    import sys

    from archlib.cli.cost import located
    from archlib.errors import InputError
    from archlib.report.coverage import coverage_document, coverage_markdown, coverage_tables
    from archlib.traffic import compute
    from archlib.traffic.report import as_dict, markdown, table

    results = []
    for path, model in load_models(models):
        try:
            results.append((model, compute(model)))
        except InputError as error:
            if error.path is not None:
                raise
            raise located(error, path) from None
    if format is FlowsFormat.json:
        documents: list[dict[str, Any]] = [
            {**as_dict(m, f), **coverage_document(m)} for m, f in results
        ]
        print_json(documents)
    elif format is FlowsFormat.markdown:
        sys.stdout.write(
            "\n".join(
                markdown(m, f) + "".join(f"\n{line}" for line in coverage_markdown(m))
                for m, f in results
            )
        )
    else:
        screen = console()
        for model, result in results:
            screen.print(table(model, result))
            for extra in coverage_tables(model):
                screen.print(extra)
