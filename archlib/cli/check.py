"""`archlib check`: single points of failure and security findings, with a CI exit code."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import (
    ParameterOption,
    Quiet,
    announce,
    console,
    model_paths,
    on_terminal,
    parameters_of,
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def check(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.text,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding is at least this severe.")
    ] = FailOn.error,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Date for suppression expiry (default: today)."),
    ] = None,
    quiet: Quiet = False,
    parameter: ParameterOption = None,
) -> None:
    """Check models: single points of failure, security, capacity and budget.

    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 bad input.
    """
    import json

    from archlib.checks import run_checks
    from archlib.checks.finding import at_least
    from archlib.loader import load_located
    from archlib.output import write_atomic

    on = _date(today)
    given = parameters_of(parameter)
    loaded_models = [load_located(path, parameters=given) for path in model_paths(models)]
    results = [(loaded, run_checks(loaded.model, today=on)) for loaded in loaded_models]
    if format is CheckFormat.text and output is None and on_terminal():
        from archlib.checks.formats.text import print_result

        out = console()
        for loaded, result in results:
            print_result(out, loaded, result)
    else:
        if format is CheckFormat.sarif:
            from archlib.checks.formats.sarif import sarif_document

            text = json.dumps(sarif_document(results), indent=2, ensure_ascii=False) + "\n"
        elif format is CheckFormat.junit:
            from archlib.checks.formats.junit import junit_document

            threshold = None if fail_on is FailOn.never else fail_on.value
            text = junit_document(results, threshold)
        elif format is CheckFormat.json:
            from archlib.checks.formats.document import result_document

            documents = [result_document(loaded, result) for loaded, result in results]
            payload = documents[0] if len(documents) == 1 else documents
            text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        else:
            from archlib.checks.formats.lines import results_text

            text = results_text(results)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
            announce([output], quiet=quiet)
    if fail_on is not FailOn.never and any(
        at_least(f.severity, fail_on.value) for _, result in results for f in result.findings
    ):
        raise typer.Exit(1)
