"""Command registration and the error boundary: bad input is one line and exit code 2."""

from __future__ import annotations

import sys

import typer

from archlib.cli import (
    assumptions,
    capacity,
    cfn,
    check,
    cost,
    diff,
    docs,
    evolve,
    flows,
    prices,
    render,
    rules,
    schema,
    show,
    usage,
)
from archlib.errors import InputError

app = typer.Typer(
    name="archlib",
    help="Architecture as code: draw, check, price and deploy a system from one model.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
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
app.command("capacity")(capacity.capacity)
app.command("assumptions")(assumptions.assumptions)
app.command("evolve")(evolve.evolve)
app.command("cfn")(cfn.cfn)


def main() -> None:
    try:
        app()
    except InputError as error:
        sys.stderr.write(f"archlib: error: {error}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
