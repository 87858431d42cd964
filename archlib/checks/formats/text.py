"""Check results for people at a terminal: findings grouped by severity, in rich tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archlib.checks.engine import CheckResult
from archlib.checks.formats.place import finding_place
from archlib.checks.locate import Locator
from archlib.loader import LoadedModel

if TYPE_CHECKING:
    from rich.console import Console

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def print_result(out: Console, loaded: LoadedModel, result: CheckResult) -> None:
    from rich.table import Table

    locator = Locator.of(loaded.model)
    from rich.markup import escape

    from archlib.errors import printable

    path = escape(printable(loaded.path.as_posix()))
    out.print(f"[bold]{loaded.model.name}[/bold] ({path})")
    imported = loaded.model.imported
    if imported is not None:
        out.print(f"  coverage: {escape(printable(imported.coverage_line()))}")
        for text in imported.not_modelled_lines():
            out.print(f"    not modelled: {escape(printable(text))}")
    if not result.findings:
        out.print("  [green]no findings[/green]")
    for severity in ("error", "warning", "info"):
        group = [f for f in result.findings if f.severity == severity]
        if not group:
            continue
        table = Table(
            title=f"{HEADINGS[severity]} ({len(group)})",
            title_style=STYLES[severity],
            title_justify="left",
            show_lines=False,
        )
        table.add_column("Rule", style=STYLES[severity], no_wrap=True)
        table.add_column("Subject", no_wrap=True)
        table.add_column("Line", justify="right", no_wrap=True)
        table.add_column("Finding")
        for finding in group:
            written, number = finding_place(loaded, locator, finding)
            line = str(number)
            if written != loaded.path:  # a Terraform resource: its own file, below the heading's
                inside = written.is_relative_to(loaded.path)
                shown = written.relative_to(loaded.path) if inside else written
                line = f"{escape(printable(shown.as_posix()))}:{line}"
            table.add_row(finding.rule_id, finding.subject, line, finding.message)
        out.print(table)
    if result.suppressed:
        ids = ", ".join(f"{f.rule_id} {f.subject}" for f in result.suppressed)
        out.print(f"  suppressed by the model ({len(result.suppressed)}): {ids}")
    out.print()
