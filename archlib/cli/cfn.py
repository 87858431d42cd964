"""`archlib cfn`: the CloudFormation template of a model, ready to lint and deploy."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import Quiet, announce, load_models
from archlib.errors import located


class TemplateFormatChoice(StrEnum):
    yaml = "yaml"
    json = "json"


def cfn(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (one model), or a directory that gets one template per model, "
            "named after the model file.",
        ),
    ] = None,
    format: Annotated[
        TemplateFormatChoice, typer.Option("--format", "-f")
    ] = TemplateFormatChoice.yaml,
    quiet: Quiet = False,
) -> None:
    """Write a complete, parameterised CloudFormation template for each model."""
    from archlib.cloudformation import TemplateFormat, build_template, render
    from archlib.errors import InputError
    from archlib.output import check_destination, check_directory, check_names, write_all

    template_format = TemplateFormat(format.value)
    loaded = load_models(models)
    several = len(loaded) > 1
    if several and (output is None or output.is_file()):
        raise InputError("several models need --output to name a directory", field="--output")
    if output is not None:
        check_names(output)
        if several or output.is_dir():
            check_directory(output)
        else:
            check_destination(output)
    rendered: list[tuple[Path | None, str]] = []
    for path, model in loaded:
        with located(path):
            template = build_template(model)
        for note in template.not_exported:
            sys.stderr.write(f"archlib: warning: {path}: not exported: {note}\n")
        text = render(template.document(), template_format)
        if output is None:
            target = None
        elif several or output.is_dir():
            target = output / f"{path.stem}.{template_format.value}"
        else:
            target = output
        rendered.append((target, text))
    if output is None:
        for _, text in rendered:
            sys.stdout.write(text)
        return
    files = {target: text for target, text in rendered if target is not None}
    announce(write_all(files), quiet=quiet)
