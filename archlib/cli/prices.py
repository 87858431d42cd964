"""`archlib prices`: the price snapshots behind `archlib cost`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from archlib.cli.common import Quiet

app = typer.Typer(
    help="Price snapshots: rebuild one from the AWS Price List API.", no_args_is_help=True
)


@app.command("refresh")
def refresh(
    region: Annotated[str, typer.Option("--region", help="The region to price.")] = "us-east-1",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write it (default: the bundled snapshot)."),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Rebuild a region's snapshot with boto3's pricing client (aws extra, credentials)."""
    import json
    from importlib import resources

    from archlib.cost.refresh import build_snapshot, pricing_client
    from archlib.output import write_atomic

    document = build_snapshot(region, pricing_client())
    target = output or Path(str(resources.files("archlib.cost") / "data" / f"{region}.json"))
    write_atomic(target, json.dumps(document, indent=1, sort_keys=True) + "\n")
    if not quiet:
        count = len(document["priceList"])
        sys.stderr.write(f"wrote {target} ({count} price records for {region})\n")
