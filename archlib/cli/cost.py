"""`archlib cost`: monthly AWS cost of each model, or the difference between two."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from archlib.cli.common import Quiet, announce, console, load_models, print_json
from archlib.errors import InputError


def located(error: InputError, path: Path) -> InputError:
    """The error of a model read from `path`, with the line of its field when it has one."""
    import re

    from archlib.loader import load_located

    line = None
    if error.field and re.match(r"^[a-z_]+(\[\d+\])?(\.\w+)*$", error.field):
        loc: list[str | int] = []
        for part in error.field.split("."):
            name, _, index = part.partition("[")
            loc.append(name)
            if index:
                loc.append(int(index.rstrip("]")))
        line = load_located(path).line(loc)
    return type(error)(error.message, path=path, line=line, field=error.field)


if TYPE_CHECKING:
    from archlib.cost.compare import Comparison
    from archlib.cost.estimate import CostEstimate
    from archlib.cost.sensitivity import Swing


class CostFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def cost(
    models: Annotated[list[Path], typer.Argument(help="Model files or directories.")],
    format: Annotated[CostFormat, typer.Option("--format", "-f")] = CostFormat.table,
    compare: Annotated[
        bool | None,
        typer.Option(
            "--compare/--no-compare",
            help="Show what changed between two models (default: when given exactly two files).",
        ),
    ] = None,
    prices: Annotated[
        Path | None,
        typer.Option("--prices", help="A price snapshot to use instead of the bundled one."),
    ] = None,
    usage: Annotated[
        Path | None,
        typer.Option("--usage", help="A YAML file of usage figures per component id (overrides)."),
    ] = None,
    usage_template: Annotated[
        bool,
        typer.Option(
            "--usage-template", help="Print the usage keys each component accepts, and stop."
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write one Markdown report per model and summary.md to this directory.",
        ),
    ] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Price each model with every traffic figure at the low and high end of its "
            "range, and show which one moves the total most (with --output: in each report).",
        ),
    ] = False,
    quiet: Quiet = False,
) -> None:
    """Price each component from AWS Price List data, offline; every assumption is shown."""
    import sys
    from functools import partial

    from archlib.cost import render
    from archlib.cost import usage as usage_figures
    from archlib.cost.compare import compare as diff
    from archlib.cost.estimator import estimate
    from archlib.cost.pricelist import PriceBook
    from archlib.cost.sensitivity import sensitivity as sensitivity_of

    loaded = load_models(models)
    if usage_template:
        sys.stdout.write(usage_figures.template([model for _, model in loaded]))
        return
    book = PriceBook.from_path(prices) if prices is not None else None
    document = usage_figures.read_file(usage, [model for _, model in loaded]) if usage else {}
    estimates = []
    swings: list[tuple[Swing, ...]] = []
    for path, model in loaded:
        try:
            figures = usage_figures.of_model(model)
            if usage is not None:
                figures = usage_figures.merged(model, document, usage)
            estimates.append(estimate(model, book, figures))
            if sensitivity:
                swings.append(sensitivity_of(model, partial(estimate, book=book, usage=figures)))
        except InputError as error:
            if error.path is not None:
                raise
            raise located(error, path) from None
    if compare and sensitivity:
        raise InputError("--sensitivity prices each model alone: drop --compare")
    if compare and out is not None:
        raise InputError("--output writes one report per model: drop --compare")
    if compare is None:
        compare = (
            not sensitivity
            and out is None
            and len(models) == 2
            and all(p.is_file() for p in models)
        )
    if compare:
        if len(estimates) != 2:
            raise InputError(f"--compare needs exactly two models, got {len(estimates)}")
        comparison = diff(estimates[0], estimates[1])
        if format is CostFormat.json:
            print_json([comparison.as_dict()])
        elif format is CostFormat.csv:
            sys.stdout.write(render.comparison_csv(comparison))
        elif format is CostFormat.markdown:
            sys.stdout.write(render.comparison_markdown(comparison))
        else:
            _print_comparison(comparison)
        return
    if out is not None:
        from archlib.output import check_directory, write_all

        tables = swings if sensitivity else [()] * len(estimates)
        reports = {
            path.stem: render.markdown(e, s)
            for (path, _), e, s in zip(loaded, estimates, tables, strict=True)
        }
        reports["summary"] = render.summary_markdown(estimates)
        check_directory(out)
        announce(
            write_all({out / f"{name}.md": text for name, text in sorted(reports.items())}),
            quiet=quiet,
        )
        return
    if sensitivity:
        _print_sensitivity(format, estimates, swings)
        return
    if format is CostFormat.json:
        print_json([e.as_dict() for e in estimates])
    elif format is CostFormat.csv:
        sys.stdout.write(render.csv_text(estimates))
    elif format is CostFormat.markdown:
        texts = [render.markdown(e) for e in estimates]
        if len(estimates) > 1:
            texts.append(render.summary_markdown(estimates))
        sys.stdout.write("\n".join(texts))
    else:
        screen = console()
        for e in estimates:
            screen.print(render.table(e))


def _print_sensitivity(
    format: CostFormat, estimates: list[CostEstimate], swings: list[tuple[Swing, ...]]
) -> None:
    import sys

    from archlib.cost import render

    if format is CostFormat.json:
        print_json(
            [
                {
                    "model": e.model,
                    "monthly_usd": e.monthly_usd,
                    "partial": e.partial,
                    "sensitivity": [swing.as_dict() for swing in s],
                }
                for e, s in zip(estimates, swings, strict=True)
            ]
        )
    elif format is CostFormat.markdown:
        for e, s in zip(estimates, swings, strict=True):
            sys.stdout.write(f"# {e.title}\n" + "\n".join(render.sensitivity_markdown(s)) + "\n")
    elif format is CostFormat.csv:
        raise InputError("--sensitivity prints a table, markdown or JSON, not CSV")
    else:
        screen = console()
        for e, s in zip(estimates, swings, strict=True):
            screen.print(render.sensitivity_table(e.title, s))


def _print_comparison(comparison: Comparison) -> None:
    """The line-by-line table, then both totals and the difference, which CI logs quote."""
    from archlib.cost import render

    before, after = comparison.before, comparison.after
    table = render.comparison_table(comparison)
    table.title = f"{before.model} -> {after.model} ({render.prices_of_both(before, after)})"
    out = console()
    out.print(table)
    width = max(len(before.model), len(after.model))
    change = f" ({comparison.delta_usd / before.monthly_usd:+.1%})" if before.monthly_usd else ""
    out.print(f"total before: {before.model:<{width}}  {render.usd(before.monthly_usd)} a month")
    out.print(f"total after:  {after.model:<{width}}  {render.usd(after.monthly_usd)} a month")
    sign = "+" if comparison.delta_usd >= 0 else "-"
    out.print(f"difference:   {sign}{render.usd(abs(comparison.delta_usd))} a month{change}")
