"""What every command shares: reading model arguments and printing data."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archlib.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from archlib.model import Architecture

MODEL_SUFFIXES = (".yaml", ".yml", ".json")

Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Do not list the files written (on stderr).")
]
"""Every command that writes files names them on stderr unless told to be quiet."""


def announce(paths: Iterable[Path], *, quiet: bool) -> None:
    """`wrote PATH` on stderr for each file written: stdout stays the command's data."""
    if quiet:
        return
    from archlib.errors import printable

    for path in paths:
        sys.stderr.write(f"wrote {printable(str(path))}\n")


class DataFormat(StrEnum):
    table = "table"
    json = "json"


def model_paths(arguments: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for the model files directly inside it, sorted,
    unless it holds `.tf` files: then it is one Terraform configuration."""
    from archlib.importers.tf.sniff import looks_like_terraform

    paths: list[Path] = []
    for argument in arguments:
        if argument.is_dir() and not looks_like_terraform(argument):
            try:
                found = sorted(p for p in argument.iterdir() if p.suffix in MODEL_SUFFIXES)
            except OSError as error:
                raise InputError(
                    f"cannot list directory: {error.strerror}", path=argument
                ) from None
            if not found:
                raise InputError("no model files (.yaml, .yml, .json) in directory", path=argument)
            paths.extend(found)
        else:
            paths.append(argument)
    return paths


def load_models(arguments: Iterable[Path]) -> list[tuple[Path, Architecture]]:
    from archlib.loader import load

    return [(path, load(path)) for path in model_paths(arguments)]


def print_json(documents: list[Any]) -> None:
    """One document prints as an object; several as an array of them."""
    payload = documents[0] if len(documents) == 1 else documents
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def on_terminal() -> bool:
    """Output goes to a person at a terminal (or colour is forced, as rich honours): tables.

    Elsewhere (a pipe, a CI log) commands that can print plain lines do, without importing
    rich at all."""
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def console(**options: Any) -> Console:
    """A console whose tables never cut a value short (see `_data_console`)."""
    return _data_console()(highlight=False, **options)


def _data_console() -> type[Console]:
    """Off a terminal (piped, in CI, into a file) a table takes the width it needs, whatever
    COLUMNS says, so every value stays on one line in full; on a terminal its cells wrap
    (folding words longer than the cell) rather than end in an ellipsis."""
    from rich.console import Console, Group
    from rich.measure import Measurement
    from rich.table import Table

    def unclip(renderable: Any) -> None:
        if isinstance(renderable, Table):
            for column in renderable.columns:
                column.no_wrap = False
                column.overflow = "fold"
            for row in renderable.columns:
                for cell in row._cells:
                    unclip(cell)
        elif isinstance(renderable, Group):
            for inner in renderable.renderables:
                unclip(inner)

    class DataConsole(Console):
        def print(self, *objects: Any, **kwargs: Any) -> None:
            for item in objects:
                unclip(item)
            if self.is_terminal:
                super().print(*objects, **kwargs)
                return
            if not any(isinstance(o, Table | Group) for o in objects):
                super().print(*objects, **{"soft_wrap": True, **kwargs})  # one line, in full
                return
            wide = self.options.update_width(1_000_000)
            needed = max(
                Measurement.get(self, wide, o).maximum for o in objects if not isinstance(o, str)
            )
            width = self.width
            self.width = max(needed, width)
            try:
                super().print(*objects, **kwargs)
            finally:
                self.width = width

    return DataConsole


ParameterOption = Annotated[
    list[str] | None,
    typer.Option(
        "--parameter",
        "-p",
        help="KEY=VALUE for a template parameter; repeatable. Subnet ids may carry their AZ: "
        "subnet-0abc@us-east-1a.",
    ),
]


def parameters_of(values: list[str] | None) -> dict[str, str]:
    if not values:  # the usual case: a model file, which has no parameters
        return {}
    from archlib.importers.cfn.parameters import parse_assignments

    return parse_assignments(values)
