"""The usage calculation as a JSON-ready document and as a rich table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlib.model.traffic import SECONDS_PER_MONTH_EXACT, SECONDS_PER_MONTH_ROUNDED

if TYPE_CHECKING:
    from rich.table import Table

    from archlib.model import Architecture


def usage_document(model: Architecture) -> dict[str, Any]:
    figures = model.traffic.usage()
    return {
        "model": model.name,
        "users": figures.users,
        "users_illustrative": model.traffic.users_illustrative,
        "reads_per_month": figures.reads_per_month,
        "writes_per_month": figures.writes_per_month,
        "read_write_ratio": figures.read_write_ratio,
        "new_content_tb_per_month": figures.new_content_tb_per_month,
        "content_tb_retained": figures.content_tb_retained,
        "retention_months": figures.retention_months,
        "rounded": {
            "seconds_per_month": SECONDS_PER_MONTH_ROUNDED,
            "writes_per_second": figures.writes_per_second_rounded,
            "reads_per_second": figures.reads_per_second_rounded,
        },
        "exact": {
            "seconds_per_month": SECONDS_PER_MONTH_EXACT,
            "writes_per_second": figures.writes_per_second,
            "reads_per_second": figures.reads_per_second,
        },
        "peak": {
            "peak_to_average": figures.peak_to_average,
            "writes_per_second": figures.peak_writes_per_second,
            "reads_per_second": figures.peak_reads_per_second,
        },
    }


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


def usage_table(model: Architecture) -> Table:
    from rich.table import Table

    doc = usage_document(model)
    users = f"{doc['users']:,}" + (" (illustrative)" if doc["users_illustrative"] else "")
    ratio = doc["read_write_ratio"]
    table = Table(title=f"{model.title}: usage", title_justify="left")
    table.add_column("figure")
    table.add_column("rounded (2.5M s/month)", justify="right")
    table.add_column("exact (730 h/month)", justify="right")
    table.add_row("users", users, users)
    table.add_row(
        "reads per month", _number(doc["reads_per_month"]), _number(doc["reads_per_month"])
    )
    table.add_row(
        "writes per month", _number(doc["writes_per_month"]), _number(doc["writes_per_month"])
    )
    if ratio is not None:
        table.add_row("read:write", f"{ratio:,.0f}:1", f"{ratio:,.0f}:1")
    new = f"{doc['new_content_tb_per_month']:,.3g} TB"
    kept = f"{doc['content_tb_retained']:,.3g} TB"
    table.add_row("new content per month", new, new)
    table.add_row(f"content after {doc['retention_months']} months", kept, kept)
    for label, key in (
        ("writes per second", "writes_per_second"),
        ("reads per second", "reads_per_second"),
    ):
        table.add_row(
            f"{label} (average)", _number(doc["rounded"][key]), _number(doc["exact"][key])
        )
    peak = doc["peak"]
    table.add_row(
        f"writes per second (peak, x{peak['peak_to_average']:g})",
        "",
        _number(peak["writes_per_second"]),
    )
    table.add_row(
        f"reads per second (peak, x{peak['peak_to_average']:g})",
        "",
        _number(peak["reads_per_second"]),
    )
    return table
