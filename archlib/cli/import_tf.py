"""`archlib import tf`: a Terraform configuration or plan as a model, with the mapping report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import DataFormat, Quiet
from archlib.cli.import_output import show_import


def tf(
    path: Annotated[
        Path,
        typer.Argument(
            help="A directory of .tf files (a root module), or a plan from terraform show -json."
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the model here (YAML or .json).")
    ] = None,
    var: Annotated[
        list[str] | None,
        typer.Option("--var", help="NAME=VALUE for an input variable; repeatable."),
    ] = None,
    var_file: Annotated[
        list[Path] | None,
        typer.Option("--var-file", help="A .tfvars file of input variables; repeatable."),
    ] = None,
    traffic: Annotated[
        Path | None,
        typer.Option(help="A traffic profile (YAML): the `traffic` section of a model."),
    ] = None,
    format: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.table,
    quiet: Quiet = False,
) -> None:
    """Map a configuration onto a model: each component with the resources it came from, and
    every resource not modelled with its address, file, line and why."""
    from archlib.importers.cfn.parameters import parse_assignments
    from archlib.importers.cfn.traffic import read_traffic
    from archlib.importers.tf.importer import import_terraform

    profile = read_traffic(traffic) if traffic is not None else None
    imported = import_terraform(
        path,
        parse_assignments(var or []),
        tuple(var_file or ()),
        profile,
        str(traffic) if traffic is not None else None,
    )
    show_import(imported.model, imported.report, output, format, quiet=quiet, with_coverage=True)
