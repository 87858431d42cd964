"""`archlib rules`: the catalogue of checks, with why each matters and how to fix it."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from archlib.cli.common import console, print_json


class RulesFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def rules(
    format: Annotated[RulesFormat, typer.Option("--format", "-f")] = RulesFormat.table,
) -> None:
    """List every rule: id, category, default severity and title."""
    from archlib.checks.formats.catalogue import catalogue_document, catalogue_markdown

    if format is RulesFormat.markdown:
        sys.stdout.write(catalogue_markdown())
        return
    document = catalogue_document()
    if format is RulesFormat.json:
        print_json([document])
        return
    from rich.table import Table

    table = Table(title="archlib rules")
    for column in ("Rule", "Category", "Severity", "Title", "How to fix"):
        table.add_column(column)
    for rule in document:
        table.add_row(
            rule["id"], rule["category"], rule["severity"], rule["title"], rule["remediation"]
        )
    console().print(table)
