"""`archlib migrate`: bring a model written for an earlier version up to date."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import Quiet, announce, model_paths


def migrate(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if a file needs rewriting.")
    ] = False,
    quiet: Quiet = False,
) -> None:
    """Rewrite renamed fields to their current names, keeping comments and layout."""
    from archlib.loader.migrate import migrate_file
    from archlib.output import write_all

    pending: dict[Path, str] = {}
    for path in model_paths(models):
        text, rewrites = migrate_file(path)
        for rewrite in rewrites:
            sys.stdout.write(f"{path}:{rewrite.line}: {rewrite.old} -> {rewrite.new}\n")
        if rewrites:
            pending[path] = text
    if check:
        if pending:
            raise typer.Exit(1)
        return
    announce(write_all(pending), quiet=quiet)
