"""Command registration and the error boundary: bad input is one line and exit code 2."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
import typer.main

from archlib.cli import (
    assumptions,
    capacity,
    catalogue,
    cfn,
    check,
    cost,
    diff,
    docs,
    evolve,
    flows,
    import_cfn,
    prices,
    render,
    report,
    rules,
    schema,
    show,
    usage,
)
from archlib.errors import InputError

app = typer.Typer(
    name="archlib",
    help="Architecture as code: draw, check, price and deploy a system from one model.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root(
    context: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", help="Print archlib's version and exit.", is_eager=True)
    ] = False,
) -> None:
    """Architecture as code: draw, check, price and deploy a system from one model."""
    if version:
        from archlib import __version__

        typer.echo(f"archlib {__version__}")
        raise typer.Exit(0)
    if context.invoked_subcommand is None:  # bare `archlib`: the overview, not an error
        typer.echo(context.get_help())
        raise typer.Exit(0)


app.command("show")(show.show)
app.command("usage")(usage.usage)
app.command("schema")(schema.schema)
app.command("check")(check.check)
app.command("diff")(diff.diff)
app.command("rules")(rules.rules)
app.command("docs")(docs.docs)
app.command("render")(render.render)
app.command("cost")(cost.cost)
app.command("flows")(flows.flows)
app.add_typer(prices.app, name="prices")
app.command("catalogue")(catalogue.catalogue)
app.command("capacity")(capacity.capacity)
app.command("assumptions")(assumptions.assumptions)
app.command("evolve")(evolve.evolve)
app.command("cfn")(cfn.cfn)
app.command("report")(report.report)
app.add_typer(import_cfn.app, name="import")


def command() -> Any:
    """The click command behind `app`, with plain metavars in its help."""
    from archlib.cli.metavars import plain_metavars

    return plain_metavars(typer.main.get_command(app))


def main() -> None:
    try:
        command()(prog_name="archlib")
    except InputError as error:
        for line in error.lines():
            sys.stderr.write(f"archlib: error: {line}\n")
        if _wants_json(sys.argv[1:]):
            import json

            sys.stdout.write(json.dumps(error.document(), indent=2, ensure_ascii=False) + "\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


def _wants_json(arguments: list[str]) -> bool:
    """A caller that asked for JSON gets the errors as JSON on stdout too."""
    pairs = zip(arguments, [*arguments[1:], ""], strict=True)
    return any(
        argument in {"--format=json", "-f=json"}
        or (argument in {"--format", "-f"} and after == "json")
        for argument, after in pairs
    )
