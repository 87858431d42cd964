"""Command registration and the error boundary: bad input is one line and exit code 2.

Commands are registered by name and imported only when run (or asked for their own help),
so `archlib --help` and each command pay only for what they use. To add a command, add one
line to `COMMANDS`: its name, where its function (or sub-app) lives, and the first paragraph
of its docstring, which `archlib --help` lists (a test keeps the two the same).
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import Annotated, Any, NamedTuple

import typer
from typer.core import TyperGroup

from archlib.errors import InputError


class Entry(NamedTuple):
    target: str
    """`module:attribute`: a command function, or a `typer.Typer` of sub-commands."""
    summary: str


COMMANDS: dict[str, Entry] = {
    "show": Entry(
        "archlib.cli.show:show",
        "List components (kind, instances, AZs, exposure) and links.",
    ),
    "usage": Entry(
        "archlib.cli.usage:usage",
        "Reproduce the usage calculation: content growth and request rates.",
    ),
    "schema": Entry(
        "archlib.cli.schema:schema",
        "Print the model's JSON Schema.",
    ),
    "check": Entry(
        "archlib.cli.check:check",
        "Check models: single points of failure, security, capacity and budget.",
    ),
    "diff": Entry(
        "archlib.cli.diff:diff",
        "Compare two models: what changed, and which findings came or went.",
    ),
    "migrate": Entry(
        "archlib.cli.migrate:migrate",
        "Rewrite renamed fields to their current names, keeping comments and layout.",
    ),
    "rules": Entry(
        "archlib.cli.rules:rules",
        "List every rule: id, category, default severity and title.",
    ),
    "docs": Entry(
        "archlib.cli.docs:docs",
        "Regenerate the docs pages derived from code: model reference, rules, assumptions.",
    ),
    "render": Entry(
        "archlib.cli.render:render",
        "Draw each model; files are named after the model file (stage-1.yaml -> stage-1.svg).",
    ),
    "cost": Entry(
        "archlib.cli.cost:cost",
        "Price each component from AWS Price List data, offline; every assumption is shown.",
    ),
    "flows": Entry(
        "archlib.cli.flows:flows",
        "Carry each model's traffic profile along its links: what cost and capacity both read.",
    ),
    "prices": Entry(
        "archlib.cli.prices:app",
        "Price snapshots: rebuild one from the AWS Price List API.",
    ),
    "catalogue": Entry(
        "archlib.cli.catalogue:catalogue",
        "List the known types with vCPUs, memory, architecture, hourly rate and source.",
    ),
    "capacity": Entry(
        "archlib.cli.capacity:capacity",
        "Utilisation at peak, the bottleneck, users sustained, and each AZ lost in turn.",
    ),
    "assumptions": Entry(
        "archlib.cli.assumptions:assumptions",
        "List the capacity assumptions: value, unit and basis of each.",
    ),
    "evolve": Entry(
        "archlib.cli.evolve:evolve",
        "Compare consecutive stages in one table, stage by stage.",
    ),
    "cfn": Entry(
        "archlib.cli.cfn:cfn",
        "Write a complete, parameterised CloudFormation template for each model.",
    ),
    "report": Entry(
        "archlib.cli.report:report",
        (
            "Write one HTML page per model (diagram with findings, cost, capacity, AZ loss) and "
            "an index; for a series of stages the index plots cost and users sustained stage by "
            "stage."
        ),
    ),
    "import": Entry(
        "archlib.cli.import_cfn:app",
        "Import another format (CloudFormation, Terraform) into a model.",
    ),
}
"""Every command, in the order `archlib --help` lists them."""

MARKUP: Any = None
"""Plain help text: typer's rich help layout costs more to import than the rest of start-up."""


def load_command(name: str) -> Any:
    """The click command for `name`, importing its module now."""
    module, attribute = COMMANDS[name].target.split(":")
    target = getattr(import_module(module), attribute)
    from archlib.cli.metavars import plain_metavars

    if isinstance(target, typer.Typer):
        return plain_metavars(typer.main.get_group(target))
    single = typer.Typer(
        add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=MARKUP
    )
    single.command(name)(target)
    return plain_metavars(typer.main.get_command(single))


class LazyCommands(TyperGroup):
    """Lists commands from `COMMANDS` and imports one only when it is run."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self.commands:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command names the closest ones, as an unknown option does."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            import difflib

            import click

            close = difflib.get_close_matches(name, list(COMMANDS), n=3, cutoff=0.5)
            hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
            raise click.UsageError("unreachable")  # ctx.fail raises; this keeps mypy sure
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry.summary) for name, entry in COMMANDS.items()])


app = typer.Typer(
    name="archlib",
    cls=LazyCommands,
    help="Architecture as code: draw, check, price and deploy a system from one model.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=MARKUP,
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


def command() -> Any:
    """The click command behind `app`, with plain metavars in its help."""
    from archlib.cli.metavars import plain_metavars

    return plain_metavars(typer.main.get_command(app))


PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
"""pydantic reads every installed distribution's entry points for plugins the first time it
builds a validator, a scan that grows with the environment; no archlib command uses one.
Set the variable yourself (to an empty string, say) to have pydantic load them."""


def main() -> None:
    os.environ.setdefault(PYDANTIC_PLUGINS, "__all__")
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
