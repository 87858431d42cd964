"""`archlib docs`: write the documentation pages generated from the code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import Quiet, announce


def docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Documentation folder.")] = Path(
        "docs"
    ),
    quiet: Quiet = False,
) -> None:
    """Regenerate the docs pages derived from code: model reference, rules, assumptions."""
    from archlib.output import write_atomic
    from archlib.report.generated_docs import generated_pages

    pages = generated_pages()
    for name, text in pages.items():
        write_atomic(output / name, text)
    announce([output / name for name in pages], quiet=quiet)
