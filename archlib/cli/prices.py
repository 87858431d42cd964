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
    catalogue_output: Annotated[
        Path | None,
        typer.Option(
            "--catalogue-output",
            help="Where to write the instance rates (default: the catalogue's bundled rates).",
        ),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Rebuild a region's snapshot and the catalogue's instance, DB class and node rates
    with boto3's pricing client (aws extra, credentials)."""
    import json
    from importlib import resources

    from archlib.cost.refresh import (
        build_catalogue_prices,
        build_snapshot,
        check_region,
        pricing_client,
    )
    from archlib.output import write_atomic

    check_region(region)  # an unknown region is named before credentials are asked for
    client = pricing_client()
    document = build_snapshot(region, client)
    rates = build_catalogue_prices(region, client)
    target = output or Path(str(resources.files("archlib.cost") / "data" / f"{region}.json"))
    rates_target = catalogue_output or Path(
        str(resources.files("archlib.catalogue") / "data" / "prices" / f"{region}.json")
    )
    write_atomic(target, json.dumps(document, indent=1, sort_keys=True) + "\n")
    write_atomic(rates_target, json.dumps(rates, indent=1) + "\n")
    if not quiet:
        count = len(document["priceList"])
        sys.stderr.write(f"wrote {target} ({count} price records for {region})\n")
        sys.stderr.write(f"wrote {rates_target} ({len(rates['rates'])} instance rates)\n")
