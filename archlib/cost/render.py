"""Estimates and comparisons as Markdown, CSV, JSON-ready data and rich tables.

Every figure is formatted here and only here, so each format shows the same rounding and the
same output is byte-identical on every run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from archlib.cost.compare import Comparison
from archlib.cost.estimate import CostEstimate, CostLine

if TYPE_CHECKING:
    from rich.table import Table

    from archlib.cost.sensitivity import Swing

CSV_HEADER = (
    "model",
    "component",
    "kind",
    "line",
    "quantity",
    "unit",
    "unit_price_usd",
    "monthly_usd",
    "basis",
    "sku",
    "source",
    "prices_published",
)


def usd(value: float) -> str:
    return f"${value:,.2f}"


def quantity(value: float) -> str:
    if abs(value - round(value)) < 1e-6 * max(1.0, abs(value)):
        return f"{round(value):,}"
    return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.4g}"


TIERED = " avg (tiered)"
"""A tiered price is shown as the average the quantity pays across its tiers."""


def unit_price(line: CostLine) -> str:
    text = f"${line.unit_price:.10f}".rstrip("0").rstrip(".")
    if text.endswith("$0"):
        text = "$0"
    return text + (TIERED if not line.price.flat else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(estimate: CostEstimate, swings: Sequence[Swing] = ()) -> str:
    out = [
        f"# Monthly cost: {estimate.title}",
        "",
        f"- Model: `{estimate.model}`, region {estimate.region}",
        f"- Prices: {_snapshot(estimate)}",
        f"- Total: **{usd(estimate.monthly_usd)}** a month: {usd(estimate.fixed_monthly_usd)} "
        f"fixed, {usd(estimate.usage_monthly_usd)} usage-based{partial_note(estimate)}",
        f"- {usage_sentence(estimate)}",
    ]
    if estimate.coverage is not None:
        out.append(f"- Coverage: {estimate.coverage.coverage_line()}")
    per_million = estimate.usd_per_million_requests
    if per_million is not None:
        out.append(
            f"- Requests: {estimate.requests_per_month:,.0f} a month; "
            f"{usd(per_million)} per million requests"
        )
    out += [
        "",
        "| component | cost component | quantity | unit | unit price | monthly | basis |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for component in estimate.components:
        if not component.lines:
            continue
        for line in component.lines:
            out.append(
                f"| {component.id} | {_cell(line.name)} | {quantity(line.quantity)} | "
                f"{line.unit} | {unit_price(line)} | {usd(line.monthly_usd)} | "
                f"{_cell(line.basis)} |"
            )
    out += [
        "",
        "## By component",
        "",
        "| component | kind | monthly | note |",
        "|---|---|---:|---|",
    ]
    for component in estimate.components:
        out.append(
            f"| {component.id} | {component.kind} | {usd(component.monthly_usd)} | "
            f"{_cell(component.note or '')} |"
        )
    out += ["", "## Assumptions", ""]
    out += [f"- {assumption}" for assumption in estimate.assumptions]
    out += figures_markdown(estimate)
    if swings:
        out += sensitivity_markdown(swings)
    out += ["", "## Not priced", ""]
    out += [f"- not priced: {charge}" for charge in (*estimate.unpriced, *estimate.not_priced)]
    if estimate.coverage is not None:
        out += ["", *estimate.coverage.markdown()[:-1]]
    out += ["", "## Price sources", ""]
    seen = set()
    for component in estimate.components:
        for line in component.lines:
            source = line.price.source
            key = (line.price.query, line.price.sku)
            if key in seen:
                continue
            seen.add(key)
            url = source.get("url", "")
            sku = line.price.sku if line.price.sku_available else f"{line.price.sku} (no AWS SKU)"
            out.append(
                f"- {line.price.query.describe()}: {line.price.description}; "
                f"{line.price.source_label()}{' <' + url + '>' if url else ''}; {sku}"
            )
    return "\n".join(out) + "\n"


def summary_markdown(estimates: Sequence[CostEstimate]) -> str:
    out = [
        "# Monthly cost across the stages",
        "",
        _snapshots(estimates),
        "",
        "Fixed: charges that do not move with traffic (instance, node and load balancer hours, "
        "provisioned storage); usage: charges that follow the traffic profile and its "
        "assumptions (requests, transfer, capacity units, content stored).",
        "",
        "| model | title | monthly | fixed | usage | usage share | per million requests | change |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    previous: float | None = None
    for estimate in estimates:
        per_million = estimate.usd_per_million_requests
        change = "" if previous is None else f"{estimate.monthly_usd - previous:+,.2f}"
        total = usd(estimate.monthly_usd) + (" (partial)" if estimate.partial else "")
        out.append(
            f"| {estimate.model} | {_cell(estimate.title)} | {total} | "
            f"{usd(estimate.fixed_monthly_usd)} | {usd(estimate.usage_monthly_usd)} | "
            f"{estimate.usage_share:.0%} | "
            f"{usd(per_million) if per_million is not None else '-'} | {change} |"
        )
        previous = estimate.monthly_usd
    return "\n".join(out) + "\n"


def csv_text(estimates: Sequence[CostEstimate]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for estimate in estimates:
        for component in estimate.components:
            for line in component.lines:
                writer.writerow(
                    (
                        estimate.model,
                        component.id,
                        component.kind,
                        line.name,
                        f"{line.quantity:.6f}",
                        line.unit,
                        f"{line.unit_price:.10f}",
                        f"{line.monthly_usd:.2f}",
                        line.basis,
                        line.price.sku,
                        line.price.source_label(),
                        estimate.price_date or "",
                    )
                )
        writer.writerow(
            (
                estimate.model,
                *("", "", "total", "", "", ""),
                f"{estimate.monthly_usd:.2f}",
                *("", "", ""),
                estimate.price_date or "",
            )
        )
    return buffer.getvalue()


def _snapshot(estimate: CostEstimate) -> str:
    if estimate.price_date is None:
        return estimate.price_origin
    return f"AWS on-demand, snapshot published {estimate.price_date}"


def _snapshots(estimates: Sequence[CostEstimate]) -> str:
    """The snapshots behind several estimates, and the regions that had none."""
    dates = sorted({e.price_date for e in estimates if e.price_date is not None})
    missing = sorted({e.region for e in estimates if e.price_date is None})
    parts = []
    if dates:
        parts.append(f"Prices: AWS on-demand, snapshots published {', '.join(dates)}.")
    if missing:
        parts.append(
            f"No prices for {', '.join(missing)}: nothing there is priced (get them with "
            "`archlib prices refresh --region REGION`)."
        )
    return " ".join(parts)


def _region_and_prices(estimate: CostEstimate) -> str:
    if estimate.price_date is None:
        return f"{estimate.region}: no prices"
    return f"{estimate.region}, prices published {estimate.price_date}"


def prices_of_both(before: CostEstimate, after: CostEstimate) -> str:
    """The two estimates' prices in a heading's words, once when they are the same."""
    if before.price_date is not None and after.price_date is not None:
        if before.price_date == after.price_date:
            return before.prices
        return f"prices published {before.price_date} and {after.price_date}"
    if before.prices == after.prices:
        return before.prices
    return f"before: {before.prices}; after: {after.prices}"


def usage_sentence(estimate: CostEstimate) -> str:
    return f"{estimate.usage_share:.0%} of this estimate depends on usage"


def table(estimate: CostEstimate) -> Table:
    from rich.table import Table

    result = Table(
        title=f"{estimate.title}: monthly cost ({_region_and_prices(estimate)})",
        title_justify="left",
    )
    for name, justify in (
        ("component", "left"),
        ("cost component", "left"),
        ("quantity", "right"),
        ("unit", "left"),
        ("unit price", "right"),
        ("monthly", "right"),
        ("basis", "left"),
    ):
        result.add_column(name, justify=justify)  # type: ignore[arg-type]
    for component in estimate.components:
        if not component.lines and component.note:
            result.add_row(component.id, "nothing priced here", "", "", "", usd(0), component.note)
        for index, line in enumerate(component.lines):
            result.add_row(
                component.id if index == 0 else "",
                line.name,
                quantity(line.quantity),
                line.unit,
                unit_price(line),
                usd(line.monthly_usd),
                line.basis,
            )
    per_million = estimate.usd_per_million_requests
    result.add_section()
    total = "total (partial)" if estimate.partial else "total"
    result.add_row(total, "", "", "", "", usd(estimate.monthly_usd), partial_note(estimate)[2:])
    if per_million is not None:
        result.add_row("per million requests", "", "", "", "", usd(per_million), "")
    coverage = estimate.coverage
    result.caption = "; ".join(
        [usage_sentence(estimate)]
        + ([f"coverage: {coverage.coverage_line()}"] if coverage else [])
        + [f"not modelled: {text}" for text in (coverage.not_modelled_lines() if coverage else [])]
        + [f"not priced: {c}" for c in (*estimate.unpriced, *estimate.not_priced)]
        + [f"{figure.key} {figure.value:g}: {figure.basis}" for figure in estimate.figures]
    )
    result.caption_justify = "left"
    return result


def figures_markdown(estimate: CostEstimate) -> list[str]:
    """The figures the lines rest on: a stated one is the author's, a default has its basis."""
    out = [
        "",
        "## Figures the bill rests on",
        "",
        "| figure | value | what it is | basis |",
        "|---|---:|---|---|",
    ]
    out += [f"| `{f.key}` | {f.value:g} | {f.label} | {_cell(f.basis)} |" for f in estimate.figures]
    return out


def sensitivity_markdown(swings: Sequence[Swing]) -> list[str]:
    out = [
        "",
        "## Sensitivity",
        "",
        "The total with one figure moved to each end of its range, the rest held; the largest "
        "spread decides the bill.",
        "",
        "| figure | value | basis | low | total at low | high | total at high | spread |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for swing in swings:
        out.append(
            f"| `{swing.key}` | {swing.value:g} | {_cell(swing.basis)} | {swing.low:g} | "
            f"{usd(swing.total_at_low)} | {swing.high:g} | {usd(swing.total_at_high)} | "
            f"{usd(swing.spread)} |"
        )
    return out


def sensitivity_table(title: str, swings: Sequence[Swing]) -> Table:
    from rich.table import Table

    result = Table(title=f"{title}: what moves the total", title_justify="left")
    for name, justify in (
        ("figure", "left"),
        ("value", "right"),
        ("basis", "left"),
        ("low", "right"),
        ("total at low", "right"),
        ("high", "right"),
        ("total at high", "right"),
        ("spread", "right"),
    ):
        result.add_column(name, justify=justify)  # type: ignore[arg-type]
    for swing in swings:
        result.add_row(
            swing.key, f"{swing.value:g}", swing.basis, f"{swing.low:g}",
            usd(swing.total_at_low), f"{swing.high:g}", usd(swing.total_at_high),
            usd(swing.spread),
        )  # fmt: skip
    return result


def partial_note(estimate: CostEstimate) -> str:
    """`; partial: ...` when some components have no price or the template has resources
    the model leaves out, else nothing."""
    if not estimate.partial:
        return ""
    parts = []
    count = len(estimate.unpriced)
    if count:
        parts.append(
            f"{count} component{'s' if count > 1 else ''} not priced "
            f"({', '.join(item.split(' ', 1)[0] for item in estimate.unpriced)})"
        )
    coverage = estimate.coverage
    if coverage is not None and coverage.not_modelled:
        left = len(coverage.not_modelled)
        parts.append(
            f"{left} resource{'s' if left > 1 else ''} of the template not modelled "
            f"({', '.join(coverage.not_modelled_types())})"
        )
    return f"; partial: {'; '.join(parts)}, see below"


def _comparison_snapshots(before: CostEstimate, after: CostEstimate) -> str:
    if before.price_date is not None and after.price_date is not None:
        return f"AWS on-demand, snapshots published {before.price_date} and {after.price_date}"
    return f"before, {_snapshot(before)}; after, {_snapshot(after)}"


def comparison_markdown(comparison: Comparison) -> str:
    before, after = comparison.before, comparison.after
    out = [
        f"# Cost change: {before.model} -> {after.model}",
        "",
        f"- Before: {usd(before.monthly_usd)}; after: {usd(after.monthly_usd)}; "
        f"change: {comparison.delta_usd:+,.2f} USD a month",
        f"- Prices: {_comparison_snapshots(before, after)}",
        "",
        "| component | status | change |",
        "|---|---|---:|",
    ]
    for component, status, delta in comparison.component_deltas():
        out.append(f"| {component} | {status} | {delta:+,.2f} |")
    out += [
        "",
        "| component | cost component | status | quantity before | quantity after | unit | "
        "before | after | change |",
        "|---|---|---|---:|---:|---|---:|---:|---:|",
    ]
    for change in comparison.changes:
        q0 = "" if change.before_quantity is None else quantity(change.before_quantity)
        q1 = "" if change.after_quantity is None else quantity(change.after_quantity)
        out.append(
            f"| {change.component} | {_cell(change.line)} | {change.status} | {q0} | {q1} | "
            f"{change.unit} | {usd(change.before_usd)} | {usd(change.after_usd)} | "
            f"{change.delta_usd:+,.2f} |"
        )
    return "\n".join(out) + "\n"


def comparison_csv(comparison: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ("component", "line", "status", "before_quantity", "after_quantity", "unit",
         "before_usd", "after_usd", "delta_usd", "prices_published")
    )  # fmt: skip
    for c in comparison.changes:
        writer.writerow(
            (
                c.component,
                c.line,
                c.status,
                "" if c.before_quantity is None else f"{c.before_quantity:.6f}",
                "" if c.after_quantity is None else f"{c.after_quantity:.6f}",
                c.unit,
                f"{c.before_usd:.2f}",
                f"{c.after_usd:.2f}",
                f"{c.delta_usd:.2f}",
                comparison.after.price_date or "",
            )
        )
    return buffer.getvalue()


def comparison_table(comparison: Comparison) -> Table:
    from rich.table import Table

    result = Table(
        title=f"{comparison.before.model} -> {comparison.after.model}: "
        f"{comparison.delta_usd:+,.2f} USD a month "
        f"({prices_of_both(comparison.before, comparison.after)})",
        title_justify="left",
    )
    for name in ("component", "cost component", "status", "before", "after", "change"):
        result.add_column(name)
    for c in comparison.changes:
        result.add_row(
            c.component, c.line, c.status, usd(c.before_usd), usd(c.after_usd),
            f"{c.delta_usd:+,.2f}",
        )  # fmt: skip
    return result
