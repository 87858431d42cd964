"""`archlib docs`: write the documentation pages generated from the code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Documentation folder.")] = Path(
        "docs"
    ),
) -> None:
    """Regenerate the docs pages derived from code: model reference, rules, assumptions."""
    from archlib.output import write_atomic
    from archlib.report.generated_docs import generated_pages

    for name, text in generated_pages().items():
        write_atomic(output / name, text)
        typer.echo(f"wrote {output / name}")
