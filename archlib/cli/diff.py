"""`archlib diff`: what a change does to a model, and whether it brings new findings."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import DataFormat, console
from archlib.cli.import_cfn import ParameterOption, parameters_of

SELECTORS = ("spof", "security", "capacity", "cost", "policy", "error", "warning", "info")


def diff(
    base: Annotated[Path, typer.Argument(help="The model before the change.")],
    head: Annotated[Path, typer.Argument(help="The model after the change.")],
    fail_on_new: Annotated[
        list[str] | None,
        typer.Option(
            help="Exit 1 when the head brings a new finding of this category "
            "(spof, security, ...) or severity (error, warning, info: that and above). "
            "Repeatable."
        ),
    ] = None,
    format: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.table,
    parameter: ParameterOption = None,
) -> None:
    """Compare two models: components added and removed, findings introduced and resolved."""
    from archlib.checks import run_checks
    from archlib.checks.diff import diff_models
    from archlib.loader import load

    selectors = fail_on_new or []
    unknown = [s for s in selectors if s not in SELECTORS]
    if unknown:
        raise typer.BadParameter(
            f"{', '.join(unknown)}: expected one of {', '.join(SELECTORS)}",
            param_hint="--fail-on-new",
        )
    given = parameters_of(parameter)
    before, after = load(base, parameters=given), load(head, parameters=given)
    changes = diff_models(before, run_checks(before), after, run_checks(after))
    if format is DataFormat.json:
        sys.stdout.write(json.dumps(changes.document(), indent=2, ensure_ascii=False) + "\n")
    else:
        out = console()
        out.print(f"[bold]{base.as_posix()}[/bold] -> [bold]{head.as_posix()}[/bold]")
        for title, items in (
            ("components added", changes.components_added),
            ("components removed", changes.components_removed),
            ("links added", changes.links_added),
            ("links removed", changes.links_removed),
        ):
            if items:
                out.print(f"  {title}: {', '.join(items)}")
        for title, style, findings in (
            ("new findings", "red", changes.introduced),
            ("resolved findings", "green", changes.resolved),
        ):
            out.print(f"  [{style}]{title}: {len(findings)}[/{style}]")
            for finding in findings:
                out.print(
                    f"    {finding.severity} {finding.rule_id} {finding.subject}: "
                    f"{finding.message}",
                    markup=False,
                )
    if changes.gated(selectors):
        raise typer.Exit(1)
