"""`archlib import cfn`: a CloudFormation template as a model, with a report of the mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import DataFormat, ParameterOption, Quiet, parameters_of
from archlib.cli.import_output import show_import

app = typer.Typer(
    help="Import another format (CloudFormation, Terraform) into a model.", no_args_is_help=True
)


@app.command("cfn")
def cfn(
    template: Annotated[Path, typer.Argument(help="CloudFormation template (YAML or JSON).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the model here (YAML or .json).")
    ] = None,
    parameter: ParameterOption = None,
    traffic: Annotated[
        Path | None,
        typer.Option(help="A traffic profile (YAML): the `traffic` section of a model."),
    ] = None,
    format: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.table,
    quiet: Quiet = False,
) -> None:
    """Map a template onto a model: each component with the resources it came from, and every
    resource not modelled with its type and why."""
    from archlib.importers.cfn.importer import import_template
    from archlib.importers.cfn.traffic import read_traffic

    profile = read_traffic(traffic) if traffic is not None else None
    imported = import_template(
        template,
        parameters_of(parameter),
        profile,
        str(traffic) if traffic is not None else None,
    )
    show_import(imported.model, imported.report, output, format, quiet=quiet, with_coverage=False)


def _register_terraform() -> None:
    from archlib.cli.import_tf import tf

    app.command("tf")(tf)


_register_terraform()
