"""`archlib capacity`: load against capacity at peak, the bottleneck and the AZ-failure test."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import console, load_models, print_json


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def capacity(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    users: Annotated[
        int | None, typer.Option("--users", min=1, help="Evaluate at this many users.")
    ] = None,
    rps: Annotated[
        float | None,
        typer.Option("--rps", min=0.001, help="Evaluate at this many requests/s at peak."),
    ] = None,
    assumptions: Annotated[
        Path | None,
        typer.Option("--assumptions", help="YAML file overriding the capacity assumptions."),
    ] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
) -> None:
    """Utilisation at peak, the bottleneck, users sustained, and each AZ lost in turn."""
    from archlib.capacity import analyse, load_assumptions
    from archlib.errors import InputError, located
    from archlib.report.capacity import capacity_document, capacity_markdown, capacity_tables
    from archlib.report.coverage import coverage_document, coverage_markdown, coverage_tables

    if users is not None and rps is not None:
        raise InputError("give --users or --rps, not both")
    table = load_assumptions(assumptions)
    reports = []
    for path, model in load_models(models):
        with located(path):
            reports.append(analyse(model, table, users=users, requests_per_second=rps))
    if format is ReportFormat.json:
        print_json([{**capacity_document(r), **coverage_document(r.model)} for r in reports])
    elif format is ReportFormat.markdown:
        sys.stdout.write(
            "\n".join(
                capacity_markdown(r) + "".join(f"\n{line}" for line in coverage_markdown(r.model))
                for r in reports
            )
        )
    else:
        out = console()
        for report in reports:
            for item in (*capacity_tables(report), *coverage_tables(report.model)):
                out.print(item)
