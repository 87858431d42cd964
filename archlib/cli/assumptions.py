"""`archlib assumptions`: the capacity table in effect, with each figure's basis."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import Quiet, announce, console, print_json


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def assumptions(
    overrides: Annotated[
        Path | None,
        typer.Option("--assumptions", help="YAML file overriding the capacity assumptions."),
    ] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    quiet: Quiet = False,
) -> None:
    """List the capacity assumptions: value, unit and basis of each."""
    from archlib.capacity import load_assumptions
    from archlib.capacity.docs import assumptions_markdown
    from archlib.output import write_atomic

    table = load_assumptions(overrides)
    if format is TableFormat.markdown:
        text = assumptions_markdown(table)
    elif format is TableFormat.json:
        import json

        document = [
            {
                "name": f"{entry.section}.{entry.name}",
                "value": entry.value,
                "unit": entry.unit,
                "basis": entry.basis,
                "overridden": entry.overridden,
            }
            for entry in table
        ]
        if output is None:
            print_json([document])
            return
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        from rich.table import Table

        rich_table = Table(title="capacity assumptions", title_justify="left")
        for column in ("assumption", "value", "unit", "basis"):
            rich_table.add_column(column, justify="right" if column == "value" else "left")
        for entry in table:
            value = "no limit" if entry.value is None else f"{entry.value:,g}"
            mark = " *" if entry.overridden else ""
            rich_table.add_row(
                f"{entry.section}.{entry.name}{mark}", value, entry.unit, entry.basis
            )
        console().print(rich_table)
        return
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
        announce([output], quiet=quiet)
